"""SPARQL over an rdflib graph through an in-memory pyoxigraph copy (for audits without a store)."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from govkg.audit.rules import Row, Select
from govkg.store.rdflib_view import from_rdflib, to_rdflib


def oxigraph_select(graph: rdflib.Graph) -> Select:
    """Run queries on a pyoxigraph copy of ``graph`` (its default graph), answering rdflib terms."""
    store = ox.Store()
    default = ox.DefaultGraph()
    store.extend(ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o), default) for s, p, o in graph)  # type: ignore[arg-type]

    def select(query: str) -> list[Row]:
        # pyoxigraph's solutions must be dropped on the thread that made them, before any conversion
        # (rdflib logs ill-typed literals with a traceback that would keep them alive elsewhere)
        answer = store.query(query)
        assert isinstance(answer, ox.QuerySolutions)
        names = [v.value for v in answer.variables]
        raw = [tuple(solution) for solution in answer]
        del answer
        return [{n: to_rdflib(t) for n, t in zip(names, row, strict=True) if t is not None} for row in raw]

    return select
