"""Writes are atomic for readers: while a graph is replaced over and over, no read sees it empty or half full."""

from __future__ import annotations

import threading

import httpx

from tests.live import LiveServer
from tests.security.conftest import AUTH

GRAPH = "urn:security:atomic"
SIZE = 2_000
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


def ntriples(version: int) -> str:
    return "".join(f'<urn:s{i}> <urn:p> "{version}-{i}" .\n' for i in range(SIZE))


def test_readers_never_see_a_graph_half_replaced(hardened: LiveServer) -> None:
    url = f"{hardened.url}/store?graph={GRAPH}"
    headers = {**AUTH, "Content-Type": "application/n-triples"}
    assert httpx.put(url, content=ntriples(0), headers=headers, timeout=10).status_code in (201, 204)
    counts: list[int] = []
    sizes: list[int] = []
    done = threading.Event()

    def read() -> None:
        with httpx.Client(base_url=hardened.url, timeout=10) as client:
            for _ in range(400):  # bounded, and stops with the writer
                if done.is_set():
                    break
                answer = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
                counts.append(int(answer.text.split()[1]))
                graph = client.get(
                    "/store", params={"graph": GRAPH}, headers={**AUTH, "Accept": "application/n-triples"}
                )
                sizes.append(graph.text.count("\n"))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        with httpx.Client(timeout=10) as client:
            for version in range(1, 30):
                assert client.put(url, content=ntriples(version), headers=headers).status_code == 204
    finally:
        done.set()
        reader.join(timeout=60)
    assert counts and set(counts) == {SIZE}
    assert sizes and set(sizes) == {SIZE}
    assert httpx.delete(url, headers=AUTH, timeout=10).status_code == 204
