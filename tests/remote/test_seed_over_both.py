"""The seed documents served from Oxigraph server: the same data, the same answers, the same service.

A user points govkg at a SPARQL server (``govkg serve --store-url …``); the service loads the five
documents into it and must answer exactly as the embedded store does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic

from api.app import create_app
from govkg.config import Settings
from govkg.results import QueryResult
from govkg.store import Store
from tests.live import ROOT, free_port, stop
from tests.remote.conftest import OxigraphServer

PREFIXES = """PREFIX gov: <https://w3id.org/govkg/ontology#> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX prov: <http://www.w3.org/ns/prov#>
"""
QUESTIONS = {
    "reporting-lines": "SELECT ?from ?to WHERE { ?from org:reportsTo ?to }",
    "bodies-per-organisation": """SELECT ?org (COUNT(DISTINCT ?body) AS ?bodies) WHERE {
        ?body a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* gov:Body ;
              (org:reportsTo|gov:preparesCasesFor|gov:establishedBy|org:subOrganizationOf)+ ?org
    } GROUP BY ?org""",
    "bodies-without-mandate": """SELECT ?body WHERE {
        ?body a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* gov:Body
        FILTER NOT EXISTS { ?body gov:hasMandate ?m } }""",
    "labels-per-graph-and-language": """SELECT ?g ?lang (COUNT(*) AS ?n) WHERE {
        GRAPH ?g { ?x skos:prefLabel ?l } } GROUP BY ?g (lang(?l) AS ?lang)""",
    "passages-of-obligations": """SELECT ?o ?quote WHERE {
        ?o a gov:Obligation ; prov:wasDerivedFrom/gov:quote ?quote }""",
    "construct-memberships": "CONSTRUCT WHERE { ?m a org:Membership ; org:member ?who ; org:organization ?body }",
}


def comparable(result: QueryResult) -> list[str]:
    """Rows or triples as sorted strings, blank nodes anonymised (their labels differ per store)."""

    def show(term: object) -> str:
        return "_:b" if isinstance(term, ox.BlankNode) else str(term)

    if result.form == "GRAPH":
        return sorted(" ".join(show(t) for t in (x.subject, x.predicate, x.object)) for x in result.triples)
    return sorted(" ".join(show(t) for t in row) for row in result.rows)


def test_the_remote_store_holds_the_same_seed_data(seed_store: Store, remote_seed_store: Store) -> None:
    assert remote_seed_store.triple_count() == seed_store.triple_count() > 0
    assert remote_seed_store.graph_names() == seed_store.graph_names()
    assert {n: i.kind for n, i in remote_seed_store.catalog.items()} == {
        n: i.kind for n, i in seed_store.catalog.items()
    }


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_questions_get_the_same_answers(seed_store: Store, remote_seed_store: Store, name: str) -> None:
    sparql = PREFIXES + QUESTIONS[name]
    embedded = comparable(seed_store.query(sparql))
    assert embedded, f"the question {name!r} has answers in the seed data"
    assert comparable(remote_seed_store.query(sparql)) == embedded


def test_the_rdflib_view_is_the_same_graph(seed_store: Store, remote_seed_store: Store) -> None:
    kinds = frozenset({"ontology", "data"})
    assert isomorphic(remote_seed_store.rdflib_graph(kinds), seed_store.rdflib_graph(kinds))


@pytest.fixture(scope="module")
def app_client(any_seed_store: Store, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, store=any_seed_store)) as client:
        yield client


def test_health_reports_what_the_store_serves(app_client: TestClient, seed_store: Store) -> None:
    health = app_client.get("/healthz")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "ok"
    assert (body["triples"], body["graphs"]) == (seed_store.triple_count(), len(seed_store.graph_names()))


def _wait_for_health(url: str, process: subprocess.Popen[bytes], timeout: float) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            return httpx.get(f"{url}/healthz", timeout=2.0)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"govkg serve did not answer within {timeout} s (exit code {process.poll()})")


def test_govkg_serve_runs_on_a_sparql_server(
    start_oxigraph: Callable[[], OxigraphServer], seed_store: Store, tmp_path_factory: pytest.TempPathFactory
) -> None:
    server = start_oxigraph()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVKG_")}
    govkg = str(Path(sys.executable).parent / "govkg")
    command = [govkg, "serve", "--port", str(port), "--store-url", server.query_url]
    command += ["--update-url", server.update_url, "--graph-store-url", server.graph_store_url]
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        health = _wait_for_health(f"http://127.0.0.1:{port}", process, timeout=60.0)
        assert health.status_code == 200, log.read_text()
        assert health.json()["triples"] == seed_store.triple_count()
        on_server = httpx.post(
            server.query_url,
            data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "application/sparql-results+json"},
        )
        count = on_server.json()["results"]["bindings"][0]["n"]["value"]
        assert int(count) == seed_store.triple_count(), "the data was loaded into the server itself"
    finally:
        stop(process)
