"""The org chart as a new staff member first sees it, in headless Chromium at 1400 × 900, offline."""

from __future__ import annotations

import pytest

from tests.live import LiveServer
from tests.viz.conftest import GuardedPage
from tests.viz.test_browser import open_server_page

pytestmark = pytest.mark.browser
SMALLEST = "() => window.govkgGraph.smallestLabel()"
OUTSIDE = """() => {
    const g = window.govkgGraph, n = g.network, box = document.getElementById("graph").getBoundingClientRect();
    return g.nodeView.getIds().filter(id => {
        const b = n.getBoundingBox(id);
        const a = n.canvasToDOM({x: b.left, y: b.top}), c = n.canvasToDOM({x: b.right, y: b.bottom});
        return a.x < 0 || a.y < 0 || c.x > box.width || c.y > box.height;
    }); }"""
KINDS = "() => window.govkgGraph.nodeView.get().map(n => n.kind)"


def test_the_first_view_is_readable_and_fits_the_window(server: LiveServer, guarded: GuardedPage) -> None:
    page = open_server_page(guarded, server, "?lang=en")
    assert page.evaluate(SMALLEST) >= 12, "every label is drawn at 12 px or more"
    assert page.evaluate(OUTSIDE) == [], "every box of the first view lies inside the window"
    kinds = page.evaluate(KINDS)
    assert "cluster" in kinds, "deep subtrees are folded into cluster boxes"
    assert "group" in kinds, "top-level entities that do not fit are folded into group boxes"
    guarded.screenshot("orgchart-first-view")


def test_a_group_box_opens_and_closes_by_click(server: LiveServer, guarded: GuardedPage) -> None:
    page = open_server_page(guarded, server, "?lang=en")
    ids = "() => window.govkgGraph.nodeView.getIds()"
    before = set(page.evaluate(ids))
    group = sorted(i for i in before if i.startswith("group:"))[0]
    click = f"""() => {{
        const n = window.govkgGraph.network, dom = n.canvasToDOM(n.getPositions(["{group}"])["{group}"]);
        const box = document.getElementById("graph").getBoundingClientRect();
        return {{x: box.left + dom.x, y: box.top + dom.y}}; }}"""
    point = page.evaluate(click)
    page.mouse.click(point["x"], point["y"])
    opened = set(page.evaluate(ids))
    members = page.evaluate(f"() => window.govkgGraph.members('{group}')")
    assert members and set(members) <= opened and not set(members) & before, "the click shows the group's members"
    assert page.evaluate(SMALLEST) >= 12
    point = page.evaluate(click)
    page.mouse.click(point["x"], point["y"])
    assert set(page.evaluate(ids)) == before, "a second click folds them again"


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
    kids = page.evaluate("() => window.govkgGraph.members('id:region-midtjylland')")
    assert set(kids) <= expanded, "one level: the children"
    folded = [k for k in kids if page.evaluate(f"() => window.govkgGraph.members('{k}').length")]
    assert folded and {f"cluster:{k}" for k in folded} <= expanded, "each with its own subordinates folded"
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
    assert page.evaluate(OUTSIDE) == []
    centre = """() => {
        const n = window.govkgGraph.network, id = "id:sundhedsstyregruppen";
        const p = n.canvasToDOM(n.getPositions([id])[id]);
        const box = document.getElementById("graph").getBoundingClientRect();
        return Math.abs(p.x - box.width / 2) / box.width; }"""
    assert page.evaluate(centre) < 0.25, "the focus is in the middle half of the window"
    guarded.screenshot("orgchart-focus")


def test_download_png_gives_a_png_of_the_view(server: LiveServer, guarded: GuardedPage) -> None:
    page = open_server_page(guarded, server, "?lang=en")
    with page.expect_download() as info:
        page.click("#download-png")
    download = info.value
    path = download.path()
    assert download.suggested_filename.endswith(".png")
    assert path is not None and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
