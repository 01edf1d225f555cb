"""Request body limits, enforced on the raw ASGI stream before any handler reads a byte.

A request announcing a ``Content-Length`` over the limit is answered 413 at once; a chunked body
is counted as it arrives and stopped with 413 the moment it passes the limit (handlers that read
bodies get :class:`BodyTooLarge`, an ``HTTPException``, so every error path answers the same).
Graph Store uploads (``/store``) may be as large as ``max_data_bytes``; every other request
(queries, updates, forms) as ``max_query_bytes``, which also bounds a query string.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_body
from govkg.config import Settings


class BodyTooLarge(HTTPException):
    """A body (or query string) over the limit of its endpoint."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request is larger than this endpoint's limit of {limit:,} bytes")


class BodyLimit:
    """ASGI middleware: 413 for bodies over the limit of their path, checked before they are read."""

    def __init__(self, app: ASGIApp, settings: Settings, data_paths: tuple[str, ...] = ("/store",)) -> None:
        self.app = app
        self.settings = settings
        self.data_paths = data_paths

    def limit_for(self, scope: Scope) -> int:
        path = scope["path"].removeprefix(scope.get("root_path", ""))
        return self.settings.max_data_bytes if path in self.data_paths else self.settings.max_query_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length", b"0")
        if len(scope.get("query_string", b"")) > self.settings.max_query_bytes:
            await refuse(send, BodyTooLarge(self.settings.max_query_bytes))
            return
        if declared == b"0" and b"transfer-encoding" not in headers:  # no body: nothing to count
            await self.app(scope, receive, send)
            return
        if not declared.isdigit() or int(declared) > limit:
            await refuse(send, BodyTooLarge(limit) if declared.isdigit() else HTTPException(400, "bad Content-Length"))
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge as exc:
            if started:
                raise
            await refuse(send, exc)


async def refuse(send: Send, error: HTTPException) -> None:
    """Answer with the service's JSON error body, asking the client to close the connection."""
    code = "TOO_LARGE" if error.status_code == 413 else "BAD_REQUEST"
    body = json.dumps(error_body(code, str(error.detail))).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send(
        {"type": "http.response.start", "status": error.status_code, "headers": [*headers, (b"connection", b"close")]}
    )
    await send({"type": "http.response.body", "body": body})
