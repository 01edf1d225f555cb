"""The worker pool's plumbing: long jobs, waiting in turn, several event loops, giving up while waiting.

Jobs run in forked workers over a tiny embedded store; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from govkg.errors import QueryTimeout
from govkg.store import EmbeddedStore
from govkg.workers import WorkerPool
from tests.security.test_engine_network import run


def length(store: EmbeddedStore, text: str) -> int:
    """Runs in a worker."""
    return len(text)


def nap(store: EmbeddedStore, seconds: float) -> int:
    """Runs in a worker: sleeps, then says which process it is."""
    time.sleep(seconds)
    return os.getpid()


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    made = WorkerPool(EmbeddedStore(), 1, isolate_network=False)
    yield made
    made.close()


def test_a_job_larger_than_the_socket_buffer_arrives_whole(pool: WorkerPool) -> None:
    assert run(pool.run(30, length, "x" * 8_000_000)) == 8_000_000


def test_jobs_wait_their_turn_for_one_warm_worker(pool: WorkerPool) -> None:
    async def many() -> list[int]:
        return await asyncio.gather(*(pool.run(30, nap, 0) for _ in range(6)))

    assert len(set(run(many()))) == 1, "the same warm worker served them all"
    assert pool.workers == 1


def test_a_pool_serves_one_event_loop_after_another(pool: WorkerPool) -> None:
    first = run(pool.run(30, nap, 0))
    second = run(pool.run(30, nap, 0))
    assert first != second, "the first loop's worker was replaced"
    assert pool.workers == 1


def test_two_event_loops_at_once_share_the_pool(pool: WorkerPool) -> None:
    with ThreadPoolExecutor(max_workers=2) as threads:
        found = list(threads.map(lambda _: run(pool.run(30, nap, 0.05)), range(6)))
    assert len(found) == 6 and pool.workers <= 1


def test_no_worker_in_time_is_a_timeout_and_the_worker_stays(pool: WorkerPool) -> None:
    async def crowded() -> None:
        busy = asyncio.ensure_future(pool.run(30, nap, 0.5))
        await asyncio.sleep(0.1)
        with pytest.raises(QueryTimeout, match="no evaluation worker"):
            await pool.run(0.05, nap, 0)
        await busy

    run(crowded())
    assert run(pool.run(30, nap, 0)) > 0


def test_a_request_that_gives_up_while_waiting_takes_nothing_with_it(pool: WorkerPool) -> None:
    async def impatient() -> int:
        busy = asyncio.ensure_future(pool.run(30, nap, 0.3))
        await asyncio.sleep(0.05)
        waiting = asyncio.ensure_future(pool.run(30, nap, 0))
        await asyncio.sleep(0.05)
        waiting.cancel()
        await busy
        return await pool.run(30, nap, 0)

    assert run(impatient()) > 0
    assert pool.workers == 1


def test_a_worker_killed_while_idle_is_replaced_for_the_next_job(pool: WorkerPool) -> None:
    async def after_a_kill() -> tuple[int, int]:
        first = await pool.run(30, nap, 0)
        os.kill(first, signal.SIGKILL)
        time.sleep(0.3)  # the loop does not run meanwhile: it has not seen the socket close yet
        return first, await pool.run(30, nap, 0)

    first, second = run(after_a_kill())
    assert second not in (first, 0)
    assert pool.workers == 1
