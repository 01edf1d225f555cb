"""Loading files into a remote store: the whole dataset in one request where the server takes it.

Parsing happens in Rust, into a scratch in-memory pyoxigraph dataset, so every file parses before
anything is written and no Python triple is made. Then, with a Graph Store endpoint, the graphs
being replaced are deleted and the whole dataset is POSTed once as N-Quads (Oxigraph server and
others take a quad format at the dataset endpoint). A server that refuses that (4xx) gets one
Graph Store PUT per graph instead, as does any later load through this store; without a Graph
Store endpoint each graph is written with SPARQL Update. The inferred graph is rebuilt last.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import cast

import pyoxigraph as ox

from govkg.errors import GovkgError, NotFound, StoreError
from govkg.inference import INFERRED, INFERRED_GRAPH, infer_into, sources
from govkg.loading import LoadedGraph, load_into
from govkg.store import catalog as records
from govkg.store.base import DatasetVersion, GraphInfo
from govkg.store.sparql_client import SparqlClient, Unsupported

PARTS = 2  # Oxigraph server loads two requests side by side: 12 s against 28 s for one at 1M here
_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def split_nquads(body: bytes, parts: int) -> list[bytes]:
    """N-Quads in ``parts`` bodies for requests loaded side by side; every line naming a blank node in the first.

    A server maps blank node labels afresh per request, so all the statements that share a blank
    node must travel together (a ``_:`` inside a literal only sends its line to the first part too).
    Lines are found with ``bytes.find`` (a few blank nodes among a million lines cost nothing).
    """
    blank, plain, done = [], [], 0
    while (hit := body.find(b"_:", done)) >= 0:
        first = body.rfind(b"\n", 0, hit) + 1
        last = body.find(b"\n", hit)
        last = len(body) if last < 0 else last + 1
        plain.append(body[done:first])
        blank.append(body[first:last])
        done = last
    rest = b"".join([*plain, body[done:]])
    cuts, step = [0], -(-len(rest) // parts)
    for share in range(1, parts):
        end = rest.rfind(b"\n", cuts[-1], share * step)  # the last whole line within this part's share
        end = end if end >= 0 else rest.find(b"\n", share * step)  # or a line longer than the share
        cuts.append(len(rest) if end < 0 else max(end + 1, cuts[-1]))
    cuts.append(len(rest))
    chunks = [rest[a:b] for a, b in zip(cuts, cuts[1:], strict=False)] or [b""]
    chunks[0] = b"".join(blank) + chunks[0]
    return [chunk if chunk.endswith(b"\n") else chunk + b"\n" for chunk in chunks if chunk.strip()]


def _counted(rows: ox.QuerySolutions) -> dict[str, int]:
    return {row["g"].value: int(row["n"].value) for row in rows if isinstance(row["n"], ox.Literal)}


def _sizes(scratch: ox.Store) -> dict[str, int]:
    return _counted(cast(ox.QuerySolutions, scratch.query(_SIZES)))


class DatasetLoading:
    """The ``load`` of :class:`govkg.store.remote.RemoteStore` (a mixin over its client and catalog)."""

    _client: SparqlClient
    _catalog: dict[str, GraphInfo]
    _version: DatasetVersion
    _graph_prefix: str | None
    _bulk: bool

    def graph_names(self) -> list[str]:
        raise NotImplementedError

    def _changed(self, *change: str, version: DatasetVersion | None = None) -> None:
        raise NotImplementedError

    def _infer(self) -> None:
        raise NotImplementedError

    def load(self, graphs: Sequence[LoadedGraph]) -> None:
        """Replace govkg's graphs on the server with these.

        In one request where the server takes a whole dataset, else one Graph Store PUT (or SPARQL
        update) per graph, each applied atomically by the server. Across graphs it is not atomic:
        while a load runs, readers may see some graphs new and others old or missing. If a write
        fails, the error names what was and was not replaced; loading again converges. Graphs under
        the govkg graph prefix (or loaded earlier by this store) that the new set lacks are removed.

        Raises:
            LoadError: a file is malformed; nothing was written.
            StoreError: the server refused or failed a write; names what was and was not written.
        """
        scratch = ox.Store()
        for graph in graphs:  # every file parses before anything is written
            load_into(scratch, graph)
        files = records.catalog_of(graphs)
        fresh = all(info.kind == INFERRED for info in self._catalog.values()) and self._version.number == 0
        wanted = [g.name for g in graphs]
        owned = set(self._catalog) | {n for n in self.graph_names() if self._owns(n)}
        owned.discard(INFERRED_GRAPH)
        written: list[str] = []
        kept = [n for n in self.graph_names() if n not in owned and n not in wanted and n != INFERRED_GRAPH]
        try:
            at_once = self._load_at_once(scratch, files, alone=not kept and not self._default_graph_holds_data())
            if not at_once:
                for name in wanted:
                    body = scratch.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)) or b""
                    self._client.write_ntriples(name, body, replace=True)
                    written.append(name)
                    self._catalog[name] = files[name]
            written = wanted
            self._catalog.update(files)
            for name in sorted(owned - set(wanted)):
                self._drop(name)
            if at_once != "inferred":
                self._infer()
        except GovkgError as exc:
            self._changed("failed load", *written)
            pending = [name for name in wanted if name not in written]
            raise StoreError(
                f"loading into the remote store stopped: {exc.message}. Replaced: {len(written)} graph(s)"
                f"{' (' + ', '.join(written) + ')' if written else ''}; not replaced: {', '.join(pending) or 'none'}."
                " Load again to finish."
            ) from None
        self._changed("files", records.files_id(files), version=records.first_version(files) if fresh else None)

    def _load_at_once(self, scratch: ox.Store, files: dict[str, GraphInfo], *, alone: bool) -> str | None:
        """Delete the graphs and POST the whole dataset as N-Quads; None when the server cannot take that.

        ``alone``: these graphs will be the server's only data, so the inferred graph is made here
        from them (in Rust, on the parsed copy) and goes along: ``"inferred"``. Else ``"loaded"``.
        """
        if not self._bulk or self._client.endpoints.graph_store is None:
            return None
        names = list(files)
        for name in names:
            self._drop(name)
        if alone:
            infer_into(scratch, INFERRED_GRAPH, [ox.NamedNode(n) for n in sources(files)])
            names.append(INFERRED_GRAPH)
            try:
                self._client.delete_graph(INFERRED_GRAPH)  # its catalog entry stays: it is rebuilt, not gone
            except NotFound:
                pass
        body = scratch.dump(format=ox.RdfFormat.N_QUADS) or b""
        try:
            if self._client.server.startswith("Oxigraph/"):  # its bulk loader: one per request, in parallel
                with ThreadPoolExecutor(max_workers=PARTS) as pool:
                    list(pool.map(self._client.add_nquads, split_nquads(body, PARTS)))
            else:
                self._client.add_nquads(body)
        except Unsupported:
            self._bulk = False
            return None
        sizes = _sizes(scratch)
        if self._sizes(names) != sizes:  # Virtuoso says 200 and keeps nothing
            self._bulk = False
            return None
        for name in names:
            if name not in sizes:  # an empty graph has no quad to travel in: PUT it on its own
                self._client.write_ntriples(name, b"", replace=True)
        return "inferred" if alone else "loaded"

    def _default_graph_holds_data(self) -> bool:
        """Whether the server's default graph has triples (a server whose default is the union says yes)."""
        with self._client.query("ASK { ?s ?p ?o }", [], []) as answer:
            return bool(answer)

    def _sizes(self, names: list[str]) -> dict[str, int]:
        """Triples per graph on the server, for these graphs."""
        values = " ".join(f"<{name}>" for name in names)
        query = _SIZES.replace("WHERE {", f"WHERE {{ VALUES ?g {{ {values} }}")
        with self._client.query(query, [], []) as answer:
            return _counted(cast(ox.QuerySolutions, answer))

    def _owns(self, name: str) -> bool:
        return self._graph_prefix is not None and name.startswith(self._graph_prefix)

    def _drop(self, name: str) -> None:
        try:
            self._client.delete_graph(name)
        except NotFound:
            pass
        self._catalog.pop(name, None)
