"""The SPARQL 1.1 Service Description of the endpoint: what it speaks and which dataset it serves.

Clients (and people with curl) GET the endpoint without a query to learn the languages, result
formats and features, and the named graphs with their sizes. It is built from the store as it is
now; it describes, it does not configure. The default graph is not the merge of every named graph
(so no ``sd:UnionDefaultGraph``): the SHACL shapes graphs are left out of it, and it includes the
graph of inferred triples (:mod:`govkg.inference`); the description says so in words.
"""

from __future__ import annotations

from collections.abc import Collection

import pyoxigraph as ox

from govkg.inference import HIDDEN_KINDS, INFERRED_GRAPH
from govkg.store import Store

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
DCT_DESCRIPTION = ox.NamedNode("http://purl.org/dc/terms/description")

RESULT_FORMATS = [
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
    "TriG",
    "N-Quads",
]
DESCRIPTION = (
    "Danish health-governance agreements: who reports to whom, who must do what. The default graph is the "
    "union of the ontology, the documents and the inferred graph <" + INFERRED_GRAPH + ">, which holds what "
    "rdfs:subClassOf and rdfs:subPropertyOf entail (every steering group is an org:Organization, every "
    "gov:preparesCasesFor an org:linkedTo), rebuilt on every load and update. The SHACL shapes graphs are "
    "named graphs outside the default graph (GRAPH or FROM NAMED reach them). No prefixes are predeclared. "
    "SERVICE and LOAD are refused."
)
GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def _sd(term: str) -> ox.NamedNode:
    return ox.NamedNode(SD + term)


def graph_sizes(store: Store) -> dict[str, int]:
    """Triples per named graph (an ordinary query; run it off the event loop)."""
    result = store.query(GRAPH_SIZES)
    sizes = {}
    for row in result.records():
        graph, size = row.get("g"), row.get("n")
        if isinstance(graph, ox.NamedNode) and isinstance(size, ox.Literal):
            sizes[graph.value] = int(size.value)
    return sizes


def hidden_graphs(store: Store) -> list[str]:
    """The named graphs kept out of the default graph (the shapes); may ask a remote store."""
    return [name for name, info in store.catalog.items() if info.kind in HIDDEN_KINDS]


def describe(endpoint: str, sizes: dict[str, int], updates: bool, hidden: Collection[str] = ()) -> list[ox.Triple]:
    """The service description triples for an endpoint URL, the graph sizes, and whether updates are on.

    ``hidden`` names the graphs kept out of the default graph (its size leaves them out).
    """
    service, dataset, default = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("default")
    default_size = sum(size for name, size in sizes.items() if name not in hidden)
    out = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, RDFS_LABEL, ox.Literal("govkg SPARQL endpoint", language="en")),
        ox.Triple(service, DCT_DESCRIPTION, ox.Literal(DESCRIPTION, language="en")),
        ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, _sd("Graph")),
        ox.Triple(default, ox.NamedNode(VOID + "triples"), ox.Literal(str(default_size), datatype=_int())),
    ]
    if updates:
        out.append(ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    out += [ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + name)) for name in RESULT_FORMATS]
    for index, (name, size) in enumerate(sorted(sizes.items())):
        named, graph = ox.BlankNode(f"named{index}"), ox.BlankNode(f"graph{index}")
        out += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(name)),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(graph, ox.NamedNode(VOID + "triples"), ox.Literal(str(size), datatype=_int())),
        ]
    return out


def _int() -> ox.NamedNode:
    return ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
