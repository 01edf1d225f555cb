"""Reads Turtle files into named graphs, all or nothing; the only module that parses Turtle.

Every file becomes one named graph, ``…/id/graph/<file stem>``, so each fact carries the document
it came from; a file in a subfolder keeps the folder in its name (``data/rm-organisering-2016/as-is.ttl``
becomes ``…/id/graph/rm-organisering-2016/as-is``), which is how a document's scenarios sit beside it.
A malformed file raises :class:`~govkg.errors.LoadError` naming the file, line and
the parser's message, before anything reaches a store: callers swap the whole dataset or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
import rdflib

from govkg.errors import LoadError
from govkg.inference import INFERRED_GRAPH
from govkg.namespaces import PREFIXES, graph_iri

TURTLE_SUFFIXES = (".ttl",)
ACCEPTED_FILE = "accepted.ttl"  # in the shapes folder: accepted audit exceptions, a kind of their own


@dataclass(frozen=True)
class LoadedGraph:
    """One file: the graph it becomes, what kind of graph that is, and its triples once parsed.

    ``triples`` is None for a graph found but not parsed yet (:func:`find_sources`): the embedded
    store then parses the file straight into its new dataset (:func:`load_into`), which at a million
    triples is twice as fast as building Python triples first.
    """

    name: str
    kind: str
    path: Path
    triples: list[ox.Triple] | None = field(default=None, repr=False)

    def read(self) -> list[ox.Triple]:
        """The graph's triples, parsing the file if that has not happened yet.

        Raises:
            LoadError: the file is not valid Turtle.
        """
        return self.triples if self.triples is not None else parse_turtle(self.path)


def turtle_files(path: Path) -> list[Path]:
    """The Turtle files at ``path``: the file itself, or a folder's ``*.ttl`` files and those of its
    subfolders (hidden ones skipped), sorted by path.

    Raises:
        LoadError: the path does not exist.
    """
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix in TURTLE_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    raise LoadError(str(path), "no such file or folder")


def graph_stem(root: Path, path: Path) -> str:
    """The name a file's graph takes under ``…/id/graph/``: its stem, prefixed by its subfolders under ``root``."""
    if root.is_file() or path.parent == root:
        return path.stem
    return path.relative_to(root).with_suffix("").as_posix()


def _load_error(path: Path, exc: SyntaxError | OSError | UnicodeDecodeError) -> LoadError:
    if isinstance(exc, SyntaxError):
        message = exc.msg.split(": ", 1)[1] if exc.msg.startswith("Parser error at line") else exc.msg
        return LoadError(str(path), message, exc.lineno, exc.offset)
    return LoadError(str(path), str(exc))


def parse_turtle(path: Path) -> list[ox.Triple]:
    """Parse one Turtle file.

    Raises:
        LoadError: the file cannot be read or is not valid Turtle (with line and column).
    """
    try:
        quads = ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
        return [quad.triple for quad in quads]
    except (SyntaxError, OSError, UnicodeDecodeError) as exc:
        raise _load_error(path, exc) from None


def load_into(store: ox.Store, graph: LoadedGraph) -> None:
    """Add a graph to a pyoxigraph store, parsing its file there and then when not parsed yet.

    A failed file may leave part of itself in ``store``: callers load into a new store and discard it.

    Raises:
        LoadError: the file cannot be read or is not valid Turtle (with line and column).
    """
    name = ox.NamedNode(graph.name)
    store.add_graph(name)
    if graph.triples is not None:
        store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in graph.triples)
        return
    try:
        store.load(path=graph.path, format=ox.RdfFormat.TURTLE, base_iri=graph.path.resolve().as_uri(), to_graph=name)
    except (SyntaxError, OSError, UnicodeDecodeError) as exc:
        raise _load_error(graph.path, exc) from None


def find_sources(sources: Iterable[tuple[str, Path]], base_iri: str) -> list[LoadedGraph]:
    """The named graphs the Turtle files under the given (kind, path) sources become, not parsed yet.

    Raises:
        LoadError: a path is missing, two files would share a graph name, or a file would become the
            inferred graph.
    """
    graphs: dict[str, LoadedGraph] = {}
    for kind, root in sources:
        for path in turtle_files(root):
            if kind == "shapes" and path == root / ACCEPTED_FILE:
                continue  # not shapes: Settings.sources lists it as "accepted"
            name = graph_iri(graph_stem(root, path), base_iri)
            if name == INFERRED_GRAPH:
                raise LoadError(str(path), f"graph <{name}> is reserved for inferred triples: rename the file")
            if name in graphs:
                raise LoadError(str(path), f"graph <{name}> is already loaded from {graphs[name].path}")
            graphs[name] = LoadedGraph(name=name, kind=kind, path=path)
    return list(graphs.values())


def read_sources(sources: Iterable[tuple[str, Path]], base_iri: str) -> list[LoadedGraph]:
    """Parse every Turtle file under the given (kind, path) sources into named graphs.

    Raises:
        LoadError: a path is missing, a file is malformed, or two files would share a graph name.
    """
    return [replace(graph, triples=graph.read()) for graph in find_sources(sources, base_iri)]


def check_paths(paths: Sequence[Path]) -> list[tuple[Path, int]]:
    """Parse the files at ``paths`` and say how many triples each holds.

    Raises:
        LoadError: at the first file that does not parse.
    """
    return [(path, len(parse_turtle(path))) for root in paths for path in turtle_files(root)]


def canonical_turtle(path: Path) -> str:
    """The file's content in the canonical form kept in ``data/`` (rdflib's ``longturtle``).

    Raises:
        LoadError: the file is not valid Turtle.
    """
    parse_turtle(path)  # report errors with line and column before rdflib sees the file
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    graph.parse(path, format="turtle")
    return graph.serialize(format="longturtle")


def format_files(paths: Sequence[Path], check: bool = False) -> list[Path]:
    """Rewrite Turtle files in canonical form; with ``check``, only report which would change.

    Returns:
        The files that were (or, with ``check``, would be) changed.

    Raises:
        LoadError: a file is not valid Turtle; no file is written after it.
    """
    changed: list[Path] = []
    for path in [p for root in paths for p in turtle_files(root)]:
        text = canonical_turtle(path)
        if text != path.read_text(encoding="utf-8"):
            changed.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    return changed
