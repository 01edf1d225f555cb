"""ETags from the dataset version, so pages and answers revalidate cheaply (304) until data changes."""

from __future__ import annotations

import hashlib

from fastapi import Request


def version_etag(version: str, *parts: str) -> str:
    """A strong ETag for one representation of the dataset at ``version`` (an ETag or its inner text)."""
    digest = hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()[:12] if parts else ""
    return '"' + "-".join(p for p in (version.strip('"'), digest) if p) + '"'


def not_modified(request: Request, etag: str) -> bool:
    """Whether the request's If-None-Match already names ``etag`` (or ``*``)."""
    wanted = request.headers.get("if-none-match", "")
    return wanted.strip() == "*" or etag in [tag.strip().removeprefix("W/") for tag in wanted.split(",")]
