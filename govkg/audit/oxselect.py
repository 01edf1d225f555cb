"""SPARQL over an rdflib graph through an in-memory pyoxigraph copy (for audits without a store)."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import rdflib

from govkg.audit.rules import Row, Select
from govkg.store.rdflib_view import from_rdflib, to_rdflib


def oxigraph_select(graph: rdflib.Graph) -> Select:
    """Run queries on a pyoxigraph copy of ``graph`` (its default graph), answering rdflib terms."""
    store = ox.Store()
    default = ox.DefaultGraph()
    store.extend(ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o), default) for s, p, o in graph)  # type: ignore[arg-type]

    def select(query: str) -> Iterator[Row]:
        answer = store.query(query)
        assert isinstance(answer, ox.QuerySolutions)
        names = [v.value for v in answer.variables]
        for solution in answer:
            yield {name: to_rdflib(term) for name, term in zip(names, solution, strict=True) if term is not None}

    return select
