"""Running SPARQL off the event loop, bounded in time and in how many run at once.

pyoxigraph releases the GIL while it evaluates, but an evaluation cannot be cancelled once it has
started. So queries go to a pool of ``max_concurrent_queries`` worker threads (the pool is the
semaphore: a runaway query holds one slot until it finishes, never more), and the request waits at
most ``query_timeout`` seconds, queueing included. Past that the client gets a ``QueryTimeout``
at once and a query still waiting in the queue is dropped. The event loop itself never evaluates,
so other requests (and queries with a free slot) are served meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from govkg.config import Settings
from govkg.errors import QueryTimeout

T = TypeVar("T")


class QueryRunner:
    """A bounded pool of evaluation threads with a per-request time limit."""

    def __init__(self, workers: int, timeout: float) -> None:
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="govkg-sparql")

    @classmethod
    def from_settings(cls, settings: Settings) -> QueryRunner:
        return cls(settings.max_concurrent_queries, settings.query_timeout)

    async def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` in the pool and wait at most the time limit for its answer.

        Raises:
            QueryTimeout: no answer within the time limit (the work may still finish in its thread).
        """
        future = asyncio.get_running_loop().run_in_executor(self._pool, work)
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            raise QueryTimeout(f"the query ran past the time limit of {self.timeout:g} s") from None

    async def run_to_end(self, work: Callable[[], T]) -> T:
        """Run ``work`` in the pool and wait for it however long it takes (updates: their outcome matters)."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, work)

    def close(self) -> None:
        """Stop taking work; queued work is dropped, running work finishes in its thread."""
        self._pool.shutdown(wait=False, cancel_futures=True)
