"""The fast remote path on its own: /sparql of govkg on Oxigraph server, passed through or parsed, against Oxigraph.

    .venv/bin/python bench/remote_path.py [--size 100k] [--duration 8] [--rounds 2]

One Oxigraph server holds the synthetic graph (loaded through govkg, so its load time is printed
too); one govkg server runs on it (and one from ``--compare``, another checkout). ``wrk`` then sends
``run.LOAD_QUERY`` from 20 clients to: Oxigraph itself with ``union-default-graph`` (the same rows
over the same data; without it Oxigraph's default graph is empty and answers at once); Oxigraph
with the dataset govkg sends (every graph but the shapes as ``default-graph-uri``, every graph as
``named-graph-uri``: slower to evaluate); govkg asking for SPARQL JSON (passed through as Oxigraph
wrote it); govkg asking for CSV (parsed and written again). They alternate for ``--rounds``, so a
busy machine weighs on all of them alike. Prints requests/s and ratios.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
import httpx  # noqa: E402
import run  # noqa: E402
import servers  # noqa: E402

UNION = "&union-default-graph"


def dataset_of(oxigraph: servers.Running) -> str:
    """The protocol dataset govkg sends with a query: every graph but the shapes as default, every graph named."""
    listing = httpx.post(oxigraph.sparql_url, data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=60)  # fmt: skip
    graphs = sorted(b["g"]["value"] for b in listing.json()["results"]["bindings"])
    visible = [g for g in graphs if "/graph/shapes" not in g and "/graph/accepted" not in g]
    return "&" + urlencode([("default-graph-uri", g) for g in visible] + [("named-graph-uri", g) for g in graphs])


def rps(url: str, accept: str, duration: float, extra: str = "") -> float:
    """Requests/s of the load query from 20 keep-alive clients (wrk), after checking it gives 10 rows."""
    target = f"{url}?{urlencode({'query': run.LOAD_QUERY})}{extra}"
    answer = httpx.get(target, headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert len(answer.json()["results"]["bindings"]) == 10, f"{url}: {answer.text[:300]}"
    command = ["wrk", "-t2", "-c20", f"-d{int(duration)}s", "-H", f"Accept: {accept}", target]
    out = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True).stdout
    return float(next(line for line in out.splitlines() if line.startswith("Requests/sec")).split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", choices=sorted(run.SIZES))
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--compare", type=Path, help="another checkout (e.g. a git worktree of an older commit) to run too"
    )
    args = parser.parse_args()
    folder = run.ROOT / "bench" / "data" / f"synthetic-{args.size}"
    generate.write(folder, run.SIZES[args.size], seed=7)
    figures: dict[str, list[float]] = {"oxigraph": [], "govkg json (passed through)": [], "govkg csv (parsed)": []}
    with tempfile.TemporaryDirectory() as db, tempfile.TemporaryDirectory() as logs:
        with servers.oxigraph(Path(db), Path(logs)) as oxigraph:
            start = time.perf_counter()
            with (
                servers.govkg(folder, Path(logs), remote=oxigraph) as govkg,
                servers.govkg(folder, Path(logs), remote=oxigraph, root=args.compare)
                if args.compare
                else nullcontext() as other,
            ):
                print(f"govkg started on Oxigraph (load included): {time.perf_counter() - start:.1f} s")
                for _ in range(args.rounds):
                    if other is not None:
                        figures.setdefault(f"govkg json, {args.compare.name}", []).append(
                            rps(other.sparql_url, "application/sparql-results+json", args.duration)
                        )
                    figures["oxigraph"].append(
                        rps(oxigraph.sparql_url, "application/sparql-results+json", args.duration, UNION)
                    )
                    figures.setdefault("oxigraph, govkg's dataset", []).append(
                        rps(oxigraph.sparql_url, "application/sparql-results+json", args.duration, dataset_of(oxigraph))
                    )
                    figures["govkg json (passed through)"].append(
                        rps(govkg.sparql_url, "application/sparql-results+json", args.duration)
                    )
                    figures["govkg csv (parsed)"].append(rps(govkg.sparql_url, "text/csv", args.duration))
    reference = max(figures["oxigraph"])
    for name, values in figures.items():
        best, runs = max(values), ", ".join(f"{v:,.0f}" for v in values)
        print(f"{name:30} {best:9,.0f} req/s  ×oxigraph {best / reference:.2f}  (runs: {runs})")


if __name__ == "__main__":
    main()
