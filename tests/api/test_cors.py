"""Cross-origin reads: a page served elsewhere (YASGUI on another host) may query /sparql and the API.

In real Chromium (a page of another origin fetching from the real server, so the browser itself
enforces CORS, preflight included) and header by header over HTTP.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Route

from api.app import create_app
from govkg.config import Settings
from govkg.store import Store
from tests.live import LiveServer

ELSEWHERE = "http://yasgui.example"  # an Origin header only: nothing is fetched from it
RESULTS = "application/sparql-results+json"
FETCH = """async ([url, init]) => {
  const response = await fetch(url, init);
  return [response.status, await response.text()];
}"""


@pytest.fixture()
def other_origin(tmp_path: Path) -> Iterator[str]:
    """A second web server on 127.0.0.1 (another port, so another origin) serving one empty page."""
    (tmp_path / "index.html").write_text("<!doctype html><title>elsewhere</title>", encoding="utf-8")
    handler = partial(QuietHandler, directory=str(tmp_path))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}"
        finally:
            httpd.shutdown()
            thread.join(timeout=5)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        """No access log on stderr."""


def test_a_page_of_another_origin_can_query_by_get_and_by_post(
    server: LiveServer, browser: Browser, other_origin: str
) -> None:
    page = browser.new_page()
    blocked: list[str] = []

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith((f"{server.url}/", f"{other_origin}/")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", route)
    try:
        page.goto(f"{other_origin}/index.html")
        query = "ASK { ?s ?p ?o }"
        status, body = page.evaluate(FETCH, [f"{server.url}/sparql?query={query}", {"headers": {"Accept": RESULTS}}])
        assert (status, '"boolean":true' in body.replace(" ", "")) == (200, True)
        status, body = page.evaluate(  # application/sparql-query is not a simple type: the browser sends a preflight
            FETCH,
            [
                f"{server.url}/sparql",
                {
                    "method": "POST",
                    "body": query,
                    "headers": {
                        "Content-Type": "application/sparql-query",
                        "Accept": "application/sparql-results+json",
                    },
                },
            ],
        )
        assert status == 200 and "true" in body
        status, body = page.evaluate(FETCH, [f"{server.url}/api/scenarios", {}])
        assert status == 200 and "rm-organisering-2016/as-is" in body
    finally:
        page.close()
    assert not blocked


def test_preflight_and_answers_carry_the_cors_headers(server: LiveServer) -> None:
    preflight = httpx.options(
        f"{server.url}/sparql",
        headers={
            "Origin": ELSEWHERE,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
        timeout=10,
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
    answer = httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"}, headers={"Origin": ELSEWHERE}, timeout=10)
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "ETag" in answer.headers["access-control-expose-headers"]
    assert "access-control-allow-credentials" not in answer.headers


@pytest.fixture()
def only_one_origin(seed_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(cors_origins="https://a.example"), store=seed_store)) as client:
        yield client


@pytest.mark.parametrize("path", ["/sparql?query=ASK%7B%7D", "/api/scenarios"])
def test_a_configured_origin_is_allowed_and_no_other(only_one_origin: TestClient, path: str) -> None:
    allowed = only_one_origin.get(path, headers={"Origin": "https://a.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://a.example"
    other = only_one_origin.get(path, headers={"Origin": "https://b.example"})
    assert "access-control-allow-origin" not in other.headers


def test_cors_can_be_switched_off(seed_store: Store) -> None:
    with TestClient(create_app(Settings(cors_origins=""), store=seed_store)) as client:
        for path in ("/sparql?query=ASK%7B%7D", "/api/scenarios"):
            answer = client.get(path, headers={"Origin": ELSEWHERE})
            assert answer.status_code == 200
            assert "access-control-allow-origin" not in answer.headers
