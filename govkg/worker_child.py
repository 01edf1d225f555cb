"""The inside of an evaluation worker: a forked process that runs one job at a time until told to stop.

After the fork the child keeps only its socket (the server's listening socket and client
connections must not stay open in it), dies with its parent (``PR_SET_PDEATHSIG``), ignores the
terminal's Ctrl-C (the parent stops it), leaves the network namespace when the kernel lets it (so
even a SERVICE or LOAD that got past the guard finds no network), and caps its address space
(``RLIMIT_AS``: an allocation past it fails and the engine aborts — the worker dies, not the
server). Then it reads jobs: ``(function, args)`` pickled, 8-byte length first; it answers
``(True, result)`` or ``(False, exception)`` the same way. It always leaves with ``os._exit``.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import resource
import signal
import socket
import struct
from collections.abc import Callable, Iterator
from typing import Any

HEADER = struct.Struct("!Q")
_PR_SET_PDEATHSIG = 1
_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000


def frame(value: object) -> bytes:
    """A value pickled, with its length in front."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data


def _frames(sock: socket.socket) -> Iterator[bytes]:
    """The payloads of the frames arriving on ``sock``, until it closes (usually one ``recv`` each)."""
    buffer = bytearray()
    while True:
        while len(buffer) < HEADER.size or len(buffer) < HEADER.size + HEADER.unpack_from(buffer)[0]:
            chunk = sock.recv(1 << 20)
            if not chunk:
                return
            buffer += chunk
        end = HEADER.size + HEADER.unpack_from(buffer)[0]
        yield bytes(buffer[HEADER.size : end])
        del buffer[:end]


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - every Linux has a libc
        return None


def leave_network() -> bool:
    """Move this (single-threaded) process into a network namespace of its own: no interfaces, no routes."""
    libc = _libc()
    if libc is None or not hasattr(libc, "unshare"):  # pragma: no cover - not Linux
        return False
    return any(libc.unshare(flags) == 0 for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET))


def _settle(keep: int, memory_bytes: int | None, isolate_network: bool) -> None:
    gc.freeze()  # the inherited objects are never collected here: no full collection walks (and copies) them
    libc = _libc()
    if libc is not None and hasattr(libc, "prctl"):
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.closerange(3, keep)
    os.closerange(keep + 1, max(resource.getrlimit(resource.RLIMIT_NOFILE)[0], keep + 1))
    if isolate_network:
        leave_network()
    if memory_bytes is not None:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = mapped + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def serve(
    sock: socket.socket,
    context: Callable[[], Any],
    *,
    memory_bytes: int | None,
    isolate_network: bool,
) -> None:
    """The child's whole life (never returns): settle in, then answer jobs until the socket closes."""
    try:
        _settle(sock.fileno(), memory_bytes, isolate_network)
        target = context()
        for payload in _frames(sock):
            job, args = pickle.loads(payload)
            try:
                answer = frame((True, job(target, *args)))
            except BaseException as exc:  # handed to the parent, which raises it for its request
                try:
                    answer = frame((False, exc))
                except Exception:  # an exception that does not pickle travels as its text
                    answer = frame((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
            sock.sendall(answer)
    finally:
        os._exit(0)
