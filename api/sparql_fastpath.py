"""A short way in for ``/sparql``: the protocol handlers called straight from ASGI, before FastAPI's stack.

Measured on this project's 2-core machine, FastAPI's generic request path (its error, telemetry
and body-limit middleware, Starlette's dispatch, route matching and dependency solving) cost about
40 % of a small query's CPU time in the server process. The endpoint needs none of it, so
:class:`SparqlFirst` (the app's class) answers ``GET``/``POST /sparql`` with the very same handler
functions the routes in :mod:`api.routers.sparql` use (the routes stay, for the OpenAPI docs),
behind the body limits (:class:`~api.limits.BodyLimit`) and CORS (:mod:`api.cors`), adds the headers
:class:`~api.security_headers.SecurityHeaders` would, and maps errors with the app's own handlers;
an unexpected exception is logged and answered 500 as the full stack would. Everything else takes
the full stack.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from api.cors import with_cors
from api.errors import error_body, govkg_error_handler, http_error_handler
from api.limits import BodyLimit
from api.routers.sparql import query_by_get, query_by_post
from api.security_headers import SecurityHeaders
from govkg.errors import GovkgError

HANDLERS: dict[str, Callable[[Request], Awaitable[Response]]] = {"GET": query_by_get, "POST": query_by_post}
PATH = "/sparql"
log = logging.getLogger(__name__)


class Answerer:
    """ASGI app for ``GET``/``POST /sparql``: the protocol handler's answer, errors as the app maps them."""

    def __init__(self, security: SecurityHeaders) -> None:
        self.security = security

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await HANDLERS[scope["method"]](request)
        except GovkgError as exc:
            response = await govkg_error_handler(request, exc)
        except HTTPException as exc:
            response = await http_error_handler(request, exc)
        except Exception:
            log.exception("/sparql failed")
            response = JSONResponse(error_body("INTERNAL_ERROR", "the server failed to answer"), status_code=500)
        response.raw_headers += self.security.missing(response.raw_headers)
        await response(scope, receive, send)


class SparqlFirst(FastAPI):
    """The app: ``GET``/``POST /sparql`` go to an :class:`Answerer` behind the body limits only."""

    _sparql: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in HANDLERS
            or scope["path"].removeprefix(scope.get("root_path", "")) != PATH
        ):
            await super().__call__(scope, receive, send)
            return
        if self._sparql is None:
            settings = self.state.settings
            self._sparql = BodyLimit(with_cors(Answerer(SecurityHeaders(self, settings)), settings), settings=settings)
        scope["app"] = self
        await self._sparql(scope, receive, send)
