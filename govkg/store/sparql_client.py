"""A small client of the SPARQL 1.1 Protocol and the Graph Store HTTP Protocol, over httpx.

It speaks only the standard protocols, so any conformant server will do (Oxigraph server, Apache
Jena Fuseki, Virtuoso, GraphDB). Answers are parsed lazily by pyoxigraph (a caller that stops
reading stops the download) or read whole as bytes to pass on. HTTP failures become typed errors.
It knows nothing of govkg's dataset conventions (union default graph, catalog, versions): that is
:mod:`govkg.store.remote`. Without a Graph Store it uses SPARQL Update and CONSTRUCT for graphs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from govkg.errors import NotFound, QuerySyntaxError, QueryTimeout, ResultTooLarge, StoreError
from govkg.store.http_auth import BearerAuth
from govkg.store.passthrough import Answer, parse_answer
from govkg.store.query_http import QueryConnections

QUERY_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.9, text/turtle;q=0.8"
)
N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"
_ERROR_TEXT = 500


@dataclass(frozen=True)
class Endpoints:
    """Where a server answers queries, updates and Graph Store requests (the last two optional)."""

    query: str
    update: str | None = None
    graph_store: str | None = None


class Unsupported(StoreError):
    """The server does not take this kind of request (e.g. a whole dataset at its Graph Store)."""


def _triples(answer: Answer) -> list[ox.Triple]:
    if isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
        raise StoreError("the remote store answered a graph request with query results")
    return list(answer)


def _iri(name: str) -> str:
    """An IRI in SPARQL syntax; pyoxigraph rejects anything that is not a valid IRI."""
    return str(ox.NamedNode(name))


def _graph_params(name: str | None) -> dict[str, str]:
    return {"default": ""} if name is None else {"graph": name}


class SparqlClient:
    """One server's endpoints behind a pooled, thread-safe httpx client with timeouts."""

    def __init__(
        self,
        endpoints: Endpoints,
        *,
        auth: httpx.Auth | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.endpoints = endpoints
        self._timeout = timeout
        self.server = ""  # the Server header last seen (an Oxigraph server takes its bulk loader's options)
        # trust_env=False: no proxy or .netrc from the environment; the store is reached as configured.
        self._http = httpx.Client(
            auth=auth, timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)), transport=transport, trust_env=False
        )
        # Queries whose answer is passed on go through a leaner client when no challenge can come.
        static = {"Authorization": auth.header} if isinstance(auth, BearerAuth) else {} if auth is None else None
        lean = transport is None and static is not None
        self._lean = QueryConnections(endpoints.query, headers=static, timeout=timeout) if lean else None

    def close(self) -> None:
        self._http.close()
        if self._lean is not None:
            self._lean.close()

    @contextmanager
    def _send(
        self, method: str, url: str, what: str, timeout: float | None = None, **kwargs: object
    ) -> Iterator[httpx.Response]:
        """A streamed request whose HTTP and transport failures become typed errors."""
        limit = httpx.Timeout(timeout or self._timeout, connect=min(timeout or self._timeout, 5.0))
        try:
            with self._http.stream(method, url, timeout=limit, **kwargs) as response:  # type: ignore[arg-type]
                self.server = response.headers.get("server", self.server)
                if response.status_code >= 400:
                    response.read()
                    raise _http_error(response, what)
                yield response
        except httpx.TimeoutException:
            if what == "query":
                raise QueryTimeout("the query ran past its time limit on the remote store") from None
            raise StoreError(f"the remote store at {url} did not answer the {what} in time") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"the remote store at {url} failed during the {what}: {exc}") from None

    @contextmanager
    def query(
        self, sparql: str, default_graphs: Sequence[str], named_graphs: Sequence[str], timeout: float | None = None
    ) -> Iterator[Answer]:
        """Send a query (POST form, dataset in the protocol parameters) and yield its lazily parsed answer."""
        form = {"query": sparql, "default-graph-uri": list(default_graphs), "named-graph-uri": list(named_graphs)}
        with self._send(
            "POST", self.endpoints.query, "query", timeout, data=form, headers={"Accept": QUERY_ACCEPT}
        ) as response:
            yield parse_answer(response)

    def query_bytes(
        self,
        sparql: str,
        default_graphs: Sequence[str],
        named_graphs: Sequence[str],
        accept: str,
        timeout: float | None = None,
        max_bytes: int | None = None,
    ) -> tuple[str, bytes]:
        """Send a query asking for ``accept``; the answer's media type and whole body.

        Raises:
            ResultTooLarge: the body grew past ``max_bytes`` (reading stops there).
        """
        if self._lean is not None:
            form_body = self._lean.form(sparql, default_graphs, named_graphs)
            status, media, data = self._lean.post(form_body, accept, timeout, max_bytes)
            if status >= 400:
                failed = httpx.Response(status, content=data, request=httpx.Request("POST", self.endpoints.query))
                raise _http_error(failed, "query")
            return media, data
        form = {"query": sparql, "default-graph-uri": list(default_graphs), "named-graph-uri": list(named_graphs)}
        headers = {"Accept": accept}
        with self._send("POST", self.endpoints.query, "query", timeout, data=form, headers=headers) as response:
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if max_bytes is not None and len(body) > max_bytes:
                    raise ResultTooLarge(f"the answer is larger than {max_bytes} bytes; add a LIMIT or narrow it")
            return response.headers.get("content-type", "").split(";")[0].strip().lower(), bytes(body)

    def update(self, sparql: str) -> None:
        """Send a SPARQL Update.

        Raises:
            StoreError: no update endpoint is configured, or the server failed.
            QuerySyntaxError: the server rejected the update as malformed (HTTP 400).
        """
        if self.endpoints.update is None:
            raise StoreError("the remote store is read-only here: configure its update URL to change data")
        headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
        with self._send("POST", self.endpoints.update, "update", content=sparql.encode(), headers=headers):
            pass

    def graph_exists(self, name: str) -> bool:
        """Whether the server lists this named graph."""
        with self.query(f"ASK {{ GRAPH {_iri(name)} {{ }} }}", [], []) as answer:
            return bool(answer)

    def get_graph(self, name: str | None) -> list[ox.Triple]:
        """A graph's triples, by Graph Store GET or else CONSTRUCT.

        Raises:
            NotFound: no such named graph.
        """
        if self.endpoints.graph_store is None:
            if name is not None and not self.graph_exists(name):
                raise NotFound(f"no graph <{name}>")
            where = "?s ?p ?o" if name is None else f"GRAPH {_iri(name)} {{ ?s ?p ?o }}"
            with self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", [], []) as answer:
                return _triples(answer)
        params = _graph_params(name)
        with self._send(
            "GET", self.endpoints.graph_store, "graph read", params=params, headers={"Accept": N_TRIPLES}
        ) as response:
            return _triples(parse_answer(response))

    def write_graph(self, name: str | None, triples: Sequence[ox.Triple], *, replace: bool) -> bool:
        """Replace (PUT) or extend (POST) a graph; True when the server created it."""
        if self.endpoints.graph_store is None:
            return self._write_by_update(name, triples, replace=replace)
        return self.write_ntriples(name, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", replace=replace)

    def write_ntriples(self, name: str | None, body: bytes, *, replace: bool) -> bool:
        """:meth:`write_graph` for a graph already written as N-Triples."""
        if self.endpoints.graph_store is None:
            triples = [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
            return self._write_by_update(name, triples, replace=replace)
        headers = {"Content-Type": N_TRIPLES}
        method = "PUT" if replace else "POST"
        with self._send(
            method, self.endpoints.graph_store, "graph write", params=_graph_params(name), content=body, headers=headers
        ) as response:
            return response.status_code == 201

    def add_nquads(self, body: bytes) -> None:
        """Add a whole dataset (N-Quads) in one Graph Store POST.

        Raises:
            Unsupported: the server does not take a dataset there (or no Graph Store is configured).
        """
        if self.endpoints.graph_store is None:
            raise Unsupported("no Graph Store endpoint")
        headers = {"Content-Type": N_QUADS}
        # Oxigraph server: its bulk loader (no one transaction; the caller checks what arrived) on data
        # pyoxigraph has already parsed here (lenient: not validated again).
        params = {"no_transaction": "", "lenient": ""} if self.server.startswith("Oxigraph/") else {}
        timeout = max(self._timeout, 600.0)  # a server may take minutes over a large dataset
        with self._send(
            "POST", self.endpoints.graph_store, "dataset write", timeout, params=params, content=body, headers=headers
        ):
            pass

    def delete_graph(self, name: str | None) -> None:
        """Drop a named graph or clear the default graph.

        Raises:
            NotFound: no such named graph.
        """
        if self.endpoints.graph_store is None:
            if name is not None and not self.graph_exists(name):
                raise NotFound(f"no graph <{name}>")
            self.update("DROP SILENT DEFAULT" if name is None else f"DROP SILENT GRAPH {_iri(name)}")
            return
        with self._send("DELETE", self.endpoints.graph_store, "graph delete", params=_graph_params(name)):
            pass

    def _write_by_update(self, name: str | None, triples: Sequence[ox.Triple], *, replace: bool) -> bool:
        created = name is not None and not self.graph_exists(name)
        data = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
        if name is None:
            steps = ["DROP SILENT DEFAULT"] if replace else []
            steps.append(f"INSERT DATA {{ {data} }}")
        else:
            graph = _iri(name)
            steps = [f"DROP SILENT GRAPH {graph}"] if replace else []
            steps += [f"CREATE SILENT GRAPH {graph}", f"INSERT DATA {{ GRAPH {graph} {{ {data} }} }}"]
        self.update(" ;\n".join(steps))
        return created


def _http_error(response: httpx.Response, what: str) -> Exception:
    """The typed error for a failed response (the server's own words, shortened)."""
    status = response.status_code
    text = response.text.strip()[:_ERROR_TEXT]
    url = response.request.url.copy_with(query=None)
    if status in (400, 404, 405, 406, 415, 501) and what == "dataset write":
        return Unsupported(f"the remote store at {url} does not take a whole dataset (HTTP {status}): {text}")
    if status == 400 and what in ("query", "update"):
        return QuerySyntaxError(text or f"the remote store rejected the {what} as malformed")
    if status == 404 and what.startswith("graph"):
        graph = response.request.url.params.get("graph")
        return NotFound(f"no graph <{graph}>" if graph else "no such graph")
    if status in (401, 403):
        return StoreError(f"the remote store at {url} refused the {what} (HTTP {status}): check the store credentials")
    return StoreError(f"the remote store at {url} answered the {what} with HTTP {status}: {text}")
