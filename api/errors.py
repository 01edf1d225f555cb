"""Domain errors as JSON bodies ``{"error": CODE, "message": ...}`` with the fitting HTTP status."""

from __future__ import annotations

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from govkg.errors import (
    GovkgError,
    InvalidParameter,
    LoadError,
    NotFound,
    QueryAborted,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    StoreError,
)

STATUS: dict[type[GovkgError], int] = {
    NotFound: 404,
    InvalidParameter: 422,
    QuerySyntaxError: 400,
    QueryRefused: 400,
    ResultTooLarge: 413,
    QueryTimeout: 503,
    QueryAborted: 503,
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


HTTP_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    409: "CONFLICT",
    413: "TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Plain HTTP errors (404 for an unknown path, 401/403 from the token guard) in the same JSON shape."""
    assert isinstance(exc, StarletteHTTPException)
    code = HTTP_CODES.get(exc.status_code, "HTTP_ERROR")
    return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code, headers=exc.headers)


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Bad parameters: 422 with a readable message and FastAPI's detail list."""
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    message = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors)
    body: dict[str, object] = {**error_body("INVALID_PARAMETER", message), "detail": jsonable_encoder(errors)}
    return JSONResponse(body, status_code=422)
