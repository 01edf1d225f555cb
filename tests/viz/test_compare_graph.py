"""Compare mode of the org graph (``/graph?compare=FROM..TO`` and ``/api/graph?compare=…``).

The drawing must agree with ``/api/compare`` (the same comparison, drawn): what the comparison adds and
removes is green and red, lines only one state states are added or removed, and a state compared with
itself draws nothing but grey. In Chromium, with every request beyond the test server aborted.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.live import LiveServer
from tests.viz.conftest import GuardedPage
from tests.viz.test_browser import open_server_page, poll
from viz.compare_look import EDGE_LOOK, NODE_LOOK
from viz.kinds import compact

AS_IS, PROPOSED = "rm-organisering-2016/as-is", "rm-organisering-2016/proposed"
COMPARE = f"{AS_IS}..{PROPOSED}"
SECRETARIAT = "https://w3id.org/govkg/id/faellessekretariatet"


@pytest.fixture(scope="module")
def drawn(client: TestClient) -> dict[str, Any]:
    response = client.get("/api/graph", params={"compare": COMPARE})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture(scope="module")
def compared(client: TestClient) -> dict[str, Any]:
    response = client.get("/api/compare", params={"from": AS_IS, "to": PROPOSED, "lang": "da"})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def by_change(drawn: dict[str, Any], change: str) -> set[str]:
    return {n["id"] for n in drawn["nodes"] if n["change"] == change}


def test_added_and_removed_nodes_are_the_comparisons_entities(drawn: dict[str, Any], compared: dict[str, Any]) -> None:
    assert by_change(drawn, "added") == {e["entity"]["iri"] for e in compared["entities"]["added"]}
    assert by_change(drawn, "removed") == {e["entity"]["iri"] for e in compared["entities"]["removed"]}
    labels = {n["label"]["da"] for n in drawn["nodes"] if n["change"] == "added"}
    assert {"Ad hoc grupper", "Faste støttefunktioner til Sundhedsstyregruppen"} <= labels
    assert "Temagrupper" in {n["label"]["da"] for n in drawn["nodes"] if n["change"] == "removed"}


def test_the_joint_secretariat_whose_role_grows_is_changed(drawn: dict[str, Any], compared: dict[str, Any]) -> None:
    assert SECRETARIAT in by_change(drawn, "changed")
    gained = [line for line in compared["lines"]["added"] if line["source"]["iri"] == SECRETARIAT]
    assert any(line["relation"]["curie"] == "gov:preparesCasesFor" for line in gained)
    edges = {(e["source"], e["relation"], e["target"]): e["change"] for e in drawn["edges"]}
    assert edges[(SECRETARIAT, "prepares_cases_for", "https://w3id.org/govkg/id/sundhedsstyregruppen")] == "added"


def test_every_drawn_line_that_changes_is_a_line_of_the_comparison(
    drawn: dict[str, Any], compared: dict[str, Any]
) -> None:
    pairs = {
        change: {frozenset((line["source"]["iri"], line["target"]["iri"])) for line in compared["lines"][change]}
        for change in ("added", "removed")
    }
    changed_edges = [e for e in drawn["edges"] if e["change"] != "unchanged"]
    assert changed_edges
    for edge in changed_edges:
        assert frozenset((edge["source"], edge["target"])) in pairs[edge["change"]], edge
    assert {e["change"] for e in drawn["edges"]} == {"added", "removed", "unchanged"}


def test_a_state_compared_with_itself_is_all_grey(client: TestClient) -> None:
    body = client.get("/api/graph", params={"compare": f"{PROPOSED}..{PROPOSED}"}).json()
    assert body["nodes"]
    assert {n["change"] for n in body["nodes"]} == {"unchanged"}
    assert {e["change"] for e in body["edges"]} == {"unchanged"}


def test_a_bare_state_after_the_dots_is_the_same_documents(client: TestClient, drawn: dict[str, Any]) -> None:
    short = client.get("/api/graph", params={"compare": f"{AS_IS}..proposed"}).json()
    assert short == drawn


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ({"compare": "nowhere/as-is..proposed"}, 404, "no scenario or graph"),
        ({"compare": AS_IS}, 400, "FROM..TO"),
        ({"compare": COMPARE, "scenario": AS_IS}, 400, "not both"),
    ],
)
def test_bad_comparisons_say_what_is_wrong(client: TestClient, query: dict[str, str], status: int, words: str) -> None:
    for path in ("/api/graph", "/graph"):
        response = client.get(path, params=query)
        assert response.status_code == status, response.text
        assert words in response.text


@pytest.mark.browser
def test_the_compare_page_colours_changes_and_explains_them_offline(server: LiveServer, guarded: GuardedPage) -> None:
    drawn = httpx.get(f"{server.url}/api/graph", params={"compare": COMPARE}, timeout=30).json()
    page = open_server_page(guarded, server, f"?compare={COMPARE}")
    looks = page.evaluate(
        "() => window.govkgGraph.network.body.data.nodes.get().map(n => [n.id, n.change, n.color.background])"
    )
    assert {(i, c) for i, c, _ in looks} == {(compact(n["id"]), n["change"]) for n in drawn["nodes"]}
    for _, change, fill in looks:
        assert fill == NODE_LOOK[change][0]
    lines = page.evaluate("() => window.govkgGraph.network.body.data.edges.get().map(e => [e.change, e.color.color])")
    assert {c for c, _ in lines} == {"added", "removed", "unchanged"}
    assert all(colour == EDGE_LOOK[change][0] for change, colour in lines)
    rows = page.locator("#compare-legend .compare-key[data-status]")
    assert rows.count() == 4
    assert "Kommer til" in page.locator("#compare-legend").inner_text()
    page.evaluate(f"() => window.govkgGraph.select({compact(SECRETARIAT)!r})")
    panel = page.locator("#panel-change")
    poll(page, "() => !document.getElementById('panel-change').hidden")
    text = panel.inner_text()
    assert "Ændret" in text and "forbereder sager for" in text
    assert panel.locator("blockquote").count() >= 1  # the passage of the state that has the line
    page.evaluate("() => window.govkgGraph.setLanguage('en')")
    assert "Added" in page.locator("#compare-legend").inner_text()
    assert "What changes" in panel.inner_text()
    guarded.screenshot("graph-compare")


@pytest.mark.browser
def test_the_legend_counts_what_is_drawn(server: LiveServer, guarded: GuardedPage) -> None:
    focus = "sundhedsstyregruppen"
    drawn = httpx.get(f"{server.url}/api/graph", params={"compare": COMPARE, "focus": focus, "depth": 1}).json()
    page = open_server_page(guarded, server, f"?compare={COMPARE}&focus={focus}&depth=1")
    for status in ("added", "changed", "unchanged"):
        row = page.locator(f"#compare-legend [data-status={status}] .count").inner_text()
        assert int(row) == sum(1 for n in drawn["nodes"] if n["change"] == status)
    guarded.screenshot("graph-compare-focus")
