"""Queries run in worker processes: past the limit they are stopped, a crash or a memory blow-up costs a worker.

The fixture data has 27 triples; cross products of it with VALUES make as much work as wanted.
"""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.live import LiveServer
from tests.security.conftest import AUTH

VALUES = " ".join(str(i) for i in range(48))
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . VALUES ?v {{ {VALUES} }} }}"
DOUBLINGS = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(26))
HUNGRY = f'SELECT (STRLEN(?a26) AS ?n) WHERE {{ BIND("{"x" * 32}" AS ?a0) {DOUBLINGS} }}'  # 2 GB of string
CRASH = "SELECT * WHERE { FILTER(" + "!" * 100_000 + "true) }"
JSON = {"Accept": "application/sparql-results+json"}


def ask(server: LiveServer) -> int:
    return httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"}, headers=JSON, timeout=10).status_code


def children(server: LiveServer) -> int:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(server.process.pid)], capture_output=True, text=True)
    return len(found.stdout.split())


def test_runaway_queries_are_stopped_and_their_workers_freed(hardened: LiveServer) -> None:
    """Twice as many runaways as workers: all get the time-limit error, and the next query is answered."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: httpx.post(
            f"{hardened.url}/sparql", data={"query": RUNAWAY}, headers=JSON, timeout=30), range(4)))  # fmt: skip
    assert [a.status_code for a in answers] == [503] * 4
    assert ask(hardened) == 200, "a worker is free right after the runaways' answers"
    assert children(hardened) <= 2, "no stopped query lives on in a process"


def test_an_engine_crash_costs_one_worker(hardened: LiveServer) -> None:
    headers = {**JSON, "Content-Type": "application/sparql-query"}
    answer = httpx.post(f"{hardened.url}/sparql", content=CRASH, headers=headers, timeout=30)
    assert answer.status_code == 503 and answer.json()["error"] == "QUERY_ABORTED"
    assert "crashed" in answer.json()["message"]
    assert ask(hardened) == 200
    assert httpx.get(f"{hardened.url}/healthz", timeout=5).status_code == 200


def test_a_memory_hungry_query_is_stopped(hardened: LiveServer) -> None:
    answer = httpx.post(f"{hardened.url}/sparql", data={"query": HUNGRY}, headers=JSON, timeout=30)
    assert answer.status_code == 503 and answer.json()["error"] in ("QUERY_ABORTED", "QUERY_TIMEOUT"), answer.text
    assert ask(hardened) == 200
    rss = subprocess.run(["ps", "-o", "rss=", "-p", str(hardened.process.pid)], capture_output=True, text=True)
    assert int(rss.stdout) < 1_000_000, "the server itself did not grow (kB)"


def test_an_update_that_crashes_the_engine_crashes_a_copy(hardened: LiveServer) -> None:
    update = "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(" + "!" * 100_000 + "true) }"
    headers = {**AUTH, "Content-Type": "application/sparql-update"}
    answer = httpx.post(f"{hardened.url}/update", content=update, headers=headers, timeout=30)
    assert answer.status_code == 503 and answer.json()["error"] == "QUERY_ABORTED"
    count = httpx.get(f"{hardened.url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=JSON, timeout=10)
    assert count.json()["boolean"] is True, "nothing was deleted"
