"""Load and audit one synthetic graph in a process of its own, and print the figures as JSON.

Run by ``bench/run.py`` as a subprocess, so that the peak resident memory it reports (``ru_maxrss``)
is this load and audit alone. Systems:

- ``embedded``: govkg's reload into the embedded store, then ``govkg.audit.run_audit``;
- ``remote``: the same into a running Oxigraph server (``--store-url``); the audit fetches the graphs
  it needs over the Graph Store Protocol. Also timed: the simple completeness rules (target class,
  one predicate, ``sh:minCount 1``) run as SPARQL on the server instead, to compare with pyshacl;
- ``rdflib``: what an rdflib user does: parse the files into an rdflib graph, run pyshacl on it.

Every audit's findings are compared per rule with the gaps the generator planted (its manifest).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyshacl  # noqa: E402
import rdflib  # noqa: E402
from rdflib.namespace import RDF, RDFS, SH  # noqa: E402

from govkg.audit import DATA_KINDS, SHAPES_KINDS, run_audit  # noqa: E402
from govkg.config import Settings  # noqa: E402
from govkg.service import reload  # noqa: E402
from govkg.store import EmbeddedStore, Store  # noqa: E402
from govkg.store.remote import RemoteStore  # noqa: E402

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
SIMPLE_RULE_KEYS = {RDF.type, RDFS.comment, SH.targetClass, SH.path, SH.minCount, SH.severity, SH.message, SH.name}
SIMPLE_RULE_KEYS.add(SH.description)


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def compare(found: dict[str, set[str]], manifest: dict[str, dict[str, object]]) -> dict[str, object]:
    """How the findings per rule match the planted gaps: rules exactly right, planted and found counts."""
    planted = {rule: set(gap["focus"]) for rule, gap in manifest.items()}  # type: ignore[call-overload]
    rules = set(planted) | set(found)
    exact = sorted(r for r in rules if planted.get(r, set()) == found.get(r, set()))
    return {"rules": len(rules), "exact": len(exact), "wrong": sorted(rules - set(exact)),
            "planted": sum(map(len, planted.values())), "found": sum(map(len, found.values()))}  # fmt: skip


def govkg_audit(store: Store, figures: dict[str, object]) -> dict[str, set[str]]:
    """Fetch the rdflib views, then run the audit over them; both timed."""
    start = time.perf_counter()
    store.rdflib_graph(DATA_KINDS), store.rdflib_graph(SHAPES_KINDS)
    figures["view_s"] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    report = run_audit(store)
    figures["audit_s"] = round(time.perf_counter() - start + float(str(figures["view_s"])), 2)
    found: dict[str, set[str]] = defaultdict(set)
    for finding in report.findings:
        found[finding.rule.rsplit("#", 1)[-1]].add(finding.focus)
    return found


def simple_rules(shapes: rdflib.Graph) -> dict[str, str]:
    """The completeness rules that are one class, one predicate, at least one value: as SPARQL."""
    queries = {}
    for shape in set(shapes.subjects(SH.minCount, rdflib.Literal(1))):
        path, classes = shapes.value(shape, SH.path), list(shapes.objects(shape, SH.targetClass))
        if isinstance(path, rdflib.URIRef) and classes and set(shapes.predicates(shape)) <= SIMPLE_RULE_KEYS:
            values = " ".join(f"<{c}>" for c in classes)
            queries[str(shape).rsplit("#", 1)[-1]] = (
                f"SELECT DISTINCT ?focus WHERE {{ VALUES ?class {{ {values} }} "
                f"?focus a/<{RDFS.subClassOf}>* ?class FILTER NOT EXISTS {{ ?focus <{path}> ?v }} }}"
            )
    return queries


def sparql_on_server(store: Store, found: dict[str, set[str]], figures: dict[str, object]) -> None:
    """Time the simple rules as SPARQL on the server and check they find what pyshacl found."""
    queries = simple_rules(store.rdflib_graph(SHAPES_KINDS))
    start = time.perf_counter()
    answers = {rule: {r["focus"].value for r in store.query(q).records()} for rule, q in queries.items()}
    seconds = time.perf_counter() - start
    same = all(answers[rule] == found.get(rule, set()) for rule in queries)
    figures["sparql_rules"] = {"rules": len(queries), "seconds": round(seconds, 2), "same_findings": same}


def rdflib_audit(settings: Settings, figures: dict[str, object]) -> dict[str, set[str]]:
    """Parse with rdflib and validate with pyshacl, as a user of rdflib would."""
    start = time.perf_counter()
    data, shapes = rdflib.Graph(), rdflib.Graph()
    for path in [*sorted(settings.ontology_dir.glob("*.ttl")), *sorted(settings.data_dir.glob("*.ttl"))]:
        data.parse(path)
    for path in sorted(settings.shapes_dir.glob("*.ttl")):
        shapes.parse(path)
    figures["load_s"], figures["triples"] = round(time.perf_counter() - start, 2), len(data) + len(shapes)
    figures["load_peak_mb"] = peak_mb()
    start = time.perf_counter()
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    figures["audit_s"] = round(time.perf_counter() - start, 2)
    found: dict[str, set[str]] = defaultdict(set)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found[str(report.value(result, SH.sourceShape)).rsplit("#", 1)[-1]].add(str(report.value(result, SH.focusNode)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description="Load and audit one graph; print JSON figures.")
    parser.add_argument("system", choices=["embedded", "remote", "rdflib"])
    parser.add_argument("data", type=Path, help="folder with the synthetic Turtle file and manifest.json")
    parser.add_argument("--store-url", help="Oxigraph server base URL (remote)")
    args = parser.parse_args()
    settings = Settings(data_dir=args.data, query_timeout=600.0)
    manifest = json.loads((args.data / "manifest.json").read_text(encoding="utf-8"))["gaps"]
    figures: dict[str, object] = {"system": args.system}
    if args.system == "rdflib":
        found = rdflib_audit(settings, figures)
        manifest = {rule: gap for rule, gap in manifest.items() if rule != "ReportingCycleShape"}  # not pyshacl's
    else:
        base = args.store_url
        remote = {"store_url": f"{base}/query", "update_url": f"{base}/update", "graph_store_url": f"{base}/store"}
        store: Store = (
            EmbeddedStore() if base is None else RemoteStore.from_settings(settings.model_copy(update=remote))
        )
        start = time.perf_counter()
        figures["triples"] = reload(store, settings)
        figures["load_s"], figures["load_peak_mb"] = round(time.perf_counter() - start, 2), peak_mb()
        found = govkg_audit(store, figures)
        if base is not None:
            sparql_on_server(store, found, figures)
    figures["audit_peak_mb"] = peak_mb()
    figures["gaps"] = compare(found, manifest)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
