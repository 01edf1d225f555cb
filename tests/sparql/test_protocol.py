"""Asking the endpoint as the SPARQL 1.1 Protocol allows, and being told off as it requires.

The graph is the small fixture world: a working group reports to a steering group, which reports
to the board; a network prepares cases for the steering group; two obligations in their own graph.
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.query import Result

from tests.sparql.conftest import ID, OBLIGATIONS, STRUCTURE

PREFIXES = "PREFIX org: <http://www.w3.org/ns/org#> PREFIX gov: <https://w3id.org/govkg/ontology#> "
WHO_REPORTS = PREFIXES + "SELECT ?body ?boss WHERE { ?body org:reportsTo ?boss } ORDER BY ?body"
EXPECTED_LINES = [(f"{ID}steering-group", f"{ID}board"), (f"{ID}working-group", f"{ID}steering-group")]
CHAIN = (
    PREFIXES
    + f"CONSTRUCT {{ ?a org:reportsTo ?b }} WHERE {{ <{ID}working-group> org:reportsTo* ?a . ?a org:reportsTo ?b }}"
)
SPARQL_QUERY = {"Content-Type": "application/sparql-query"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
UTF16 = {"Content-Type": "application/sparql-query; charset=UTF-16"}


def lines(body: bytes) -> list[tuple[str, str]]:
    bindings = json.loads(body)["results"]["bindings"]
    return [(b["body"]["value"], b["boss"]["value"]) for b in bindings]


def subjects(client: TestClient, query: str, **params: str | list[str]) -> set[str]:
    response = client.get("/sparql", params={"query": query, **params})
    assert response.status_code == 200, response.text
    return {b["s"]["value"] for b in response.json()["results"]["bindings"]}


def test_who_reports_to_whom_by_get_form_post_and_direct_post(reader: TestClient) -> None:
    by_get = reader.get("/sparql", params={"query": WHO_REPORTS})
    by_form = reader.post("/sparql", data={"query": WHO_REPORTS})
    direct = reader.post("/sparql", content=WHO_REPORTS.encode(), headers=SPARQL_QUERY)
    for response in (by_get, by_form, direct):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/sparql-results+json; charset=utf-8"
        assert lines(response.content) == EXPECTED_LINES


def test_the_default_graph_is_the_union_unless_the_query_or_request_names_one(reader: TestClient) -> None:
    everything = "SELECT DISTINCT ?s WHERE { ?s ?p ?o }"
    union = subjects(reader, everything)
    assert f"{ID}obligation-annual-report" in union and f"{ID}board" in union, "both documents are in the union"
    from_obligations = subjects(reader, f"SELECT DISTINCT ?s FROM <{OBLIGATIONS}> WHERE {{ ?s ?p ?o }}")
    assert from_obligations == {f"{ID}obligation-annual-report", f"{ID}obligation-prepare-cases"}
    only_named = subjects(reader, f"SELECT DISTINCT ?s FROM NAMED <{OBLIGATIONS}> WHERE {{ ?s ?p ?o }}")
    assert only_named == set(), "FROM NAMED alone leaves the default graph empty"
    protocol_wins = subjects(
        reader, f"SELECT DISTINCT ?s FROM <{OBLIGATIONS}> WHERE {{ ?s ?p ?o }}", **{"default-graph-uri": STRUCTURE}
    )
    assert f"{ID}board" in protocol_wins and f"{ID}obligation-annual-report" not in protocol_wins


def test_named_graph_uri_limits_graph_patterns_and_empties_the_default_graph(reader: TestClient) -> None:
    query = "SELECT DISTINCT ?g ?s WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }"
    response = reader.get("/sparql", params={"query": query, "named-graph-uri": [STRUCTURE]})
    graphs = {b.get("g", {}).get("value") for b in response.json()["results"]["bindings"]}
    assert graphs == {STRUCTURE}


@pytest.mark.parametrize(
    ("accept", "parse"),
    [
        pytest.param("application/sparql-results+xml", "xml", id="xml"),
        pytest.param("application/sparql-results+json", "json", id="json"),
        pytest.param("text/csv", "csv", id="csv"),
        pytest.param("text/tab-separated-values", "tsv", id="tsv"),
    ],
)
def test_solutions_in_each_results_format_parse_back(reader: TestClient, accept: str, parse: str) -> None:
    response = reader.get("/sparql", params={"query": WHO_REPORTS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{accept}; charset=utf-8"
    if parse == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [(r["body"], r["boss"]) for r in rows] == EXPECTED_LINES
        return
    result = Result.parse(io.BytesIO(response.content), format=parse)
    assert [(str(r[0]), str(r[1])) for r in result] == EXPECTED_LINES  # type: ignore[index]


def test_ask_answers_a_boolean(reader: TestClient) -> None:
    query = PREFIXES + f"ASK {{ <{ID}network> gov:preparesCasesFor <{ID}steering-group> }}"
    assert reader.get("/sparql", params={"query": query}).json() == {"head": {}, "boolean": True}
    response = reader.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert response.text.split() == ["_askResult", "true"]


@pytest.mark.parametrize(
    "accept",
    ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml", "application/trig"],
)
def test_construct_in_each_rdf_format_parses_back_to_the_chain(reader: TestClient, accept: str) -> None:
    response = reader.get("/sparql", params={"query": CHAIN}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"] == f"{accept}; charset=utf-8"
    parsed = ox.parse(response.content, format=ox.RdfFormat.from_media_type(accept))
    got = {(q.subject.value, q.predicate.value, q.object.value) for q in parsed}
    assert got == {(body, "http://www.w3.org/ns/org#reportsTo", boss) for body, boss in EXPECTED_LINES}


def test_nothing_acceptable_is_406(reader: TestClient) -> None:
    assert reader.get("/sparql", params={"query": WHO_REPORTS}, headers={"Accept": "image/png"}).status_code == 406
    only_rdf = reader.get("/sparql", params={"query": WHO_REPORTS}, headers={"Accept": "text/turtle"})
    assert only_rdf.status_code == 406 and "application/sparql-results+json" in only_rdf.json()["message"]


def test_a_malformed_query_is_400_with_the_parsers_message_and_position(reader: TestClient) -> None:
    response = reader.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p\n}"})
    assert response.status_code == 400
    body = response.json()
    # The message is the parser's, made readable (tests/sparql/test_errors.py): position, then words.
    assert body["error"] == "MALFORMED_QUERY" and body["message"].startswith("syntax error at 3:"), body


@pytest.mark.parametrize(
    ("method", "params", "headers", "body", "status"),
    [
        pytest.param("GET", [("query", "ASK {}"), ("query", "ASK {}")], {}, None, 400, id="two-queries"),
        pytest.param("POST", [], FORM, b"query=ASK+%7B%7D&update=CLEAR+ALL", 400, id="query-and-update"),
        pytest.param("GET", [("query", "ASK {}")], {"Content-Type": "text/plain"}, b"ASK {}", 400, id="get-with-body"),
        pytest.param("POST", [], {}, b"ASK {}", 415, id="no-media-type"),
        pytest.param("POST", [], {"Content-Type": "text/plain"}, b"ASK {}", 415, id="wrong-media-type"),
        pytest.param("POST", [], UTF16, "ASK {}".encode("utf-16"), 415, id="not-utf8-charset"),
        pytest.param("POST", [], SPARQL_QUERY, b"ASK { \xff }", 400, id="invalid-utf8"),
        pytest.param("POST", [("query", "ASK {}")], SPARQL_QUERY, b"ASK {}", 400, id="query-in-url-and-body"),
        pytest.param("POST", [], FORM, b"", 400, id="empty-form"),
        pytest.param("GET", [("update", "CLEAR ALL")], {}, None, 400, id="update-by-get"),
        pytest.param("GET", [("query", "ASK {}"), ("version", "1.1"), ("version", "1.2")], {}, None, 400,
                     id="two-versions"),
        pytest.param("GET", [("query", "ASK {}"), ("default-graph-uri", "not an iri")], {}, None, 400,
                     id="graph-not-an-iri"),
        pytest.param("GET", [("query", "ASK {}"), ("using-graph-uri", STRUCTURE)], {}, None, 400,
                     id="update-dataset-on-a-query"),
        pytest.param("PUT", [("query", "ASK {}")], {}, None, 405, id="put"),
    ],
)  # fmt: skip
def test_protocol_violations_are_client_errors(
    reader: TestClient,
    method: str,
    params: list[tuple[str, str]],
    headers: dict[str, str],
    body: bytes | None,
    status: int,
) -> None:
    response = reader.request(method, "/sparql", params=params, headers=headers, content=body)
    assert response.status_code == status, response.text
    assert response.json()["message"], "the error says what is wrong"


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", id="service"),
        pytest.param("SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", id="service-silent"),
    ],
)
def test_service_is_refused(reader: TestClient, query: str) -> None:
    response = reader.get("/sparql", params={"query": query})
    assert response.status_code == 400 and response.json()["error"] == "QUERY_REFUSED"


def test_answers_carry_etag_and_last_modified_and_revalidate(reader: TestClient) -> None:
    first = reader.get("/sparql", params={"query": WHO_REPORTS})
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    assert "Accept" in {v.strip() for v in first.headers["vary"].split(",")}, "caches key answers by Accept"
    again = reader.get("/sparql", params={"query": WHO_REPORTS}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["etag"] == etag and not again.content
    as_csv = reader.get("/sparql", params={"query": WHO_REPORTS}, headers={"If-None-Match": etag, "Accept": "text/csv"})
    assert as_csv.status_code == 200 and as_csv.headers["etag"] != etag, "another representation, another ETag"


SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


def test_the_service_description_says_what_the_endpoint_speaks_and_serves(reader: TestClient) -> None:
    response = reader.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"] == "text/turtle; charset=utf-8"
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    service = graph.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert graph.value(service, SD.endpoint) == rdflib.URIRef("http://testserver/sparql")
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}, "no updates without a token"
    # Not sd:UnionDefaultGraph: the shapes graphs stay out of the default graph, the inferred graph is in it.
    assert SD.UnionDefaultGraph not in set(graph.objects(service, SD.feature))
    assert "inferred graph" in str(graph.value(service, rdflib.URIRef("http://purl.org/dc/terms/description")))
    formats = {str(f).rsplit("/", 1)[-1] for f in graph.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "Turtle", "JSON-LD"} <= formats
    names = {str(n) for n in graph.objects(None, SD.name)}
    assert names == {STRUCTURE, OBLIGATIONS}


def test_the_endpoints_are_in_the_openapi_document(reader: TestClient) -> None:
    paths = reader.get("/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/sparql"]) and "post" in paths["/update"]
    assert {"get", "put", "post", "delete"} <= set(paths["/store"])
