"""SPARQL JSON written by the engine: the same bytes as the Python writer, and the same result cap."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from api.sparql_formats import to_json_fast
from api.sparql_native import BYTES_PER_RESULT, answer_json, native_json
from govkg.errors import ResultTooLarge
from govkg.results import QueryResult, materialise
from govkg.store import EmbeddedStore

DATA = """INSERT DATA {
  <urn:a> <urn:p> "tab\\t quote\\" backslash\\\\ control\\u0001 é / \\u2028 😀", "1"^^<http://www.w3.org/2001/XMLSchema#integer>,
    "hej"@da, "hi"@en-GB, _:b1, "2024-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .
  << <urn:a> <urn:p> <urn:o> >> <urn:q> "r" .
}"""
QUERIES = [
    "SELECT ?s ?p ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:nothing> ?none } } ORDER BY ?o",
    "SELECT * WHERE { }",
    "SELECT ?x WHERE { VALUES ?x { UNDEF } }",
    "SELECT (COUNT(*) AS ?n) (SAMPLE(?p) AS ?one) WHERE { ?s ?p ?o }",
    "ASK { ?s ?p ?o }",
    "ASK { <urn:none> ?p ?o }",
]


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    made = EmbeddedStore()
    made._ox.update(DATA)
    return made


def rows(store: EmbeddedStore, count: int, width: int) -> str:
    store._ox.update("DELETE WHERE { ?s <urn:row> ?o }")
    values = " ".join(f'(<urn:r{i}> "{"x" * width}")' for i in range(count))
    store._ox.update(f"INSERT {{ ?s <urn:row> ?o }} WHERE {{ VALUES (?s ?o) {{ {values} }} }}")
    return "SELECT ?s ?o WHERE { ?s <urn:row> ?o }"


@pytest.mark.parametrize("query", QUERIES)
def test_the_engine_writes_the_same_bytes_as_the_python_writer(store: EmbeddedStore, query: str) -> None:
    answer = store._ox.query(query)
    assert not isinstance(answer, ox.QueryTriples)
    assert native_json(answer, 1000) == to_json_fast(materialise(store._ox.query(query)))


def test_the_cap_holds_for_short_and_long_rows(store: EmbeddedStore) -> None:
    query = rows(store, 6, 10)
    assert native_json(store._ox.query(query), 6) is not None, "six short rows are within a cap of six"
    with pytest.raises(ResultTooLarge, match="more than 5 results"):
        native_json(store._ox.query(query), 5)  # counted by the JSON decoder


def test_an_answer_past_the_byte_budget_is_read_the_usual_way(store: EmbeddedStore) -> None:
    query = rows(store, 3, BYTES_PER_RESULT + 4096)  # past 64 bytes a row and the slack for the head
    assert native_json(store._ox.query(query), 3) is None
    read = answer_json(store, query, None, None, 10, 3)
    assert isinstance(read, QueryResult) and len(read) == 3
    with pytest.raises(ResultTooLarge):
        answer_json(store, query, None, None, 10, 2)


def test_answers_come_with_their_form(store: EmbeddedStore) -> None:
    assert answer_json(store, "ASK { ?s ?p ?o }", None, None, 10, 10) == ("ASK", b'{"head":{},"boolean":true}')
    form, body = answer_json(store, "SELECT ?o WHERE { <urn:a> <urn:p> ?o } LIMIT 1", None, None, 10, 10)  # type: ignore[misc]
    assert form == "SELECT" and body.startswith(b'{"head":{"vars":["o"]}')
    graph = answer_json(store, "CONSTRUCT WHERE { <urn:a> <urn:p> ?o }", None, None, 10, 10)
    assert isinstance(graph, QueryResult) and graph.form == "GRAPH" and len(graph) == 6
