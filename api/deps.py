"""FastAPI dependencies: the store and settings come from the app, never from module globals."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from govkg.config import Settings
from govkg.store import Store


def get_store(request: Request) -> Store:
    """The store this app serves (tests swap it with ``app.dependency_overrides``)."""
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    """The settings this app was built with."""
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
