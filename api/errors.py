"""Domain errors as JSON bodies ``{"error": CODE, "message": ...}`` with the fitting HTTP status."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

from govkg.errors import (
    GovkgError,
    LoadError,
    NotFound,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    StoreError,
)

STATUS: dict[type[GovkgError], int] = {
    NotFound: 404,
    QuerySyntaxError: 400,
    QueryRefused: 400,
    ResultTooLarge: 413,
    QueryTimeout: 503,
    LoadError: 422,
    StoreError: 502,
}


def status_for(error: GovkgError) -> int:
    """The HTTP status for a domain error (500 for one nobody mapped)."""
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def error_body(code: str, message: str) -> dict[str, str]:
    """The JSON error shape every route uses."""
    return {"error": code, "message": message}


async def govkg_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Turn a domain error into its JSON body and status."""
    assert isinstance(exc, GovkgError)
    return JSONResponse(error_body(exc.code, exc.message), status_code=status_for(exc))
