"""Ordinary ``/sparql`` throughput before and after issue 18's hardening, measured in one run.

    .venv/bin/python bench/hardening.py                                # 100k triples, 5 rounds of 5 s
    .venv/bin/python bench/hardening.py --dataset seed --rounds 3 --old b43a0b1

Starts, side by side on 127.0.0.1 and over the same data folder, govkg at each ``--old`` commit
(checked out with ``git worktree add --detach`` under ``--worktrees``, run with this checkout's
.venv), this checkout with its defaults (queries in worker processes), and this checkout with
``GOVKG_ISOLATE_QUERIES=false`` (threads). Then, round after round, drives each server in turn
(the order rotates every round, so a change in the machine's load falls on all of them alike) with
``wrk`` (one thread, ``--clients`` keep-alive connections) on ``sparql_load.LOAD_QUERY``, the
ordinary ``LIMIT 10`` query, and reads each server's CPU time (its process, and its worker
processes) from ``/proc``. It prints the median requests/s, its ratio to the first server, and the
median CPU milliseconds per request (server process and workers, then each). ``--disk N`` adds
this checkout as ``govkg serve --workers N --store-dir`` runs it (an on-disk store shared by N
server processes; their CPU counts as "workers"), isolated and on threads. It asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import servers  # noqa: E402
from isolation import wrk  # noqa: E402
from sparql_load import LOAD_QUERY, WRK_REPORT, datasets  # noqa: E402

#: b43a0b1: the last commit before issue 18 (no guard, threads); 21e7c19: guard and headers, before the worker pool.
OLD = ("b43a0b1", "21e7c19")


def cpu_seconds(pid: int, tree: bool = False) -> tuple[float, float]:
    """CPU time (user + system) of the server process alone, and of its worker processes (live and reaped).

    ``tree``: the server is a supervisor (``govkg serve --workers N``); its second figure is every
    process below it, the server processes and their query workers.
    """
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    below = list(map(int, found.stdout.split()))
    if tree:
        for child in list(below):
            found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(child)], capture_output=True, text=True)
            below += map(int, found.stdout.split())
    server = children = 0.0
    for number in [pid, *below]:
        try:
            fields = [int(f) for f in Path(f"/proc/{number}/stat").read_text().rsplit(")", 1)[1].split()[11:15]]
        except OSError:
            continue
        if number == pid:
            server, children = server + fields[0] + fields[1], children + fields[2] + fields[3]
        else:
            children += fields[0] + fields[1]
    tick = os.sysconf("SC_CLK_TCK")
    return server / tick, children / tick


def checkout(commit: str, under: Path) -> Path:
    """A detached worktree of ``commit`` under ``under`` (made once, reused)."""
    path = under / f"govkg-{commit}"
    if not (path / "api").exists():
        subprocess.run(["git", "-C", str(servers.ROOT), "worktree", "add", "--detach", str(path), commit],
                       check=True, capture_output=True, timeout=120)  # fmt: skip
    return path


@contextmanager
def on_disk(data: Path, logs: Path, processes: int, settings: Mapping[str, str]) -> Iterator[servers.Running]:
    """``govkg serve --workers N --store-dir …`` of this checkout (with its access log, as the command has it)."""
    port = servers.free_port()
    command = [str(servers.BIN / "govkg"), "serve", "--workers", str(processes), "--port", str(port)]
    command += ["--store-dir", str(logs / f"store-{port}")]
    log = logs / f"govkg-serve-{port}.log"
    with servers.spawned(command, log, servers.govkg_env(data, settings=settings)) as process:
        servers.wait_until(f"http://127.0.0.1:{port}/healthz", process, log, 600)
        yield servers.Running(f"http://127.0.0.1:{port}/sparql", (process,))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", default="100k", help="seed, 10k, 100k or 1m [100k]")
    parser.add_argument("--old", nargs="*", default=list(OLD), help=f"commits to compare with {list(OLD)}")
    parser.add_argument("--worktrees", type=Path, default=Path("/tmp"), help="where old commits are checked out")
    parser.add_argument("--no-threads", action="store_true", help="leave out this checkout without isolation")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--disk", type=int, metavar="N", help="also this checkout on an on-disk store, N processes")
    args = parser.parse_args()
    data = datasets([args.dataset], servers.ROOT / "bench" / "data")[args.dataset]
    head = subprocess.run(["git", "-C", str(servers.ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    threads = {"isolate_queries": "false"}
    builds: dict[str, Callable[[Path], AbstractContextManager[servers.Running]]] = {
        commit: lambda logs, root=checkout(commit, args.worktrees): servers.govkg(data, logs, root=root)
        for commit in args.old
    }
    builds[f"{head} isolated"] = lambda logs: servers.govkg(data, logs)
    if not args.no_threads:
        builds[f"{head} threads"] = lambda logs: servers.govkg(data, logs, settings=threads)
    if args.disk:
        builds[f"{head} disk×{args.disk} isolated"] = lambda logs: on_disk(data, logs, args.disk, {})
        builds[f"{head} disk×{args.disk} threads"] = lambda logs: on_disk(data, logs, args.disk, threads)
    loads = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{args.dataset}: {args.rounds} rounds × {args.duration:g} s, wrk -t1 -c{args.clients}; load average {loads}")
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        script = Path(tmp) / "report.lua"
        script.write_text(WRK_REPORT)
        running = {name: stack.enter_context(start(Path(tmp))) for name, start in builds.items()}
        for server in running.values():  # warm: first query, workers forked, caches filled
            for _ in range(50):
                httpx.get(server.sparql_url, params={"query": LOAD_QUERY}, timeout=60).raise_for_status()
        rates: dict[str, list[float]] = {name: [] for name in running}
        costs: dict[str, list[tuple[float, float]]] = {name: [] for name in running}
        names = list(running)
        for number in range(args.rounds):
            for name in names[number % len(names) :] + names[: number % len(names)]:
                pid, tree = running[name].processes[0].pid, "disk×" in name
                cpu = cpu_seconds(pid, tree)
                rate, requests = wrk(running[name].sparql_url, args.clients, args.duration, script)
                rates[name].append(rate)
                after = cpu_seconds(pid, tree)
                costs[name].append(((after[0] - cpu[0]) / requests * 1000, (after[1] - cpu[1]) / requests * 1000))
    first = statistics.median(rates[names[0]])
    print(f"{'build':<28}{'median req/s':>13}{'× ' + names[0]:>12}{'CPU ms/req':>11}{'server':>8}{'workers':>8}"
          "   req/s per round")  # fmt: skip
    for name in names:
        median = statistics.median(rates[name])
        server, workers = (statistics.median(c[i] for c in costs[name]) for i in (0, 1))
        rounds = " ".join(f"{r:.0f}" for r in rates[name])
        print(f"{name:<28}{median:>13.0f}{median / first:>12.2f}{server + workers:>11.3f}{server:>8.3f}{workers:>8.3f}"
              f"   {rounds}")  # fmt: skip
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
