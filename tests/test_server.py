"""A real uvicorn server on the seed data, over HTTP, as a user's client sees it."""

from __future__ import annotations

import httpx

from tests.live import LiveServer


def test_healthz_reports_ready_with_triples_and_version(server: LiveServer) -> None:
    response = httpx.get(f"{server.url}/healthz", timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["triples"] > 0 and body["graphs"] >= 1
    assert body["version"]


def test_openapi_docs_are_served(server: LiveServer) -> None:
    assert httpx.get(f"{server.url}/docs", timeout=10).status_code == 200
    spec = httpx.get(f"{server.url}/openapi.json", timeout=10).json()
    assert "/healthz" in spec["paths"]


def test_unknown_path_is_a_json_404(server: LiveServer) -> None:
    response = httpx.get(f"{server.url}/no/such/page", timeout=10)
    assert response.status_code == 404
