"""``/sparql`` under load: govkg against rdflib-endpoint and ``oxigraph serve-read-only``, same data, same query.

    .venv/bin/python bench/sparql_load.py                      # the seed data and the 100k synthetic graph
    .venv/bin/python bench/sparql_load.py --datasets seed --duration 5

For each dataset every server is started on 127.0.0.1 over the same Turtle files (govkg as
``govkg serve`` runs it, without access logs; rdflib-endpoint as its CLI builds it; Oxigraph after
``oxigraph load``), checked to return the same rows for the load query, then driven for
``--duration`` seconds by ``--clients`` keep-alive connections (``wrk`` when installed, else
``bench/loadgen.py``): requests/s, p50/p95 latency. Last, govkg's responsiveness: latency of a
quick query alone and while runaway queries hold evaluation workers. It prints figures; it
asserts nothing about time. The load generator shares this machine's cores with the servers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
import loadgen  # noqa: E402
import servers  # noqa: E402

ROOT = servers.ROOT
LOAD_QUERY = (
    "PREFIX gov: <https://w3id.org/govkg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?body ?label WHERE { ?body a gov:SteeringGroup ; skos:prefLabel ?label } LIMIT 10"
)
QUICK = "ASK { ?s a <https://w3id.org/govkg/ontology#SteeringGroup> }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JSON = {"Accept": "application/sparql-results+json"}
WRK_REPORT = """done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "duration_us": %d, "errors": %d, "p50_us": %d, "p95_us": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(95)))
end
"""


def oxigraph_read_only(files: list[Path], db: Path, logs: Path) -> AbstractContextManager[servers.Running]:
    """``oxigraph serve-read-only`` on a fresh database that ``oxigraph load`` filled with ``files``."""
    subprocess.run([str(servers.BIN / "oxigraph"), "load", "--location", str(db), "--file", *map(str, files)],
                   check=True, capture_output=True, timeout=600)  # fmt: skip
    return servers.oxigraph(db, logs, read_only=True, timeout=600)


def rows(url: str) -> int:
    answer = httpx.get(url, params={"query": LOAD_QUERY}, headers=JSON, timeout=120)
    answer.raise_for_status()
    return len(answer.json()["results"]["bindings"])


def load_wrk(url: str, clients: int, duration: float, threads: int, script: Path) -> dict[str, float]:
    target = f"{url}?{urlencode({'query': LOAD_QUERY})}"
    command = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{duration:g}s", "--timeout", "10s", "-s", str(script)]
    done = subprocess.run([*command, "-H", f"Accept: {JSON['Accept']}", target], capture_output=True, text=True,
                          timeout=duration + 60, check=True)  # fmt: skip
    w = json.loads(done.stdout.strip().splitlines()[-1])
    return {"rps": (w["requests"] - w["errors"]) / (w["duration_us"] / 1e6), "p50_ms": w["p50_us"] / 1000,
            "p95_ms": w["p95_us"] / 1000, "errors": w["errors"]}  # fmt: skip


def load_python(url: str, clients: int, duration: float) -> dict[str, float]:
    """``LOAD_QUERY`` from ``bench/loadgen.py``'s keep-alive clients for ``duration`` seconds."""
    result = asyncio.run(loadgen.run_load(url, LOAD_QUERY, clients=clients, duration=duration, max_requests=500_000))
    return {"rps": result.rps, "p50_ms": result.p50_ms, "p95_ms": result.p95_ms, "errors": result.errors}


def responsiveness(url: str, runaways: int, samples: int = 200) -> dict[str, float]:
    """Latency of a quick query, one at a time, while ``runaways`` endless queries hold evaluation workers.

    The runaway clients get their time-limit error after the limit; their evaluations go on in the
    server (pyoxigraph cannot stop them) until it is stopped, each holding a worker and a core.
    """
    runaway = [threading.Thread(target=httpx.get, args=(url,), kwargs={"params": {"query": RUNAWAY}, "timeout": 60})
               for _ in range(runaways)]  # fmt: skip
    for thread in runaway:
        thread.start()
    time.sleep(0.5 if runaways else 0)
    times = []
    with httpx.Client(headers=JSON, timeout=30) as http:
        for _ in range(samples):
            start = time.perf_counter()
            http.get(url, params={"query": QUICK}).raise_for_status()
            times.append((time.perf_counter() - start) * 1000)
    for thread in runaway:
        thread.join(timeout=60)
    return {"p50_ms": statistics.median(times), "p95_ms": statistics.quantiles(times, n=20)[18]}


