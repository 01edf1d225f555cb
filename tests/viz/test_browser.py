"""The org graph in real headless Chromium, with every request off 127.0.0.1 blocked and failing the test.

Against the running service (seed data) and against files written by ``govkg graph`` opened from disk.
Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page

from govkg.cli import main
from govkg.store import Store
from tests.live import LiveServer
from tests.viz.conftest import GuardedPage
from tests.viz.test_cli import env_for
from viz.findings import audit_overlay
from viz.kinds import RELATION_BY_KEY, compact
from viz.projection import project
from viz.style import FINDING_BORDER

pytestmark = pytest.mark.browser

MISCHIEF_DA = "</script><img src=x onerror=alert(1)>"
MISCHIEF_EN = '"><svg onload=alert(2)>'


def api_graph(server: LiveServer, **params: Any) -> dict[str, Any]:
    response = httpx.get(f"{server.url}/api/graph", params=params, timeout=30)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def open_server_page(guarded: GuardedPage, server: LiveServer, query: str = "") -> Page:
    guarded.allowed = [f"{server.url}/"]
    return guarded.open(f"{server.url}/graph{query}")


def drawn_nodes(page: Page) -> set[str]:
    """The node ids vis-network itself holds and has placed."""
    ids = page.evaluate("() => window.govkgGraph.network.body.data.nodes.getIds()")
    placed = page.evaluate("() => Object.keys(window.govkgGraph.network.getPositions())")
    assert set(ids) == set(placed)
    return set(ids)


def drawn_edge_count(page: Page) -> int:
    count: int = page.evaluate("() => window.govkgGraph.network.body.data.edges.length")
    return count


def poll(page: Page, script: str, attempts: int = 60, pause: float = 0.05) -> Any:
    """Evaluate ``script`` until it is truthy (bounded; the page's CSP rules out wait_for_function)."""
    for _ in range(attempts):
        value = page.evaluate(script)
        if value:
            return value
        time.sleep(pause)
    raise AssertionError(f"never true: {script}")


@pytest.fixture(scope="module")
def seed_full(server: LiveServer) -> dict[str, Any]:
    return api_graph(server)


def test_the_served_page_draws_exactly_the_projection_offline(
    server: LiveServer, guarded: GuardedPage, seed_full: dict[str, Any]
) -> None:
    page = open_server_page(guarded, server, "?mode=network")
    assert drawn_nodes(page) == {compact(n["id"]) for n in seed_full["nodes"]}
    assert drawn_edge_count(page) == len(seed_full["edges"])
    assert page.evaluate("() => window.govkgGraph.network.physics.physicsEnabled") is False, "physics stopped"
    before = page.evaluate("() => window.govkgGraph.network.getPositions()")
    page.uncheck("#kind-filter input[value=post]")
    page.check("#kind-filter input[value=post]")
    after = page.evaluate("() => window.govkgGraph.network.getPositions()")
    moved = [n for n in before if abs(before[n]["x"] - after[n]["x"]) > 1 or abs(before[n]["y"] - after[n]["y"]) > 1]
    assert not moved, f"hiding and showing a type moved nodes: {moved}"
    guarded.screenshot("graph-network-seed")


def test_search_finds_a_node_and_brings_it_into_view(
    server: LiveServer, guarded: GuardedPage, seed_full: dict[str, Any]
) -> None:
    labels = [n["label"]["da"] for n in seed_full["nodes"]]
    target = next(n for n in seed_full["nodes"] if n["kind"] == "organisation" and labels.count(n["label"]["da"]) == 1)
    page = open_server_page(guarded, server)
    page.fill("#search-input", target["label"]["da"])
    page.press("#search-input", "Enter")
    node = compact(target["id"])
    assert page.evaluate("() => window.govkgGraph.network.getSelectedNodes()") == [node]
    assert page.text_content("#panel-title") == target["label"]["da"]
    centred = f"""() => {{
        const n = window.govkgGraph.network, p = n.getPositions(["{node}"])["{node}"], v = n.getViewPosition();
        return Math.abs(p.x - v.x) < 1 && Math.abs(p.y - v.y) < 1; }}"""
    poll(page, centred)
    guarded.screenshot("graph-search-seed")


def test_clicking_a_node_shows_its_panel_with_the_quote(
    server: LiveServer, guarded: GuardedPage, seed_full: dict[str, Any]
) -> None:
    quoted = [n for n in seed_full["nodes"] if n["passages"]]
    target = next((n for n in quoted if n["findings"]), quoted[0])
    node = compact(target["id"])
    page = open_server_page(guarded, server)
    point = page.evaluate(
        f"""() => {{
        const n = window.govkgGraph.network;
        window.govkgGraph.unfold("{node}");  // the first view folds deep subtrees into clusters
        n.moveTo({{position: n.getPositions(["{node}"])["{node}"], scale: 1.5}});
        const dom = n.canvasToDOM(n.getPositions(["{node}"])["{node}"]);
        const box = document.getElementById("graph").getBoundingClientRect();
        return {{x: box.left + dom.x, y: box.top + dom.y}}; }}"""
    )
    page.mouse.click(point["x"], point["y"])
    assert page.is_visible("#panel")
    assert page.text_content("#panel-title") == target["label"]["da"]
    quotes = page.locator("#panel-passages blockquote").all_text_contents()
    assert any(target["passages"][0]["quote"] in q for q in quotes)
    if target["findings"]:
        assert target["findings"][0]["rule_da"] in page.text_content("#panel-findings")
    guarded.screenshot("graph-panel-seed")


def test_focus_and_depth_limit_the_graph(server: LiveServer, guarded: GuardedPage, seed_full: dict[str, Any]) -> None:
    whole = nx.Graph([(e["source"], e["target"]) for e in seed_full["edges"]])
    focus = max(sorted(whole), key=whole.degree)
    expected = {compact(n) for n in nx.ego_graph(whole, focus, radius=1)}
    page = open_server_page(guarded, server, f"?focus={compact(focus)}&depth=1")
    assert drawn_nodes(page) == expected
    assert len(expected) < len(seed_full["nodes"])
    assert page.evaluate("() => window.govkgGraph.network.getSelectedNodes()") == [compact(focus)]
    assert drawn_edge_count(page) == len(api_graph(server, focus=focus, depth=1)["edges"])


def test_the_org_chart_is_laid_out_top_down(
    server: LiveServer, guarded: GuardedPage, seed_full: dict[str, Any]
) -> None:
    lines = []
    for edge in seed_full["edges"]:
        hierarchy = RELATION_BY_KEY[edge["relation"]].hierarchy
        if hierarchy:
            upper, lower = (edge["target"], edge["source"]) if hierarchy == "up" else (edge["source"], edge["target"])
            lines.append((compact(upper), compact(lower)))
    cycles = {n for part in nx.strongly_connected_components(nx.DiGraph(lines)) if len(part) > 1 for n in part}
    checked = [(u, v) for u, v in lines if not {u, v} <= cycles]
    assert checked, "the seed data has reporting and sub-organisation lines"
    page = open_server_page(guarded, server, "?mode=org")
    page.evaluate("() => window.govkgGraph.expandAll()")  # the first view folds deep subtrees
    y = {k: v["y"] for k, v in page.evaluate("() => window.govkgGraph.network.getPositions()").items()}
    wrong = [(u, v) for u, v in checked if not y[u] < y[v]]
    assert not wrong, f"superiors drawn below their subordinates: {wrong}"
    guarded.screenshot("graph-org-seed")


def test_the_language_switch_changes_every_label(
    server: LiveServer, guarded: GuardedPage, seed_full: dict[str, Any]
) -> None:
    page = open_server_page(guarded, server, "?lang=da")
    labels = (  # an org chart box says the name, then the kind under it
        "() => Object.fromEntries(window.govkgGraph.nodes.get().filter(n => !['cluster', 'group'].includes(n.kind))"
        ".map(n => [n.id, n.label.split('\\n')[0]]))"
    )
    assert page.evaluate(labels) == {compact(n["id"]): n["label"]["da"] for n in seed_full["nodes"]}
    page.click("#lang-switch button[data-lang=en]")
    assert page.evaluate(labels) == {compact(n["id"]): n["label"]["en"] for n in seed_full["nodes"]}
    assert page.evaluate("() => document.documentElement.lang") == "en"
    tooltips = page.evaluate(
        "() => window.govkgGraph.edges.get().filter(e => e.relation !== '_fold').map(e => [e.relation, e.title])"
    )
    assert all(RELATION_BY_KEY[relation].en in title for relation, title in tooltips), "edge tooltips in English"
    assert page.text_content("h1") == "Org graph"
    guarded.screenshot("graph-english-seed")


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph written by ``govkg graph`` with the default configuration."""
    out = tmp_path_factory.mktemp("cli") / "seed-graph.html"
    result = CliRunner().invoke(main, ["graph", "-o", str(out), "--mode", "network"], env={"GOVKG_EXTRA_PATHS": "[]"})
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def mischief_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The made-up world, labels that try to inject script included, written by ``govkg graph``."""
    folder = tmp_path_factory.mktemp("cli-mischief")
    out = folder / "made-up.html"
    result = CliRunner().invoke(main, ["graph", "-o", str(out), "--lang", "da"], env=env_for(folder))
    assert result.exit_code == 0, result.output
    return out


def open_file(guarded: GuardedPage, path: Path) -> Page:
    guarded.allowed = [path.as_uri()]
    return guarded.open(path.as_uri())


def test_the_cli_file_opens_from_disk_with_the_whole_projection(
    seed_file: Path, seed_store: Store, guarded: GuardedPage
) -> None:
    expected = project(seed_store.rdflib_graph(frozenset({"ontology", "data"})), *audit_overlay(seed_store))
    page = open_file(guarded, seed_file)
    assert drawn_nodes(page) == {compact(n) for n in expected}
    assert drawn_edge_count(page) == expected.number_of_edges()
    red = {compact(n) for n, a in expected.nodes(data=True) if a["severity"]}
    assert red, "the seed data has audit findings on drawn nodes"
    borders = (
        "() => Object.entries(window.govkgGraph.network.body.nodes)"
        f".filter(([id, node]) => node.options.color.border === '{FINDING_BORDER}').map(([id, node]) => id)"
    )
    assert set(page.evaluate(borders)) == red
    page.click("#lang-switch button[data-lang=en]")
    assert set(page.evaluate(borders)) == red, "the red border survives the language switch"
    page.click("#mode-switch button[data-mode=org]")
    page.wait_for_selector("body[data-ready=org]", state="attached")
    page.evaluate("() => window.govkgGraph.expandAll()")  # the org chart's first view folds deep subtrees
    assert set(page.evaluate(borders)) == red, "and the switch to the org chart"
    guarded.screenshot("graph-file-seed")


def test_labels_and_quotes_stay_text_in_the_browser(mischief_file: Path, guarded: GuardedPage) -> None:
    page = open_file(guarded, mischief_file)
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator("img, svg, iframe, object").count() == 0, "no element was injected"
    page.evaluate("() => window.govkgGraph.select('id:viz-mischief')")
    assert page.text_content("#panel-title") == MISCHIEF_DA
    assert page.text_content("#panel-passages blockquote") is not None
    assert "<script>window.__pwned = 1</script>" in (page.text_content("#panel-passages blockquote") or "")
    page.click("#lang-switch button[data-lang=en]")
    assert page.text_content("#panel-title") == MISCHIEF_EN
    guarded.screenshot("graph-mischief")


def test_the_legend_filters_types_and_the_neighbourhood_button_focuses(
    mischief_file: Path, guarded: GuardedPage
) -> None:
    page = open_file(guarded, mischief_file)
    everything = len(drawn_nodes(page))
    bodies = page.evaluate("() => window.govkgGraph.nodes.get().filter(n => n.kind === 'body').length")
    page.uncheck("#kind-filter input[value=body]")
    assert len(drawn_nodes(page)) == everything - bodies
    page.check("#kind-filter input[value=body]")
    assert len(drawn_nodes(page)) == everything
    page.evaluate("() => window.govkgGraph.select('id:viz-steering')")
    page.select_option("#neighbourhood-depth", "1")
    page.click("#neighbourhood button[type=submit]")
    assert drawn_nodes(page) == {
        "id:viz-steering",
        "id:viz-council",
        "id:viz-agreement",
        "id:viz-network",
        "id:viz-chair",
        "id:viz-region-south",
    }
    page.click("#show-all")
    assert len(drawn_nodes(page)) == everything


def test_the_guard_itself_catches_a_request_to_the_internet(browser: Browser) -> None:
    """The instrument the other tests rely on: a page that reaches out is caught, and nothing leaves."""
    context = browser.new_context()
    guard = GuardedPage(context.new_page(), allowed=["http://127.0.0.1:1/"])
    context.route("**/*", guard.route)
    try:
        guard.page.set_content(
            '<img src="https://cdn.example.org/vis.png"><img src="http://127.0.0.1:1/allowed.png"><p>offline</p>'
        )
        guard.page.wait_for_load_state()
    finally:
        context.close()
    assert guard.blocked == ["https://cdn.example.org/vis.png"]
