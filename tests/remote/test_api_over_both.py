"""The HTTP service over Oxigraph server answers every request exactly as over the embedded store.

Two apps on the seed data, one per store; each request goes to both and the answers must be the
same (JSON compared with lists sorted, a page by the entities it shows: two stores may return
rows in different orders). A few
checks then stand on their own, so that both apps being wrong in the same way would still fail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import rdflib
import rdflib.compare
from fastapi.testclient import TestClient
from pydantic import SecretStr
from rdflib.namespace import RDF, SH

from api.app import create_app
from govkg.config import Settings
from govkg.loading import LoadedGraph
from govkg.namespaces import ID
from govkg.store import Store
from govkg.store.remote import RemoteStore
from tests.live import UPDATE_TOKEN
from tests.remote.conftest import OxigraphServer, open_remote

REGIONS = "SELECT ?r WHERE { ?r a <https://w3id.org/govkg/ontology#Region> }"
REPORTS = "CONSTRUCT WHERE { ?a <http://www.w3.org/ns/org#reportsTo> ?b }"
REQUESTS = {
    "health": ("/healthz", {}),
    "sparql-select": ("/sparql", {"query": REGIONS}),
    "sparql-construct": ("/sparql", {"query": REPORTS}),
    "sparql-malformed": ("/sparql", {"query": "SELEC ?x"}),
    "sparql-service": ("/sparql", {"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}),
    "search": ("/api/entities", {"q": "region", "lang": "da"}),
    "entity": ("/api/entities/region-hovedstaden", {}),
    "unknown-entity": ("/api/entities/no-such-thing", {}),
    "chain": ("/api/entities/rkkp/chain", {"lang": "da"}),
    "path": ("/api/path", {"from": "rkkp", "to": "region-sjaelland"}),
    "obligations": ("/api/obligations", {}),
    "documents": ("/api/documents", {}),
    "graph-json": ("/api/graph", {}),
    "graph-page": ("/graph", {"lang": "da"}),
    "audit-json": ("/api/audit", {"lang": "da"}),
    "audit-report-graph": ("/api/audit", {}),
    "audit-page": ("/audit", {"lang": "en"}),
}
TURTLE_REQUESTS = {"sparql-construct", "audit-report-graph"}
VOLATILE = {"version", "modified", "durable"}  # per store: its own versions; in memory or kept by a server


def canonical(value: Any) -> Any:
    """JSON with every list sorted, and per-store version fields dropped."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def body(response: httpx.Response) -> Any:
    """What to compare: canonical JSON, an RDF graph, or for a page the entities it mentions."""
    media = response.headers.get("content-type", "").split(";")[0]
    if media.endswith("json"):
        return canonical(response.json())
    if media == "text/turtle":
        graph = rdflib.Graph().parse(data=response.text, format="turtle")
        results = list(graph.subjects(RDF.type, SH.ValidationResult))
        if not results:
            return graph
        # A SHACL report: the results themselves (the copied shape paths vary from run to run).
        keys = (SH.focusNode, SH.sourceShape, SH.resultSeverity, SH.resultPath, SH.value)
        shown = [[graph.value(r, k) for k in keys] for r in results]
        return sorted({" ".join("_:b" if isinstance(t, rdflib.BNode) else str(t) for t in row) for row in shown})
    return sorted(set(re.findall(r"id:[a-z0-9-]+", response.text)))


@pytest.fixture(scope="module")
def embedded_client(settings: Settings, seed_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(settings, store=seed_store)) as client:
        yield client


@pytest.fixture(scope="module")
def remote_client(settings: Settings, remote_seed_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(settings, store=remote_seed_store)) as client:
        yield client


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_the_remote_app_answers_like_the_embedded_one(
    embedded_client: TestClient, remote_client: TestClient, name: str
) -> None:
    path, params = REQUESTS[name]
    headers = {"Accept": "text/turtle"} if name in TURTLE_REQUESTS else {}
    embedded = embedded_client.get(path, params=params, headers=headers)
    remote = remote_client.get(path, params=params, headers=headers)
    assert (remote.status_code, remote.headers["content-type"]) == (
        embedded.status_code,
        embedded.headers["content-type"],
    )
    mine, theirs = body(remote), body(embedded)
    assert len(mine) > 0, "the answer has content to compare"
    if isinstance(mine, rdflib.Graph):
        assert rdflib.compare.isomorphic(mine, theirs)
    else:
        assert mine == theirs


@pytest.mark.parametrize("name", ["sparql-select", "entity", "chain"])
def test_the_remote_app_answers_from_the_documents(remote_client: TestClient, name: str) -> None:
    path, params = REQUESTS[name]
    answer = remote_client.get(path, params=params)
    assert answer.status_code == 200
    text = answer.text
    assert {"sparql-select": str(ID["region-sjaelland"]), "entity": "Region Hovedstaden", "chain": "rkkp"}[name] in text


def test_refused_and_malformed_queries_keep_their_protocol_status(remote_client: TestClient) -> None:
    assert remote_client.get("/sparql", params=REQUESTS["sparql-malformed"][1]).status_code == 400
    refused = remote_client.get("/sparql", params=REQUESTS["sparql-service"][1])
    assert refused.status_code == 400 and "SERVICE" in refused.text


@pytest.fixture
def writable_remote(
    oxigraph: OxigraphServer, fixture_graphs: list[LoadedGraph], settings: Settings
) -> Iterator[tuple[TestClient, RemoteStore]]:
    """An app with updates enabled over a remote store holding the small test files."""
    oxigraph.clear()
    with open_remote(oxigraph) as store:
        store.load(fixture_graphs)
        app = create_app(settings.model_copy(update={"update_token": SecretStr(UPDATE_TOKEN)}), store=store)
        with TestClient(app) as client:
            yield client, store


def test_an_update_through_the_api_lands_on_the_server(
    writable_remote: tuple[TestClient, RemoteStore], oxigraph: OxigraphServer
) -> None:
    client, store = writable_remote
    before = client.get("/healthz").json()
    update = "INSERT DATA { GRAPH <https://w3id.org/govkg/id/graph/bodies> { <x:a> <x:b> <x:c> } }"
    assert client.post("/update", data={"update": update}).status_code == 401, "updates need the token"
    done = client.post("/update", data={"update": update}, headers={"Authorization": f"Bearer {UPDATE_TOKEN}"})
    assert done.status_code == 204, done.text
    after = client.get("/healthz").json()
    assert after["triples"] == before["triples"] + 1 and after["version"] != before["version"]
    asked = httpx.post(oxigraph.query_url, data={"query": "ASK { GRAPH ?g { <x:a> <x:b> <x:c> } }"})
    assert asked.json()["boolean"] is True, "the triple is on the server itself"
    assert store.query("ASK { <x:a> <x:b> <x:c> }").boolean is True
