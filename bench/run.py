"""The whole benchmark in one command: govkg (embedded and on Oxigraph server) against rdflib-endpoint and Oxigraph.

    .venv/bin/python bench/run.py                   # 10k and 100k triples
    .venv/bin/python bench/run.py --sizes 10k,100k,1m

For each size it (re)generates the synthetic graph (``bench/generate.py``), then for each system:
load time; three query latencies through its SPARQL endpoint (a reporting chain, bodies per
organisation, bodies without a mandate; median of ``--runs``); audit time and peak memory in a
process of its own (``bench/measure.py``), with the findings checked against the planted gaps;
``/sparql`` requests/s and p50/p95 under ``--clients`` concurrent clients (``wrk`` when installed,
else ``bench/loadgen.py``), bounded by ``--duration``; the servers' peak memory. It prints a table
and writes ``bench/results/latest.json``. Everything runs on 127.0.0.1; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
import loadgen  # noqa: E402
import report  # noqa: E402
import servers  # noqa: E402

ROOT = servers.ROOT
P = "PREFIX org: <http://www.w3.org/ns/org#> PREFIX gov: <https://w3id.org/govkg/ontology#> "
P += "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
QUERIES = {
    "chain": P + "SELECT ?step WHERE { <https://w3id.org/govkg/id/syn-r000-h000-wg0> "
    "(org:reportsTo|gov:preparesCasesFor|org:subOrganizationOf|org:unitOf)+ ?step }",
    "no_mandate": P + "SELECT ?body WHERE { ?body a/rdfs:subClassOf* gov:Body "
    "FILTER NOT EXISTS { ?body gov:hasMandate ?m } }",
    "per_org": P + "SELECT ?org (COUNT(DISTINCT ?body) AS ?bodies) WHERE { ?body a/rdfs:subClassOf* gov:Body ; "
    "(org:reportsTo|gov:preparesCasesFor)+ ?org . ?org a org:FormalOrganization } GROUP BY ?org ORDER BY DESC(?bodies)",
}
LOAD_QUERY = P + "SELECT ?body ?label WHERE { ?body a gov:SteeringGroup ; skos:prefLabel ?label } LIMIT 10"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def query_latencies(url: str, runs: int, budget: float) -> dict[str, object]:
    """Median latency and row count of each query, sequentially, at most ``runs`` times or ``budget`` s each."""
    figures: dict[str, object] = {}
    rows: dict[str, int] = {}
    with httpx.Client(timeout=max(budget, 120.0), headers={"Accept": "application/sparql-results+json"}) as http:
        for name, query in QUERIES.items():
            times: list[float] = []
            started = time.monotonic()
            while len(times) < runs and (not times or time.monotonic() - started < budget):
                start = time.perf_counter()
                try:
                    answer = http.get(url, params={"query": query})
                except httpx.TimeoutException:
                    break
                times.append((time.perf_counter() - start) * 1000)
                rows[name] = len(answer.json()["results"]["bindings"]) if answer.status_code == 200 else -1
            figures[f"{name}_ms"] = round(statistics.median(times), 1) if times else None
    figures["answers"] = rows
    return figures


def throughput(url: str, clients: int, duration: float, tool: str) -> dict[str, object]:
    """Requests/s and latency percentiles of ``LOAD_QUERY`` under concurrent clients."""
    if tool == "wrk":
        target = f"{url}?{urlencode({'query': LOAD_QUERY})}"
        command = ["wrk", "-t2", f"-c{clients}", f"-d{int(duration)}s", "--timeout", "10s", "-s"]
        command += [str(Path(__file__).with_name("wrk_report.lua")), "-H", "Accept: application/sparql-results+json"]
        done = subprocess.run([*command, target], capture_output=True, text=True, timeout=duration + 60, check=True)
        w = json.loads(done.stdout.strip().splitlines()[-1])
        ok = w["requests"] - w["non_2xx"] - w["socket_errors"]
        return {"rps": round(ok / (w["duration_us"] / 1e6), 1), "p50_ms": round(w["p50_us"] / 1000, 2),
                "p95_ms": round(w["p95_us"] / 1000, 2), "errors": w["requests"] - ok, "load_tool": "wrk"}  # fmt: skip
    result = loadgen.measure(url, LOAD_QUERY, clients=clients, duration=duration, max_requests=200_000)
    return {"rps": result.rps, "p50_ms": result.p50_ms, "p95_ms": result.p95_ms, "errors": result.errors,
            "load_tool": "bench/loadgen.py"}  # fmt: skip


def serve_and_measure(start: Callable[[], AbstractContextManager[servers.Running]], args: argparse.Namespace) -> dict:
    """Start a server, time its queries and its throughput, note its memory, stop it."""
    with start() as running:  # load first: a runaway query left running on the server would skew it
        figures = throughput(running.sparql_url, args.clients, args.duration, args.load)
        figures |= query_latencies(running.sparql_url, args.runs, args.query_budget)
        figures["server_mb"] = running.peak_rss_mb()
    return figures


def measured(system: str, folder: Path, store_url: str | None = None) -> dict[str, object]:
    """Load and audit in a subprocess of its own (``bench/measure.py``); its JSON figures."""
    command = [sys.executable, str(Path(__file__).with_name("measure.py")), system, str(folder)]
    done = subprocess.run([*command, *(["--store-url", store_url] if store_url else [])], capture_output=True,
                          text=True, timeout=3600, check=True)  # fmt: skip
    figures: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    figures.pop("system", None)
    return figures


def oxigraph_load(files: list[Path], location: Path) -> dict[str, object]:
    """``oxigraph load`` into a fresh database: its time and peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen([str(servers.BIN / "oxigraph"), "load", "--location", str(location), "--file",
                                *map(str, files)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"oxigraph load failed with {process.returncode}")
    return {"load_s": round(time.perf_counter() - start, 2), "load_peak_mb": round(usage.ru_maxrss / 1024, 1)}


def stage(systems: dict[str, dict[str, object]], name: str, label: str, step: Callable[[], dict[str, object]]) -> None:
    """Run one measurement step into ``systems[name]``; a failure is recorded, not fatal to the run."""
    start = time.monotonic()
    try:
        systems.setdefault(name, {}).update(step())
    except (subprocess.SubprocessError, RuntimeError, OSError, httpx.HTTPError, ValueError) as exc:
        detail = getattr(exc, "stderr", None) or str(exc)
        systems.setdefault(name, {})["error"] = str(detail).strip().splitlines()[-1][:300]
    print(f"[{label}] {name}: {time.monotonic() - start:.0f} s", file=sys.stderr)


def run_size(label: str, args: argparse.Namespace) -> dict[str, object]:
    """Every system on one size of synthetic graph."""
    folder = args.data / f"synthetic-{label}"
    generate.write(folder, SIZES[label], seed=7)  # deterministic and quick: never measure a stale copy
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = [ROOT / "ontology" / "govkg.ttl", folder / manifest["turtle"], *sorted((ROOT / "shapes").glob("*.ttl"))]
    logs = folder / "logs"
    logs.mkdir(exist_ok=True)
    systems: dict[str, dict[str, object]] = {}
    embedded, remote, rdflib, oxigraph_ro = (
        "govkg embedded",
        "govkg on Oxigraph",
        "rdflib-endpoint",
        "oxigraph read-only",
    )
    wanted = lambda name: args.only is None or name.split()[-1].lower() in args.only  # noqa: E731
    if wanted(embedded):
        stage(systems, embedded, label, lambda: measured("embedded", folder))
        stage(systems, embedded, label, lambda: serve_and_measure(lambda: servers.govkg(folder, logs), args))
    with tempfile.TemporaryDirectory() as db, servers.oxigraph(Path(db), logs) as server:
        if wanted(remote):
            stage(systems, remote, label, lambda: measured("remote", folder, server.sparql_url.removesuffix("/query")))
            start = lambda: servers.govkg(folder, logs, remote=server)  # noqa: E731
            stage(systems, remote, label, lambda: serve_and_measure(start, args))
    if not wanted(rdflib):
        pass
    elif importlib.util.find_spec("rdflib_endpoint") is None:
        systems[rdflib] = {"error": "not installed: pip install -e '.[bench]'"}
    else:
        stage(systems, rdflib, label, lambda: measured("rdflib", folder))
        stage(systems, rdflib, label, lambda: serve_and_measure(lambda: servers.rdflib_endpoint(files, logs), args))
    with tempfile.TemporaryDirectory() as db:
        stage(systems, oxigraph_ro, label, lambda: oxigraph_load(files, Path(db)))
        read_only = lambda: servers.oxigraph(Path(db), logs, read_only=True)  # noqa: E731
        stage(systems, oxigraph_ro, label, lambda: serve_and_measure(read_only, args))
    report.ratios(systems)
    planted = sum(gap["count"] for gap in manifest["gaps"].values())
    expected = {"no_mandate": manifest["gaps"]["BodyMandateShape"]["count"]}
    return {"triples": manifest["triples"], "planted_gaps": planted, "expected_answers": expected, "systems": systems}


def main() -> None:
    parser = argparse.ArgumentParser(description="govkg benchmark: one command, a table and bench/results/latest.json")
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated among 10k, 100k, 1m [10k,100k]")
    parser.add_argument("--clients", type=int, default=20, help="concurrent /sparql clients [20]")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per system [10]")
    parser.add_argument("--runs", type=int, default=10, help="runs per query latency [10]")
    parser.add_argument("--query-budget", type=float, default=30.0, help="seconds at most per query's runs [30]")
    parser.add_argument("--load", choices=["auto", "wrk", "python"], default="auto", help="load generator [auto]")
    parser.add_argument("--only", type=lambda s: set(s.lower().split(",")), default=None,
                        help="comma-separated among embedded, oxigraph (govkg on it), rdflib-endpoint, read-only "
                        "[all]; oxigraph read-only, the reference, always runs")  # fmt: skip
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / "data", help="synthetic data folder")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    args = parser.parse_args()
    args.load = ("wrk" if shutil.which("wrk") else "python") if args.load == "auto" else args.load
    labels = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    if unknown := [s for s in labels if s not in SIZES]:
        parser.error(f"unknown size(s) {', '.join(unknown)}: choose among {', '.join(SIZES)}")
    started = datetime.now(UTC)
    results = {"started": started.isoformat(timespec="seconds"), "machine": report.machine(),
               "load_average_before": os.getloadavg(), "settings": {k: str(v) for k, v in vars(args).items()},
               "queries": QUERIES, "load_query": LOAD_QUERY, "sizes": {}}  # fmt: skip
    for label in labels:
        results["sizes"][label] = run_size(label, args)  # type: ignore[index]
        print(report.table(label, results["sizes"][label]) + "\n")  # type: ignore[index]
    results["load_average_after"] = os.getloadavg()
    results["seconds"] = round((datetime.now(UTC) - started).total_seconds())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({results['seconds']} s)")


if __name__ == "__main__":
    main()
