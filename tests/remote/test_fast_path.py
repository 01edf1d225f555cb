"""The fast remote path: answers passed through unparsed, the whole dataset loaded in one request, Digest auth."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from govkg.config import Settings
from govkg.errors import ResultTooLarge
from govkg.inference import INFERRED_GRAPH
from govkg.loading import LoadedGraph
from govkg.results import QueryResult
from govkg.store.http_auth import PasswordAuth
from govkg.store.passthrough import RawAnswer, size_of
from govkg.store.remote import RemoteStore
from govkg.store.remote_load import split_nquads
from tests.remote.conftest import OxigraphServer, open_remote
from tests.remote.test_remote_store import recording

URL = "http://127.0.0.1:9"
SELECT = "SELECT ?s WHERE { ?s ?p ?o }"
THREE = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "urn:x"}}] * 3}})
NT = "application/n-triples"


def answering(body: bytes, media: str) -> httpx.MockTransport:
    return recording(lambda request: httpx.Response(200, content=body, headers={"Content-Type": media}))[1]


def test_an_answer_in_the_asked_format_is_passed_on_byte_for_byte() -> None:
    with RemoteStore(f"{URL}/query", transport=answering(THREE.encode(), "application/sparql-results+json")) as store:
        answer = store.query_in(SELECT, ["application/sparql-results+json"], default_graphs=[], limit=3)
        assert answer == RawAnswer("application/sparql-results+json", THREE.encode())
        with pytest.raises(ResultTooLarge):
            store.query_in(SELECT, ["application/sparql-results+json"], default_graphs=[], limit=2)
        parsed = store.query_in(SELECT, ["application/sparql-results+xml"], default_graphs=[], limit=3)
        assert isinstance(parsed, QueryResult) and len(parsed.rows) == 3, "another format is parsed as before"


@pytest.mark.parametrize(
    ("media", "body", "size"),
    [
        ("application/sparql-results+json", b'{"head":{},"boolean":true}', 0),
        ("application/sparql-results+json", b"not json", None),
        ("application/sparql-results+xml", b"<sparql><results><result></result><result></result></results>", 2),
        (NT, b"<urn:a> <urn:b> <urn:c> .\n\n# comment\n<urn:a> <urn:b> <urn:d> .\n", 2),
        ("text/csv", b"s\r\nurn:x\r\n", None),
    ],
)
def test_answers_are_counted_without_parsing_terms(media: str, body: bytes, size: int | None) -> None:
    assert size_of(media, body) == size


def test_an_answer_past_the_byte_budget_is_not_read_on() -> None:
    huge = b'{"head":{"vars":["s"]},"results":{"bindings":[' + b" " * 50_000 + b"]}}"
    with RemoteStore(f"{URL}/query", transport=answering(huge, "application/sparql-results+json")) as store:
        with pytest.raises(ResultTooLarge, match="bytes"):
            store.query_in(SELECT, ["application/sparql-results+json"], default_graphs=[], limit=1)


def test_the_remote_app_passes_on_what_oxigraph_wrote(
    oxigraph: OxigraphServer, fixture_graphs: list[LoadedGraph], settings: Settings
) -> None:
    oxigraph.clear()
    small = settings.model_copy(update={"result_limit": 3})
    with open_remote(oxigraph) as store, TestClient(create_app(small, store=store)) as client:
        store.load(fixture_graphs)
        query = "CONSTRUCT WHERE { ?s a ?t } LIMIT 3"
        mine = client.get("/sparql", params={"query": query}, headers={"Accept": NT})
        direct = httpx.post(oxigraph.query_url, data={"query": f"BASE <{client.base_url}/sparql>\n{query}"},
                            params={"default-graph-uri": store.graph_names()}, headers={"Accept": NT})  # fmt: skip
        assert mine.status_code == 200 and mine.headers["content-type"] == f"{NT}; charset=utf-8"
        assert mine.content == direct.content and mine.headers["etag"], "Oxigraph's bytes, our headers"
        capped = client.get(
            "/sparql", params={"query": "SELECT * { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+xml"}
        )
        assert capped.status_code >= 400 and capped.json()["error"] == "RESULT_TOO_LARGE"


def test_a_whole_dataset_goes_in_one_request_where_the_server_takes_it(
    oxigraph: OxigraphServer, fixture_graphs: list[LoadedGraph]
) -> None:
    oxigraph.clear()
    with open_remote(oxigraph) as store:
        store.load(fixture_graphs)
        assert store._bulk, "Oxigraph server takes N-Quads at its Graph Store"
        assert store.graph_names() == sorted([*(g.name for g in fixture_graphs), INFERRED_GRAPH])
        asserted = sum(len(g.read()) for g in fixture_graphs)
        assert store.triple_count() == asserted + len(store.get_graph(INFERRED_GRAPH))


def test_a_server_refusing_a_dataset_gets_a_put_per_graph(fixture_graphs: list[LoadedGraph]) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/store":
            return httpx.Response(415, text="no quads here")
        if request.method in ("PUT", "DELETE"):
            return httpx.Response(201 if request.method == "PUT" else 404)
        return httpx.Response(200, content=b'{"head":{"vars":["g"]},"results":{"bindings":[]}}',
                              headers={"Content-Type": "application/sparql-results+json"})  # fmt: skip

    seen, transport = recording(answer)
    with RemoteStore(f"{URL}/query", graph_store_url=f"{URL}/store", transport=transport) as store:
        store.load(fixture_graphs)
        store.load(fixture_graphs)
    posts = [r for r in seen if r.method == "POST" and r.url.path == "/store"]
    puts = [r.url.params["graph"] for r in seen if r.method == "PUT"]
    assert len(posts) == 1, "asked once, then remembered"
    assert puts == [*(g.name for g in fixture_graphs), INFERRED_GRAPH] * 2, "the inferred graph is PUT last"


def test_a_password_answers_a_digest_challenge() -> None:
    challenge = 'Digest realm="SPARQL", nonce="abc", qop="auth", algorithm="MD5"'

    sent: list[tuple[str, bytes]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append((request.headers.get("authorization", "").split(" ")[0], request.content))
        if sent[-1][0] != "Digest":
            return httpx.Response(401, headers={"WWW-Authenticate": challenge})
        return httpx.Response(204)

    _, transport = recording(answer)
    auth = PasswordAuth("dba", "dba")
    with httpx.Client(auth=auth, transport=transport) as http:
        assert http.post(f"{URL}/update", content=b"CLEAR ALL").status_code == 204
        assert http.post(f"{URL}/update", content=b"CLEAR ALL").status_code == 204
    assert auth.uses_digest and [scheme for scheme, _ in sent] == ["Basic", "Digest", "Digest"]
    assert sent[1][1] == b"CLEAR ALL", "the body goes again with the answer to the challenge"


def test_an_empty_file_still_makes_its_graph_in_one_request_loads(
    oxigraph: OxigraphServer, fixture_graphs: list[LoadedGraph], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <urn:x:> .\n", encoding="utf-8")
    graphs = [*fixture_graphs, LoadedGraph(name=f"{fixture_graphs[0].name}-empty", kind="data", path=empty)]
    oxigraph.clear()
    with open_remote(oxigraph) as store:
        store.load(graphs)
        assert store._bulk and f"{fixture_graphs[0].name}-empty" in store.graph_names()


def test_the_inferred_graph_travels_with_the_dataset_when_nothing_else_is_there(
    oxigraph: OxigraphServer, fixture_graphs: list[LoadedGraph]
) -> None:
    oxigraph.clear()
    with open_remote(oxigraph) as store:
        store.load(fixture_graphs)
        travelled = sorted(map(str, store.get_graph(INFERRED_GRAPH)))
        store._infer()  # the server's own rule update, as after any write
        assert travelled and sorted(map(str, store.get_graph(INFERRED_GRAPH))) == travelled
        assert store.catalog[INFERRED_GRAPH].kind == "inferred"


def test_a_blank_node_keeps_its_identity_across_the_parallel_requests(oxigraph: OxigraphServer, tmp_path: Path) -> None:
    data = tmp_path / "blank.ttl"
    lines = [f"<urn:x:{n}> <urn:x:p> {n} ." for n in range(50)]
    data.write_text("\n".join([*lines, "<urn:x:Sub> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <urn:x:Super> .",
                               "[] a <urn:x:Sub> ; <urn:x:p> 1 ."]), encoding="utf-8")  # fmt: skip
    oxigraph.clear()
    with open_remote(oxigraph) as store:
        store.load([LoadedGraph(name="urn:x:graph", kind="data", path=data)])
        inferred = f"GRAPH <{INFERRED_GRAPH}> {{ ?s a <urn:x:Super> }}"
        both = f"SELECT ?s WHERE {{ GRAPH <urn:x:graph> {{ ?s a <urn:x:Sub> }} {inferred} }}"
        assert len(store.query(both, default_graphs=[]).rows) == 1, "one blank node, in its graph and the inferred one"
        assert len(split_nquads(b"<a> <b> <c> .\n_:x <b> <c> .\n<d> <e> <f> .\n", 2)) == 2
