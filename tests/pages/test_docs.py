"""``/docs`` offline: Swagger UI from this service's own files, started by a script file, no CDN."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.live import LiveServer
from tests.viz.conftest import GuardedPage, guarded  # noqa: F401  (the fixture)


def test_docs_loads_every_asset_from_this_service(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/static/pages/") for s in sources), sources
    for source in sources:
        assert client.get(source).status_code == 200, source
    assert re.search(r"<script>", page.text) is None, "no inline script"
    assert client.get("/redoc").status_code == 404, "ReDoc (CDN only) is switched off"
    licence = client.get("/static/pages/swagger-ui/LICENSE")
    assert licence.status_code == 200 and "Apache License" in licence.text


@pytest.mark.browser
def test_docs_render_the_operations_offline(server: LiveServer, guarded: GuardedPage) -> None:  # noqa: F811
    guarded.allowed = [f"{server.url}/"]
    page = guarded.page
    page.goto(f"{server.url}/docs")
    page.wait_for_selector("body[data-ready]", state="attached", timeout=20_000)
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() > 10
    assert page.locator(".title").first.inner_text().startswith("govkg")
