"""``/graph`` and ``/api/graph`` over HTTP (in-process): the page, the JSON, filters and errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers import graph as graph_router
from govkg.config import Settings
from govkg.namespaces import ID
from govkg.store import Store
from viz.findings import NodeFinding


@pytest.fixture(scope="module")
def viz_client(viz_store: Store) -> Iterator[TestClient]:
    """An app over the made-up world."""
    with TestClient(create_app(Settings(), store=viz_store)) as client:
        yield client


def test_the_json_projection_lists_nodes_and_typed_edges(viz_client: TestClient) -> None:
    response = viz_client.get("/api/graph")
    assert response.status_code == 200
    body = response.json()
    ids = {n["id"] for n in body["nodes"]}
    assert f"{ID}viz-steering" in ids and f"{ID}viz-obligation" not in ids, "obligations are off by default"
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    steering = next(n for n in body["nodes"] if n["id"] == f"{ID}viz-steering")
    assert steering["label"] == {"da": "Teststyregruppen", "en": "The Test Steering Group"}
    assert steering["passages"][0]["quote"].startswith("Teststyregruppen nedsættes")


def test_filters_and_focus_narrow_the_json(viz_client: TestClient) -> None:
    full = viz_client.get("/api/graph").json()
    focused = viz_client.get("/api/graph", params={"focus": "viz-steering", "depth": 1}).json()
    assert focused["focus"] == f"{ID}viz-steering" and focused["depth"] == 1
    assert {n["id"] for n in focused["nodes"]} < {n["id"] for n in full["nodes"]}
    bodies = viz_client.get("/api/graph", params={"types": "body", "relations": "reports_to"}).json()
    assert {n["kind"] for n in bodies["nodes"]} == {"body"}
    assert {e["relation"] for e in bodies["edges"]} == {"reports_to"}
    minutes = viz_client.get("/api/graph", params={"docs": "doc-viz-minutes"}).json()
    assert len(minutes["nodes"]) == 3


def test_the_page_comes_with_the_same_graph(viz_client: TestClient) -> None:
    response = viz_client.get("/graph", params={"focus": "id:viz-council", "depth": 1, "mode": "network", "lang": "en"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<html lang="en">' in response.text and '"mode":"network"' in response.text
    assert '"focus":"id:viz-council"' in response.text


@pytest.mark.parametrize("path", ["/graph", "/api/graph"])
def test_an_unknown_focus_is_a_404_in_json(viz_client: TestClient, path: str) -> None:
    response = viz_client.get(path, params={"focus": "no-such-thing"})
    assert response.status_code == 404
    assert response.json()["error"] == "NOT_FOUND" and "no-such-thing" in response.json()["message"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        pytest.param({"types": "bodies"}, 400, id="unknown-type"),
        pytest.param({"relations": "bosses"}, 400, id="unknown-relation"),
        pytest.param({"docs": "nowhere"}, 400, id="unknown-document"),
        pytest.param({"depth": "-1"}, 422, id="negative-depth"),
        pytest.param({"mode": "tree"}, 422, id="unknown-mode"),
    ],
)
def test_bad_parameters_get_a_json_error(viz_client: TestClient, params: dict[str, str], status: int) -> None:
    path = "/graph" if "mode" in params else "/api/graph"
    response = viz_client.get(path, params=params)
    assert response.status_code == status
    assert set(response.json()) >= {"error", "message"}


def test_audit_findings_reach_the_json(viz_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    council = f"{ID}viz-council"
    finding = NodeFinding("warning", "Uden mandat", "No mandate", "Intet mandat.", "No mandate.")
    monkeypatch.setattr(graph_router, "audit_overlay", lambda store: ({council: "warning"}, {council: [finding]}))
    node = next(n for n in viz_client.get("/api/graph").json()["nodes"] if n["id"] == council)
    assert node["severity"] == "warning" and node["findings"][0]["rule_en"] == "No mandate"


def test_the_seed_graph_is_served_with_its_audit_marks(client: TestClient) -> None:
    body = client.get("/api/graph").json()
    assert body["nodes"], "the seed data draws something"
    ids = {n["id"] for n in body["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    marked = [n for n in body["nodes"] if n["severity"]]
    assert all(n["findings"] for n in marked), "a marked node says why"
