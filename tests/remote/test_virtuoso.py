"""The remote store on a second engine, Virtuoso 7.2 from Debian: what govkg needs works, quirks and all.

One server for the module (about 20 s to build its database on this machine). Each test clears
govkg's graphs first. What Virtuoso does differently is in :mod:`tests.remote.virtuoso`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from govkg.config import Settings
from govkg.inference import INFERRED_GRAPH
from govkg.loading import LoadedGraph
from govkg.namespaces import ID
from govkg.store import EmbeddedStore
from govkg.store.remote import RemoteStore
from tests.remote.virtuoso import VirtuosoServer

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


def count(store: EmbeddedStore | RemoteStore, sparql: str = COUNT) -> int:
    value = store.query(sparql).rows[0][0]
    assert isinstance(value, ox.Literal)
    return int(value.value)


@pytest.fixture
def loaded(virtuoso: VirtuosoServer, fixture_graphs: list[LoadedGraph]) -> Iterator[RemoteStore]:
    virtuoso.clear()
    with virtuoso.open() as store:
        store.load(fixture_graphs)
        yield store


@pytest.mark.server
def test_loading_and_the_union_default_graph_match_the_embedded_store(
    loaded: RemoteStore, fixture_graphs: list[LoadedGraph]
) -> None:
    embedded = EmbeddedStore()
    embedded.load(fixture_graphs)
    assert loaded.graph_names() == embedded.graph_names(), "Virtuoso's own graphs stay out"
    assert not loaded._bulk, "Virtuoso keeps nothing of a dataset POST, so graphs go one PUT each"
    assert count(loaded) == count(embedded) and loaded.triple_count() == embedded.triple_count()
    assert len(loaded.get_graph(INFERRED_GRAPH)) == len(embedded.get_graph(INFERRED_GRAPH)), "inferred here"
    assert loaded.query("ASK { ?s a ?t }").boolean is True
    assert loaded.query("ASK { <urn:x:none> ?p ?o }").boolean is False


@pytest.mark.server
def test_updates_and_graph_writes_go_through_digest_auth(loaded: RemoteStore) -> None:
    version = loaded.version
    loaded.update(f'INSERT DATA {{ GRAPH <{ID}graph/edits> {{ <{ID}x> <{LABEL}> "X"@da }} }}')
    assert f"{ID}graph/edits" in loaded.graph_names() and loaded.version != version
    triple = ox.Triple(ox.NamedNode(f"{ID}y"), ox.NamedNode(LABEL), ox.Literal("Y", language="da"))
    loaded.put_graph(f"{ID}graph/put", [triple])
    assert loaded.get_graph(f"{ID}graph/put") == [triple]
    loaded.delete_graph(f"{ID}graph/put")
    assert f"{ID}graph/put" not in loaded.graph_names()


@pytest.mark.server
def test_the_app_over_virtuoso_answers_queries(loaded: RemoteStore, settings: Settings) -> None:
    with TestClient(create_app(settings, store=loaded)) as client:
        answer = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "application/sparql-results+json"})
        assert answer.status_code == 200 and answer.headers["etag"]
        assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) == count(loaded)
        asked = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"})
        assert asked.json()["boolean"] is True, "Virtuoso's ?__ASK_RETVAL row comes out as a boolean"
