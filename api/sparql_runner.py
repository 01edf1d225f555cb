"""Running SPARQL off the event loop, bounded in time and in how many run at once.

pyoxigraph releases the GIL while it evaluates, but an evaluation cannot be cancelled once it has
started. So queries go to ``max_concurrent_queries`` worker threads (the workers are the semaphore:
a runaway query holds one until it finishes, never more), and a request waits at most
``query_timeout`` seconds, queueing included. Past that its client gets a ``QueryTimeout`` at once
and work still waiting in the queue is dropped. The event loop never evaluates, so other requests
(and queries with a free worker) are served meanwhile. The workers are daemon threads: stopping the
server does not wait for a runaway query.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from govkg.config import Settings
from govkg.errors import QueryTimeout

T = TypeVar("T")
Job = tuple[Future[Any], Callable[[], Any]] | None  # None: stop


def _work(jobs: queue.SimpleQueue[Job]) -> None:
    while (job := jobs.get()) is not None:
        future, work = job
        if not future.set_running_or_notify_cancel():
            continue  # its client gave up while it waited
        try:
            future.set_result(work())
        except BaseException as exc:  # handed to the waiting request, which re-raises it
            future.set_exception(exc)


def _stop(jobs: queue.SimpleQueue[Job], workers: int) -> None:
    for _ in range(workers):
        jobs.put(None)


class QueryRunner:
    """A fixed set of evaluation threads with a per-request time limit."""

    def __init__(self, workers: int, timeout: float) -> None:
        self.timeout = timeout
        self._jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
        for number in range(workers):
            threading.Thread(target=_work, args=(self._jobs,), name=f"govkg-sparql-{number}", daemon=True).start()
        weakref.finalize(self, _stop, self._jobs, workers)  # the app is gone: let its workers end

    @classmethod
    def from_settings(cls, settings: Settings) -> QueryRunner:
        return cls(settings.max_concurrent_queries, settings.query_timeout)

    def _submit(self, work: Callable[[], T]) -> asyncio.Future[T]:
        future: Future[T] = Future()
        self._jobs.put((future, work))
        return asyncio.wrap_future(future)

    async def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` on a worker and wait at most the time limit for its answer.

        Raises:
            QueryTimeout: no answer within the time limit (the work may still finish on its worker).
        """
        try:
            return await asyncio.wait_for(self._submit(work), self.timeout)
        except TimeoutError:
            raise QueryTimeout(f"the query ran past the time limit of {self.timeout:g} s") from None
