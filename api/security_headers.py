"""Headers every response carries: nosniff and a referrer policy; HTML also a strict Content-Security-Policy.

Scripts and styles may come only from this service (``'self'``) or be one of the service's own
inline blocks, named by hash (:data:`INLINE`): an injected ``<script>`` matches no hash and does not
run, and nothing needs ``'unsafe-inline'``. Frames are refused (``frame-ancestors``, setting
``GOVKG_FRAME_ANCESTORS``). A page that sets its own ``Content-Security-Policy`` header keeps it.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from functools import cache

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govkg.config import Settings

#: The service's own inline blocks (style and script element contents), read when first needed.
INLINE: list[Callable[[], list[str]]] = []


def inline(blocks: Callable[[], list[str]]) -> Callable[[], list[str]]:
    """Register a function giving inline blocks that pages may use (as a decorator)."""
    INLINE.append(blocks)
    return blocks


@cache
def hashes() -> str:
    """The CSP source expressions for every registered inline block."""
    texts = sorted({text for blocks in INLINE for text in blocks()})
    return " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(t.encode()).digest()).decode()}'" for t in texts)


def policy(frame_ancestors: str) -> str:
    """The Content-Security-Policy for HTML responses."""
    own = f"'self' {hashes()}".strip()
    return (
        f"default-src 'self'; script-src {own}; style-src {own}; img-src 'self' data:; "
        f"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {frame_ancestors}"
    )


class SecurityHeaders:
    """ASGI middleware adding the headers to every HTTP response."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.frame_ancestors = settings.frame_ancestors
        self.referrer_policy = settings.referrer_policy.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                message = {**message, "headers": headers + self.missing(headers)}
            await send(message)

        await self.app(scope, receive, with_headers)

    def missing(self, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        """The headers a response with these (lower-case) ``headers`` lacks."""
        names = {name.lower() for name, _ in headers}
        extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", self.referrer_policy)]
        content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"")
        if content_type.startswith(b"text/html") and b"content-security-policy" not in names:
            extra.append((b"content-security-policy", policy(self.frame_ancestors).encode()))
            if self.frame_ancestors == "'none'":
                extra.append((b"x-frame-options", b"DENY"))
        return [(name, value) for name, value in extra if name not in names]


@inline
def _pages() -> list[str]:
    """The style and script blocks the current pages inline (imported late: the pages import the app's modules)."""
    from govkg.audit.html import STYLE as AUDIT_STYLE
    from viz.render import _asset, _vis_asset

    graph = [_asset("static/graph.css"), _asset("static/graph.js")]
    vis = [_vis_asset("vis-network.css"), _vis_asset("vis-network.min.js")]
    return [AUDIT_STYLE, *graph, *vis]  # /sparql (YASGUI) has no inline block
