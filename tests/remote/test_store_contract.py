"""One contract, two stores: everything govkg asks of a store behaves the same embedded and on Oxigraph server.

Each test runs for the embedded store, the remote store with a Graph Store endpoint (``[remote]``)
and without one (``[remote-sparql-only]``: graphs written by SPARQL Update, read by CONSTRUCT).
The data: the project's ontology plus two small files, organisations.ttl (a region, its hospital
and a department) and bodies.ttl (a steering group that reports to the region, a network that
prepares its cases, an agreement between region and hospital). Every store also holds the graph
of inferred triples (``govkg.inference``, tested in test_inference.py), so it is listed with the rest.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from govkg.errors import NotFound, QueryRefused, QuerySyntaxError, ResultTooLarge
from govkg.inference import INFERRED_GRAPH
from govkg.loading import LoadedGraph
from govkg.namespaces import GOV, ID, ORG, SKOS, graph_iri
from govkg.store import Store

BODIES = graph_iri("bodies")
ORGANISATIONS = graph_iri("organisations")
ONTOLOGY = graph_iri("govkg")
PREFIXES = "PREFIX gov: <https://w3id.org/govkg/ontology#> PREFIX org: <http://www.w3.org/ns/org#> "
PREFIXES += "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX id: <https://w3id.org/govkg/id/> "


def iri(term: object) -> str:
    assert isinstance(term, ox.NamedNode), f"{term!r} should be an IRI"
    return term.value


def values(store: Store, sparql: str, **kwargs: object) -> set[str]:
    """The first variable's values (IRI or lexical form) over all solutions."""
    result = store.query(PREFIXES + sparql, **kwargs)  # type: ignore[arg-type]
    return {row[0].value for row in result.rows if isinstance(row[0], ox.NamedNode | ox.Literal)}


def triple(s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Triple:
    return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o)


def test_loading_makes_one_named_graph_per_file_with_its_kind(store: Store, fixture_graphs: list[LoadedGraph]) -> None:
    assert store.graph_names() == sorted([*(g.name for g in fixture_graphs), INFERRED_GRAPH])
    inferred = len(store.get_graph(INFERRED_GRAPH))
    assert inferred > 0 and store.triple_count() == sum(len(g.triples or []) for g in fixture_graphs) + inferred
    assert {name: info.kind for name, info in store.catalog.items()} == {
        ONTOLOGY: "ontology",
        BODIES: "data",
        ORGANISATIONS: "data",
        INFERRED_GRAPH: "inferred",
    }


def test_loading_again_replaces_the_dataset_and_bumps_the_version(
    store: Store, fixture_graphs: list[LoadedGraph]
) -> None:
    before = store.version
    only_bodies = [g for g in fixture_graphs if g.name == BODIES]
    store.load(only_bodies)
    assert store.graph_names() == [BODIES, INFERRED_GRAPH], "graphs of the earlier load that the new one lacks are gone"
    # Without the ontology nothing is entailed: the inferred graph is there, and empty.
    assert store.get_graph(INFERRED_GRAPH) == []
    assert store.triple_count() == len(only_bodies[0].triples or [])
    assert store.version.number > before.number and store.version.etag != before.etag
    assert set(store.catalog) == {BODIES, INFERRED_GRAPH}


def test_a_plain_query_sees_the_union_of_the_named_graphs(store: Store) -> None:
    # The steering group is in bodies.ttl; the region's Danish label in organisations.ttl.
    answer = values(store, "SELECT ?label WHERE { id:steering-test org:reportsTo ?to . ?to skos:prefLabel ?label }")
    assert answer == {"Region Prøve", "Test Region"}


def test_graph_patterns_say_which_document_holds_a_fact(store: Store) -> None:
    assert values(store, "SELECT ?g WHERE { GRAPH ?g { id:hospital-test org:subOrganizationOf ?r } }") == {
        ORGANISATIONS
    }
    assert values(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }") == {
        ONTOLOGY,
        BODIES,
        ORGANISATIONS,
        INFERRED_GRAPH,
    }


