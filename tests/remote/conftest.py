"""A real Oxigraph server for the remote-store tests, and stores of both kinds over the same files.

``oxigraph serve`` (PyPI ``oxigraph``, in the venv) runs on a free 127.0.0.1 port with its data in
a temporary folder; it is stopped at the end of the session. When it cannot start, the tests that
need it are skipped with the reason; the embedded half of each parametrised test still runs. A Virtuoso
server is the second engine (:mod:`tests.remote.virtuoso`, ``test_virtuoso.py``).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from govkg.config import Settings
from govkg.loading import LoadedGraph, read_sources
from govkg.namespaces import graph_iri
from govkg.service import reload
from govkg.store import EmbeddedStore, Store
from govkg.store.remote import RemoteStore
from tests.conftest import DATA
from tests.live import ROOT, free_port
from tests.remote.virtuoso import VirtuosoServer, running_virtuoso

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
FIXTURES = DATA / "remote" / "data"
STARTUP_TIMEOUT = 20.0


@dataclass(frozen=True)
class OxigraphServer:
    """Where a started Oxigraph server answers: its SPARQL query, update and Graph Store endpoints."""

    url: str

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    @property
    def graph_store_url(self) -> str:
        return f"{self.url}/store"

    def settings(self, base: Settings) -> Settings:
        """``base`` pointed at this server."""
        remote = {"store_url": self.query_url, "update_url": self.update_url, "graph_store_url": self.graph_store_url}
        return base.model_copy(update=remote)

    def clear(self) -> None:
        """Drop every graph on the server."""
        httpx.post(self.update_url, content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})


def _wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path) -> str | None:
    """None once the server answers, else why it is not up (bounded by STARTUP_TIMEOUT)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"oxigraph exited with {process.returncode}: {log.read_text(errors='replace')[-500:]}"
        try:
            if httpx.get(f"{url}/query?query=ASK%7B%7D", timeout=1.0).status_code == 200:
                return None
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    return f"oxigraph did not answer within {STARTUP_TIMEOUT} s: {log.read_text(errors='replace')[-500:]}"


@pytest.fixture(scope="session")
def start_oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], OxigraphServer]]:
    """Start Oxigraph servers on demand (skipping when impossible); all are stopped at the end."""
    processes: list[subprocess.Popen[bytes]] = []

    def start() -> OxigraphServer:
        if not OXIGRAPH.exists():
            pytest.skip(f"no Oxigraph server CLI at {OXIGRAPH}: pip install oxigraph")
        folder = tmp_path_factory.mktemp("oxigraph")
        port = free_port()
        log = folder / "server.log"
        command = [str(OXIGRAPH), "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"]
        with log.open("wb") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        problem = _wait_until_up(process, url, log)
        if problem:
            pytest.skip(problem)
        return OxigraphServer(url)

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def oxigraph(start_oxigraph: Callable[[], OxigraphServer]) -> OxigraphServer:
    """A server for tests that change data (each clears it first)."""
    return start_oxigraph()


@pytest.fixture(scope="session")
def fixture_graphs() -> list[LoadedGraph]:
    """The project's ontology and the small test files, parsed once."""
    return read_sources([("ontology", ROOT / "ontology"), ("data", FIXTURES)], str(Settings().base_iri))


def open_remote(server: OxigraphServer, *, graph_store: bool = True) -> RemoteStore:
    """A remote store over ``server``, with its Graph Store endpoint or with SPARQL only."""
    return RemoteStore(
        server.query_url,
        update_url=server.update_url,
        graph_store_url=server.graph_store_url if graph_store else None,
        graph_prefix=graph_iri("", str(Settings().base_iri)),
    )


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A Virtuoso server for the session (skipped with the reason when it cannot start)."""
    started = running_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    found = next(started)
    try:
        if found.server is None:
            pytest.skip(found.problem or "Virtuoso did not start")
        yield found.server
    finally:
        started.close()


@pytest.fixture(params=["embedded", "remote", "remote-sparql-only"])
def empty_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh, empty store of each kind; the remote ones on a cleared server."""
    if request.param == "embedded":
        yield EmbeddedStore()
        return
    server: OxigraphServer = request.getfixturevalue("oxigraph")
    server.clear()
    with open_remote(server, graph_store=request.param != "remote-sparql-only") as store:
        yield store


@pytest.fixture
def store(empty_store: Store, fixture_graphs: list[LoadedGraph]) -> Store:
    """A store of each kind with the ontology and the test files loaded."""
    empty_store.load(fixture_graphs)
    return empty_store


@pytest.fixture(scope="session")
def seed_server(start_oxigraph: Callable[[], OxigraphServer]) -> OxigraphServer:
    """A server of its own for the seed data, which the tests only read."""
    return start_oxigraph()


@pytest.fixture(scope="session")
def remote_seed_store(seed_server: OxigraphServer, settings: Settings) -> Iterator[Store]:
    """The seed data loaded into Oxigraph through the service's own reload."""
    with RemoteStore.from_settings(seed_server.settings(settings)) as store:
        reload(store, settings)
        yield store


@pytest.fixture(scope="session", params=["embedded", "remote"])
def any_seed_store(request: pytest.FixtureRequest, seed_store: Store) -> Store:
    """The seed data in each kind of store (read-only)."""
    if request.param == "embedded":
        return seed_store
    remote: Store = request.getfixturevalue("remote_seed_store")
    return remote
