"""``POST /api/reload``: re-read the configured folders; a broken file leaves the served data untouched."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from api.auth import require_update_token
from api.deps import SettingsDep, StoreDep
from govkg.service import reload

router = APIRouter(prefix="/api", tags=["admin"])


class Reloaded(BaseModel):
    """What is served after a successful reload."""

    triples: int
    graphs: int
    version: str


@router.post(
    "/reload",
    response_model=Reloaded,
    dependencies=[Depends(require_update_token)],
    responses={422: {"description": "A file is malformed; the old data stays served"}},
)
def reload_data(store: StoreDep, settings: SettingsDep) -> Reloaded:
    """Reload ontology/, data/ and shapes/ from disk, all or nothing (needs the update token)."""
    triples = reload(store, settings)
    return Reloaded(triples=triples, graphs=len(store.graph_names()), version=store.version.etag.strip('"'))
