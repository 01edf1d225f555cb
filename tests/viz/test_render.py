"""The page itself: nothing loaded from outside, only its own scripts allowed, labels escaped, gaps marked."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from importlib import resources

import networkx as nx
import pytest
import rdflib

from govkg.namespaces import ID
from viz.kinds import KIND_BY_KEY
from viz.projection import project, select
from viz.render import render_html
from viz.style import FINDING_BORDER, LARGE, STYLE, options

VIS = resources.files("pyvis").joinpath("templates/lib/vis-9.1.2")
# The only URLs inside vis-network itself: its licence banner, core-js's licence string, an error message
# and the SVG namespace. None of them is ever fetched.
VIS_INERT_URLS = {
    "https://visjs.github.io/vis-network/",
    "http://almende.com",
    "https://github.com/visjs",
    "http://www.apache.org/licenses/LICENSE-2.0",
    "http://opensource.org/licenses/MIT",
    "https://github.com/zloirock/core-js",
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "http://www.w3.org/2000/svg",
}
URL = re.compile(r"""(?<![a-z])(?:https?|ftp|wss?):/{0,2}(?=[a-z0-9/])[^\s"'<>()\\]*""", re.IGNORECASE)
LOADS = re.compile(
    r"""<[a-z][^>]*\s(?:src|href|srcset|action|formaction|poster|data)\s*=|(?<![a-z])url\(\s*(?!['"]?data:)|@import""",
    re.IGNORECASE,
)
SCRIPT_LOADS = re.compile(r"fetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|import\(|\.(?:src|href)\s*=")
MISCHIEF_DA = "</script><img src=x onerror=alert(1)>"
MISCHIEF_EN = '"><svg onload=alert(2)>'


def page_data(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="govkg-data">(.*?)</script>', html, re.DOTALL)
    assert match, "the page carries its data as JSON"
    data: dict[str, object] = json.loads(match.group(1))
    return data


@pytest.fixture(scope="module")
def html(viz_full: nx.MultiDiGraph) -> str:
    return render_html(select(viz_full), mode="org", lang="da")


def test_the_page_loads_nothing_from_outside(html: str) -> None:
    vis_js = VIS.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    vis_css = VIS.joinpath("vis-network.css").read_text(encoding="utf-8")
    assert vis_js in html and vis_css in html, "vis-network is inlined from the installed pyvis, unchanged"
    own = html.replace(vis_js, "").replace(vis_css, "")
    assert URL.findall(own) == [], "no URL at all in the page's own markup, style, script or data"
    assert LOADS.findall(own) == [], "no attribute or rule that loads anything"
    assert SCRIPT_LOADS.findall(resources.files("viz").joinpath("static/graph.js").read_text()) == []
    assert set(URL.findall(vis_js)) <= VIS_INERT_URLS
    assert LOADS.findall(vis_css) == [], "vis-network's stylesheet only uses data: images"
    assert "bootstrap" not in html.lower() and "cdn" not in own.lower()


def test_only_the_pages_own_scripts_may_run(html: str) -> None:
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert policy, "the page sets a Content-Security-Policy"
    directives = dict(d.strip().split(" ", 1) for d in unescape(policy.group(1)).split(";"))
    assert directives["default-src"] == "'none'"
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 2, "vis-network and the page's own script"
    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts}
    assert set(directives["script-src"].split()) == hashes


def test_labels_and_quotes_cannot_break_out_of_the_page(html: str) -> None:
    assert MISCHIEF_DA not in html and MISCHIEF_EN not in html
    assert "<script>window.__pwned" not in html
    assert html.lower().count("</script") == 3, "only the three script elements close"
    data = page_data(html)
    nodes = {n["id"]: n for n in data["nodes"]}  # type: ignore[attr-defined]
    assert (nodes["id:viz-mischief"]["label_da"], nodes["id:viz-mischief"]["label_en"]) == (MISCHIEF_DA, MISCHIEF_EN)
    details = data["details"]["id:viz-mischief"]  # type: ignore[index]
    assert details["passages"][0]["quote"] == "<script>window.__pwned = 1</script>"


def test_the_page_title_is_escaped_too(viz_full: nx.MultiDiGraph) -> None:
    page = render_html(select(viz_full), title=MISCHIEF_DA)
    assert "<title>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</title>" in page


def test_nodes_with_audit_findings_get_a_red_border(viz_rdf: rdflib.Graph) -> None:
    flagged = f"{ID}viz-council"
    page = render_html(project(viz_rdf, {flagged: "violation"}), mode="network")
    nodes = {n["id"]: n for n in page_data(page)["nodes"]}  # type: ignore[attr-defined]
    assert nodes["id:viz-council"]["color"]["border"] == FINDING_BORDER
    assert nodes["id:viz-council"]["borderWidth"] > options("network", 1, 1)["nodes"]["borderWidth"]
    assert all("color" not in n for i, n in nodes.items() if i != "id:viz-council"), "the others look like their kind"


def test_every_kind_has_its_own_look_and_a_legend_entry(html: str) -> None:
    assert set(STYLE) == set(KIND_BY_KEY)
    assert len({(fill, shape) for fill, _, _, shape in STYLE.values()}) == len(STYLE)
    data = page_data(html)
    legend = {k["key"] for k in data["kinds"]}  # type: ignore[attr-defined]
    assert legend == {n["kind"] for n in data["nodes"]}  # type: ignore[attr-defined]
    assert {r["key"] for r in data["relations"]} == {e["relation"] for e in data["edges"]}  # type: ignore[attr-defined]


def test_edges_are_named_in_both_languages_with_the_role(html: str) -> None:
    edges = {e["id"]: e for e in page_data(html)["edges"]}  # type: ignore[attr-defined]
    seat = edges["id:viz-region-south|member_of|id:viz-steering"]
    assert (seat["label_da"], seat["label_en"]) == ("medlem af (Repræsentant)", "member of (Representative)")
    assert edges["id:viz-steering|reports_to|id:viz-council"]["arrows"] == "to"


def test_org_mode_has_a_place_for_every_node_and_no_physics(html: str) -> None:
    data = page_data(html)
    assert set(data["positions"]) == {n["id"] for n in data["nodes"]}  # type: ignore[attr-defined]
    assert data["config"]["mode"] == "org"  # type: ignore[index]
    assert options("org", 10, 10)["physics"] == {"enabled": False}


def test_network_mode_settles_in_bounded_steps_and_large_graphs_are_kept_light() -> None:
    small, large = options("network", 50, 80), options("network", 2000, 4000)
    assert small["physics"]["enabled"] and small["physics"]["stabilization"]["enabled"]
    assert large["physics"]["stabilization"]["iterations"] < small["physics"]["stabilization"]["iterations"]
    assert large["edges"]["smooth"] is False and large["layout"]["improvedLayout"] is False
    assert small["layout"]["improvedLayout"] is True and 2000 > LARGE


def test_an_empty_projection_still_renders_a_page(viz_full: nx.MultiDiGraph) -> None:
    page = render_html(select(viz_full, types=["person"], relations=[], docs=["doc-viz-minutes"]))
    assert page_data(page)["nodes"] == []
