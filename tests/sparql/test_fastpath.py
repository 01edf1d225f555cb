"""The short way in for /sparql answers exactly as the documented FastAPI routes do."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.exceptions import HTTPException

from api import sparql_fastpath
from api.app import create_app
from api.errors import govkg_error_handler, http_error_handler
from api.routers import sparql
from api.sparql_fastpath import SparqlFirst
from govkg.errors import GovkgError
from govkg.service import reload
from govkg.store import EmbeddedStore
from tests.sparql.conftest import fixture_settings

QUERY = "SELECT ?s WHERE { ?s <http://www.w3.org/ns/org#reportsTo> ?o } ORDER BY ?s"
REQUESTS = [
    pytest.param("GET", {"query": QUERY}, {}, None, id="get"),
    pytest.param("POST", {}, {"Content-Type": "application/sparql-query", "Accept": "text/csv"}, QUERY, id="post"),
    pytest.param("GET", {"query": "ASK {"}, {}, None, id="malformed"),
    pytest.param("GET", {"query": QUERY}, {"Accept": "image/png"}, None, id="not-acceptable"),
    pytest.param("POST", {}, {"Content-Type": "application/sparql-update"}, "CLEAR ALL", id="update-refused"),
    pytest.param("POST", {}, {"Content-Type": "text/plain"}, QUERY, id="wrong-media-type"),
]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, TestClient]:
    settings = fixture_settings(tmp_path_factory.mktemp("empty"))
    store = EmbeddedStore()
    reload(store, settings)
    routes_only = FastAPI(exception_handlers={GovkgError: govkg_error_handler, HTTPException: http_error_handler})
    routes_only.state.settings, routes_only.state.store = settings, store
    routes_only.include_router(sparql.router)
    app = create_app(settings, store=store)
    assert isinstance(app, SparqlFirst), "short way in"
    return TestClient(routes_only), TestClient(app)


@pytest.mark.parametrize(("method", "params", "headers", "body"), REQUESTS)
def test_fast_path_and_routes_agree(
    both: tuple[TestClient, TestClient], method: str, params: dict[str, str], headers: dict[str, str], body: str | None
) -> None:
    routed, fast = (c.request(method, "/sparql", params=params, headers=headers, content=body) for c in both)
    assert (fast.status_code, fast.headers.get("content-type"), fast.content) == (
        routed.status_code,
        routed.headers.get("content-type"),
        routed.content,
    )
    assert fast.headers.get("etag") == routed.headers.get("etag")


def test_other_paths_pass_through(both: tuple[TestClient, TestClient]) -> None:
    assert both[1].get("/healthz").status_code == 200
    assert both[1].get("/sparql/nothing").status_code == 404


def test_fast_answers_carry_the_security_headers_and_limits(both: tuple[TestClient, TestClient]) -> None:
    answer = both[1].get("/sparql", params={"query": QUERY})
    assert answer.headers["x-content-type-options"] == "nosniff" and "referrer-policy" in answer.headers
    page = both[1].get("/sparql", headers={"Accept": "text/html"})
    assert "frame-ancestors" in page.headers["content-security-policy"]
    limit = both[1].app.state.settings.max_query_bytes  # type: ignore[attr-defined]
    headers = {"Content-Type": "application/sparql-query"}
    assert both[1].post("/sparql", content="#" * (limit + 1), headers=headers).status_code == 413


def test_an_unexpected_failure_is_a_json_500(
    both: tuple[TestClient, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(request: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(sparql_fastpath.HANDLERS, "GET", broken)
    answer = both[1].get("/sparql", params={"query": QUERY})
    assert answer.status_code == 500 and answer.json()["error"] == "INTERNAL_ERROR"
    assert answer.headers["x-content-type-options"] == "nosniff"
