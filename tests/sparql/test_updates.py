"""Changing the graph: SPARQL Update on /sparql and /update, and the Graph Store on /store, behind the token."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from tests.sparql.conftest import AUTH, ID, OBLIGATIONS, STRUCTURE

UPDATE = {"Content-Type": "application/sparql-update"}
TURTLE = {"Content-Type": "text/turtle"}
NEW_BODY = (
    "PREFIX gov: <https://w3id.org/govkg/ontology#> INSERT DATA { GRAPH <urn:x:edits> { <new-body> a gov:Body } }"
)
COPY = "INSERT { GRAPH <urn:x:copy> { ?s ?p ?o } } WHERE { ?s ?p ?o }"
TEAM = b"@prefix org: <http://www.w3.org/ns/org#> . <urn:x:team> org:reportsTo <urn:x:board> ."


def ask(client: TestClient, where: str) -> bool:
    response = client.get("/sparql", params={"query": f"ASK {{ {where} }}"})
    assert response.status_code == 200, response.text
    answer: bool = response.json()["boolean"]
    return answer


def test_updates_are_off_without_a_configured_token(reader: TestClient) -> None:
    response = reader.post("/sparql", content=NEW_BODY, headers={**UPDATE, **AUTH})
    assert response.status_code == 403 and response.json()["error"] == "FORBIDDEN"
    assert reader.get("/store", params={"graph": STRUCTURE}, headers=AUTH).status_code == 403


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        pytest.param({}, 401, id="no-token"),
        pytest.param({"Authorization": "Bearer wrong"}, 403, id="wrong-token"),
        pytest.param({"Authorization": "Basic dXNlcjpwdw=="}, 401, id="not-a-bearer"),
    ],
)
def test_updates_need_the_bearer_token(writer: TestClient, headers: dict[str, str], status: int) -> None:
    for path in ("/sparql", "/update"):
        assert writer.post(path, content=NEW_BODY, headers={**UPDATE, **headers}).status_code == status
    assert (
        writer.put("/store", params={"graph": "urn:x:g"}, content=TEAM, headers={**TURTLE, **headers}).status_code
        == status
    )
    assert not ask(writer, f"<{ID}new-body> ?p ?o"), "nothing changed"


def test_an_update_changes_the_data_and_the_dataset_version(writer: TestClient) -> None:
    version = writer.get("/healthz").json()["version"]
    before = writer.get("/sparql", params={"query": "ASK {}"}).headers["etag"]
    response = writer.post("/update", content=NEW_BODY, headers={**UPDATE, **AUTH})
    assert response.status_code == 204
    assert writer.get("/healthz").json()["version"] != version
    assert ask(writer, f"GRAPH <urn:x:edits> {{ <{ID}new-body> a ?type }}"), "relative IRIs resolve to the id namespace"
    stale = writer.get("/sparql", params={"query": "ASK {}"}, headers={"If-None-Match": before})
    assert stale.status_code == 200 and stale.headers["etag"] != before, "the old ETag no longer validates"


def test_a_form_update_on_the_query_endpoint(writer: TestClient) -> None:
    triple = f"<{ID}obligation-annual-report> a <https://w3id.org/govkg/ontology#Obligation>"
    response = writer.post(
        "/sparql", data={"update": f"DELETE DATA {{ GRAPH <{OBLIGATIONS}> {{ {triple} }} }}"}, headers=AUTH
    )
    assert response.status_code == 204
    assert not ask(writer, f"<{ID}obligation-annual-report> a ?type")


def test_using_graph_uri_sets_the_dataset_of_the_update(writer: TestClient) -> None:
    response = writer.post("/update", params={"using-graph-uri": OBLIGATIONS}, content=COPY, headers={**UPDATE, **AUTH})
    assert response.status_code == 204, response.text
    assert ask(writer, f"GRAPH <urn:x:copy> {{ <{ID}obligation-annual-report> ?p ?o }}")
    assert not ask(writer, f"GRAPH <urn:x:copy> {{ <{ID}board> ?p ?o }}"), "only the named graph was read"


@pytest.mark.parametrize(
    ("path", "params", "body", "error"),
    [
        pytest.param("/update", {}, "CLEAR XYZ", "MALFORMED_QUERY", id="malformed"),
        pytest.param("/update", {}, "LOAD <http://127.0.0.1:9/data.ttl>", "QUERY_REFUSED", id="load"),
        pytest.param("/update", {"using-graph-uri": STRUCTURE}, f"WITH <{STRUCTURE}> {COPY}", "BAD_REQUEST",
                     id="using-and-with"),
        pytest.param("/update", {"default-graph-uri": STRUCTURE}, COPY, "BAD_REQUEST", id="query-dataset-on-update"),
    ],
)  # fmt: skip
def test_bad_updates_are_400_and_change_nothing(
    writer: TestClient, path: str, params: dict[str, str], body: str, error: str
) -> None:
    version = writer.get("/healthz").json()["version"]
    response = writer.post(path, params=params, content=body, headers={**UPDATE, **AUTH})
    assert response.status_code == 400 and response.json()["error"] == error, response.text
    assert writer.get("/healthz").json()["version"] == version


def test_a_query_sent_to_the_update_endpoint_is_refused(writer: TestClient) -> None:
    response = writer.post("/update", content="ASK {}", headers={"Content-Type": "application/sparql-query", **AUTH})
    assert response.status_code == 400


def triples_of(turtle: bytes) -> set[tuple[str, str, str]]:
    quads = ox.parse(turtle, format=ox.RdfFormat.TURTLE)
    return {(q.subject.value, q.predicate.value, q.object.value) for q in quads}


def test_graph_store_put_get_post_head_delete(writer: TestClient) -> None:
    target = {"graph": "urn:x:team"}
    assert writer.put("/store", params=target, content=TEAM, headers={**TURTLE, **AUTH}).status_code == 201
    assert writer.put("/store", params=target, content=TEAM, headers={**TURTLE, **AUTH}).status_code == 204
    more = b"<urn:x:board> <http://www.w3.org/ns/org#reportsTo> <urn:x:council> ."
    added = writer.post(
        "/store", params=target, content=more, headers={"Content-Type": "application/n-triples", **AUTH}
    )
    assert added.status_code == 204
    got = writer.get("/store", params=target, headers={"Accept": "text/turtle", **AUTH})
    assert got.status_code == 200 and got.headers["content-type"] == "text/turtle; charset=utf-8"
    reports = "http://www.w3.org/ns/org#reportsTo"
    assert triples_of(got.content) == {
        ("urn:x:team", reports, "urn:x:board"),
        ("urn:x:board", reports, "urn:x:council"),
    }
    assert ask(writer, "<urn:x:team> <http://www.w3.org/ns/org#reportsTo>+ <urn:x:council>"), "queries see it"
    head = writer.head("/store", params=target, headers=AUTH)
    assert head.status_code == 200 and not head.content and head.headers["etag"] == got.headers["etag"]
    cached = writer.get("/store", params=target, headers={"If-None-Match": got.headers["etag"], **AUTH})
    assert cached.status_code == 304
    assert writer.delete("/store", params=target, headers=AUTH).status_code == 204
    assert writer.get("/store", params=target, headers=AUTH).status_code == 404
    assert writer.delete("/store", params=target, headers=AUTH).status_code == 404


def test_graph_store_reads_a_loaded_document_graph_and_the_default_graph(writer: TestClient) -> None:
    structure = writer.get("/store", params={"graph": STRUCTURE}, headers={"Accept": "application/n-triples", **AUTH})
    assert structure.status_code == 200 and f"<{ID}board>".encode() in structure.content
    default = writer.get("/store", params={"default": ""}, headers=AUTH)
    assert default.status_code == 200 and default.content == b"", "the store's own default graph holds nothing"


@pytest.mark.parametrize(
    ("method", "params", "headers", "body", "status"),
    [
        pytest.param("PUT", {}, TURTLE, TEAM, 400, id="no-graph-named"),  # a GET without one reads the dataset
        pytest.param("GET", {"graph": "urn:x:a", "default": ""}, {}, None, 400, id="graph-and-default"),
        pytest.param("GET", {"graph": "relative"}, {}, None, 400, id="relative-graph-name"),
        pytest.param("GET", {"graph": STRUCTURE}, {"Accept": "image/png"}, None, 406, id="nothing-acceptable"),
        pytest.param("PUT", {"graph": "urn:x:a"}, {"Content-Type": "application/pdf"}, b"%PDF", 415, id="not-rdf"),
        pytest.param("PUT", {"graph": "urn:x:a"}, TURTLE, b"<a> <b> .", 400, id="malformed-turtle"),
        pytest.param("PATCH", {"graph": "urn:x:a"}, TURTLE, TEAM, 405, id="patch"),
    ],
)  # fmt: skip
def test_graph_store_errors(
    writer: TestClient, method: str, params: dict[str, str], headers: dict[str, str], body: bytes | None, status: int
) -> None:
    response = writer.request(method, "/store", params=params, headers={**headers, **AUTH}, content=body)
    assert response.status_code == status, response.text
