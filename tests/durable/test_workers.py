"""``govkg serve --workers 2`` over one on-disk store: every process answers with the last acknowledged write."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from govkg.cli import main
from tests.durable.test_on_disk import ID, LABEL, settings_for
from tests.live import ROOT, UPDATE_TOKEN, free_port, stop, wait_healthy

GOVKG = [sys.executable, "-c", "from govkg.cli import main; main()"]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(url: str) -> tuple[int, str]:
    """The triple count by /sparql on a new connection (so either process may answer), and its ETag."""
    answer = httpx.post(
        f"{url}/sparql", data={"query": COUNT}, headers={"Accept": "application/sparql-results+json"}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"]), answer.headers["etag"]


@pytest.mark.server
def test_two_processes_answer_with_the_last_write(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    port = free_port()
    command = [*GOVKG, "serve", "--workers", "2", "--port", str(port), "--store-dir", str(settings.store_dir)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVKG_")}
    env.update(
        GOVKG_DATA_DIR=str(settings.data_dir),
        GOVKG_ONTOLOGY_DIR=str(settings.ontology_dir),
        GOVKG_SHAPES_DIR=str(settings.shapes_dir),
        GOVKG_UPDATE_TOKEN=UPDATE_TOKEN,
    )
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log, 90.0)
        before, _ = _count(url)
        auth = {"Authorization": f"Bearer {UPDATE_TOKEN}", "Content-Type": "application/sparql-update"}
        for number in range(2):  # each write may land on either process; every read after it sees it
            body = f'INSERT DATA {{ GRAPH <{ID}graph/edits> {{ <{ID}e{number}> <{LABEL}> "{number}" }} }}'
            assert httpx.post(f"{url}/update", content=body, headers=auth, timeout=30).status_code == 204
            health = [httpx.get(f"{url}/healthz", timeout=30).json() for _ in range(4)]
            assert {h["version"] for h in health} == {health[0]["version"]}, "every process at the same version"
            assert health[0]["version"].endswith(f"-{number + 1}") and health[0]["durable"] is True
            counts = {
                (n, etag.strip('"').split("-")[:2] == health[0]["version"].split("-"))
                for n, etag in map(_count, [url] * 4)
            }
            assert counts == {(before + number + 1, True)}, "each process's answer and its ETag at that version"
    finally:
        stop(process, timeout=30)
    assert "2 server processes" in log.read_text()


def test_workers_need_an_on_disk_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVKG_STORE_DIR", raising=False)
    done = CliRunner().invoke(main, ["serve", "--workers", "2", "--port", str(free_port())])
    assert done.exit_code != 0 and "--workers N needs --store-dir" in done.output
