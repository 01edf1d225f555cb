"""The org chart as a new staff member first sees it, in headless Chromium at 1400 × 900, offline."""

from __future__ import annotations

import pytest

from tests.live import LiveServer
from tests.viz.conftest import GuardedPage
from tests.viz.test_browser import open_server_page

pytestmark = pytest.mark.browser
SMALLEST = "() => window.govkgGraph.smallestLabel()"


def test_the_first_view_draws_every_label_at_12_px_or_more(server: LiveServer, guarded: GuardedPage) -> None:
    page = open_server_page(guarded, server, "?lang=en")
    assert page.evaluate(SMALLEST) >= 12
    clusters = page.evaluate("() => window.govkgGraph.nodeView.get().filter(n => n.kind === 'cluster').length")
    assert clusters > 0, "deep subtrees are folded into cluster boxes"
    guarded.screenshot("orgchart-first-view")


def test_a_cluster_expands_on_click_and_collapses_again(server: LiveServer, guarded: GuardedPage) -> None:
    page = open_server_page(guarded, server, "?lang=en")
    ids = "() => window.govkgGraph.nodeView.getIds()"
    before = set(page.evaluate(ids))
    cluster = "cluster:id:region-midtjylland"
    assert cluster in before
    point = page.evaluate(
        f"""() => {{
        const n = window.govkgGraph.network, p = n.getPositions(["{cluster}"])["{cluster}"];
        const dom = n.canvasToDOM(p), box = document.getElementById("graph").getBoundingClientRect();
        return {{x: box.left + dom.x, y: box.top + dom.y}}; }}"""
    )
    page.mouse.click(point["x"], point["y"])
    expanded = set(page.evaluate(ids))
    assert cluster not in expanded and len(expanded) > len(before), "the click unfolded the subtree"
    assert page.evaluate(SMALLEST) >= 12
    page.evaluate("() => window.govkgGraph.collapse('id:region-midtjylland')")
    assert set(page.evaluate(ids)) == before, "collapsing gives the first view back"


def test_a_focus_fills_the_window(server: LiveServer, guarded: GuardedPage) -> None:
    page = open_server_page(guarded, server, "?focus=Sundhedsstyregruppen&depth=1&lang=en")
    assert page.evaluate("() => window.govkgGraph.network.getSelectedNodes()") == ["id:sundhedsstyregruppen"]
    spread = page.evaluate(
        """() => {
        const n = window.govkgGraph.network, ids = window.govkgGraph.nodeView.getIds();
        const dom = Object.values(n.getPositions(ids)).map(p => n.canvasToDOM(p));
        const box = document.getElementById("graph").getBoundingClientRect();
        const xs = dom.map(p => p.x), ys = dom.map(p => p.y);
        const w = (Math.max(...xs) - Math.min(...xs)) / box.width;
        return {w: w, h: (Math.max(...ys) - Math.min(...ys)) / box.height};
        }"""
    )
    assert max(spread["w"], spread["h"]) > 0.6, f"the focused chart fills the window: {spread}"
    assert page.evaluate(SMALLEST) >= 12
    guarded.screenshot("orgchart-focus")


def test_download_png_gives_a_png_of_the_view(server: LiveServer, guarded: GuardedPage) -> None:
    page = open_server_page(guarded, server, "?lang=en")
    with page.expect_download() as info:
        page.click("#download-png")
    download = info.value
    path = download.path()
    assert download.suggested_filename.endswith(".png")
    assert path is not None and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
