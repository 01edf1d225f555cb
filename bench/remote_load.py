"""Loading the synthetic graph into Oxigraph server through govkg, against ``oxigraph load`` of the same files.

    .venv/bin/python bench/remote_load.py [--size 1m] [--rounds 2]

Each round: ``oxigraph load`` into a fresh folder (ontology, synthetic graph, shapes: the files
govkg loads), then govkg's load (``govkg.service.reload``) into a fresh ``oxigraph serve``, timed
in this process; the two alternate so a busy machine weighs on both alike. Prints seconds, the
ratio and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import generate  # noqa: E402
import run  # noqa: E402
import servers  # noqa: E402

from govkg.config import Settings  # noqa: E402
from govkg.service import open_store, reload  # noqa: E402


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def oxigraph_load(files: list[Path]) -> tuple[float, float]:
    """Seconds and CPU seconds of ``oxigraph load`` into a fresh folder."""
    with tempfile.TemporaryDirectory() as db:
        start = time.perf_counter()
        command = [str(servers.BIN / "oxigraph"), "load", "--location", db, "--file", *map(str, files)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status):
            raise RuntimeError("oxigraph load failed")
        return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def govkg_load(folder: Path) -> tuple[float, float]:
    """Seconds and CPU seconds (govkg and the server together) to load the folder (and the bundled
    ontology and shapes) into a fresh Oxigraph server."""
    with tempfile.TemporaryDirectory() as db, tempfile.TemporaryDirectory() as logs:
        with servers.oxigraph(Path(db), Path(logs)) as oxigraph:
            base = oxigraph.sparql_url.removesuffix("/query")
            settings = Settings(
                data_dir=folder, store_url=f"{base}/query", update_url=f"{base}/update", graph_store_url=f"{base}/store"
            )
            store = open_store(settings)
            server = oxigraph.processes[0].pid
            start, cpu = time.perf_counter(), time.process_time() + cpu_seconds(server)
            reload(store, settings)
            return time.perf_counter() - start, time.process_time() + cpu_seconds(server) - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1m", choices=sorted(run.SIZES))
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    folder = run.ROOT / "bench" / "data" / f"synthetic-{args.size}"
    generate.write(folder, run.SIZES[args.size], seed=7)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = [
        run.ROOT / "ontology" / "govkg.ttl",
        folder / manifest["turtle"],
        *sorted((run.ROOT / "shapes").glob("*.ttl")),
    ]
    print(f"load average at start: {os.getloadavg()}")
    for _ in range(args.rounds):
        alone, alone_cpu = oxigraph_load(files)
        through, through_cpu = govkg_load(folder)
        print(f"oxigraph load {alone:5.1f} s ({alone_cpu:5.1f} s CPU)   govkg into oxigraph serve {through:5.1f} s "
              f"({through_cpu:5.1f} s CPU, both processes)   ×{through / alone:.1f} wall, "
              f"×{through_cpu / alone_cpu:.1f} CPU")  # fmt: skip
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
