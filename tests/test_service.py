"""The service as a whole: home page, JSON errors, and reload that never loses the served data."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from tests.conftest import DATA
from tests.live import UPDATE_TOKEN, live_server

FIXTURES = DATA / "loading"


def test_home_page_lists_documents_and_links(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    for link in ('href="/graph?lang=da"', 'href="/audit?lang=da"', 'href="/sparql"', 'href="/docs"'):
        assert link in response.text
    assert '<html lang="da">' in response.text and "Kildedokumenter" in response.text, "Danish by default"
    english = client.get("/", headers={"Accept-Language": "en"}).text
    assert "Source documents" in english and 'href="/graph?lang=en"' in english
    assert "<style" not in response.text and " style=" not in response.text, "no inline style (strict CSP)"
    assert "http://" not in response.text.replace("https://w3id.org", ""), "the page loads nothing external"


def test_unknown_path_is_a_json_error(client: TestClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.json()["error"] == "NOT_FOUND"


def test_reload_swaps_in_new_files_and_keeps_old_data_on_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "board.ttl", data / "board.ttl")
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {
        "GOVKG_DATA_DIR": str(data),
        "GOVKG_ONTOLOGY_DIR": str(empty),
        "GOVKG_SHAPES_DIR": str(empty),
        "GOVKG_UPDATE_TOKEN": UPDATE_TOKEN,
    }
    auth = {"Authorization": f"Bearer {UPDATE_TOKEN}"}
    with live_server(tmp_path, env) as server, httpx.Client(base_url=server.url, timeout=10) as http:
        assert http.get("/healthz").json()["triples"] == 3

        shutil.copy(FIXTURES / "council.ttl", data / "council.ttl")
        assert http.post("/api/reload").status_code == 401, "reloading needs the token"
        assert http.post("/api/reload", headers={"Authorization": "Bearer wrong"}).status_code == 403
        reloaded = http.post("/api/reload", headers=auth)
        assert reloaded.status_code == 200 and reloaded.json()["triples"] == 7

        shutil.copy(FIXTURES / "malformed.ttl.txt", data / "zz-broken.ttl")
        failed = http.post("/api/reload", headers=auth)
        assert failed.status_code == 422
        assert failed.json()["error"] == "LOAD_ERROR" and "zz-broken.ttl:6:" in failed.json()["message"]
        assert http.get("/healthz").json()["triples"] == 7, "the old data stays served"


def test_reload_is_refused_when_updates_are_disabled(client: TestClient) -> None:
    response = client.post("/api/reload", headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403 and response.json()["error"] == "FORBIDDEN"
