"""What only a remote store has to get right: credentials, failures, outside writers, sharing a server."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pyoxigraph as ox
import pytest

from govkg.config import Settings
from govkg.errors import QueryRefused, QueryTimeout, StoreError
from govkg.inference import INFERRED_GRAPH
from govkg.loading import LoadedGraph
from govkg.namespaces import graph_iri
from govkg.service import open_store
from govkg.store import EmbeddedStore
from govkg.store.remote import RemoteStore
from tests.live import free_port
from tests.remote.conftest import OxigraphServer, open_remote

ASK_TRUE = json.dumps({"head": {}, "boolean": True}).encode()
RESULTS_JSON = {"Content-Type": "application/sparql-results+json"}

Handler = Callable[[httpx.Request], httpx.Response]


def recording(answer: Handler) -> tuple[list[httpx.Request], httpx.MockTransport]:
    """A fake server that remembers every request it gets."""
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    return seen, httpx.MockTransport(handle)


def ask_true(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=ASK_TRUE, headers=RESULTS_JSON)


def test_service_and_load_never_leave_the_process() -> None:
    seen, transport = recording(ask_true)
    with RemoteStore("http://127.0.0.1:9/query", update_url="http://127.0.0.1:9/update", transport=transport) as store:
        with pytest.raises(QueryRefused):
            store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }", default_graphs=[])
        with pytest.raises(QueryRefused):
            store.update("LOAD <http://127.0.0.1:9/x.ttl>")
    assert seen == [], "a refused query is not sent to the server"


@pytest.mark.parametrize(
    ("credentials", "header"),
    [
        pytest.param("reader:s3cret", "Basic cmVhZGVyOnMzY3JldA==", id="user-password-is-basic-auth"),
        pytest.param("tok3n", "Bearer tok3n", id="anything-else-is-a-bearer-token"),
    ],
)
def test_credentials_go_with_every_request(credentials: str, header: str) -> None:
    seen, transport = recording(ask_true)
    with RemoteStore("http://127.0.0.1:9/query", auth=credentials, transport=transport) as store:
        assert store.query("ASK {}", default_graphs=[], named_graphs=[]).boolean is True
    assert [r.headers["Authorization"] for r in seen] == [header]


def test_refused_credentials_say_so_without_echoing_them() -> None:
    seen, transport = recording(lambda request: httpx.Response(401, text="who are you?"))
    with RemoteStore("http://127.0.0.1:9/query", auth="reader:s3cret", transport=transport) as store:
        with pytest.raises(StoreError, match="credentials") as error:
            store.query("ASK {}", default_graphs=[], named_graphs=[])
    assert "s3cret" not in error.value.message


def test_a_slow_server_is_a_query_timeout() -> None:
    def too_slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    _, transport = recording(too_slow)
    with RemoteStore("http://127.0.0.1:9/query", transport=transport) as store:
        with pytest.raises(QueryTimeout):
            store.query("ASK {}", default_graphs=[], named_graphs=[], timeout=0.5)


def test_a_server_that_is_not_there_is_a_store_error_naming_it() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with RemoteStore(url, timeout=2.0) as store:
        with pytest.raises(StoreError, match=url):
            store.triple_count()


def test_a_failed_load_names_what_was_and_was_not_replaced(fixture_graphs: list[LoadedGraph]) -> None:
    on_server: list[str] = []

    def second_put_fails(request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            if sum(1 for r in seen if r.method == "PUT") > 1:
                return httpx.Response(500, text="disk full")
            on_server.append(request.url.params["graph"])
            return httpx.Response(201)
        bindings = [{"g": {"type": "uri", "value": name}} for name in on_server]
        listed = {"head": {"vars": ["g"]}, "results": {"bindings": bindings}}
        return httpx.Response(200, content=json.dumps(listed).encode(), headers=RESULTS_JSON)

    seen, transport = recording(second_put_fails)
    first, second, *rest = fixture_graphs
    with RemoteStore(
        "http://127.0.0.1:9/query", graph_store_url="http://127.0.0.1:9/store", bulk_load=False, transport=transport
    ) as store:
        with pytest.raises(StoreError) as error:
            store.load(fixture_graphs)
        assert {n: i.kind for n, i in store.catalog.items()} == {first.name: first.kind}, "what the server now has"
    message = error.value.message
    assert "disk full" in message and f"Replaced: 1 graph(s) ({first.name})" in message
    assert f"not replaced: {', '.join(g.name for g in [second, *rest])}" in message


def test_without_an_update_endpoint_the_store_is_read_only(
    oxigraph: OxigraphServer, fixture_graphs: list[LoadedGraph]
) -> None:
    oxigraph.clear()
    with RemoteStore(oxigraph.query_url) as store:
        assert store.query("ASK { ?s ?p ?o }").boolean is False
        with pytest.raises(StoreError, match="update URL"):
            store.load(fixture_graphs)


def test_a_load_replaces_govkg_graphs_and_leaves_other_graphs_alone(
    oxigraph: OxigraphServer, fixture_graphs: list[LoadedGraph]
) -> None:
    oxigraph.clear()
    stale, foreign = graph_iri("deleted-since"), "http://example.org/someone-elses"
    note = [ox.Triple(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"), ox.Literal("c"))]
    with open_remote(oxigraph) as earlier_run:
        earlier_run.put_graph(stale, note)
        earlier_run.put_graph(foreign, note)
    with open_remote(oxigraph) as store:
        store.load(fixture_graphs)
        assert store.graph_names() == sorted([*(g.name for g in fixture_graphs), foreign, INFERRED_GRAPH])


def test_outside_writers_are_seen_by_queries_and_by_the_version_after_refresh(
    oxigraph: OxigraphServer, fixture_graphs: list[LoadedGraph]
) -> None:
    oxigraph.clear()
    outside = graph_iri("written-elsewhere")
    with open_remote(oxigraph) as store, open_remote(oxigraph) as other_process:
        store.load(fixture_graphs)
        before, count = store.version, store.triple_count()
        other_process.put_graph(outside, [])
        other_process.update(f"INSERT DATA {{ GRAPH <{fixture_graphs[0].name}> {{ <x:a> <x:b> <x:c> }} }}")
        assert store.query("ASK { <x:a> <x:b> <x:c> }").boolean is True, "queries read the server's current data"
        assert store.version == before and store.triple_count() == count and outside not in store.graph_names()
        store.refresh()
        assert store.version.number == before.number + 1 and store.triple_count() == count + 1
        assert outside in store.graph_names()


def test_the_settings_choose_the_store(oxigraph: OxigraphServer, settings: Settings) -> None:
    assert isinstance(open_store(settings), EmbeddedStore)
    remote = open_store(oxigraph.settings(settings))
    assert isinstance(remote, RemoteStore)
    remote.close()
    with pytest.raises(StoreError, match="store_url"):
        RemoteStore.from_settings(settings)
