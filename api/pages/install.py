"""Wiring of the pages into an app: entity pages, the vocabulary, /docs and their static files."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.pages.render import STATIC_DIR, STATIC_URL


def install_pages(app: FastAPI) -> None:
    """Add ``/id/{slug}``, ``/ontology``, ``/docs`` and ``/static/pages`` to ``app``."""
    from api.routers import docs, entities

    app.include_router(entities.router)
    app.include_router(docs.router)
    app.mount(STATIC_URL, StaticFiles(directory=STATIC_DIR), name="page-assets")