def datasets(names: list[str], data: Path) -> dict[str, Path]:
    """Each dataset's govkg data folder: the bundled data/ for ``seed``, else a synthetic one (made if missing)."""
    found: dict[str, Path] = {}
    for name in names:
        if name == "seed":
            found[name] = ROOT / "data"
        else:
            found[name] = data / f"synthetic-{name}"
            if not (found[name] / "manifest.json").exists():
                generate.write(found[name], {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}[name], seed=7)
    return found


def throughput(name: str, data: Path, args: argparse.Namespace, work: Path) -> None:
    """Each server under the same load; a line of figures each."""
    files = [*sorted((ROOT / "ontology").glob("*.ttl")), *sorted(data.glob("*.ttl"))]
    files += sorted((ROOT / "shapes").glob("*.ttl"))
    script = work / "report.lua"
    script.write_text(WRK_REPORT)
    use_wrk = shutil.which("wrk") is not None and not args.python_load
    tool = f"wrk -t{args.wrk_threads}" if use_wrk else "bench/loadgen.py"
    print(f"\n{name}: {count_triples(files)} triples, {args.clients} clients, {args.duration:g} s each, {tool}")
    print(f"{'server':<26}{'rows':>5}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    starts: dict[str, Callable[[], AbstractContextManager[servers.Running]]] = {
        "govkg": lambda: servers.govkg(data, work),
        "rdflib-endpoint": lambda: servers.rdflib_endpoint(files, work),
        "oxigraph serve-read-only": lambda: oxigraph_read_only(files, work / f"ox-{name}", work),
    }
    rps: dict[str, float] = {}
    for system, start in starts.items():
        with start() as running:
            url = running.sparql_url
            count = rows(url)
            rows(url)  # warm
            f = (load_wrk(url, args.clients, args.duration, args.wrk_threads, script) if use_wrk
                 else load_python(url, args.clients, args.duration))  # fmt: skip
        rps[system] = f["rps"]
        print(f"{system:<26}{count:>5}{f['rps']:>10.0f}{f['p50_ms']:>9.2f}{f['p95_ms']:>9.2f}{f['errors']:>8.0f}")
    print(
        f"govkg / rdflib-endpoint: {rps['govkg'] / rps['rdflib-endpoint']:.1f}x; "
        f"govkg / oxigraph: {rps['govkg'] / rps['oxigraph serve-read-only']:.2f}x"
    )


def staying_responsive(data: Path, work: Path) -> None:
    """govkg's quick-query latency alone and while runaway queries evaluate."""
    with servers.govkg(data, work, settings={"query_timeout": "2", "max_concurrent_queries": "4"}) as running:
        for runaways in (0, 2):
            r = responsiveness(running.sparql_url, runaways)
            print(
                f"govkg quick query with {runaways} runaway queries (2 s limit, 4 workers): "
                f"p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms"
            )


def count_triples(files: list[Path]) -> int:
    return sum(sum(1 for _ in ox.parse(path=path, format=ox.RdfFormat.TURTLE)) for path in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", default="seed,100k", help="comma-separated: seed, 10k, 100k, 1m [seed,100k]")
    parser.add_argument("--clients", type=int, default=20, help="concurrent keep-alive connections [20]")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per server [10]")
    parser.add_argument("--wrk-threads", type=int, default=1, help="wrk threads [1: leaves a core to the servers]")
    parser.add_argument("--python-load", action="store_true", help="use bench/loadgen.py even if wrk is there")
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / "data", help="synthetic data folder")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        for name, dataset in datasets(args.datasets.split(","), args.data).items():
            throughput(name, dataset, args, Path(tmp))
            staying_responsive(dataset, Path(tmp))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
