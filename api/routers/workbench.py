"""The SPARQL workbench's own resources: its configuration and the graph's vocabulary, as JSON.

The page at ``/sparql`` (:mod:`api.sparql_page`) and its script are static; what depends on this
service (endpoint, whether updates are on, the examples, the classes and properties for completion)
comes from here. The vocabulary is read from the store off the event loop, once per dataset version.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from api.deps import settings_of, store_of
from api.sparql_page import STATIC_DIR
from api.sparql_workbench import vocabulary, workbench_config

router = APIRouter(tags=["sparql"])
__all__ = ["STATIC_DIR", "router"]


@router.get("/sparql/workbench.json")
def workbench(request: Request) -> dict[str, object]:
    """How the workbench is set up for this service: endpoint, prefixes, examples (da, en)."""
    return workbench_config("/sparql", settings_of(request).update_token is not None)


@router.get("/sparql/vocabulary.json")
async def vocabulary_json(request: Request) -> dict[str, list[str]]:
    """Every class and property the ontology declares or the data uses (IRIs), for completion."""
    store = store_of(request)
    return await run_in_threadpool(vocabulary, store)
