"""``/sparql`` under load: govkg against rdflib-endpoint and ``oxigraph serve-read-only``, same data, same query.

    .venv/bin/python bench/sparql_load.py                      # the seed data and the 100k synthetic graph
    .venv/bin/python bench/sparql_load.py --datasets seed --duration 5

For each dataset every server is started on 127.0.0.1 over the same Turtle files (govkg as
``govkg serve`` runs it, without access logs; rdflib-endpoint as its CLI builds it; Oxigraph after
``oxigraph load``), checked to return the same rows for the load query, then driven for
``--duration`` seconds by ``--clients`` keep-alive connections (``wrk`` when installed, else a
bounded httpx generator): requests/s, p50/p95 latency. Last, govkg's responsiveness: latency of a
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
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402

from tests.live import free_port  # noqa: E402

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
RDFLIB_ENDPOINT = """
import sys, uvicorn, rdflib.plugins.sparql
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
graph = Dataset(default_union=True)
for path in sys.argv[2:]:
    graph.parse(path)
app = SparqlEndpoint(graph=graph, path="/sparql")
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
"""


@contextmanager
def server(command: list[str], ready: str, log: Path, env: dict[str, str] | None = None) -> Iterator[None]:
    """A server process, up once ``ready`` answers 200 (at most 10 minutes), stopped on the way out."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 600
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command[:3]} did not start: {log.read_text()[-600:]}")
            try:
                if httpx.get(ready, headers=JSON, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def govkg(dataset: dict[str, Path | None], log: Path, port: int, **settings: str) -> AbstractContextManager[None]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVKG_")}
    env |= {f"GOVKG_{k.upper()}": v for k, v in settings.items()}
    if dataset["data"] is not None:
        env["GOVKG_DATA_DIR"] = str(dataset["data"])
    command = [str(BIN / "python"), "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--log-level", "warning", "--no-access-log"]
    return server(command, f"http://127.0.0.1:{port}/healthz", log, env)


def rdflib_endpoint(files: list[Path], log: Path, port: int) -> AbstractContextManager[None]:
    command = [str(BIN / "python"), "-c", RDFLIB_ENDPOINT, str(port), *map(str, files)]
    return server(command, f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", log)


def oxigraph(files: list[Path], db: Path, log: Path, port: int) -> AbstractContextManager[None]:
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(db), "--file", *map(str, files)],
                   check=True, capture_output=True, timeout=600)  # fmt: skip
    command = [str(BIN / "oxigraph"), "serve-read-only", "--location", str(db), "--bind", f"127.0.0.1:{port}"]
    return server(command, f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", log)


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


async def load_python(url: str, clients: int, duration: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + duration

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.monotonic() < stop and len(latencies) < 500_000:
            start = time.perf_counter()
            response = await http.get(url, params={"query": LOAD_QUERY})
            latencies.append(time.perf_counter() - start)
            errors += response.status_code != 200

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(headers=JSON, limits=limits, timeout=10) as http:
        started = time.monotonic()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=20)
    return {"rps": (len(latencies) - errors) / elapsed, "p50_ms": statistics.median(latencies) * 1000,
            "p95_ms": cuts[18] * 1000, "errors": errors}  # fmt: skip


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


def datasets(names: list[str], data: Path) -> dict[str, dict[str, Path | None]]:
    """Each dataset's govkg data folder (None: the bundled data/) and its files."""
    found: dict[str, dict[str, Path | None]] = {}
    for name in names:
        if name == "seed":
            found[name] = {"data": None}
        else:
            folder = data / f"synthetic-{name}"
            if not (folder / "manifest.json").exists():
                generate.write(folder, {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}[name], seed=7)
            found[name] = {"data": folder}
    return found


def throughput(name: str, dataset: dict[str, Path | None], args: argparse.Namespace, work: Path) -> None:
    """Each server under the same load; a line of figures each."""
    data = dataset["data"] or ROOT / "data"
    files = [*sorted((ROOT / "ontology").glob("*.ttl")), *sorted(data.glob("*.ttl"))]
    files += sorted((ROOT / "shapes").glob("*.ttl"))
    script = work / "report.lua"
    script.write_text(WRK_REPORT)
    use_wrk = shutil.which("wrk") is not None and not args.python_load
    tool = f"wrk -t{args.wrk_threads}" if use_wrk else "httpx generator"
    print(f"\n{name}: {count_triples(files)} triples, {args.clients} clients, {args.duration:g} s each, {tool}")
    print(f"{'server':<26}{'rows':>5}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    starts = {
        "govkg": lambda port: govkg(dataset, work / "govkg.log", port, result_limit="100000"),
        "rdflib-endpoint": lambda port: rdflib_endpoint(files, work / "rdflib.log", port),
        "oxigraph serve-read-only": lambda port: oxigraph(files, work / f"ox-{name}", work / "ox.log", port),
    }
    rps: dict[str, float] = {}
    for system, start in starts.items():
        port = free_port()
        url = f"http://127.0.0.1:{port}/{'query' if system.startswith('oxigraph') else 'sparql'}"
        with start(port):
            count = rows(url)
            rows(url)  # warm
            f = (load_wrk(url, args.clients, args.duration, args.wrk_threads, script) if use_wrk
                 else asyncio.run(load_python(url, args.clients, args.duration)))  # fmt: skip
        rps[system] = f["rps"]
        print(f"{system:<26}{count:>5}{f['rps']:>10.0f}{f['p50_ms']:>9.2f}{f['p95_ms']:>9.2f}{f['errors']:>8.0f}")
    print(
        f"govkg / rdflib-endpoint: {rps['govkg'] / rps['rdflib-endpoint']:.1f}x; "
        f"govkg / oxigraph: {rps['govkg'] / rps['oxigraph serve-read-only']:.2f}x"
    )


def staying_responsive(dataset: dict[str, Path | None], work: Path) -> None:
    """govkg's quick-query latency alone and while runaway queries evaluate."""
    port = free_port()
    with govkg(dataset, work / "govkg-slow.log", port, query_timeout="2", max_concurrent_queries="4"):
        for runaways in (0, 2):
            r = responsiveness(f"http://127.0.0.1:{port}/sparql", runaways)
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
    parser.add_argument("--python-load", action="store_true", help="use the httpx generator even if wrk is there")
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
