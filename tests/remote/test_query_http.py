"""The lean query client: keep-alive reuse, a connection the server dropped, limits and failures, on loopback."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from govkg.errors import QuerySyntaxError, QueryTimeout, ResultTooLarge, StoreError
from govkg.store.http_auth import auth_for
from govkg.store.query_http import QueryConnections
from govkg.store.sparql_client import Endpoints, SparqlClient
from tests.live import free_port

SEEN: list[dict[str, object]] = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version, sys_version = "Oxigraph/0.5-test", ""

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path.startswith("/store"):
            SEEN.append({"store": self.path, "body": body})
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        form = parse_qs(body.decode())
        SEEN.append({"form": form, "auth": self.headers.get("Authorization"), "port": self.client_address[1]})
        query = form["query"][0]
        if query == "SLOW":
            time.sleep(1.5)
        status, answer = (400, b"Parser error") if query == "BAD" else (200, b'{"head":{},"boolean":true}')
        if query == "BIG":
            answer = b"x" * 5000
        self.send_response(status)
        self.send_header("Content-Type", "application/sparql-results+json; charset=utf-8")
        if query == "CHUNKED":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(answer), answer))
        else:
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        if query == "DROP":  # closes without saying so: the client finds out on its next request
            self.close_connection = True

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()
    server.server_close()


@pytest.fixture
def connections(url: str) -> Iterator[QueryConnections]:
    made = QueryConnections(url, headers={"Authorization": "Bearer t"})
    yield made
    made.close()


def post(
    connections: QueryConnections, query: str, timeout: float = 5.0, limit: int | None = None
) -> tuple[int, str, bytes]:
    body = connections.form(query, ["urn:g1", "urn:g 2"], ["urn:n"])
    return connections.post(body, "application/sparql-results+json", timeout, limit)


def test_one_kept_alive_connection_carries_the_form_and_the_dataset(connections: QueryConnections) -> None:
    SEEN.clear()
    for query in ("ASK {}", "CHUNKED", "ASK { ?s ?p ?o }"):
        assert post(connections, query) == (200, "application/sparql-results+json", b'{"head":{},"boolean":true}')
    assert connections.connects == 1 and len({seen["port"] for seen in SEEN}) == 1
    dataset = {"default-graph-uri": ["urn:g1", "urn:g 2"], "named-graph-uri": ["urn:n"]}
    assert SEEN[0]["form"] == {"query": ["ASK {}"], **dataset}
    assert SEEN[0]["auth"] == "Bearer t"


def test_a_connection_the_server_dropped_is_replaced_once(connections: QueryConnections) -> None:
    assert post(connections, "DROP")[0] == 200
    assert post(connections, "ASK {}")[0] == 200, "sent again on a new connection"
    assert connections.connects == 2


def test_limits_and_failures(connections: QueryConnections) -> None:
    with pytest.raises(ResultTooLarge):
        post(connections, "BIG", limit=4096)
    assert post(connections, "BIG", limit=8192)[2] == b"x" * 5000
    with pytest.raises(QueryTimeout):
        post(connections, "SLOW", timeout=0.3)
    assert post(connections, "ASK {}")[0] == 200, "a new connection after the timeout"
    with pytest.raises(StoreError, match="failed during the query"):
        post(QueryConnections(f"http://127.0.0.1:{free_port()}/query"), "ASK {}")
    with pytest.raises(StoreError, match="not an http"):
        QueryConnections("ftp://example.org/")


def test_the_client_maps_a_refusal_and_keeps_httpx_for_passwords(url: str) -> None:
    media = "application/sparql-results+json"
    client = SparqlClient(Endpoints(url), timeout=5.0)
    with pytest.raises(QuerySyntaxError, match="Parser error"):
        client.query_bytes("BAD", [], [], media)
    assert client.query_bytes("ASK {}", [], [], media)[0] == media
    client.close()
    password = SparqlClient(Endpoints(url), auth=auth_for("user:secret"), timeout=5.0)
    assert password._lean is None, "Basic/Digest challenges are httpx's to answer"
    assert password.query_bytes("ASK {}", [], [], media)[1].startswith(b'{"head"')
    password.close()


def test_an_oxigraph_server_gets_the_dataset_through_its_bulk_loader(url: str) -> None:
    client = SparqlClient(Endpoints(url, graph_store=url.replace("/query", "/store")), timeout=5.0)
    with client.query("ASK {}", [], []):
        pass
    assert client.server.startswith("Oxigraph/")
    SEEN.clear()
    client.add_nquads(b"<urn:s> <urn:p> <urn:o> <urn:g> .\n")
    assert SEEN == [{"store": "/store?no_transaction=&lenient=", "body": b"<urn:s> <urn:p> <urn:o> <urn:g> .\n"}]
    client.server = "Virtuoso/07.20"
    client.add_nquads(b"")
    assert SEEN[-1]["store"] == "/store", "other servers get the plain Graph Store POST"
    client.close()
