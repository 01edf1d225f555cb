"""The org graph page in headless Chromium: search that folds Danish letters, line styles and the legend's
toggle, and the print stylesheet. Every request off 127.0.0.1 is aborted (see conftest)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.live import LiveServer
from tests.viz.conftest import GuardedPage
from tests.viz.test_browser import mischief_file, open_file, open_server_page, seed_full  # noqa: F401
from viz.kinds import compact

pytestmark = pytest.mark.browser
PLAIN = {"æ": ("ae", "a"), "ø": ("oe", "o"), "å": ("aa", "a")}
SEARCH = "q => window.govkgGraph.search(q)"


def typed_plainly(label: str, letter: str, plain: str) -> str:
    return label.replace(letter, plain).replace(letter.upper(), plain.capitalize())


def test_search_takes_danish_letters_typed_plainly(
    server: LiveServer,
    guarded: GuardedPage,
    seed_full: dict[str, Any],  # noqa: F811
) -> None:
    page = open_server_page(guarded, server, "?lang=da")
    labels = [n["label"]["da"] for n in seed_full["nodes"]]
    tried = set()
    for letter, plains in PLAIN.items():
        named = [n for n in seed_full["nodes"] if letter in n["label"]["da"].lower()]
        target = next((n for n in named if labels.count(n["label"]["da"]) == 1), None)
        if target is None:
            continue
        for plain in plains:
            typed = typed_plainly(target["label"]["da"], letter, plain).upper()
            assert page.evaluate(SEARCH, typed) == compact(target["id"]), f"{typed!r} finds {target['label']['da']!r}"
        tried.add(letter)
    assert {"æ", "ø"} <= tried, "the seed names have æ and ø"
    assert page.evaluate(SEARCH, "sundhedsstyregrupp") == "id:sundhedsstyregruppen", "a part of a name will do"


def test_search_folds_å_in_the_made_up_world(mischief_file: Path, guarded: GuardedPage) -> None:  # noqa: F811
    page = open_file(guarded, mischief_file)
    for typed in ("Testraadet", "testradet", "TESTRÅDET"):
        assert page.evaluate(SEARCH, typed) == "id:viz-council", typed


EDGE_LOOKS = """() => {
    const g = window.govkgGraph, body = g.network.body.edges;
    return g.edgeView.getIds().filter(id => g.edges.get(id).relation !== "_fold").map(id => {
        const o = body[id].options;
        return {tree: !!g.edges.get(id).hierarchical, straight: o.smooth.enabled === false, dashed: o.dashes !== false};
    }); }"""


def test_tree_lines_are_straight_other_lines_dashed_and_toggled_from_the_legend(
    server: LiveServer, guarded: GuardedPage
) -> None:
    page = open_server_page(guarded, server, "?lang=en")
    page.evaluate("() => window.govkgGraph.expandAll()")
    looks = page.evaluate(EDGE_LOOKS)
    tree, other = [x for x in looks if x["tree"]], [x for x in looks if not x["tree"]]
    assert tree and all(x["straight"] and not x["dashed"] for x in tree), "sub-organisation, reports to, post in"
    assert other and all(x["dashed"] for x in other), "informs, advises, … drawn dashed"
    page.uncheck("#other-lines")
    assert all(x["tree"] for x in page.evaluate(EDGE_LOOKS)), "the legend hides the other lines"
    page.check("#other-lines")
    assert len(page.evaluate(EDGE_LOOKS)) == len(looks), "and shows them again"


CONTROLS = """() => ["header", "#legend", "#panel", "div.vis-navigation"].map(
    s => getComputedStyle(document.querySelector(s)).display)"""


def test_the_print_stylesheet_keeps_the_chart_and_hides_the_controls(server: LiveServer, guarded: GuardedPage) -> None:
    page = open_server_page(guarded, server, "?lang=en")
    page.emulate_media(media="print")
    assert page.evaluate(CONTROLS) == ["none"] * 4, "search, switches, legend, panel and zoom buttons stay off paper"
    width, height = page.evaluate(
        "() => { const r = document.getElementById('graph').getBoundingClientRect(); return [r.width, r.height]; }"
    )
    assert width > 1000 and height > 500, "the chart takes the page"
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box is not None and float(box.group(1)) > float(box.group(2)), "landscape"
    page.emulate_media(media="screen")
    assert page.evaluate(CONTROLS)[0] != "none"
