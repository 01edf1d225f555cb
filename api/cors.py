"""Cross-origin access (CORS): a SPARQL client in a page served elsewhere (YASGUI on another host, a
notebook) may read from this service, as it may from Fuseki or Oxigraph server.

Any origin by default (``GOVKG_CORS_ORIGINS``, ``''`` turns it off). No cookies are ever sent or
honoured (``allow_credentials`` stays off); writes still need the bearer token, which a page on
another origin does not have, so opening reads to every origin opens no write.
"""

from __future__ import annotations

from typing import TypedDict

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp

from govkg.config import Settings

METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"]
HEADERS = ["Accept", "Accept-Language", "Authorization", "Content-Type", "If-None-Match", "If-Match"]
EXPOSED = ["ETag", "Last-Modified", "Location", "Content-Disposition", "Content-Language"]


def origins(settings: Settings) -> list[str]:
    """The allowed origins, from the setting."""
    return [o.strip() for o in settings.cors_origins.split(",") if o.strip()]


def with_cors(app: ASGIApp, settings: Settings) -> ASGIApp:  # the /sparql fast path's copy of the middleware
    """``app`` answering CORS preflights and marking answers for the allowed origins (unchanged if none)."""
    allowed = origins(settings)
    if not allowed:
        return app
    return CORSMiddleware(app, **cors_options(settings))


class CorsOptions(TypedDict):
    """Starlette's ``CORSMiddleware`` arguments."""

    allow_origins: list[str]
    allow_methods: list[str]
    allow_headers: list[str]
    expose_headers: list[str]
    max_age: int


def cors_options(settings: Settings) -> CorsOptions:
    """Keyword arguments for ``app.add_middleware(CORSMiddleware, ...)``."""
    return {
        "allow_origins": origins(settings),
        "allow_methods": METHODS,
        "allow_headers": HEADERS,
        "expose_headers": EXPOSED,
        "max_age": 600,
    }
