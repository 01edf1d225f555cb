"""A pool of forked evaluation workers: queries that can be stopped, crashes that cost one worker.

pyoxigraph cannot cancel a query from Python, and some inputs crash its parser. So queries run in
worker processes forked from the server: a worker that runs past the time limit is killed
(``SIGKILL``: its CPU and memory are free at once) and replaced; one that crashes or hits its
memory ceiling costs that worker, never the server. A fork shares the server's in-memory dataset
copy-on-write, so a worker starts in milliseconds and holds one consistent version of the data.

What the workers read comes from a :class:`Source`: the *generation* it is at (workers of an older
one are retired as soon as they are idle, so a query never sees data older than the last change
it could know of), a lock held while forking (no write is half done in the copy), and what a job
gets inside the child. The embedded store is its own source (:class:`StoreSource`); an on-disk
store would give each child a read-only handle it opens after the fork.

Jobs are module-level functions called as ``job(context, *args)`` in the child; their result (or
exception) comes back pickled, over a socket the serving event loop watches for the worker's whole
life (:mod:`govkg.worker_channel`). Idle workers stay forked and warm: the most recently used is
reused first. Any event loop may call :meth:`WorkerPool.run`: a free worker is handed to the next
waiter through its own loop (a worker another loop watches is replaced).
"""

from __future__ import annotations

import asyncio
import os
import pickle
import signal
import socket
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from govkg.errors import QueryAborted, QueryTimeout
from govkg.worker_channel import Channel, NotDelivered, ended, expire, running_loop, why_ended
from govkg.worker_child import frame, serve

T = TypeVar("T")


class Source(Protocol):
    """What workers are forked from."""

    def generation(self) -> object:
        """Changes whenever workers forked earlier would read stale data."""

    def fork_lock(self) -> threading.RLock:
        """Held while forking: no change to the data is half done then."""

    def in_child(self) -> Any:
        """Called in a fresh child: what its jobs get as their first argument."""


@dataclass(eq=False)
class Worker:
    """One child process and the parent's end of its socket."""

    pid: int
    channel: Channel
    generation: object
    jobs: int = field(default=0)


def _stop_all(workers: set[Worker]) -> None:
    for worker in list(workers):
        _kill(worker)


