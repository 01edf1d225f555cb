"""The benchmark's synthetic graph: reproducible, loadable, and its planted gaps are exactly what SHACL finds."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyshacl
import pytest
import rdflib
from rdflib.namespace import RDF, SH

from govkg.loading import parse_turtle
from govkg.namespaces import GOV, ORG
from tests.live import ROOT

CYCLE_LINES = (ORG.reportsTo, GOV.preparesCasesFor, ORG.subOrganizationOf, ORG.unitOf)


def generate(tmp: Path, triples: int = 6000, seed: int = 7) -> tuple[Path, dict[str, object]]:
    """Run the generator as a user would; the Turtle file and the manifest it wrote."""
    command = [sys.executable, str(ROOT / "bench" / "generate.py"), "--triples", str(triples), "--seed", str(seed)]
    done = subprocess.run([*command, "-o", str(tmp)], capture_output=True, text=True, timeout=60, check=True)
    folder = tmp / "synthetic-6k"
    assert str(folder) in done.stdout, done.stdout
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return folder / str(manifest["turtle"]), manifest


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    return generate(tmp_path_factory.mktemp("synthetic"))


def test_the_same_seed_gives_the_same_graph(generated: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    turtle, manifest = generated
    again, _ = generate(tmp_path)
    assert again.read_bytes() == turtle.read_bytes()
    other, _ = generate(tmp_path / "other", seed=8)
    assert other.read_bytes() != turtle.read_bytes(), "another seed gives other names"


def test_the_manifest_counts_the_triples_the_loader_reads(generated: tuple[Path, dict[str, object]]) -> None:
    turtle, manifest = generated
    assert len(parse_turtle(turtle)) == manifest["triples"]
    assert abs(int(str(manifest["triples"])) - 6000) < 600, "about the size asked for"


def test_shacl_finds_exactly_the_planted_gaps(generated: tuple[Path, dict[str, object]]) -> None:
    turtle, manifest = generated
    data = rdflib.Graph().parse(ROOT / "ontology" / "govkg.ttl").parse(turtle)
    shapes = rdflib.Graph()
    for path in sorted((ROOT / "shapes").glob("*.ttl")):
        shapes.parse(path)
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    found: dict[str, set[str]] = defaultdict(set)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found[str(report.value(result, SH.sourceShape)).rsplit("#", 1)[-1]].add(str(report.value(result, SH.focusNode)))
    planted = {shape: set(gap["focus"]) for shape, gap in manifest["gaps"].items()}  # type: ignore[attr-defined]
    cycles = planted.pop("ReportingCycleShape")
    assert dict(found) == planted
    assert all(planted.values()), "every kind of gap is planted at least once"

    lines = nx.DiGraph((str(s), str(o)) for p in CYCLE_LINES for s, o in data.subject_objects(p))
    in_cycles = {node for part in nx.strongly_connected_components(lines) if len(part) > 1 for node in part}
    assert in_cycles == cycles, "the planted rings are the only reporting cycles"
