"""Print what the inferred graph costs: at load, on an update, and for queries over the default graph.

    .venv/bin/python bench/inference.py                      # ~1M triples (default)
    .venv/bin/python bench/inference.py --triples 100000

Writes the deterministic synthetic graph of ``bench/synthetic.py`` to a temporary folder, then, in the
embedded store: parses it with ``ontology/`` and ``shapes/`` into a fresh pyoxigraph store (what a load
did before inference), materialises the inferred graph (``govkg.inference.infer_into``), and does the
whole ``EmbeddedStore.load`` too. Then one ``INSERT DATA`` update (which rebuilds the graph), and the
median of ``--runs`` query runs over the default graph as the store now builds it (a list of graphs,
shapes left out) against pyoxigraph's own union of all graphs. Figures only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import generate  # noqa: E402

from govkg.config import Settings  # noqa: E402
from govkg.inference import INFERRED_GRAPH, infer_into, sources  # noqa: E402
from govkg.loading import find_sources, load_into  # noqa: E402
from govkg.store import EmbeddedStore  # noqa: E402
from govkg.store.base import GraphInfo  # noqa: E402

QUERIES = {
    "organisations (inferred types)": "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://www.w3.org/ns/org#Organization> }",
    "bodies, LIMIT 10": "SELECT ?b WHERE { ?b a <https://w3id.org/govkg/ontology#Body> } LIMIT 10",
    "all triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}
UPDATE = (
    "INSERT DATA { GRAPH <https://w3id.org/govkg/id/graph/bench> "
    "{ <https://w3id.org/govkg/id/bench-forum> a <https://w3id.org/govkg/ontology#Forum> } }"
)


def seconds(start: float) -> float:
    return round(time.perf_counter() - start, 2)


def median_ms(run: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="about how many triples [1000000]")
    parser.add_argument("--runs", type=int, default=5, help="runs per query, median reported [5]")
    args = parser.parse_args(argv)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="govkg-inference-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        with (data / "synthetic.ttl").open("w", encoding="utf-8") as out:
            generate(out, args.triples, 7)
        settings = Settings(data_dir=data)
        graphs = find_sources(settings.sources(), settings.base_iri)

        start = time.perf_counter()
        fresh = ox.Store()
        for graph in graphs:
            load_into(fresh, graph)
        parse_s = seconds(start)
        catalog = {g.name: GraphInfo(g.name, g.kind, g.path) for g in graphs}
        start = time.perf_counter()
        inferred = infer_into(fresh, INFERRED_GRAPH, [ox.DefaultGraph(), *(ox.NamedNode(n) for n in sources(catalog))])
        infer_s = seconds(start)
        print(f"{len(fresh) - inferred} triples stated; parse {parse_s} s; inference {infer_s} s, {inferred} triples")
        del fresh

        store = EmbeddedStore()
        start = time.perf_counter()
        store.load(graphs)
        print(f"EmbeddedStore.load, inference included: {seconds(start)} s")
        start = time.perf_counter()
        store.update(UPDATE)
        print(f"one INSERT DATA update, inference rebuilt: {seconds(start)} s")

        oxstore = store._ox  # noqa: SLF001 - the bench compares against pyoxigraph's own union
        for name, query in QUERIES.items():
            ours = median_ms(lambda q=query: list(store.query(q).rows), args.runs)  # type: ignore[misc]
            union = median_ms(lambda q=query: list(oxstore.query(q, use_default_graph_as_union=True)), args.runs)  # type: ignore[misc]
            print(f"{name}: {ours} ms over the default graph (shapes out); {union} ms over pyoxigraph's union")


if __name__ == "__main__":
    main()
