"""Defence in depth: the engine in a worker cannot reach the network even when asked without any guard.

pyoxigraph is built with an HTTP client for SERVICE and LOAD and has no switch to turn it off, so
the guard must stop those keywords (``test_network.py``). Behind it, each evaluation worker leaves
the server's network namespace when the kernel allows it: a SERVICE evaluated there fails.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pyoxigraph as ox
import pytest

from govkg.errors import QueryAborted
from govkg.store import EmbeddedStore
from govkg.workers import WorkerPool
from tests.security.conftest import Listener

T = TypeVar("T")


def call_service(store: EmbeddedStore, base: str) -> int:
    """Runs in a worker: a SERVICE call straight on pyoxigraph, past every guard."""
    query = f"SELECT * WHERE {{ SERVICE <{base}sparql> {{ ?s ?p ?o }} }}"
    return len(list(store._ox.query(query)))  # type: ignore[arg-type]


def interfaces(store: EmbeddedStore) -> list[str]:
    return [name for _, name in socket.if_nameindex()]


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a thread of its own (the session's Playwright may own this thread's event loop)."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result(timeout=120)


def in_worker(isolate: bool, job: object, *args: object) -> object:
    store = EmbeddedStore()
    store.put_graph("urn:g", [ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o"))])
    pool = WorkerPool(store, 1, isolate_network=isolate)
    try:
        return run(pool.run(20, job, *args))  # type: ignore[arg-type]
    finally:
        pool.close()


def test_a_worker_sees_no_network_interface_but_loopback() -> None:
    assert in_worker(True, interfaces) == ["lo"]


def test_a_service_call_from_a_worker_never_arrives(listener: Listener) -> None:
    if in_worker(True, interfaces) != ["lo"]:  # pragma: no cover - a kernel without network namespaces
        pytest.skip("this kernel does not let the worker leave the network namespace")
    before = len(listener.hits)
    with pytest.raises((RuntimeError, OSError)):
        in_worker(True, call_service, listener.base)
    assert listener.hits[before:] == []


def test_without_isolation_the_same_call_arrives(listener: Listener) -> None:
    """The control: the engine does fetch, so the test above proves the namespace, not a broken call."""
    before = len(listener.hits)
    try:
        in_worker(False, call_service, listener.base)
    except (RuntimeError, OSError):
        pass  # the listener's answer need not satisfy the engine
    assert len(listener.hits) == before + 1


def doubled(store: EmbeddedStore, times: int) -> int:
    """Runs in a worker: a string doubled ``times`` times by the engine (32 bytes × 2**times)."""
    binds = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(times))
    query = f'SELECT (STRLEN(?a{times}) AS ?n) WHERE {{ BIND("{"x" * 32}" AS ?a0) {binds} }}'
    return int(next(iter(store._ox.query(query)))[0].value)  # type: ignore[index, arg-type]


def test_a_worker_over_its_memory_ceiling_dies_alone() -> None:
    store = EmbeddedStore()
    pool = WorkerPool(store, 1, memory_bytes=64 << 20, isolate_network=False)
    try:
        assert run(pool.run(60, doubled, 10)) == 32 << 10
        with pytest.raises(QueryAborted, match="memory"):
            run(pool.run(60, doubled, 24))  # 512 MB
        assert run(pool.run(60, doubled, 10)) == 32 << 10, "a new worker took its place"
    finally:
        pool.close()
