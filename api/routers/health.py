"""``/healthz``: is the service ready, how much does it serve, which dataset version."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import StoreDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """Readiness and what is loaded."""

    status: str
    triples: int
    graphs: int
    version: str
    modified: str
    durable: bool = Field(description="Whether an acknowledged write survives a restart (false: in memory)")


@router.get("/healthz", response_model=Health)
def read_health(store: StoreDep) -> Health:
    """Ready when the data is loaded; the version changes with every load or update."""
    version = store.version
    return Health(
        status="ok",
        triples=store.triple_count(),
        graphs=len(store.graph_names()),
        version=version.etag.strip('"'),
        modified=version.modified.isoformat(),
        durable=store.durable,
    )
