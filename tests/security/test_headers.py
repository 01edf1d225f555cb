"""Every response says nosniff and a referrer policy; every HTML page a strict CSP that its own code satisfies."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage

from tests.live import LiveServer

PAGES = ["/", "/sparql", "/audit", "/graph", "/graph?mode=network&lang=en"]


@pytest.mark.parametrize("path", PAGES)
def test_html_pages_carry_a_strict_policy(hardened: LiveServer, path: str) -> None:
    answer = httpx.get(hardened.url + path, headers={"Accept": "text/html"}, timeout=30)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    policy = answer.headers["content-security-policy"]
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    assert "'self'" in directives["script-src"] and "'unsafe-inline'" not in directives["script-src"]
    assert "'self'" in directives["style-src"] and "'unsafe-inline'" not in directives["style-src"]
    assert directives["frame-ancestors"] == ["'none'"] and answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/healthz", "/sparql?query=ASK%7B%7D", "/nowhere", "/openapi.json"])
def test_other_responses_say_nosniff(hardened: LiveServer, path: str) -> None:
    answer = httpx.get(hardened.url + path, timeout=10)
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "referrer-policy" in answer.headers
    assert "content-security-policy" not in answer.headers


@pytest.mark.parametrize("path", ["/", "/sparql", "/audit", "/graph"])
def test_pages_work_under_their_policy(hardened: LiveServer, browser: Browser, path: str) -> None:
    """No CSP violation is reported while the page loads and runs its scripts."""
    page = browser.new_page()
    messages: list[str] = []

    def record(message: ConsoleMessage) -> None:
        messages.append(message.text)

    page.on("console", record)
    try:
        page.goto(hardened.url + path, wait_until="load", timeout=30_000)
        page.wait_for_timeout(500)
    finally:
        page.close()
    assert [m for m in messages if "Content Security Policy" in m] == []
