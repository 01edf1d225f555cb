"""Kill -9 right after a 2xx: a real uvicorn over the on-disk store loses nothing it acknowledged."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import httpx
import pytest

from tests.durable.test_on_disk import ID, LABEL, settings_for
from tests.live import UPDATE_TOKEN, live_server

AUTH = {"Authorization": f"Bearer {UPDATE_TOKEN}"}
ASK = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(http: httpx.Client) -> int:
    answer = http.post("/sparql", data={"query": ASK}, headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.server
def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    env = {
        "GOVKG_DATA_DIR": str(settings.data_dir),
        "GOVKG_ONTOLOGY_DIR": str(settings.ontology_dir),
        "GOVKG_SHAPES_DIR": str(settings.shapes_dir),
        "GOVKG_STORE_DIR": str(settings.store_dir),
        "GOVKG_UPDATE_TOKEN": UPDATE_TOKEN,
    }
    update = {**AUTH, "Content-Type": "application/sparql-update"}
    with live_server(tmp_path, env) as server, httpx.Client(base_url=server.url, timeout=10) as http:
        files = count(http)
        for number in range(20):  # many small commits, the last one answered just before the kill
            body = f'INSERT DATA {{ GRAPH <{ID}graph/edits> {{ <{ID}e{number}> <{LABEL}> "{number}" }} }}'
            assert http.post("/update", content=body, headers=update).status_code == 204
        turtle = f'<{ID}put> <{LABEL}> "put" .'.encode()
        put = http.put(
            "/store",
            params={"graph": ID + "graph/put"},
            content=turtle,
            headers={**AUTH, "Content-Type": "text/turtle"},
        )
        assert put.status_code == 201
        loose = http.post("/update", content=f'INSERT DATA {{ <{ID}loose> <{LABEL}> "l" }}', headers=update)
        assert loose.status_code == 204
        before = http.get("/healthz").json()
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=10)
    assert before["durable"] is True and before["triples"] == files + 22

    with live_server(tmp_path, env) as server, httpx.Client(base_url=server.url, timeout=10) as http:
        after = http.get("/healthz").json()
        assert (after["triples"], after["graphs"], after["version"]) == (
            before["triples"],
            before["graphs"],
            before["version"],
        ), "same data, same content-derived version"
        assert count(http) == files + 22
        default = http.get("/store", params={"default": ""}, headers={**AUTH, "Accept": "application/n-triples"})
        assert f"<{ID}loose>" in default.text
