"""Run the W3C SHACL test suite's core tests with both audit engines and print how many pass.

    .venv/bin/python bench/shacl_suite.py SUITE/tests/core      # the suite's core folder
    .venv/bin/python bench/shacl_suite.py                       # ../shared/conformance/shacl-core

The suite (``w3c/data-shapes``, ``data-shapes-test-suite/tests/core``, W3C Software and Document
License) is not part of this repository. Each test file names a data graph, a shapes graph and the
expected ``sh:ValidationReport`` (or ``sht:Failure`` for shapes that must be rejected). A test
passes when the engine's report has the expected ``sh:conforms`` and the same results, compared
as (focus, path, value, component, severity, source shape) with blank nodes made anonymous.
Tests are grouped by whether the SPARQL engine translates every rule of the shapes graph.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, SH

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govkg.audit import AuditError, audit_graphs  # noqa: E402
from govkg.audit.compile import compile_shapes  # noqa: E402
from govkg.audit.describe import path_text  # noqa: E402

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
DEFAULT = ROOT.parent / "shared" / "conformance" / "shacl-core"
ENGINES = ("sparql", "pyshacl")
Key = tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """One test: its name, whether every rule translates, and whether each engine passed."""

    name: str
    translated: bool
    passed: dict[str, bool]


def anonymous(graph: rdflib.Graph, node: rdflib.term.Node | None) -> str:
    if node is None:
        return ""
    return "_" if isinstance(node, rdflib.BNode) else node.n3()


def keys(graph: rdflib.Graph, report: rdflib.term.Node) -> Counter[Key]:
    """The results of one report node, comparable across graphs."""
    found: Counter[Key] = Counter()
    for result in graph.objects(report, SH.result):
        path = graph.value(result, SH.resultPath)
        found[
            (
                anonymous(graph, graph.value(result, SH.focusNode)),
                path_text(graph, path) if path is not None else "",
                anonymous(graph, graph.value(result, SH.value)),
                anonymous(graph, graph.value(result, SH.sourceConstraintComponent)),
                anonymous(graph, graph.value(result, SH.resultSeverity)),
                anonymous(graph, graph.value(result, SH.sourceShape)),
            )
        ] += 1
    return found


def load(reference: rdflib.term.Node, here: Path, base: str) -> rdflib.Graph:
    target = str(reference)
    path = here if target == base else here.parent / target.removeprefix(base.rsplit("/", 1)[0] + "/")
    return rdflib.Graph().parse(path, format="turtle", publicID=base if path == here else None)


def run_file(path: Path) -> list[Outcome]:
    base = path.resolve().as_uri()
    manifest = rdflib.Graph().parse(path, format="turtle", publicID=base)
    outcomes = []
    for test in manifest.subjects(RDF.type, SHT.Validate):
        action, expected = manifest.value(test, MF.action), manifest.value(test, MF.result)
        data = load(manifest.value(action, SHT.dataGraph), path, base)
        shapes = load(manifest.value(action, SHT.shapesGraph), path, base)
        translated = not compile_shapes(shapes).fallbacks
        passed = {}
        for engine in ENGINES:
            try:
                report = audit_graphs(data, shapes, engine=engine).report_graph  # type: ignore[arg-type]
            except (AuditError, Exception):  # noqa: BLE001 - a crash fails the test, whatever it is
                passed[engine] = expected == SHT.Failure
                continue
            if expected == SHT.Failure:
                passed[engine] = False
                continue
            node = report.value(None, RDF.type, SH.ValidationReport)
            conforms = report.value(node, SH.conforms) == rdflib.Literal(True)
            ours = keys(report, node) if node is not None else Counter()
            wanted = manifest.value(expected, SH.conforms) == rdflib.Literal(True)
            passed[engine] = conforms == wanted and ours == keys(manifest, expected)
        name = str(test).removeprefix(base.rsplit("/", 2)[0] + "/")
        outcomes.append(Outcome(name, translated, passed))
    return outcomes


def run_suite(folder: Path) -> list[Outcome]:
    """Every test of every file under ``folder`` (the sub-manifests' own test files)."""
    outcomes = []
    for path in sorted(folder.rglob("*.ttl")):
        if path.name != "manifest.ttl":
            outcomes.extend(run_file(path))
    return outcomes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT, help="the suite's tests/core folder")
    parser.add_argument("--failures", action="store_true", help="list the tests an engine fails")
    args = parser.parse_args(argv)
    outcomes = run_suite(args.folder)
    groups = {"all": outcomes, "translated": [o for o in outcomes if o.translated]}
    groups["fallback"] = [o for o in outcomes if not o.translated]
    for label, group in groups.items():
        counts = ", ".join(f"{e} {sum(o.passed[e] for o in group)}/{len(group)}" for e in ENGINES)
        print(f"{label:>10}: {counts}")
    if args.failures:
        for outcome in outcomes:
            failed = [e for e in ENGINES if not outcome.passed[e]]
            if failed:
                print(f"  {outcome.name}: fails {', '.join(failed)}{'' if outcome.translated else ' (fallback)'}")


if __name__ == "__main__":
    main()
