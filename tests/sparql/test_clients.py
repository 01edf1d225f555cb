"""Real SPARQL clients over HTTP, unchanged: SPARQLWrapper and rdflib's SPARQLStore / SPARQLUpdateStore."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import ORG
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from tests.live import UPDATE_TOKEN, LiveServer
from tests.sparql.conftest import ID

pytestmark = pytest.mark.server

WHO_REPORTS = (
    "PREFIX org: <http://www.w3.org/ns/org#> SELECT ?body ?boss WHERE { ?body org:reportsTo ?boss } ORDER BY ?body"
)
EXPECTED = [(f"{ID}steering-group", f"{ID}board"), (f"{ID}working-group", f"{ID}steering-group")]
CHAIN = (
    "PREFIX org: <http://www.w3.org/ns/org#> CONSTRUCT { ?a org:reportsTo ?b } "
    f"WHERE {{ <{ID}working-group> org:reportsTo* ?a . ?a org:reportsTo ?b }}"
)


def wrapper(server: LiveServer, fmt: str, query: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setTimeout(15)
    client.setReturnFormat(fmt)
    client.setQuery(query)
    return client


def expected_chain() -> rdflib.Graph:
    graph = rdflib.Graph()
    for body, boss in EXPECTED:
        graph.add((rdflib.URIRef(body), ORG.reportsTo, rdflib.URIRef(boss)))
    return graph


def test_sparqlwrapper_json(gov_server: LiveServer) -> None:
    result = wrapper(gov_server, JSON, WHO_REPORTS).queryAndConvert()
    assert isinstance(result, dict)
    assert [(b["body"]["value"], b["boss"]["value"]) for b in result["results"]["bindings"]] == EXPECTED


def test_sparqlwrapper_xml_by_post(gov_server: LiveServer) -> None:
    client = wrapper(gov_server, XML, WHO_REPORTS)
    client.setMethod(POST)
    document = client.queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]  # type: ignore[union-attr]
    assert list(zip(uris[::2], uris[1::2], strict=True)) == EXPECTED


def test_sparqlwrapper_csv(gov_server: LiveServer) -> None:
    text = wrapper(gov_server, CSV, WHO_REPORTS).queryAndConvert()
    assert isinstance(text, bytes)
    assert [(r["body"], r["boss"]) for r in csv.DictReader(io.StringIO(text.decode()))] == EXPECTED


def test_sparqlwrapper_ask(gov_server: LiveServer) -> None:
    query = f"ASK {{ <{ID}working-group> <http://www.w3.org/ns/org#reportsTo> <{ID}steering-group> }}"
    assert wrapper(gov_server, JSON, query).queryAndConvert() == {"head": {}, "boolean": True}


# SPARQLWrapper builds its graph for RDF/XML answers with rdflib's ConjunctiveGraph, which rdflib 7 deprecates.
OLD_RDFLIB_API = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@pytest.mark.parametrize(
    "fmt", [pytest.param(TURTLE, id="turtle"), pytest.param(XML, id="rdf-xml", marks=OLD_RDFLIB_API)]
)
def test_sparqlwrapper_construct_parses_into_a_graph(gov_server: LiveServer, fmt: str) -> None:
    converted = wrapper(gov_server, fmt, CHAIN).queryAndConvert()
    if not isinstance(converted, rdflib.Graph):
        assert isinstance(converted, bytes), "SPARQLWrapper hands Turtle over as bytes"
        converted = rdflib.Graph().parse(data=converted, format="turtle")
    graph = converted
    assert isomorphic(graph, expected_chain())


@pytest.fixture
def sparql_store(gov_server: LiveServer) -> Iterator[rdflib.Graph]:
    store = SPARQLStore(f"{gov_server.url}/sparql", timeout=15)
    yield rdflib.Graph(store)
    store.close()


def test_rdflib_sparqlstore_queries_and_reads_triples(sparql_store: rdflib.Graph) -> None:
    rows = [(str(r[0]), str(r[1])) for r in sparql_store.query(WHO_REPORTS)]  # type: ignore[index]
    assert rows == EXPECTED
    reports = sorted((str(s), str(o)) for s, o in sparql_store.subject_objects(ORG.reportsTo))
    assert reports == EXPECTED


def test_rdflib_sparqlupdatestore_writes_with_the_token(gov_server: LiveServer) -> None:
    endpoint = f"{gov_server.url}/sparql"
    store = SPARQLUpdateStore(endpoint, f"{gov_server.url}/update", headers={"Authorization": f"Bearer {UPDATE_TOKEN}"})
    graph_name = rdflib.URIRef("urn:x:clients-test")
    graph = rdflib.Graph(store, identifier=graph_name)
    try:
        graph.add((rdflib.URIRef("urn:x:forum"), ORG.reportsTo, rdflib.URIRef(f"{ID}board")))
        reader = rdflib.Graph(SPARQLStore(endpoint))
        answer = reader.query(f"ASK {{ GRAPH <{graph_name}> {{ <urn:x:forum> ?p <{ID}board> }} }}")
        assert answer.askAnswer is True
        graph.update("DELETE WHERE { ?s ?p ?o }")  # rdflib scopes a graph's update to that graph
        assert reader.query(f"ASK {{ GRAPH <{graph_name}> {{ ?s ?p ?o }} }}").askAnswer is False
    finally:
        store.close()


def test_rdflib_sparqlupdatestore_without_the_token_is_refused(gov_server: LiveServer) -> None:
    store = SPARQLUpdateStore(f"{gov_server.url}/sparql", f"{gov_server.url}/update")
    graph = rdflib.Graph(store, identifier=rdflib.URIRef("urn:x:refused"))
    with pytest.raises(Exception, match="401"):
        graph.add((rdflib.URIRef("urn:x:a"), ORG.reportsTo, rdflib.URIRef("urn:x:b")))
    store.close()
