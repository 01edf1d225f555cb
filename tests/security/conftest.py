"""One real server for the whole security suite (it must survive every test), and a loopback listener.

The listener is a tiny HTTP server on 127.0.0.1 that counts the requests it gets: a SERVICE or LOAD
that slipped through would show up there. The server's log is checked at the end for crashes.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.live import UPDATE_TOKEN, LiveServer, live_server
from tests.sparql.conftest import fixture_env

AUTH = {"Authorization": f"Bearer {UPDATE_TOKEN}"}


@dataclass
class Listener:
    """Where the listener is and the paths it was asked for."""

    base: str
    hits: list[str] = field(default_factory=list)


class _Counting(http.server.BaseHTTPRequestHandler):
    listener: Listener

    def do_GET(self) -> None:
        self.listener.hits.append(self.path)
        body = b'{"head":{"vars":["o"]},"results":{"bindings":[{"o":{"type":"literal","value":"leak"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    """A loopback HTTP server counting every request it gets."""
    handler = type("Handler", (_Counting,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    found = Listener(f"http://127.0.0.1:{server.server_address[1]}/")
    handler.listener = found
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def hardened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The service with updates on, a 2 s time limit and small body limits, shared by the whole suite."""
    empty = tmp_path_factory.mktemp("security-empty")
    env = fixture_env(
        empty,
        GOVKG_QUERY_TIMEOUT="2",
        GOVKG_MAX_QUERY_BYTES="200000",
        GOVKG_MAX_DATA_BYTES="2000000",
        GOVKG_MAX_CONCURRENT_QUERIES="2",
        GOVKG_QUERY_MEMORY_MB="300",
        GOVKG_UPDATE_TIMEOUT="5",
    )
    with live_server(tmp_path_factory.mktemp("security-server"), env) as server:
        yield server
        assert server.process.poll() is None, f"the server died during the suite:\n{server.log.read_text()}"


@pytest.fixture(scope="session")
def server_log(hardened: LiveServer) -> Path:
    return hardened.log
