"""``govkg serve --workers N`` on one on-disk store: /sparql req/s per N, and what a write costs.

    .venv/bin/python bench/workers.py [--size 100k] [--workers 1,2] [--duration 8] [--rounds 2]

For each N a govkg server runs ``--store-dir`` over the synthetic graph (the store is loaded once,
then shared); ``wrk`` sends ``run.LOAD_QUERY`` from 20 clients; the N alternate for ``--rounds``
so a busy machine weighs on all alike. Then ten SPARQL updates are timed one after another (each
one commits, rebuilds the inferred graph and, with N > 1, publishes a checkpoint).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
import run  # noqa: E402
import servers  # noqa: E402
from remote_path import rps  # noqa: E402

TOKEN = "bench-token"


@contextmanager
def serving(folder: Path, store: Path, workers: int, logs: Path) -> Iterator[str]:
    """``govkg serve --workers N --store-dir`` on a free port; its base URL."""
    port = servers.free_port()
    command = [sys.executable, "-c", "from govkg.cli import main; main()", "serve", "--port", str(port)]
    command += ["--workers", str(workers), "--store-dir", str(store), "--update-token", TOKEN]
    env = servers.govkg_env(folder)
    with servers.spawned(command, logs / f"govkg-workers-{workers}.log", env) as process:
        servers.wait_until(f"http://127.0.0.1:{port}/healthz", process, logs / f"govkg-workers-{workers}.log", 600)
        yield f"http://127.0.0.1:{port}"


def write_seconds(url: str, count: int = 10) -> float:
    """Median seconds of one SPARQL update (acknowledged, so committed and visible)."""
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"}
    times = []
    for number in range(count):
        body = f'INSERT DATA {{ GRAPH <urn:bench:edits> {{ <urn:bench:e{number}> <urn:bench:p> "{number}" }} }}'
        start = time.perf_counter()
        assert httpx.post(f"{url}/update", content=body, headers=headers, timeout=120).status_code == 204
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", choices=sorted(run.SIZES))
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    folder = run.ROOT / "bench" / "data" / f"synthetic-{args.size}"
    generate.write(folder, run.SIZES[args.size], seed=7)
    print(f"load average at start: {os.getloadavg()}")
    figures: dict[int, list[float]] = {n: [] for n in counts}
    writes: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as work:
        logs = Path(work)
        store = logs / "db"
        for round_ in range(args.rounds):
            for n in counts:
                with serving(folder, store, n, logs) as url:
                    figures[n].append(rps(f"{url}/sparql", "application/sparql-results+json", args.duration))
                    if round_ == 0:
                        writes[n] = write_seconds(url)
    print(f"load average at end: {os.getloadavg()}")
    for n in counts:
        runs = ", ".join(f"{v:,.0f}" for v in figures[n])
        print(f"--workers {n}: {max(figures[n]):8,.0f} req/s (runs: {runs}); one update {writes[n] * 1000:.0f} ms")


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.stderr or str(exc))
