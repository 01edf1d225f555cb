"""The spreadsheet round trip against a store: import a workbook into Turtle, export the graph as a workbook.

Glue between the store and the pure functions of :mod:`~govkg.secretariat.sheets_import` and
:mod:`~govkg.secretariat.sheets_export`; the command line and the API call these.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
import rdflib

from govkg.namespaces import ID
from govkg.secretariat.sheets_build import Imported
from govkg.secretariat.sheets_export import export_workbook
from govkg.secretariat.sheets_import import import_rows
from govkg.secretariat.sheets_read import Row
from govkg.store import Store
from govkg.store.rdflib_view import to_rdflib_graph

GAP_SHAPES = "completeness"  # the shapes file whose rules name gaps of the documents, not defects


def _same(a: Path | None, b: Path | None) -> bool:
    return a is not None and b is not None and a.resolve() == b.resolve()


def data_graph(store: Store, leaving_out: Path | None = None) -> rdflib.Graph:
    """The store's data as one rdflib graph, without the file ``leaving_out`` (the one an import replaces)."""
    graph = rdflib.Graph()
    for name, info in store.catalog.items():
        if info.kind == "data" and not _same(info.path, leaving_out):
            to_rdflib_graph(store.get_graph(name), graph)
    return graph


def gap_rules(store: Store) -> frozenset[str]:
    """The IRIs of the completeness rules (from the shapes file named ``completeness``)."""
    rules: set[str] = set()
    for name, info in store.catalog.items():
        if info.kind == "shapes" and info.path is not None and info.path.stem == GAP_SHAPES:
            rules |= {t.subject.value for t in store.get_graph(name) if isinstance(t.subject, ox.NamedNode)}
    return frozenset(rules)


def import_into(
    store: Store, rows: Sequence[Row], output: Path | None = None, seeds: Path | None = None, base: str = str(ID)
) -> Imported:
    """A workbook's rows as a graph that joins the store's data, checked by the store's shapes.

    Raises:
        SheetError: with every problem as ``sheet!row: message``.
    """
    return import_rows(
        rows,
        data_graph(store, leaving_out=output),
        store.rdflib_graph(frozenset({"ontology"})),
        store.rdflib_graph(frozenset({"shapes"})),
        gap_rules(store),
        seeds,
        base,
    )


def canonical(graph: rdflib.Graph) -> str:
    """The graph as ``govkg fmt`` writes ``data/``: rdflib longturtle with the project's prefixes."""
    return graph.serialize(format="longturtle")


def write_turtle(graph: rdflib.Graph, path: Path) -> None:
    """Write the graph in canonical form, atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(canonical(graph))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export_store(store: Store, base: str = str(ID)) -> bytes:
    """Today's data as the authoring workbook."""
    return export_workbook(data_graph(store), store.rdflib_graph(frozenset({"ontology"})), base)
