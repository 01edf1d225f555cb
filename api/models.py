"""Response models of the REST answers, for OpenAPI: the answer models of the core plus the error body.

The answers themselves are defined once, in :mod:`govkg.answers.models` (typed, documented
pydantic models); this module re-exports them for the API and adds what only HTTP needs.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from govkg.answers.models import Chain, Document, Entity, Obligation, Path, SearchResult


class ErrorBody(BaseModel):
    """Every error the API returns: a stable code and a message for people."""

    error: str = Field(description="NOT_FOUND, INVALID_PARAMETER, ...", examples=["NOT_FOUND"])
    message: str = Field(examples=["no entity 'no-such-thing' in the dataset (try /api/entities?q=...)"])


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the error statuses a route can answer with."""
    meaning = {
        404: "An unknown slug, or (for /api/path) no path between the two entities",
        422: "A parameter is malformed or names nothing known (e.g. an unknown type or frequency)",
    }
    return {status: {"model": ErrorBody, "description": meaning[status]} for status in statuses}


__all__ = ["Chain", "Document", "Entity", "ErrorBody", "Obligation", "Path", "SearchResult", "errors"]
