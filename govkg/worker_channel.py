"""The server's end of one evaluation worker's socket, watched by one event loop for the worker's whole life.

A job is one frame out and one frame back (:mod:`govkg.worker_child`). Asking the loop for each
read (``sock_recv_into``) registers and unregisters the socket with the poller on every request;
here the socket is registered once (``add_reader``), when the worker first serves on a loop, and
the callback that reads it resolves the waiting job's future when a whole frame is in. The time
limit is one timer on the loop (no task, no cancellation scope). A channel belongs to that loop: a
worker that a request on another loop picks is retired (:class:`~govkg.workers.WorkerPool`).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from typing import Any

from govkg.worker_child import HEADER

_CHUNK = 1 << 18


class NotDelivered(ConnectionError):
    """A job never reached its worker: the worker's end of the socket is closed (it died while idle)."""


class Channel:
    """Frames to and from a worker over a non-blocking socket, on the loop it was attached to."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.loop: asyncio.AbstractEventLoop | None = None
        self.closed = False
        self._buffer = bytearray()
        self._waiter: asyncio.Future[bytes] | None = None

    def usable_on(self, loop: asyncio.AbstractEventLoop) -> bool:
        """Whether a job on ``loop`` may use this channel (open, and not watched by another loop)."""
        return not self.closed and self.loop in (None, loop)

    async def exchange(self, request: bytes, timeout: float) -> bytes:
        """Send a frame and wait at most ``timeout`` seconds for the answer's payload.

        Raises:
            NotDelivered: the worker was gone before the job was sent.
            TimeoutError: no whole answer in time (sending included).
            EOFError, OSError: the worker closed its end (it died) or the socket failed.
        """
        loop = asyncio.get_running_loop()
        if self.loop is None:
            loop.add_reader(self.sock.fileno(), self._readable)
            self.loop = loop
        waiter: asyncio.Future[bytes] = loop.create_future()
        self._waiter = waiter
        deadline = loop.time() + timeout
        try:
            try:
                sent = self.sock.send(request)
            except (BrokenPipeError, ConnectionResetError) as exc:
                raise NotDelivered(str(exc)) from None
            if sent < len(request):  # a long update text: the rest when the socket drains
                await asyncio.wait_for(loop.sock_sendall(self.sock, memoryview(request)[sent:]), timeout)
            timer = loop.call_at(deadline, expire, waiter)
            try:
                return await waiter
            finally:
                timer.cancel()
        finally:
            self._waiter = None

    def _readable(self) -> None:
        try:
            chunk = self.sock.recv(_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as exc:
            self._lost(exc)
            return
        if not chunk:
            self._lost(EOFError("the worker closed its socket"))
            return
        buffer = self._buffer
        buffer += chunk
        if len(buffer) < HEADER.size:
            return
        end = HEADER.size + HEADER.unpack_from(buffer)[0]
        if len(buffer) < end:
            return
        payload = bytes(memoryview(buffer)[HEADER.size : end])
        del buffer[:end]
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(payload)

    def _lost(self, exc: BaseException) -> None:
        self._unwatch()
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(exc)

    def _unwatch(self) -> None:
        if not self.closed and self.loop is not None and not self.loop.is_closed():
            self.loop.remove_reader(self.sock.fileno())
        self.closed = True

    def close(self) -> None:
        """Stop watching and close the socket; from any thread (the loop's own thread does it at once)."""
        loop = self.loop
        if loop is None or not loop.is_running() or running_loop() is loop:
            self._close_now()
            return
        try:
            loop.call_soon_threadsafe(self._close_now)
        except RuntimeError:  # the loop closed meanwhile
            self._close_now()

    def _close_now(self) -> None:
        self._unwatch()
        self.sock.close()


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop running in this thread, if any."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def expire(waiter: asyncio.Future[Any]) -> None:
    """Time is up for whoever awaits ``waiter``: it raises ``TimeoutError`` (unless it has its answer)."""
    if not waiter.done():
        waiter.set_exception(TimeoutError())


async def ended(pid: int, wait: float = 2.0) -> int | None:
    """The wait status of a child whose socket closed (it is dying), or None if it does not end within ``wait``."""
    try:
        _, status = await asyncio.wait_for(asyncio.to_thread(os.waitpid, pid, 0), wait)
    except (TimeoutError, ChildProcessError):
        return None
    return status


def why_ended(status: int) -> str:
    """Words for a worker's wait status."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGABRT:
            return "it ran out of its memory allowance (or the engine aborted)"
        return f"the engine crashed ({signal.Signals(sig).name})"
    return f"the worker ended with status {os.WEXITSTATUS(status)}"
