"""Size, nesting and slow-scan attacks against a real server: refused quickly, the server keeps answering."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx

from tests.live import LiveServer
from tests.security.conftest import AUTH

QUERY = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


def test_a_body_over_the_limit_is_refused_before_it_is_read(hardened: LiveServer) -> None:
    big = "SELECT * { ?s ?p ?o } #" + "x" * 250_000
    answer = httpx.post(f"{hardened.url}/sparql", content=big, headers=QUERY, timeout=10)
    assert answer.status_code == 413 and answer.json()["error"] == "TOO_LARGE"
    form = httpx.post(f"{hardened.url}/sparql", data={"query": big}, timeout=10)
    assert form.status_code == 413


def test_a_chunked_body_is_stopped_when_it_passes_the_limit(hardened: LiveServer) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"SELECT * { ?s ?p ?o } #"
        for _ in range(100):  # 1 MB in all, five times the limit
            yield b"x" * 10_000

    answer = httpx.post(f"{hardened.url}/sparql", content=chunks(), headers=QUERY, timeout=10)
    assert answer.status_code == 413


def test_graph_store_uploads_have_their_own_larger_limit(hardened: LiveServer) -> None:
    url = f"{hardened.url}/store?graph=urn:security:upload"
    headers = {**AUTH, "Content-Type": "application/n-triples"}
    line = "<urn:s> <urn:p> " + '"' + "v" * 100 + '" .\n'
    small = line * 1_000  # ~120 kB: over the query limit, under the data limit
    assert httpx.put(url, content=small, headers=headers, timeout=10).status_code in (201, 204)
    assert httpx.put(url, content=line * 20_000, headers=headers, timeout=10).status_code == 413
    assert httpx.delete(url, headers=AUTH, timeout=10).status_code == 204


def test_deep_nesting_is_refused_and_the_server_lives(hardened: LiveServer) -> None:
    for text in (
        "SELECT * WHERE " + "{" * 2500 + "}" * 2500,
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "SELECT * WHERE { ?s <urn:p> " + "(" * 5000 + ")" * 5000 + " }",
    ):
        answer = httpx.post(f"{hardened.url}/sparql", content=text, headers=QUERY, timeout=10)
        assert answer.status_code == 400 and "levels deep" in answer.json()["message"]
    update = "INSERT { <urn:a> <urn:b> <urn:c> } WHERE " + "{" * 2500 + "}" * 2500
    headers = {**AUTH, "Content-Type": "application/sparql-update"}
    assert httpx.post(f"{hardened.url}/update", content=update, headers=headers, timeout=10).status_code == 400
    assert httpx.get(f"{hardened.url}/healthz", timeout=5).status_code == 200


def test_a_long_run_of_letters_is_answered_not_scanned_for_ever(hardened: LiveServer) -> None:
    answer = httpx.post(f"{hardened.url}/sparql", data={"query": "A" * 160_000}, timeout=30)
    assert answer.status_code == 400
    assert httpx.get(f"{hardened.url}/healthz", timeout=5).status_code == 200


def raw_status(server: LiveServer, request: bytes) -> int:
    """Send bytes as they are (no client library checks them) and read the status of the answer."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        head = sock.recv(64)
    return int(head.split(b" ")[1])


def test_a_huge_query_string_is_refused(hardened: LiveServer) -> None:
    target = b"/sparql?query=SELECT%20*%20%7B%7D" + b"%20" * 100_000
    status = raw_status(hardened, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status in (400, 413, 414, 431)
    assert httpx.get(f"{hardened.url}/healthz", timeout=5).status_code == 200
