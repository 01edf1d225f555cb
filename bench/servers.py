"""The four SPARQL servers the benchmark compares, each started on a free 127.0.0.1 port and stopped after.

- govkg embedded: ``uvicorn api.app:create_app`` over the synthetic data folder;
- govkg on Oxigraph server: the same app with ``GOVKG_STORE_URL`` … pointing at ``oxigraph serve``;
- rdflib-endpoint: its own ``SparqlEndpoint`` over an rdflib ``Dataset``, as ``rdflib-endpoint serve`` builds it;
- ``oxigraph serve-read-only`` on a database filled by ``oxigraph load``.

Access logs are off for every Python server (each would otherwise print a line per request).
Start-up waits are bounded; a server that does not come up raises with the tail of its log.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RDFLIB_ENDPOINT = """
import sys, time, uvicorn, rdflib.plugins.sparql
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
graph = Dataset(default_union=True)
for path in sys.argv[2:]:
    graph.parse(path)
app = SparqlEndpoint(graph=graph, path="/sparql")
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
"""


@dataclass(frozen=True)
class Running:
    """A started server: where its SPARQL endpoint is, and its processes (for memory figures)."""

    sparql_url: str
    processes: tuple[subprocess.Popen[bytes], ...]

    def peak_rss_mb(self) -> float:
        """The processes' peak resident memory so far (VmHWM), in MB."""
        total = 0
        for process in self.processes:
            for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        return round(total / 1024, 1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Return once ``url`` answers 200; raise if the process dies or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}: {log.read_text()[-800:]}")
        try:
            status = httpx.get(url, timeout=5.0, headers={"Accept": "application/sparql-results+json"}).status_code
        except httpx.TransportError:
            status = 0
        if status == 200:
            return
        if 400 <= status < 500:
            raise RuntimeError(f"{url} answers HTTP {status}: the server is up but not there")
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout} s: {log.read_text()[-800:]}")


@contextmanager
def spawned(
    command: Sequence[str], log: Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """A subprocess (in ``cwd``, else :data:`ROOT`) writing to ``log``, terminated (then killed) on the way out."""
    with log.open("wb") as out:
        process = subprocess.Popen(list(command), cwd=cwd or ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@contextmanager
def oxigraph(location: Path, logs: Path, *, read_only: bool = False, timeout: float = 30.0) -> Iterator[Running]:
    """``oxigraph serve`` (read-write) or ``serve-read-only`` on ``location``."""
    port = free_port()
    mode = "serve-read-only" if read_only else "serve"
    command = [str(BIN / "oxigraph"), mode, "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    url = f"http://127.0.0.1:{port}"
    with spawned(command, logs / f"oxigraph-{mode}-{port}.log") as process:
        wait_until(f"{url}/query?query=ASK%7B%7D", process, logs / f"oxigraph-{mode}-{port}.log", timeout)
        yield Running(f"{url}/query", (process,))


def govkg_env(data: Path, remote: str | None = None, settings: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a govkg server over ``data`` (and on the Oxigraph server at ``remote``).

    ``settings`` adds or overrides ``GOVKG_*`` variables: ``{"query_timeout": "2"}`` sets ``GOVKG_QUERY_TIMEOUT``.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVKG_")}
    env |= {"GOVKG_DATA_DIR": str(data), "GOVKG_RESULT_LIMIT": "100000", "GOVKG_QUERY_TIMEOUT": "120"}
    if remote:
        env |= {"GOVKG_STORE_URL": f"{remote}/query", "GOVKG_UPDATE_URL": f"{remote}/update"}
        env |= {"GOVKG_GRAPH_STORE_URL": f"{remote}/store"}
    env |= {f"GOVKG_{name.upper()}": value for name, value in (settings or {}).items()}
    return env


@contextmanager
def govkg(
    data: Path,
    logs: Path,
    *,
    remote: Running | None = None,
    settings: Mapping[str, str] | None = None,
    timeout: float = 600.0,
    root: Path | None = None,
) -> Iterator[Running]:
    """The govkg app under uvicorn, embedded or on a running Oxigraph server; ``settings`` as in :func:`govkg_env`.

    ``root``: the checkout whose ``api`` and ``govkg`` to run (another commit's worktree), else :data:`ROOT`.
    """
    port = free_port()
    base = remote.sparql_url.removesuffix("/query") if remote else None
    command = [str(BIN / "python"), "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--log-level", "warning", "--no-access-log"]
    log = logs / f"govkg-{'remote' if remote else 'embedded'}-{port}.log"
    with spawned(command, log, govkg_env(data, base, settings), root) as process:
        wait_until(f"http://127.0.0.1:{port}/healthz", process, log, timeout)
        yield Running(f"http://127.0.0.1:{port}/sparql", (process, *(remote.processes if remote else ())))


@contextmanager
def rdflib_endpoint(files: Sequence[Path], logs: Path, timeout: float = 900.0) -> Iterator[Running]:
    """rdflib-endpoint's app over an rdflib Dataset of ``files``."""
    port = free_port()
    command = [str(BIN / "python"), "-c", RDFLIB_ENDPOINT, str(port), *map(str, files)]
    log = logs / f"rdflib-endpoint-{port}.log"
    with spawned(command, log) as process:
        wait_until(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", process, log, timeout)
        yield Running(f"http://127.0.0.1:{port}/sparql", (process,))
