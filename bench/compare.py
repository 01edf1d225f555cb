"""How long a comparison takes: two synthetic states of ~100k triples that differ by about 1%.

    python bench/compare.py [--triples 100000] [--change 0.01]

The second state drops every 200th triple and adds as many new lines (a body reporting to another
body), so the change has removed lines and attributes, added lines, and removed entities' types.
Prints the time to read both states from an embedded store, to compare them, and the sizes found.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import generate  # noqa: E402

from govkg.compare import compare_states, resolve_state  # noqa: E402
from govkg.loading import LoadedGraph  # noqa: E402
from govkg.store import EmbeddedStore  # noqa: E402

ID = "https://w3id.org/govkg/id/"
REPORTS_TO = ox.NamedNode("http://www.w3.org/ns/org#reportsTo")


def states(triples: int, change: float, seed: int = 7) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """A synthetic graph and a copy with ``change`` of its triples replaced."""
    text = io.StringIO()
    generate(text, triples, seed)
    before = [q.triple for q in ox.parse(text.getvalue(), format=ox.RdfFormat.TURTLE)]
    step = max(1, round(1 / (change / 2)))
    kept = [t for i, t in enumerate(before) if i % step]
    subjects = sorted({t.subject for t in before if isinstance(t.subject, ox.NamedNode)}, key=str)
    rng = random.Random(seed)
    new = [ox.Triple(rng.choice(subjects), REPORTS_TO, rng.choice(subjects)) for _ in range(len(before) - len(kept))]
    return before, kept + new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--change", type=float, default=0.01)
    args = parser.parse_args()
    before, after = states(args.triples, args.change)
    store = EmbeddedStore()
    graphs = [
        LoadedGraph(f"{ID}graph/{name}", "data", Path(name), triples) for name, triples in (("a", before), ("b", after))
    ]
    store.load(graphs)
    started = time.perf_counter()
    a = resolve_state(store, "a", ID, Path("data"))
    b = resolve_state(store, "b", ID, Path("data"))
    read = time.perf_counter() - started
    started = time.perf_counter()
    result = compare_states(a, b, "en")
    diffed = time.perf_counter() - started
    counts = result.triples
    print(f"states: {len(before):,} and {len(after):,} triples, {counts.added:,} added / {counts.removed:,} removed")
    print(f"read both states from the embedded store: {read:.2f} s")
    print(f"compare in governance terms:              {diffed:.2f} s")
    print(f"total:                                    {read + diffed:.2f} s  (goal < 2 s)")
    print(
        f"found: {len(result.entities.added)} entities added, {len(result.entities.removed)} removed, "
        f"{len(result.lines.added)} lines added, {len(result.lines.removed)} removed, {len(result.changed)} changed"
    )


if __name__ == "__main__":
    main()
