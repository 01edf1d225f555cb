"""What a store knows about itself, kept inside the store: which graph came from which file, and the version.

An on-disk store must remember across restarts which graphs it loaded from files (and their content
hashes, to refresh only what changed) and which dataset version it serves. That record lives in the
store itself, written in the same transaction as the change it describes, so a crash can never
leave data and record apart. It is kept as **empty named graphs** whose IRIs carry the facts
(``urn:govkg:store:file?…``, ``urn:govkg:store:state?…``): an empty graph adds no triple to any
query's answer, count or dump, and only shows in a bare graph listing (``GRAPH ?g {}``), which
govkg filters.

Dataset ids derive from content: a hash of the loaded files' hashes, then chained with a hash of
each write (the update text, or the graph and its triples). Same files and same writes give the
same id, on any machine and after any restart. The update text of graph writes is made here too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode

import pyoxigraph as ox

from govkg.loading import LoadedGraph
from govkg.store.base import DatasetVersion, GraphInfo

META_PREFIX = "urn:govkg:store:"
FILE_PREFIX = META_PREFIX + "file?"
STATE_PREFIX = META_PREFIX + "state?"
_BLANK = re.compile(rb"_:([A-Za-z0-9_\-.]+)")


def is_meta(name: str) -> bool:
    """Whether a graph name is one of the store's own records (never shown as a graph)."""
    return name.startswith(META_PREFIX)


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, separated so that ``("ab", "c")`` and ``("a", "bc")`` differ."""
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode() if isinstance(part, str) else part)
        sha.update(b"\x00")
    return sha.hexdigest()


def triples_digest(nt: bytes) -> str:
    """A hash of N-Triples that does not depend on the parser's random blank node labels."""
    labels: dict[bytes, bytes] = {}
    text = _BLANK.sub(lambda m: b"_:b" + labels.setdefault(m.group(1), str(len(labels)).encode()), nt)
    return digest(text)


def graph_digest(triples: Sequence[ox.Triple]) -> str:
    """:func:`triples_digest` of triples."""
    return triples_digest(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")


def file_digest(graph: LoadedGraph) -> str:
    """The content hash of a graph's source file (of its triples when the file cannot be read)."""
    try:
        return digest(graph.path.read_bytes())
    except OSError:
        return graph_digest(graph.read())


def files_id(catalog: Mapping[str, GraphInfo]) -> str:
    """One hash over every file graph: its name, kind and content."""
    return digest(*(f"{name} {info.kind} {info.sha256}" for name, info in sorted(catalog.items())))


def first_version(catalog: Mapping[str, GraphInfo]) -> DatasetVersion:
    """The version of a dataset freshly loaded from these files (no writes yet)."""
    return DatasetVersion(digest("govkg files", files_id(catalog))[:16], 0, _now())


def next_version(version: DatasetVersion, *change: str | bytes) -> DatasetVersion:
    """The version after ``change``: its id chained from the current one."""
    return DatasetVersion(digest(version.instance, *change)[:16], version.number + 1, _now())


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def catalog_of(graphs: Sequence[LoadedGraph]) -> dict[str, GraphInfo]:
    """The catalog entries of graphs loaded from files, with their content hashes."""
    return {g.name: GraphInfo(g.name, g.kind, g.path, file_digest(g)) for g in graphs}


def record_names(catalog: Mapping[str, GraphInfo], version: DatasetVersion | None) -> list[str]:
    """The empty graphs that record a catalog and a version."""
    names = [
        FILE_PREFIX + urlencode({"graph": i.name, "kind": i.kind, "sha256": i.sha256 or "", "path": str(i.path or "")})
        for i in catalog.values()
    ]
    if version is not None:
        state = {"id": version.instance, "n": str(version.number), "modified": version.modified.isoformat()}
        names.append(STATE_PREFIX + urlencode(state, quote_via=quote))
    return sorted(names)


def read_records(names: Iterable[str]) -> tuple[dict[str, GraphInfo], DatasetVersion | None, list[str]]:
    """The catalog and version recorded in a store's graph names, and the record names themselves."""
    catalog: dict[str, GraphInfo] = {}
    version = None
    found = []
    for name in names:
        if name.startswith(FILE_PREFIX):
            fields = dict(parse_qsl(name.removeprefix(FILE_PREFIX)))
            path = Path(fields["path"]) if fields.get("path") else None
            catalog[fields["graph"]] = GraphInfo(fields["graph"], fields["kind"], path, fields.get("sha256") or None)
        elif name.startswith(STATE_PREFIX):
            fields = dict(parse_qsl(name.removeprefix(STATE_PREFIX)))
            version = DatasetVersion(fields["id"], int(fields["n"]), datetime.fromisoformat(fields["modified"]))
        else:
            continue
        found.append(name)
    return catalog, version, found


def record_ops(old: Iterable[str], new: Sequence[str]) -> str:
    """SPARQL Update operations that turn the old records into the new ones (and restore any dropped)."""
    drops = [f"DROP SILENT GRAPH <{name}>" for name in sorted(set(old) - set(new))]
    return " ;\n".join([*drops, *(f"CREATE SILENT GRAPH <{name}>" for name in new)])


def join_updates(first: str, then: str) -> list[str]:
    """Ways to run ``first`` and ``then`` as one update; the first that parses is the one meant.

    ``first`` may or may not end with the ``;`` that separates operations; trying both is simpler
    and safer than reading its comments and strings.
    """
    return [f"{first}\n;\n{then}", f"{first}\n{then}"] if then else [first]


def ntriples(triples: Sequence[ox.Triple]) -> str:
    """Triples as N-Triples text, which is also the body of a SPARQL ``INSERT DATA`` graph block."""
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()


def replace_ops(name: str | None, nt: str, *, replace: bool = True) -> str:
    """Update operations that replace (or extend) one graph with N-Triples text."""
    if name is None:
        return " ;\n".join([*(["CLEAR SILENT DEFAULT"] if replace else []), f"INSERT DATA {{ {nt} }}"])
    iri = f"<{ox.NamedNode(name).value}>"
    drop = [f"DROP SILENT GRAPH {iri}"] if replace else []
    return " ;\n".join([*drop, f"CREATE SILENT GRAPH {iri}", f"INSERT DATA {{ GRAPH {iri} {{ {nt} }} }}"])
