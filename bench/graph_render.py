"""Benchmark: a 2,000-node synthetic governance graph through projection, rendering and headless Chromium.

Prints the time to build the projection, to render the page (first view folded in Python included), the
page's size, and the time to first stable render in Debian's chromium at 1400 × 900 (navigation start →
graph drawn and settled: the org chart's folded first view drawn in place, or network physics stabilised
and switched off), for both modes. For the org chart it also prints what the first view shows: boxes
drawn, the smallest label on screen (vis-network scale × font size) and how many boxes lie outside the
window. Figures, not assertions. Nothing leaves the machine: the page is opened from disk and every
other request is aborted.

    .venv/bin/python bench/graph_render.py [--nodes 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import rdflib
from playwright.sync_api import Route, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from govkg.namespaces import DCTERMS, FOAF, GOV, ID, ORG, PROV, RDF, SKOS  # noqa: E402
from viz.projection import project  # noqa: E402
from viz.render import render_html  # noqa: E402


class World:
    """A synthetic RDF world of regions, hospitals, units, bodies, posts, people and agreements."""

    def __init__(self, seed: int = 7) -> None:
        self.graph = rdflib.Graph()
        self.graph.parse(ROOT / "ontology" / "govkg.ttl")
        self.random = random.Random(seed)
        self.count = 0
        self.docs = [ID[f"doc-bench-{i}"] for i in range(5)]
        for i, doc in enumerate(self.docs):
            self.graph.add((doc, RDF.type, GOV.SourceDocument))
            self.graph.add((doc, DCTERMS.title, rdflib.Literal(f"Benchmark document {i}", lang="da")))
            self.graph.add((doc, DCTERMS.identifier, rdflib.Literal(f"bench-{i}.txt")))

    def entity(self, cls: rdflib.URIRef, name: str) -> rdflib.URIRef:
        self.count += 1
        node = ID[f"bench-{self.count}"]
        g = self.graph
        g.add((node, RDF.type, cls))
        g.add((node, SKOS.prefLabel, rdflib.Literal(f"{name} {self.count}", lang="da")))
        g.add((node, SKOS.prefLabel, rdflib.Literal(f"{name} {self.count} (en)", lang="en")))
        passage = ID[f"passage-bench-{self.count}"]
        g.add((node, PROV.wasDerivedFrom, passage))
        g.add((passage, GOV.quote, rdflib.Literal(f"{name} {self.count} er nævnt her i dokumentet.", lang="da")))
        g.add((passage, DCTERMS.isPartOf, self.random.choice(self.docs)))
        return node

    def link(self, source: rdflib.URIRef, predicate: rdflib.URIRef, target: rdflib.URIRef) -> None:
        self.graph.add((source, predicate, target))


def synthetic(nodes: int) -> rdflib.Graph:
    """About ``nodes`` entities with two to three governance edges each (exactly ``nodes`` drawable ones)."""
    w = World()
    pick = w.random.choice
    regions = [w.entity(GOV.Region, "Region") for _ in range(5)]
    councils = []
    for region in regions:
        council = w.entity(GOV.Council, "Råd")
        w.link(council, ORG.subOrganizationOf, region)
        councils.append(council)
        for _ in range(8):
            hospital = w.entity(GOV.Hospital, "Hospital")
            w.link(hospital, ORG.subOrganizationOf, region)
            for _ in range(12):
                w.link(w.entity(ORG.OrganizationalUnit, "Afdeling"), ORG.unitOf, hospital)
    steering = []
    for council in councils:
        for _ in range(6):
            group = w.entity(GOV.SteeringGroup, "Styregruppe")
            w.link(group, ORG.reportsTo, council)
            steering.append(group)
    bodies = list(steering)
    for group in steering:
        for _ in range(12):
            body = w.entity(GOV.WorkingGroup, "Arbejdsgruppe")
            w.link(body, ORG.subOrganizationOf, group)
            w.link(pick(regions), ORG.memberOf, body)
            bodies.append(body)
    agreements = []
    for _ in range(30):
        agreement = w.entity(GOV.Agreement, "Aftale")
        w.link(agreement, GOV.party, pick(regions))
        w.link(agreement, GOV.party, pick(regions))
        w.link(pick(steering), GOV.establishedBy, agreement)
        agreements.append(agreement)
    for body in bodies:
        if w.count + 2 > nodes:
            break
        post = w.entity(ORG.Post, "Formand")
        w.link(post, ORG.postIn, body)
        w.link(post, ORG.heldBy, w.entity(FOAF.Person, "Person"))
    while w.count < nodes:
        network = w.entity(GOV.Network, "Netværk")
        w.link(network, GOV.informs, pick(councils))
        w.link(network, GOV.advises, pick(steering))
        w.link(network, GOV.fundedBy, pick(regions))
    return w.graph


VIEW = """() => {
    const g = window.govkgGraph, n = g.network, box = document.getElementById("graph").getBoundingClientRect();
    const outside = g.nodeView.getIds().filter(id => {
        const b = n.getBoundingBox(id);
        const a = n.canvasToDOM({x: b.left, y: b.top}), c = n.canvasToDOM({x: b.right, y: b.bottom});
        return a.x < 0 || a.y < 0 || c.x > box.width || c.y > box.height; });
    return {boxes: g.nodeView.length, smallest: g.smallestLabel(), outside: outside.length}; }"""
OPEN = """() => {  // open the first cluster of the first view, as a click does; time it to the next frame drawn
    const g = window.govkgGraph, cluster = g.nodeView.get().find(n => n.kind === "cluster");
    if (!cluster) { return null; }
    const started = performance.now();
    g.expand(cluster.parent);
    g.network.redraw();
    return {ms: performance.now() - started, boxes: g.nodeView.length, smallest: g.smallestLabel()}; }"""


def first_stable_render(html_path: Path, runs: int) -> tuple[list[float], list[float], dict[str, float]]:
    """Per run: ms from navigation start to the settled first render, wall-clock ms around it; the first view."""
    stable, wall = [], []
    view: dict[str, float] = {}
    blocked: list[str] = []
    url = html_path.as_uri()

    def route(r: Route) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", route)
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
            wall.append((time.perf_counter() - started) * 1000)
            stable.append(page.evaluate("() => window.govkgGraph.state.stableAt"))
            view = page.evaluate(VIEW)
            opened = page.evaluate(OPEN) if page.evaluate("() => window.govkgGraph.state.mode") == "org" else None
            if opened:
                view.update({f"open_{k}": v for k, v in opened.items()})
            page.close()
        browser.close()
    if blocked:
        raise SystemExit(f"the page tried to reach beyond the file: {blocked}")
    return stable, wall, view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    rdf = synthetic(args.nodes)
    flagged = {str(s): "warning" for s in list(rdf.subjects(SKOS.prefLabel, None))[::10]}
    started = time.perf_counter()
    graph = project(rdf, flagged, types=None)
    projection_ms = (time.perf_counter() - started) * 1000
    print(
        f"synthetic graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
        f"({len(rdf)} triples); projection {projection_ms:.0f} ms"
    )
    print(
        f"{'mode':8} {'render ms':>9} {'HTML KB':>8} {'stable ms':>9} {'wall ms':>8}  "
        "runs (stable ms); first view: boxes, smallest label px, boxes outside the window"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("org", "network"):
            started = time.perf_counter()
            html = render_html(graph, mode=mode, lang="da")  # type: ignore[arg-type]
            render_ms = (time.perf_counter() - started) * 1000
            path = Path(tmp) / f"bench-{mode}.html"
            path.write_text(html, encoding="utf-8")
            stable, wall, view = first_stable_render(path, args.runs)
            runs = ", ".join(f"{s:.0f}" for s in stable)
            shown = f"{view['boxes']:.0f} boxes, {view['smallest']:.1f} px, {view['outside']:.0f} outside"
            if "open_ms" in view:
                shown += (
                    f"; a click on the first cluster: {view['open_ms']:.0f} ms to {view['open_boxes']:.0f} boxes "
                    f"({view['open_smallest']:.1f} px)"
                )
            print(
                f"{mode:8} {render_ms:9.0f} {len(html.encode()) / 1024:8.0f} "
                f"{statistics.median(stable):9.0f} {statistics.median(wall):8.0f}  {runs}; {shown}"
            )
    print("stable ms: navigation start → first render with the layout settled (median); wall ms: goto() → ready")


if __name__ == "__main__":
    main()
