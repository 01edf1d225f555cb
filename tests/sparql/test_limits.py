"""Limits a real server enforces: a query past its time gets a clear error while others are served; a result cap.

The slow query below runs in one of the two evaluation workers until the limit, when the worker is
killed and replaced; the point is that its client is answered at the limit and everyone else meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.live import LiveServer, live_server
from tests.sparql.conftest import fixture_env

pytestmark = pytest.mark.server

# Four copies of the 27 fixture triples joined with 48 values: 25 million rows to count, seconds of work.
VALUES_48 = " ".join(str(i) for i in range(48))
SLOW = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . VALUES ?v {{ {VALUES_48} }} }}"
QUICK = "ASK { ?s <http://www.w3.org/ns/org#reportsTo> ?o }"


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory, empty_dir: Path) -> Iterator[LiveServer]:
    """A server with a 1 s time limit, two evaluation slots and at most 5 results per query."""
    env = fixture_env(empty_dir, GOVKG_QUERY_TIMEOUT="1", GOVKG_MAX_CONCURRENT_QUERIES="2", GOVKG_RESULT_LIMIT="5")
    with live_server(tmp_path_factory.mktemp("limited"), env) as server:
        yield server


def test_a_slow_query_hits_the_time_limit_while_other_requests_are_served(limited: LiveServer) -> None:
    with httpx.Client(base_url=limited.url, timeout=60) as http, ThreadPoolExecutor(max_workers=1) as pool:
        slow = pool.submit(http.get, "/sparql", params={"query": SLOW})
        time.sleep(0.3)  # let the slow query reach its evaluation thread
        assert not slow.done(), "the slow query is still being evaluated"
        quick = [http.get("/sparql", params={"query": QUICK})]
        assert not slow.done(), "a quick request was answered while the slow query ran"
        quick += [http.get("/sparql", params={"query": QUICK}) for _ in range(4)]
        health = http.get("/healthz")
        answer = slow.result(timeout=60)
    assert all(r.status_code == 200 and r.json()["boolean"] is True for r in quick)
    assert health.status_code == 200
    assert answer.status_code == 503, answer.text
    assert answer.json() == {
        "error": "QUERY_TIMEOUT",
        "message": "the query ran past the time limit of 1 s and was stopped",
    }


def test_a_query_past_the_result_cap_is_refused_with_a_clear_error(limited: LiveServer) -> None:
    everything = httpx.get(f"{limited.url}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=15)
    assert everything.status_code == 413
    assert everything.json()["error"] == "RESULT_TOO_LARGE" and "LIMIT" in everything.json()["message"]
    capped = httpx.get(f"{limited.url}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"}, timeout=15)
    assert capped.status_code == 200 and len(capped.json()["results"]["bindings"]) == 5
