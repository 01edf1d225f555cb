"""Bearer-token guard for everything that changes data (updates, graph store, reload).

Changes are off unless ``GOVKG_UPDATE_TOKEN`` is set; then a request needs
``Authorization: Bearer <token>``: 401 without one, 403 with a wrong one.
"""

from __future__ import annotations

import secrets

from fastapi import HTTPException, Request

from govkg.config import Settings


def check_update_token(settings: Settings, authorization: str | None) -> None:
    """Raise the HTTP error a change request deserves, or return when it may proceed.

    The token is compared in constant time as bytes (the header's raw bytes, the setting's UTF-8),
    so a header with non-ASCII characters is a wrong token (403), never an error.

    Raises:
        HTTPException: 403 when updates are disabled or the token is wrong, 401 when none is given.
    """
    if settings.update_token is None:
        raise HTTPException(403, "updates are disabled: start the service with GOVKG_UPDATE_TOKEN set")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    given = token.strip().encode("latin-1", "replace")  # ASGI header values: the raw bytes as latin-1
    if not secrets.compare_digest(given, settings.update_token.get_secret_value().encode("utf-8")):
        raise HTTPException(403, "the bearer token is not valid")


def require_update_token(request: Request) -> None:
    """FastAPI dependency form of :func:`check_update_token`."""
    check_update_token(request.app.state.settings, request.headers.get("authorization"))
