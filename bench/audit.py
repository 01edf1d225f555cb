"""Print the audit's load-free time and peak memory per engine on synthetic graphs (default 100k and 1M).

    .venv/bin/python bench/audit.py                                 # 100k and 1M, every system
    .venv/bin/python bench/audit.py --sizes 100000 --systems sparql pyshacl
    .venv/bin/python bench/audit.py --sloppy                         # nine in ten entities without
                                                                     # English name and provenance

Systems, on the same Turtle file (``bench/synthetic.py``, same seed) with ``ontology/`` and ``shapes/``:

- ``sparql``: ``run_audit(store, engine="sparql")`` on the embedded store (the default engine);
- ``remote``: the same on a fresh ``oxigraph serve`` (loaded through govkg first, not timed);
- ``pyshacl``: ``run_audit(store, engine="pyshacl")``: rdflib copy, pyshacl, govkg's rules, wording;
- ``plain``: pyshacl alone on an rdflib graph already parsed (no cycles, no SPARQL rules, no wording);
- ``pyrudof``: rudof's native SHACL validator on the same files (bench extra; skipped if missing).

Each system runs in a subprocess of its own, once, so its peak resident memory (``ru_maxrss``) is
that run's alone; ``audit s`` is the wall time of the audit call only (loading excluded) and
``cpu s`` its CPU time (the machine is shared: wall time moves with the load, CPU time less); for
``remote`` the Oxigraph server's CPU time during the audit is printed after the row.
Ratios are against the ``sparql`` row. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from servers import oxigraph  # noqa: E402
from synthetic import generate  # noqa: E402

SIZES = (100_000, 1_000_000)
SYSTEMS = ("sparql", "remote", "pyshacl", "plain", "pyrudof")


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) another process has used so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(figures: dict[str, object], call: object, server: int | None = None) -> object:
    """Run ``call()``; its wall and CPU seconds (and the server's CPU seconds meanwhile) go into ``figures``."""
    wall, cpu = time.perf_counter(), time.process_time()
    before = process_cpu(server) if server else 0.0
    result = call()  # type: ignore[operator]
    figures["audit_s"] = round(time.perf_counter() - wall, 2)
    figures["cpu_s"] = round(time.process_time() - cpu, 2)
    if server:
        figures["server_cpu_s"] = round(process_cpu(server) - before, 2)
    return result


def govkg_store(data: Path, store_url: str | None) -> object:
    from govkg.config import Settings
    from govkg.service import reload
    from govkg.store import EmbeddedStore
    from govkg.store.remote import RemoteStore

    settings = Settings(data_dir=data, query_timeout=900.0)
    if store_url is None:
        store = EmbeddedStore()
    else:
        urls = {"store_url": f"{store_url}/query", "update_url": f"{store_url}/update"}
        store = RemoteStore.from_settings(settings.model_copy(update={**urls, "graph_store_url": f"{store_url}/store"}))
    reload(store, settings)
    return store


def measure(system: str, data: Path, store_url: str | None, server: int | None = None) -> dict[str, object]:
    """Load (untimed), then audit once with one system."""
    figures: dict[str, object] = {"system": system}
    turtle = sorted(data.glob("*.ttl"))
    ontology, shapes = sorted((ROOT / "ontology").glob("*.ttl")), sorted((ROOT / "shapes").glob("*.ttl"))
    if system in ("sparql", "remote", "pyshacl"):
        from govkg.audit import run_audit

        store = govkg_store(data, store_url if system == "remote" else None)
        figures["peak_before_mb"] = peak_mb()
        engine = "pyshacl" if system == "pyshacl" else "sparql"
        report = timed(figures, lambda: run_audit(store, "en", engine), server)  # type: ignore[arg-type]
        figures["findings"] = len(report.findings)  # type: ignore[attr-defined]
    elif system == "plain":
        import pyshacl
        import rdflib

        graph, shapes_graph = rdflib.Graph(), rdflib.Graph()
        for path in [*ontology, *turtle]:
            graph.parse(path)
        for path in shapes:
            shapes_graph.parse(path)
        figures["peak_before_mb"] = peak_mb()
        _, report, _ = timed(figures, lambda: pyshacl.validate(graph, shacl_graph=shapes_graph, inference="none"))  # type: ignore[misc]
        figures["findings"] = len(set(report.subjects(rdflib.RDF.type, rdflib.SH.ValidationResult)))
    else:
        import pyrudof

        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        for n, path in enumerate([*ontology, *turtle]):
            rudof.read_data(str(path), merge=n > 0)
        rudof.read_shacl("\n".join(p.read_text(encoding="utf-8") for p in shapes))
        figures["peak_before_mb"] = peak_mb()
        result = timed(figures, rudof.validate_shacl)
        figures["findings"] = len(result.violations)  # type: ignore[attr-defined]
    figures["peak_mb"] = peak_mb()
    return figures


def run_child(system: str, data: Path, store_url: str | None, server: int | None = None) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", system, "--data", str(data)]
    command += ["--store-url", store_url] if store_url else []
    command += ["--server-pid", str(server)] if server else []
    done = subprocess.run(command, capture_output=True, text=True, timeout=7200)
    if done.returncode != 0:
        return {"system": system, "error": (done.stderr.strip().splitlines() or ["failed"])[-1][:100]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_size(size: int, seed: int, sloppy: bool, systems: list[str], tmp: Path) -> None:
    data = tmp / f"data-{size}"
    data.mkdir()
    with (data / "synthetic.ttl").open("w", encoding="utf-8") as out:
        graph = generate(out, size, seed, sloppy)
    print(f"\n{size:,} target triples ({graph.triples:,} generated){' sloppy' if sloppy else ''}, seed {seed}")
    print(f"{'system':>8} {'findings':>9} {'audit s':>8} {'cpu s':>7} {'×sparql':>8} {'peak MB':>8} {'before MB':>9}")
    rows = []
    for system in systems:
        if system == "remote":
            with oxigraph(tmp / f"oxigraph-{size}", tmp) as server:
                pid = server.processes[0].pid
                rows.append(run_child(system, data, server.sparql_url.removesuffix("/query"), pid))
        else:
            rows.append(run_child(system, data, None))
        row, base = rows[-1], rows[0]
        if "error" in row:
            print(f"{system:>8}  error: {row['error']}", flush=True)
            continue
        ratio = float(str(row["audit_s"])) / max(float(str(base.get("audit_s", 0) or 0)), 1e-9)
        server_cpu = f" (+{row['server_cpu_s']} s CPU in the server)" if "server_cpu_s" in row else ""
        print(f"{system:>8} {row['findings']:>9} {row['audit_s']:>8} {row['cpu_s']:>7} {ratio:>8.1f} "
              f"{row['peak_mb']:>8} {row['peak_before_mb']:>9}{server_cpu}", flush=True)  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="about how many triples")
    parser.add_argument("--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS))
    parser.add_argument("--seed", type=int, default=7, help="the generator's seed [7]")
    parser.add_argument("--sloppy", action="store_true", help="most entities lack English names and provenance")
    parser.add_argument("--child", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store-url", help=argparse.SUPPRESS)
    parser.add_argument("--server-pid", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.data, args.store_url, args.server_pid)))
        return
    print(f"govkg audit per engine; load average {os.getloadavg()[0]:.1f}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            run_size(size, args.seed, args.sloppy, args.systems, Path(tmp))
    print(f"\nload average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
