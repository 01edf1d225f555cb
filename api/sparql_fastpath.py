"""A short way in for ``/sparql``: the protocol handlers called straight from ASGI, past FastAPI's router.

Measured on this project's 2-core machine, FastAPI's generic request path (its middleware, route
matching and dependency solving) cost about 40 % of a small query's CPU time. The endpoint needs
none of it, so this middleware hands GET and POST ``/sparql`` to the very same handler functions
the routes in :mod:`api.routers.sparql` use (the routes stay, for the OpenAPI docs and for any app
built without this middleware), and maps errors with the app's own handlers. Everything else
passes through untouched.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import govkg_error_handler, http_error_handler
from api.routers.sparql import query_by_get, query_by_post
from govkg.errors import GovkgError

HANDLERS: dict[str, Callable[[Request], Awaitable[Response]]] = {"GET": query_by_get, "POST": query_by_post}


class SparqlFastPath:
    """ASGI middleware: ``GET``/``POST /sparql`` go to the protocol handlers directly."""

    def __init__(self, app: ASGIApp, path: str = "/sparql") -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = HANDLERS.get(scope.get("method", "")) if scope["type"] == "http" else None
        if handler is None or scope["path"].removeprefix(scope.get("root_path", "")) != self.path:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await handler(request)
        except GovkgError as exc:
            response = await govkg_error_handler(request, exc)
        except HTTPException as exc:
            response = await http_error_handler(request, exc)
        await response(scope, receive, send)
