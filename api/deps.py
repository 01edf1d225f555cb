"""FastAPI dependencies: the store and settings come from the app, never from module globals.

The dependencies are ``async`` so FastAPI calls them on the event loop instead of paying a
threadpool hop per request; ``store_of``/``settings_of`` serve code outside the dependency system.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from govkg.config import Settings
from govkg.store import Store


def store_of(request: Request) -> Store:
    """The store the app serves."""
    store: Store = request.app.state.store
    return store


def settings_of(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> Store:
    """The store this app serves (tests swap it with ``app.dependency_overrides``)."""
    return store_of(request)


async def get_settings(request: Request) -> Settings:
    """The settings this app was built with."""
    return settings_of(request)


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
