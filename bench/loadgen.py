"""A bounded HTTP load generator: concurrent keep-alive clients on 127.0.0.1, every request timed.

Each client holds one HTTP/1.1 connection (plain asyncio streams, no client library in the way,
so the generator costs a few tens of microseconds per request) and sends the same GET again as
soon as the answer is read. The run stops at ``max_requests`` or ``duration`` seconds, whichever
comes first; a request that takes longer than ``timeout`` counts as an error. It only talks to
127.0.0.1. On a small machine the generator shares the CPU with the server it measures: compare
servers measured the same way, not with figures from a dedicated load machine.

    python bench/loadgen.py http://127.0.0.1:7878/query 'SELECT * WHERE { ?s ?p ?o } LIMIT 10'
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode, urlsplit


@dataclass
class LoadResult:
    """What a run measured: throughput, latency percentiles, and how many requests failed."""

    clients: int
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    statuses: dict[int, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted values lie (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def sparql_get(url: str, query: str, accept: str = "application/sparql-results+json") -> tuple[str, int, bytes]:
    """Host, port and the raw bytes of a SPARQL Protocol GET for ``query``.

    Raises:
        ValueError: the URL is not an http URL on 127.0.0.1.
    """
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname != "127.0.0.1" or parts.port is None:
        raise ValueError(f"load is only generated against http://127.0.0.1:<port>, not {url}")
    target = f"{parts.path or '/'}?{urlencode({'query': query})}"
    head = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{parts.port}\r\nAccept: {accept}\r\n\r\n"
    return "127.0.0.1", parts.port, head.encode()


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response (Content-Length or chunked body); its status and whether the server closes."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
    lines = head.split("\r\n")
    status = int(lines[0].split()[1])
    headers = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
    closes = headers.get("connection", "").strip() == "close"
    if headers.get("transfer-encoding", "").strip() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.readexactly(int(headers.get("content-length", "0")))
    return status, closes


async def _client(
    host: str, port: int, request: bytes, stop_at: float, budget: list[int], timeout: float, out: dict[str, list]
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while budget[0] > 0 and time.monotonic() < stop_at:
            budget[0] -= 1
            start = time.perf_counter()
            try:
                writer.write(request)
                status, closes = await asyncio.wait_for(read_response(reader), timeout)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                status, closes = 0, True
            out["latency"].append((time.perf_counter() - start) * 1000)
            out["status"].append(status)
            if closes:
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
    finally:
        writer.close()


async def run_load(
    url: str,
    query: str,
    *,
    clients: int = 20,
    duration: float = 10.0,
    max_requests: int = 50_000,
    timeout: float = 10.0,
) -> LoadResult:
    """Send ``query`` from ``clients`` concurrent connections until the count or time budget is spent."""
    host, port, request = sparql_get(url, query)
    out: dict[str, list] = {"latency": [], "status": []}
    budget = [max_requests]
    start = time.monotonic()
    tasks = [_client(host, port, request, start + duration, budget, timeout, out) for _ in range(clients)]
    await asyncio.gather(*tasks)
    seconds = time.monotonic() - start
    statuses = Counter(out["status"])
    ok = [lat for lat, status in zip(out["latency"], out["status"], strict=True) if status == 200]
    errors = len(out["status"]) - len(ok)
    rps = len(ok) / seconds if seconds else 0.0
    return LoadResult(clients, len(ok), errors, round(seconds, 2), round(rps, 1),
                      round(percentile(ok, 0.5), 2), round(percentile(ok, 0.95), 2), dict(statuses))  # fmt: skip


def measure(url: str, query: str, **options: float) -> LoadResult:
    """:func:`run_load` from synchronous code, after a short warm-up."""
    asyncio.run(run_load(url, query, clients=2, duration=1.0, max_requests=200))
    return asyncio.run(run_load(url, query, **options))  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description="Bounded SPARQL load on 127.0.0.1.")
    parser.add_argument("url")
    parser.add_argument("query")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds at most")
    parser.add_argument("--max-requests", type=int, default=50_000, help="requests at most")
    args = parser.parse_args()
    result = measure(args.url, args.query, clients=args.clients, duration=args.duration, max_requests=args.max_requests)
    print(f"{result.rps:.0f} req/s, p50 {result.p50_ms} ms, p95 {result.p95_ms} ms, {result.errors} errors")
    print(f"statuses {result.statuses}; {result.requests} requests in {result.seconds} s")


if __name__ == "__main__":
    main()
