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

from api import sparql_native as native
from api.sparql_formats import GRAPH_FORMATS, SOLUTION_FORMATS
from api.sparql_remote import remote_answer
from govkg.config import Settings
from govkg.errors import QueryTimeout
from govkg.sparql_safety import guard
from govkg.store import EmbeddedStore, Store
from govkg.store.remote import RemoteStore
from govkg.workers import WorkerPool

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


def evaluate(
    store: Store,
    text: str,
    defaults: list[str] | None,
    named: list[str] | None,
    solutions: str | None,
    graphs: str | None,
    timeout: float,
    limit: int,
    max_nesting: int,
) -> tuple[str, bytes]:
    """Guard and run a query and write its answer: its form (``GRAPH`` or not) and the body (empty: no fitting format).

    A job for a worker process (or thread): formats travel by their keys, the answer as bytes. The
    guard runs here too, so even a slow scan of a hostile megabyte holds a worker, not the server.
    """
    guard(text, max_nesting)
    if isinstance(store, RemoteStore):  # the server's bytes when it wrote the negotiated format
        return remote_answer(store, text, (defaults, named), (solutions, graphs), timeout, limit)
    if isinstance(store, EmbeddedStore) and solutions in native.KEYS:  # the engine writes SPARQL JSON itself
        answered = native.answer_json(store, text, defaults, named, timeout, limit)
        if isinstance(answered, tuple):
            return answered
        result = answered
    else:
        result = store.query(text, default_graphs=defaults, named_graphs=named, timeout=timeout, limit=limit)
    key = graphs if result.form == "GRAPH" else solutions
    if key is None:
        return result.form, b""
    return result.form, FORMATS[result.form == "GRAPH"][key].render(result)


#: Formats by key: solution formats under False, graph formats under True.
FORMATS = {
    False: {f.key: f for f in SOLUTION_FORMATS.values()},
    True: {f.key: f for f in GRAPH_FORMATS.values()},
}


class Evaluation:
    """Where ``/sparql`` queries run: forked worker processes over the embedded store, else threads.

    Worker processes can be stopped (time limit, memory ceiling) and crash alone; a remote store
    evaluates elsewhere, so its queries need only the threads.
    """

    def __init__(self, store: Store, settings: Settings, threads: QueryRunner) -> None:
        self.threads = threads
        self.timeout = settings.query_timeout
        self.pool: WorkerPool | None = None
        if settings.isolate_queries and isinstance(store, EmbeddedStore):
            memory = settings.query_memory_mb * 1024 * 1024
            self.pool = WorkerPool(store, settings.max_concurrent_queries, memory_bytes=memory)
        self.store = store

    async def run(self, job: Callable[..., T], *args: Any) -> T:
        """``job(store, *args)`` in a worker process, or on a thread when there is no pool."""
        if self.pool is not None:
            return await self.pool.run(self.timeout, job, *args)
        return await self.threads.run(lambda: job(self.store, *args))

    async def try_update(self, update: str, timeout: float) -> None:
        """Run an update first on a forked copy of the data, so an update that crashes the engine crashes a copy.

        Without worker processes this does nothing.

        Raises:
            QueryAborted: the copy died (the update is not applied).
            QueryTimeout: the trial ran past ``timeout``.
            QuerySyntaxError: the update does not parse.
        """
        if self.pool is not None:
            await self.pool.run_once(timeout, _update, update)


def _update(store: Store, update: str) -> None:
    store.update(update)