def test_the_dataset_can_be_narrowed_to_given_graphs(store: Store) -> None:
    labels = "SELECT ?label WHERE { ?x skos:prefLabel ?label FILTER(lang(?label) = 'en') }"
    expected = {"Test Region", "Test Hospital", "Department of Oncology"}
    assert values(store, labels, default_graphs=[ORGANISATIONS]) == expected
    named = values(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", named_graphs=[BODIES])
    assert named == {BODIES}


def test_a_query_can_name_its_own_dataset(store: Store) -> None:
    labels = f"SELECT ?label FROM <{ORGANISATIONS}> WHERE {{ ?x skos:prefLabel ?label FILTER(lang(?label) = 'en') }}"
    assert values(store, labels) == {"Test Region", "Test Hospital", "Department of Oncology"}
    assert values(store, f"SELECT ?g FROM NAMED <{BODIES}> WHERE {{ GRAPH ?g {{ }} }}") == {BODIES}


def test_terms_keep_their_language_datatype_and_blank_nodes(store: Store) -> None:
    sparql = """SELECT ?date ?label ?seat WHERE {
        id:aftale-test <http://purl.org/dc/terms/date> ?date ; skos:prefLabel ?label FILTER(lang(?label) = 'da')
        id:network-test org:hasMembership ?seat }"""
    [record] = list(store.query(PREFIXES + sparql).records())
    assert record["date"] == ox.Literal("2024-05-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    assert record["label"] == ox.Literal("Prøveaftalen", language="da")
    assert isinstance(record["seat"], ox.BlankNode)


def test_ask_and_construct_answer_in_their_own_forms(store: Store) -> None:
    ask = store.query(PREFIXES + "ASK { id:network-test gov:preparesCasesFor id:steering-test }")
    assert ask.form == "ASK" and ask.boolean is True
    graph = store.query(PREFIXES + "CONSTRUCT { ?b org:reportsTo ?r } WHERE { ?b org:reportsTo ?r }")
    assert graph.form == "GRAPH"
    assert graph.triples == [triple(str(ID["steering-test"]), str(ORG.reportsTo), ox.NamedNode(str(ID["region-test"])))]


def test_an_update_changes_the_data_and_bumps_the_version(store: Store) -> None:
    before = store.version.number
    store.update(PREFIXES + f"INSERT DATA {{ GRAPH <{BODIES}> {{ id:network-test org:reportsTo id:region-test }} }}")
    assert values(store, "SELECT ?to WHERE { id:network-test org:reportsTo ?to }") == {str(ID["region-test"])}
    assert store.version.number == before + 1
    store.update(PREFIXES + "DELETE WHERE { GRAPH ?g { id:network-test org:reportsTo ?to } }")
    assert values(store, "SELECT ?to WHERE { id:network-test org:reportsTo ?to }") == set()


def test_reads_leave_the_version_alone(store: Store) -> None:
    before = store.version
    store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    store.get_graph(BODIES)
    store.rdflib_graph(frozenset({"data"}))
    store.triple_count()
    store.graph_names()
    assert store.version == before


def test_malformed_queries_and_updates_are_syntax_errors(store: Store) -> None:
    with pytest.raises(QuerySyntaxError):
        store.query("SELEC ?x WHERE { ?x ?y ?z }")
    before = store.version.number
    with pytest.raises(QuerySyntaxError):
        store.update("INSERT DATUM { <x:a> <x:b> <x:c> }")
    assert store.triple_count() > 0 and store.version.number == before, "nothing changed"


@pytest.mark.parametrize(
    "sparql",
    [
        pytest.param("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", id="service"),
        pytest.param("LOAD <http://127.0.0.1:9/data.ttl>", id="load"),
    ],
)
def test_service_and_load_are_refused(store: Store, sparql: str) -> None:
    run = store.update if sparql.startswith("LOAD") else store.query
    with pytest.raises(QueryRefused):
        run(sparql)


def test_results_past_the_limit_are_refused(store: Store) -> None:
    everything = len(store.query("SELECT * WHERE { ?s ?p ?o }").rows)
    assert len(store.query("SELECT * WHERE { ?s ?p ?o }", limit=everything).rows) == everything
    with pytest.raises(ResultTooLarge):
        store.query("SELECT * WHERE { ?s ?p ?o }", limit=everything - 1)
    with pytest.raises(ResultTooLarge):
        store.query("CONSTRUCT WHERE { ?s ?p ?o }", limit=10)


def test_graph_store_put_get_add_delete(store: Store) -> None:
    name = graph_iri("notes")
    first = triple(str(ID["notes-1"]), str(SKOS.prefLabel), ox.Literal("Noter", language="da"))
    second = triple(str(ID["notes-1"]), str(SKOS.prefLabel), ox.Literal("Notes", language="en"))
    before = store.version.number
    assert store.put_graph(name, [first]) is True, "a new graph is created"
    assert store.put_graph(name, [second]) is False, "an existing graph is replaced"
    assert store.get_graph(name) == [second]
    assert store.add_to_graph(name, [first]) is False
    assert set(store.get_graph(name)) == {first, second}
    assert store.version.number == before + 3
    store.delete_graph(name)
    assert name not in store.graph_names()
    with pytest.raises(NotFound):
        store.get_graph(name)
    with pytest.raises(NotFound):
        store.delete_graph(name)


def test_a_loaded_graph_reads_back_as_loaded(store: Store, fixture_graphs: list[LoadedGraph]) -> None:
    [organisations] = [g for g in fixture_graphs if g.name == ORGANISATIONS]
    assert set(store.get_graph(ORGANISATIONS)) == set(organisations.triples)


def test_the_rdflib_view_holds_the_chosen_kinds_and_is_cached_per_version(store: Store) -> None:
    data = store.rdflib_graph(frozenset({"data"}))
    assert (rdflib.URIRef(ID["steering-test"]), ORG.reportsTo, rdflib.URIRef(ID["region-test"])) in data
    assert (GOV.Body, None, None) not in data, "the ontology is not in a data-only view"
    assert store.rdflib_graph(frozenset({"data"})) is data
    both = store.rdflib_graph(frozenset({"data", "ontology"}))
    assert (GOV.Body, None, None) in both and len(both) > len(data)
    store.update(PREFIXES + f"INSERT DATA {{ GRAPH <{BODIES}> {{ id:network-test org:reportsTo id:region-test }} }}")
    fresh = store.rdflib_graph(frozenset({"data"}))
    assert fresh is not data and len(fresh) == len(data) + 1


def test_graphs_made_after_loading_count_as_data(store: Store) -> None:
    name = graph_iri("notes")
    note = triple(str(ID["notes-1"]), str(SKOS.prefLabel), ox.Literal("Noter", language="da"))
    store.put_graph(name, [note])
    assert store.catalog[name].kind == "data"
    view = store.rdflib_graph(frozenset({"data"}))
    assert (rdflib.URIRef(ID["notes-1"]), SKOS.prefLabel, rdflib.Literal("Noter", lang="da")) in view
    assert store.catalog[BODIES].kind == "data" and store.catalog[ONTOLOGY].kind == "ontology"
