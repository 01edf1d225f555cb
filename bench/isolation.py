"""``/sparql`` throughput and recovery from runaway queries: the figures for process-isolated evaluation.

    .venv/bin/python bench/isolation.py                         # this checkout, the seed data
    .venv/bin/python bench/isolation.py --root /path/to/other/checkout --dataset 100k

Starts govkg (``uvicorn api.app:create_app``, as ``bench/servers.py`` does, from ``--root``) and
prints, for ``--rounds`` rounds of ``--duration`` seconds, the requests/s of ``wrk`` (one thread,
``--clients`` keep-alive connections) on ``sparql_load.LOAD_QUERY``; then sends ``--runaways``
cross-product COUNT queries (2 s time limit) and measures how long after their 503s an ``ASK {}``
is answered, and the server's resident memory before and after. It asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import servers  # noqa: E402
from sparql_load import LOAD_QUERY, RUNAWAY, WRK_REPORT, datasets  # noqa: E402


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process, its live children and its reaped ones."""
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    total = 0.0
    for number in [pid, *map(int, found.stdout.split())]:
        try:
            fields = Path(f"/proc/{number}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11 : 15 if number == pid else 13])
    return total / os.sysconf("SC_CLK_TCK")


def wrk(url: str, clients: int, duration: float, script: Path) -> tuple[float, int]:
    target = f"{url}?{urlencode({'query': LOAD_QUERY})}"
    command = ["wrk", "-t1", f"-c{clients}", f"-d{duration:g}s", "--timeout", "10s", "-s", str(script)]
    command += ["-H", "Accept: application/sparql-results+json", target]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True)
    w = json.loads(done.stdout.strip().splitlines()[-1])
    return float((w["requests"] - w["errors"]) / (w["duration_us"] / 1e6)), int(w["requests"])


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the processes and their children, in MB."""
    total = 0
    for pid in pids:
        found = subprocess.run(["ps", "-o", "rss=", "--ppid", str(pid), "-p", str(pid)], capture_output=True, text=True)
        total += sum(int(x) for x in found.stdout.split())
    return total / 1024


def recovery(url: str, runaways: int, pid: int) -> tuple[float, float, float]:
    """Seconds from the runaways' time-limit answers until ``ASK {}`` is answered 200; memory before/after."""
    before = rss_mb([pid])
    threads = [
        threading.Thread(target=httpx.get, args=(url,), kwargs={"params": {"query": RUNAWAY}, "timeout": 30})
        for _ in range(runaways)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    start = time.perf_counter()
    with httpx.Client(timeout=5) as client:
        while time.perf_counter() - start < 120:
            if client.get(url, params={"query": "ASK {}"}).status_code == 200:
                break
            time.sleep(0.05)
    waited = time.perf_counter() - start
    time.sleep(1)
    return waited, before, rss_mb([pid])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=servers.ROOT, help="checkout to run [this one]")
    parser.add_argument("--dataset", default="seed", help="seed, 10k, 100k or 1m [seed]")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runaways", type=int, default=9)
    parser.add_argument("--threads", action="store_true", help="evaluate on threads (GOVKG_ISOLATE_QUERIES=false)")
    args = parser.parse_args()
    data = datasets([args.dataset], servers.ROOT / "bench" / "data")[args.dataset]
    servers.ROOT = args.root.resolve()
    print(f"{args.root} on {args.dataset}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "report.lua"
        script.write_text(WRK_REPORT)
        settings = {"query_timeout": "2", "max_concurrent_queries": "8"}
        if args.threads:
            settings["isolate_queries"] = "false"
        with servers.govkg(data, Path(tmp), settings=settings) as running:
            url = running.sparql_url
            httpx.get(url, params={"query": LOAD_QUERY}, timeout=60).raise_for_status()
            pid = running.processes[0].pid
            rates, costs = [], []
            for _ in range(args.rounds):
                cpu = cpu_seconds(pid)
                rate, requests = wrk(url, args.clients, args.duration, script)
                rates.append(rate)
                costs.append((cpu_seconds(pid) - cpu) / requests * 1000)
            print(f"req/s per round: {', '.join(f'{r:.0f}' for r in rates)}; median {statistics.median(rates):.0f}")
            print(f"server CPU ms per request: {', '.join(f'{c:.3f}' for c in costs)}; "
                  f"median {statistics.median(costs):.3f}")  # fmt: skip
            waited, before, after = recovery(url, args.runaways, running.processes[0].pid)
            print(f"{args.runaways} runaway queries: ASK answered {waited:.2f} s after their 503s; "
                  f"RSS {before:.0f} MB before, {after:.0f} MB after")  # fmt: skip
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
