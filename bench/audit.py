"""Print how long the audit takes and how much memory it needs on synthetic graphs of ~10k, ~100k, ~1M triples.

    .venv/bin/python bench/audit.py                               # 10k, 100k and 1M triples
    .venv/bin/python bench/audit.py --sizes 10000 100000          # some sizes only
    .venv/bin/python bench/audit.py --sizes 100000 --inference rdfs   # what RDFS inference would cost

Each size runs in a fresh subprocess, so its peak resident memory (``ru_maxrss``) is that run's alone.
The child writes the deterministic synthetic graph of ``bench/synthetic.py`` (same seed, same bytes),
loads it with ``ontology/`` and ``shapes/`` into the embedded store, then times each part of a cold
audit: building the rdflib view pyshacl reads, pyshacl, the SPARQL rules on the store, the reporting
cycles (networkx), and turning results into findings; then a warm ``cached_audit`` call. Figures
only: nothing here asserts a time. The goal in issue 4 is ≤ 30 s and ≤ 2.5 GB at 1M triples.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import generate  # noqa: E402

from govkg.audit import DATA_KINDS, SHAPES_KINDS, Validation, cached_audit, in_language  # noqa: E402
from govkg.audit.cycles import add_cycle_results  # noqa: E402
from govkg.audit.rules import run_sparql_rules, store_select  # noqa: E402
from govkg.audit.shacl import INFERENCE, paused_gc, run_pyshacl  # noqa: E402
from govkg.loading import read_sources  # noqa: E402
from govkg.namespaces import ID  # noqa: E402
from govkg.store import EmbeddedStore  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(triples: int, seed: int, inference: str) -> dict[str, float | int | str]:
    """Generate, load and audit one graph; seconds per part, counts and peak memory."""
    figures: dict[str, float | int | str] = {"target": triples, "inference": inference}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.ttl"
        with path.open("w", encoding="utf-8") as out:
            generate(out, triples, seed)
        start = time.perf_counter()
        store = EmbeddedStore()
        sources = [("ontology", ROOT / "ontology"), ("data", path), ("shapes", ROOT / "shapes")]
        store.load(read_sources(sources, str(ID)))
        figures["load_s"] = time.perf_counter() - start
    figures["triples"] = store.triple_count()
    figures["peak_before_audit_mb"] = peak_mb()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        figures[name] = now - clock
        clock = now

    with paused_gc():  # as govkg.audit does
        data, shapes = store.rdflib_graph(DATA_KINDS), store.rdflib_graph(SHAPES_KINDS)
        lap("view_s")
        report = run_pyshacl(data, shapes, inference=inference)
        lap("pyshacl_s")
        names = [name for name, info in store.catalog.items() if info.kind in DATA_KINDS]
        run_sparql_rules(report, shapes, store_select(store, names))
        lap("sparql_rules_s")
        add_cycle_results(report, shapes, data)
        lap("cycles_s")
    findings = in_language(Validation(report, data, shapes, store.version.etag), "en").findings
    lap("findings_s")
    figures["findings"] = len(findings)
    parts = ("view_s", "pyshacl_s", "sparql_rules_s", "cycles_s", "findings_s")
    figures["audit_s"] = sum(float(figures[part]) for part in parts)
    cached_audit(store, "en")  # fills the cache: one more validation run
    clock = time.perf_counter()
    cached_audit(store, "en")
    lap("warm_cached_s")
    figures["peak_mb"] = peak_mb()
    return figures


def run_child(triples: int, seed: int, inference: str) -> dict[str, float | int | str]:
    """Measure one size in a subprocess of its own."""
    command = [sys.executable, __file__, "--child", str(triples), "--seed", str(seed), "--inference", inference]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=3600)
    result: dict[str, float | int | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="about how many triples")
    parser.add_argument("--seed", type=int, default=7, help="the generator's seed [7]")
    parser.add_argument("--inference", default=INFERENCE, help=f"pyshacl inference [{INFERENCE}]")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.seed, args.inference)))
        return
    columns = ("triples", "findings", "view_s", "pyshacl_s", "sparql_rules_s", "cycles_s", "findings_s", "audit_s")
    columns += ("warm_cached_s", "peak_before_audit_mb", "peak_mb")
    print(f"govkg audit on bench/synthetic.py graphs (seed {args.seed}, pyshacl inference {args.inference})")
    print("  ".join(f"{c:>14}" for c in columns))
    for size in args.sizes:
        figures = run_child(size, args.seed, args.inference)
        cells = [f"{figures[c]:>14.3f}" if isinstance(figures[c], float) else f"{figures[c]:>14}" for c in columns]
        print("  ".join(cells), flush=True)


if __name__ == "__main__":
    main()
