"""Print how long the REST answers take: cold (first call after a load) and warm p50/p95, per endpoint.

    .venv/bin/python bench/answers.py                          # the seed data
    .venv/bin/python bench/answers.py --data bench/data/synthetic-100k   # a synthetic graph instead

Every endpoint is asked ``--rounds`` times in-process through FastAPI's TestClient (routing,
validation and JSON included; no network), over a sample of entities taken from the data itself.
Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from govkg.answers import search_entities  # noqa: E402
from govkg.config import Settings  # noqa: E402
from govkg.service import reload  # noqa: E402
from govkg.store import EmbeddedStore  # noqa: E402


def timed(call: Callable[[], object]) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="data folder to load instead of data/")
    parser.add_argument("--rounds", type=int, default=50, help="requests per endpoint (warm)")
    args = parser.parse_args()
    settings = Settings() if args.data is None else Settings(data_dir=args.data)
    store = EmbeddedStore()
    load_ms = timed(lambda: reload(store, settings))
    sample = [h.slug for h in search_entities(store, type="org:Organization", limit=20).items] or [
        h.slug for h in search_entities(store, limit=20).items
    ]
    pairs = [{"from": a, "to": b} for a, b in zip(sample, reversed(sample), strict=True)]
    print(f"{store.triple_count()} triples loaded in {load_ms:.0f} ms; sample of {len(sample)} entities")
    with TestClient(create_app(settings, store=store)) as client:

        def ask(path: str, **params: str) -> Callable[[], object]:
            return lambda: client.get(path, params=params)

        endpoints: list[tuple[str, Callable[[int], Callable[[], object]]]] = [
            ("GET /api/entities?q=", lambda i: ask("/api/entities", q=sample[i % len(sample)][:5])),
            ("GET /api/entities?type=Body", lambda i: ask("/api/entities", type="Body")),
            ("GET /api/entities/{slug}", lambda i: ask(f"/api/entities/{sample[i % len(sample)]}")),
            ("GET /api/entities/{slug}/chain", lambda i: ask(f"/api/entities/{sample[i % len(sample)]}/chain")),
            ("GET /api/path", lambda i: ask("/api/path", **pairs[i % len(pairs)])),
            ("GET /api/obligations", lambda i: ask("/api/obligations")),
            ("GET /api/documents", lambda i: ask("/api/documents")),
        ]
        print(f"{'endpoint':34} {'cold ms':>9} {'p50 ms':>8} {'p95 ms':>8}")
        for name, request in endpoints:
            store.update("INSERT DATA { <urn:bench:x> <urn:bench:y> <urn:bench:z> }")  # new version: caches go
            cold = timed(request(0))
            warm = [timed(request(i)) for i in range(1, args.rounds + 1)]
            print(f"{name:34} {cold:9.1f} {statistics.median(warm):8.1f} {percentile(warm, 0.95):8.1f}")


if __name__ == "__main__":
    main()
