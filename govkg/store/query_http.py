"""A lean HTTP/1.1 client for the one request a remote ``/sparql`` makes per query: a form POST to the query endpoint.

Profiled on Oxigraph server at 100k (``bench/remote_path.py``), httpx cost more per query than
Oxigraph did: building the request and response models, two ``send`` calls (headers, then body),
cookie handling, and ``urlencode`` of the dataset (every visible graph as ``default-graph-uri``,
every graph as ``named-graph-uri``) on every request. Here each thread keeps one keep-alive
``http.client`` connection (``TCP_NODELAY``), the dataset part of the form is encoded once per
dataset, and a request goes out in one ``send``. Used when no credentials or a bearer token are
configured (Basic/Digest need httpx's challenge handling); failures are mapped by the caller.
"""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Mapping, Sequence
from urllib.parse import quote_plus, urlsplit

from govkg.errors import QueryTimeout, ResultTooLarge, StoreError

_DATASETS = 16  # encoded dataset parts kept (one per distinct dataset asked for)


class QueryConnections:
    """Keep-alive connections to one query endpoint, one per thread."""

    def __init__(self, url: str, *, headers: Mapping[str, str] | None = None, timeout: float = 30.0) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"not an http(s) URL: {url}")
        self.url = url
        self._https = parts.scheme == "https"
        self._host, self._port = parts.hostname, parts.port
        self._path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        self._timeout = timeout
        self._local = threading.local()
        self.connects = 0  # connections opened (a kept-alive one is reused)
        self._open: set[http.client.HTTPConnection] = set()
        self._open_lock = threading.Lock()
        self._datasets: dict[tuple[tuple[str, ...], tuple[str, ...]], bytes] = {}

    def form(self, sparql: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> bytes:
        """The urlencoded form of a query and its protocol dataset (the dataset part cached)."""
        key = (tuple(default_graphs), tuple(named_graphs))
        tail = self._datasets.get(key)
        if tail is None:
            pairs = [("default-graph-uri", g) for g in key[0]] + [("named-graph-uri", g) for g in key[1]]
            tail = "".join(f"&{name}={quote_plus(value)}" for name, value in pairs).encode()
            if len(self._datasets) >= _DATASETS:
                self._datasets.clear()
            self._datasets[key] = tail
        return b"query=" + quote_plus(sparql).encode() + tail

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection | None = getattr(self._local, "conn", None)
        if conn is None:
            kind = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            conn = kind(self._host, self._port, timeout=timeout)
            conn.connect()
            conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._local.conn = conn
            with self._open_lock:
                self.connects += 1
                self._open.add(conn)
        elif conn.sock is not None:
            conn.sock.settimeout(timeout)
        return conn

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            with self._open_lock:
                self._open.discard(conn)
        self._local.conn = None

    def close(self) -> None:
        """Close every thread's connection (the store is closing; none is in use)."""
        with self._open_lock:
            for conn in self._open:
                conn.close()
            self._open.clear()

    def post(self, body: bytes, accept: str, timeout: float | None, max_bytes: int | None) -> tuple[int, str, bytes]:
        """POST a form; the status, the media type and the whole body.

        A kept-alive connection the server has closed meanwhile is replaced once.

        Raises:
            QueryTimeout: no answer (or not all of it) within ``timeout`` seconds per read.
            ResultTooLarge: the body is larger than ``max_bytes`` (the connection is closed unread).
            StoreError: the server could not be reached or broke the connection.
        """
        headers = {**self._headers, "Accept": accept}
        limit = timeout or self._timeout
        for attempt in (1, 2):
            fresh = getattr(self._local, "conn", None) is None
            try:
                conn = self._connection(limit)
                conn.request("POST", self._path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read() if max_bytes is None else response.read(max_bytes + 1)
                if not response.isclosed() and len(data) <= (max_bytes or 0):
                    data += response.read()  # a chunked answer ends with its last chunk read: then it may be reused
            except TimeoutError:
                self._drop()
                raise QueryTimeout("the query ran past its time limit on the remote store") from None
            except (http.client.HTTPException, OSError) as exc:
                self._drop()
                if attempt == 1 and not fresh:
                    continue  # the server closed a kept-alive connection: once more on a new one
                raise StoreError(f"the remote store at {self.url} failed during the query: {exc}") from None
            if max_bytes is not None and len(data) > max_bytes:
                self._drop()
                raise ResultTooLarge(f"the answer is larger than {max_bytes} bytes; add a LIMIT or narrow it")
            if response.will_close:
                self._drop()
            media = (response.getheader("content-type") or "").split(";")[0].strip().lower()
            return response.status, media, data
        raise AssertionError("unreachable")  # pragma: no cover
