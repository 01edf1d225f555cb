"""``govkg dump``: write named graphs back to Turtle files, so edits made over HTTP can return to ``data/``.

Each graph ``…/id/graph/<stem>`` becomes ``<stem>.ttl`` in canonical form (rdflib's ``longturtle``,
via :mod:`govkg.loading`), the same file that loads back into the same graph. The graphs come from a
running govkg service (``--url``, read through its Graph Store with the update token), from the
remote store the settings name, the on-disk store (``GOVKG_STORE_DIR``, as it is), or else from
the configured files. By default every graph except those of the ontology and shapes folders and
the inferred graph (rebuilt on every load) is written, and the store's default graph (what updates
without ``GRAPH`` wrote) as ``default.ttl``, which loads back as the named graph
``…/id/graph/default``; ``--graph`` picks graphs by IRI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click
import pyoxigraph as ox
from pydantic import SecretStr

from govkg.cli import EXIT_USAGE, fail, settings_with_data
from govkg.config import Settings
from govkg.errors import GovkgError
from govkg.inference import INFERRED_GRAPH
from govkg.loading import canonical_turtle, graph_stem, turtle_files
from govkg.namespaces import graph_iri
from govkg.service import open_store, reload
from govkg.store import Store


def source_store(settings: Settings, url: str | None, token: str | None) -> Store:
    """The store to dump: a govkg service at ``url``, the configured remote store as it is, or the files.

    Raises:
        LoadError: the configured files do not load (only when reading files).
    """
    if url:
        base = url.rstrip("/")
        remote = {"store_url": f"{base}/sparql", "graph_store_url": f"{base}/store"}
        settings = settings.model_copy(update={**remote, "store_auth": SecretStr(token) if token else None})
    store = open_store(settings)
    if not settings.store_url and not settings.store_dir:
        reload(store, settings)
    return store


@contextmanager
def closing(store: Store) -> Iterator[Store]:
    """The store, closed afterwards if it holds connections (a remote store does)."""
    try:
        yield store
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()


def fixed_graphs(settings: Settings) -> set[str]:
    """Graphs loaded from the ontology and shapes folders (they have their own files, not data files),
    and the inferred graph (derived from the others on every load)."""
    names = {INFERRED_GRAPH}
    for kind, root in settings.sources():
        if kind != "data" and root.exists():
            names |= {graph_iri(graph_stem(root, path), settings.base_iri) for path in turtle_files(root)}
    return names


DEFAULT_STEM = "default"


def stem_of(name: str | None, settings: Settings) -> str:
    """The file stem a graph IRI loads from.

    Raises:
        click.UsageError: the graph is not one of govkg's document graphs, so no file loads into it.
    """
    if name is None:
        return DEFAULT_STEM
    prefix = graph_iri("", settings.base_iri)
    stem = name.removeprefix(prefix)
    parts = stem.split("/")
    if stem == name or len(parts) > 2 or any(not part or part.startswith(".") for part in parts):
        raise click.UsageError(f"<{name}> is not a govkg graph ({prefix}<name>): no file would load into it")
    return stem


def write_graph(triples: Sequence[ox.Triple], path: Path) -> None:
    """Write triples as canonical Turtle, replacing the file only once the text is complete."""
    scratch = path.with_name(f".{path.name}.{os.getpid()}.nt")
    try:
        ox.serialize(triples, str(scratch), format=ox.RdfFormat.N_TRIPLES)
        text = canonical_turtle(scratch)
    finally:
        scratch.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")


@click.command()
@click.option("--graph", "graphs", multiple=True, metavar="IRI", help="A named graph to write (repeatable)")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write <stem>.ttl files into (data/ to return edits to the source)",
)
@click.option("--url", default=None, help="A running govkg service to dump from, e.g. http://127.0.0.1:8000")
@click.option("--token", envvar="GOVKG_UPDATE_TOKEN", default=None, help="The service's update token")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="More Turtle files or folders")
def dump(graphs: tuple[str, ...], output: Path, url: str | None, token: str | None, data: tuple[Path, ...]) -> None:
    """Write named graphs back to Turtle files named after their graph (every data graph by default)."""
    settings = settings_with_data(data)
    try:
        with closing(source_store(settings, url, token)) as store:
            names: list[str | None] = [*graphs] or [n for n in store.graph_names() if n not in fixed_graphs(settings)]
            if not graphs and store.get_graph(None):
                names.append(None)  # triples inserted without GRAPH are data too
            paths = {name: output / f"{stem_of(name, settings)}.ttl" for name in names}
            graphs_read = {name: store.get_graph(name) for name in paths}  # all read before any is written
    except GovkgError as exc:
        fail(exc, EXIT_USAGE if url is None else 1)
    if not paths:
        click.echo("nothing to dump: no data graphs", err=True)
    output.mkdir(parents=True, exist_ok=True)
    for name, triples in graphs_read.items():
        paths[name].parent.mkdir(parents=True, exist_ok=True)
        write_graph(triples, paths[name])
        source = "the default graph (loads back as graph <" + graph_iri(DEFAULT_STEM, settings.base_iri) + ">)"
        click.echo(f"{paths[name]}: {len(triples)} triples from {f'<{name}>' if name else source}")
