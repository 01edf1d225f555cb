"""A real Virtuoso (Debian's ``virtuoso-opensource-7-bin``, ``make virtuoso``) for the remote-store tests.

``virtuoso-t`` runs in the foreground with a database of its own in a temporary folder, its SQL
and HTTP ports on free 127.0.0.1 ports, and is stopped at the end of the session. When the binary
is missing or the server does not come up, the tests that need it are skipped with the reason.

Its quirks, all handled by govkg's remote store (:mod:`govkg.store.quirks`, :mod:`govkg.store.http_auth`):
``/sparql`` is read-only; updates go to ``/sparql-auth`` and the Graph Store to
``/sparql-graph-crud-auth``, both behind HTTP Digest auth (``dba``/``dba`` in a fresh database),
which refuses Basic with a bare 401; a whole dataset POSTed to the Graph Store is answered 200
and not stored; graphs are listed only by ``GRAPH ?g { ?s ?p ?o }``, among them Virtuoso's own;
a request without ``default-graph-uri`` sees every graph; ASK comes back as a one-row SELECT.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from govkg.config import Settings
from govkg.errors import NotFound
from govkg.namespaces import graph_iri
from govkg.store.remote import RemoteStore
from tests.live import free_port, stop

BINARY = shutil.which("virtuoso-t")
STARTUP_TIMEOUT = 90.0  # a fresh database is built on first start: 15-20 s on a busy 2-core machine
CREDENTIALS = "dba:dba"
INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = {db}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
MaxClientConnections = 8
ServerThreads = 8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@dataclass(frozen=True)
class VirtuosoServer:
    """Where a started Virtuoso answers."""

    url: str

    def open(self) -> RemoteStore:
        """A remote store over this server, as its endpoints and credentials need."""
        return RemoteStore(
            f"{self.url}/sparql",
            update_url=f"{self.url}/sparql-auth",
            graph_store_url=f"{self.url}/sparql-graph-crud-auth",
            auth=CREDENTIALS,
            graph_prefix=graph_iri("", str(Settings().base_iri)),
        )

    def clear(self) -> None:
        """Drop every graph but Virtuoso's own (dropping those would break its SPARQL)."""
        with self.open() as store:
            for name in store.graph_names():
                try:
                    store._client.delete_graph(name)  # straight to the server: no inference between drops
                except NotFound:
                    pass


@dataclass
class Started:
    """A server, or why there is none."""

    server: VirtuosoServer | None
    problem: str | None


def _wait(process: subprocess.Popen[bytes], url: str, log: Path) -> str | None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"virtuoso-t exited with {process.returncode}: {log.read_text(errors='replace')[-500:]}"
        try:
            if httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=2.0).status_code == 200:
                return None
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    return f"Virtuoso did not answer within {STARTUP_TIMEOUT} s: {log.read_text(errors='replace')[-500:]}"


def running_virtuoso(folder: Path) -> Iterator[Started]:
    """Start Virtuoso in ``folder``, yield it (or why not), and stop it."""
    if BINARY is None:
        yield Started(None, "no virtuoso-t: make virtuoso installs Debian's virtuoso-opensource-7-bin")
        return
    http = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(db=folder, sql=free_port(), http=http), encoding="utf-8")
    log = folder / "server.log"
    with log.open("wb") as out:
        command = [BINARY, "+configfile", str(ini), "+foreground"]
        process = subprocess.Popen(command, cwd=folder, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{http}"
        problem = _wait(process, url, log)
        yield Started(None if problem else VirtuosoServer(url), problem)
    finally:
        stop(process, timeout=30)