def _kill(worker: Worker) -> None:
    try:
        os.kill(worker.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    worker.channel.close()
    threading.Thread(target=_collect, args=(worker.pid,), daemon=True).start()  # a big child takes a while to go


def _collect(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


class WorkerPool:
    """At most ``size`` worker processes; a job waits for a free one, all within its time limit."""

    def __init__(
        self, source: Source, size: int, *, memory_bytes: int | None = None, isolate_network: bool = True
    ) -> None:
        self.source = source
        self.size = size
        self.memory_bytes = memory_bytes
        self.isolate_network = isolate_network
        self._lock = threading.Lock()
        self._idle: list[Worker] = []
        self._all: set[Worker] = set()
        self._forking = 0
        # Workers die with the thread that forked them (PR_SET_PDEATHSIG): fork from one that lives as long as the pool.
        self._forker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govkg-forker")
        self._waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[Worker | None]]] = deque()
        weakref.finalize(self, _stop_all, self._all)

    @property
    def workers(self) -> int:
        """How many worker processes are alive now."""
        return len(self._all)

    def close(self) -> None:
        """Kill every worker (the server is stopping)."""
        with self._lock:
            self._idle.clear()
        _stop_all(self._all)
        self._all.clear()
        self._forker.shutdown(wait=False)

    def _try_fork(self, generation: object) -> Worker | None:
        """A new worker, or None while a write holds the source's lock (forking then would copy it half done)."""
        lock = self.source.fork_lock()
        if not lock.acquire(blocking=False):
            return None
        parent, child = socket.socketpair()
        try:
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child's life is serve(); coverage does not follow it
                parent.close()
                serve(child, self.source.in_child, memory_bytes=self.memory_bytes, isolate_network=self.isolate_network)
        finally:
            lock.release()
        child.close()
        parent.setblocking(False)
        worker = Worker(pid, Channel(parent), generation)
        with self._lock:
            self._all.add(worker)
        return worker

    async def _fork(self, generation: object, deadline: float) -> Worker:
        with self._lock:
            self._forking += 1
        try:
            while (worker := await asyncio.wrap_future(self._forker.submit(self._try_fork, generation))) is None:
                if time.monotonic() > deadline:
                    raise QueryTimeout("the data was being changed for longer than the time limit")
                await asyncio.sleep(0.005)
            return worker
        finally:
            with self._lock:
                self._forking -= 1

    def _retire(self, worker: Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        _kill(worker)

    async def _acquire(self, deadline: float) -> Worker:
        loop = asyncio.get_running_loop()
        while True:
            generation = self.source.generation()
            stale: list[Worker] = []
            with self._lock:
                worker = self._idle.pop() if self._idle else None
                if worker is not None and worker.generation != generation:
                    stale = [worker, *(w for w in self._idle if w.generation != generation)]
                    self._idle = [w for w in self._idle if w.generation == generation]
                    worker = None
                room = worker is None and len(self._all) - len(stale) + self._forking < self.size
                if worker is None and not room:
                    future: asyncio.Future[Worker | None] = loop.create_future()
                    self._waiters.append((loop, future))
            for old in stale:  # their copy of the data is out of date (and holds its memory)
                self._retire(old)
            if worker is not None:
                if worker.channel.usable_on(loop):
                    return worker
                self._retire(worker)  # it died while idle, or another event loop watches its socket
                continue
            if room:
                return await self._fork(generation, deadline)
            handed = await self._wait(loop, future, deadline)
            if handed is not None and handed.channel.usable_on(loop):
                return handed
            if handed is not None:
                self._retire(handed)

    async def _wait(
        self, loop: asyncio.AbstractEventLoop, future: asyncio.Future[Worker | None], deadline: float
    ) -> Worker | None:
        """What :meth:`_release` hands this waiter: a worker, or None for a free slot."""
        timer = loop.call_later(max(deadline - time.monotonic(), 0), expire, future)
        try:
            return await future
        except TimeoutError:
            with self._lock:
                if (loop, future) in self._waiters:
                    self._waiters.remove((loop, future))
            raise QueryTimeout("no evaluation worker came free within the time limit") from None
        except asyncio.CancelledError:  # the client left just as a worker was handed over: pass it on
            if future.done() and not future.cancelled() and future.exception() is None:
                self._release(future.result())
            raise
        finally:
            timer.cancel()

    def _release(self, worker: Worker | None) -> None:
        """Hand a worker (None: a free slot) to the next waiter, or put it with the idle ones."""
        while True:
            with self._lock:
                if not self._waiters:
                    if worker is not None:
                        self._idle.append(worker)
                    return
                loop, future = self._waiters.popleft()
            if loop is running_loop():  # the usual case: no wake-up through the loop's self-pipe
                if not future.done():
                    future.set_result(worker)
                    return
            elif not loop.is_closed():
                loop.call_soon_threadsafe(self._hand, future, worker)
                return

    def _hand(self, future: asyncio.Future[Worker | None], worker: Worker | None) -> None:
        if future.done():  # its request gave up meanwhile: pass it on
            self._release(worker)
        else:
            future.set_result(worker)

    async def run(self, timeout: float, job: Callable[..., T], *args: Any) -> T:
        """Run ``job(context, *args)`` in a worker and return what it returns (or raise what it raised).

        Raises:
            QueryTimeout: no answer within ``timeout`` seconds, waiting for a worker included
                (a running worker is killed and replaced).
            QueryAborted: the worker died (memory ceiling, engine crash); the next job gets a new one.
        """
        deadline = time.monotonic() + timeout
        for _ in range(3):  # a worker that died while idle is replaced (killed from outside, say)
            worker = await self._acquire(deadline)
            try:
                return await self._on(worker, deadline, timeout, job, args, keep=True)
            except NotDelivered:
                continue
        raise QueryAborted("the query could not be evaluated: its workers kept dying before it reached them")

    async def run_once(self, timeout: float, job: Callable[..., T], *args: Any) -> T:
        """As :meth:`run`, in a worker of its own (beyond ``size``) that is killed afterwards.

        For jobs that change their copy of the data, such as an update tried out before it is applied.
        """
        deadline = time.monotonic() + timeout
        worker = await self._fork(self.source.generation(), deadline)
        try:
            return await self._on(worker, deadline, timeout, job, args, keep=False)
        except NotDelivered:
            raise QueryAborted("the query could not be evaluated: its worker died before it started") from None

    async def _on(
        self, worker: Worker, deadline: float, timeout: float, job: Callable[..., T], args: Any, keep: bool
    ) -> T:
        try:
            answer = await worker.channel.exchange(frame((job, args)), deadline - time.monotonic())
            ok, value = pickle.loads(answer)
        except NotDelivered:
            self._retire(worker)
            self._release(None)
            raise
        except TimeoutError:
            self._retire(worker)
            self._release(None)
            raise QueryTimeout(f"the query ran past the time limit of {timeout:g} s and was stopped") from None
        except (ConnectionError, EOFError, OSError):
            status = await ended(worker.pid)
            self._retire(worker)
            self._release(None)
            reason = why_ended(status) if status is not None else "the worker stopped answering"
            raise QueryAborted(f"the query could not be evaluated: {reason}") from None
        except BaseException:  # cancelled (the client left): the worker may be mid-job
            self._retire(worker)
            self._release(None)
            raise
        worker.jobs += 1
        memory = not ok and isinstance(value, MemoryError)
        if keep and not memory:
            self._release(worker)
        else:
            self._retire(worker)
            self._release(None)
        if ok:
            result: T = value
            return result
        if memory:
            raise QueryAborted("the query could not be evaluated: it ran out of its memory allowance")
        raise value
