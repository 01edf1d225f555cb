"""A real uvicorn server in a subprocess on a free 127.0.0.1 port, for tests that talk HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
UPDATE_TOKEN = "test-update-token"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class LiveServer:
    """Where a started server listens."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


@contextmanager
def live_server(tmp: Path, env: Mapping[str, str] | None = None, startup_timeout: float = 60.0) -> Iterator[LiveServer]:
    """Start ``uvicorn api.app:create_app`` with ``GOVKG_*`` settings from ``env``; stop it afterwards.

    Raises:
        RuntimeError: the server did not answer ``/healthz`` within ``startup_timeout`` seconds.
    """
    port = free_port()
    log = tmp / f"uvicorn-{port}.log"
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("GOVKG_")}
    full_env.update(env or {})
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "api.app:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log, startup_timeout)
        yield LiveServer(url=url, process=process, log=log)
    finally:
        stop(process)


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 60.0) -> None:
    """Return once ``/healthz`` answers 200 (bounded by ``timeout`` seconds).

    Raises:
        RuntimeError: the process ended, or did not answer in time (with its log).
    """
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"server not ready after {timeout} s:\n{log.read_text()}")
        time.sleep(0.1)


def stop(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Ask a server process to stop; kill it if it has not within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)
