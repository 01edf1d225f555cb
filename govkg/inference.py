"""The RDFS consequences that matter, materialised into a named graph of their own.

A query for ``?s a org:Organization`` should find every steering group and network, and one for
``org:linkedTo`` every ``gov:preparesCasesFor`` line: the ontology says so with ``rdfs:subClassOf``
and ``rdfs:subPropertyOf``. Two rules (RDFS 9 and 7) are applied, over the ontology and the data
(never the SHACL shapes, never their own output):

- ``?s a ?c`` and ``?c rdfs:subClassOf+ ?d`` give ``?s a ?d``;
- ``?s ?p ?o`` and ``?p rdfs:subPropertyOf+ ?q`` give ``?s ?q ?o``.

Only what is entailed and not already stated goes into ``…/id/graph/inferred``. Domains and ranges
are not applied (they would type things by the lines they happen to have), nor is the class or
property hierarchy itself closed (``rdfs:subClassOf*`` in a query does that). The stores rebuild the
graph after every load and every write, and their default graph is the union of the ontology, data
and inferred graphs; the shapes graphs stay out of it, reachable by ``GRAPH``/``FROM NAMED``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, cast

import pyoxigraph as ox

from govkg.namespaces import graph_iri

if TYPE_CHECKING:  # the store package imports this module
    from govkg.store.sparql_client import SparqlClient

INFERRED = "inferred"
"""The kind of the graph of inferred triples."""
INFERRED_GRAPH = graph_iri(INFERRED)
"""Its name, the same whatever the dataset's base IRI (``govkg/queries`` leave it out by this name)."""
HIDDEN_KINDS = frozenset({"shapes"})
"""Kinds of graph kept out of the default graph."""
NOT_SOURCES = HIDDEN_KINDS | {INFERRED}

RULES = """
  {
    { SELECT DISTINCT ?class ?o WHERE {
        ?class <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ ?o FILTER(!isBlank(?o)) } }
    ?s a ?class .
    BIND(<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> AS ?p)
  } UNION {
    { SELECT DISTINCT ?narrower ?p WHERE {
        ?narrower <http://www.w3.org/2000/01/rdf-schema#subPropertyOf>+ ?p FILTER(isIRI(?p)) } }
    ?s ?narrower ?o .
  }
  FILTER NOT EXISTS { ?s ?p ?o }
"""
CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{{RULES}}}"


class _Kinded(Protocol):
    @property
    def kind(self) -> str: ...


def sources(catalog: Mapping[str, _Kinded]) -> list[str]:
    """The named graphs inference reads: every graph but the shapes and the inferred graph itself."""
    return sorted(name for name, info in catalog.items() if info.kind not in NOT_SOURCES)


def visible(catalog: Mapping[str, _Kinded]) -> list[str]:
    """The named graphs whose union is the default graph: all but the shapes."""
    return sorted(name for name, info in catalog.items() if info.kind not in HIDDEN_KINDS)


def update_text(graph: str, source_graphs: Sequence[str]) -> str:
    """A SPARQL update that replaces ``graph`` with what the rules entail from ``source_graphs``."""
    target = ox.NamedNode(graph)
    using = "".join(f"USING {ox.NamedNode(name)}\n" for name in source_graphs)
    steps = [f"DROP SILENT GRAPH {target}", f"CREATE SILENT GRAPH {target}"]
    if source_graphs:
        steps.append(f"INSERT {{ GRAPH {target} {{ ?s ?p ?o }} }}\n{using}WHERE {{{RULES}}}")
    return " ;\n".join(steps)


def infer_into(store: ox.Store, graph: str, source_graphs: Sequence[ox.NamedNode | ox.DefaultGraph]) -> int:
    """Bring ``graph`` in a pyoxigraph store to what the rules entail from ``source_graphs``.

    Only the difference is written (new triples added in one go, then stale ones removed), so a
    reader never misses an inferred triple that still holds. The default graph can be a source here
    (SPARQL's ``USING`` has no name for it), which is why pyoxigraph stores do not use
    :func:`update_text`. Returns the number of inferred triples.
    """
    target = ox.NamedNode(graph)
    answer = cast(Iterable[object], store.query(CONSTRUCT, default_graph=list(source_graphs)) if source_graphs else [])
    entailed = {ox.Quad(t.subject, t.predicate, t.object, target) for t in answer if isinstance(t, ox.Triple)}
    held = set(store.quads_for_pattern(None, None, None, target))
    store.add_graph(target)
    store.extend(entailed - held)
    for stale in held - entailed:
        store.remove(stale)
    return len(entailed)


def infer_remote(client: SparqlClient, graph: str, source_graphs: Sequence[str]) -> None:
    """Replace ``graph`` on a SPARQL server: one update, or with only a Graph Store a CONSTRUCT and a PUT.

    A server that takes no writes here is left as it is.
    """
    if client.endpoints.update is not None:
        client.update(update_text(graph, source_graphs))
    elif client.endpoints.graph_store is not None:
        with client.query(CONSTRUCT, source_graphs, []) as answer:
            triples = [t for t in cast(Iterable[object], answer) if isinstance(t, ox.Triple)]
        client.write_graph(graph, triples, replace=True)
