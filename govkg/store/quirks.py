"""What real SPARQL servers do differently, smoothed over in one place (seen on Oxigraph server and Virtuoso 7.2).

- **Graph listing.** ``GRAPH ?g { }`` lists every named graph on Oxigraph, empty ones included;
  Virtuoso lists none that way, only graphs with triples (``GRAPH ?g { ?s ?p ?o }``, slower: it
  scans). The second form is asked only when the first finds nothing.
- **Server graphs.** Virtuoso keeps its own graphs (its RDF views, LDP, its endpoint description)
  among the data; they are no part of govkg's dataset and are left out of the listing.
- **An empty dataset.** The SPARQL Protocol with no ``default-graph-uri`` means "the server's
  default dataset", which on Virtuoso is every graph, its own included. A union of no graphs is
  therefore sent as one graph that does not exist.
- **ASK.** Virtuoso 7.2 answers ASK as a SELECT of ``?__ASK_RETVAL`` (one row of 1, or no row) in
  JSON and XML; that answer is read back as the boolean it is.
- **Inference.** Virtuoso refuses ``rdfs:subClassOf+`` with both ends unbound ("transitive start
  not given"), so the inferred graph's update fails there; govkg then reads the source graphs,
  infers locally in pyoxigraph and PUTs the result (and keeps doing so for that store).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import pyoxigraph as ox

from govkg.errors import StoreError
from govkg.inference import infer_into, infer_remote
from govkg.results import QueryResult
from govkg.store.sparql_client import SparqlClient

LISTINGS = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
SERVER_GRAPHS = frozenset(
    {"http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#", "http://localuriqaserver/sparql"}
)
NO_GRAPH = "urn:govkg:store:no-graph"
ASK_VARIABLE = "__ASK_RETVAL"


def list_graphs(client: SparqlClient) -> list[str]:
    """The server's named graphs that hold data, its own graphs left out, sorted."""
    for listing in LISTINGS:
        with client.query(listing, [], []) as answer:
            names = {s["g"].value for s in cast(ox.QuerySolutions, answer) if isinstance(s["g"], ox.NamedNode)}
        names -= SERVER_GRAPHS
        if names:
            break
    return sorted(names)


def dataset(graphs: Sequence[str]) -> Sequence[str]:
    """Graphs to send as a query's dataset: a graph that does not exist rather than none at all."""
    return graphs or [NO_GRAPH]


def as_ask(result: QueryResult) -> QueryResult:
    """An ASK answer that came as a ``?__ASK_RETVAL`` row, as the boolean it is; anything else as it came."""
    if result.form != "SELECT" or result.variables != [ASK_VARIABLE] or len(result.rows) > 1:
        return result
    value = result.rows[0][0] if result.rows else None  # no row: false
    return QueryResult(form="ASK", boolean=isinstance(value, ox.Literal) and value.value not in ("0", "false"))


def infer(client: SparqlClient, graph: str, source_graphs: Sequence[str], here: bool) -> bool:
    """Rebuild the inferred graph on the server, or here when the server cannot; True: do it here next time."""
    if not here:
        try:
            infer_remote(client, graph, source_graphs)
            return False
        except StoreError:
            if client.endpoints.graph_store is None:
                raise
    scratch = ox.Store()
    for name in source_graphs:
        scratch.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in client.get_graph(name))
    infer_into(scratch, graph, [ox.NamedNode(name) for name in source_graphs])
    client.write_graph(
        graph, [q.triple for q in scratch.quads_for_pattern(None, None, None, ox.NamedNode(graph))], replace=True
    )
    return True
