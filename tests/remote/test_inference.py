"""Inferred types and lines, the same in every store: what a new user's first queries find.

The fixture data types a steering group ``gov:SteeringGroup`` and a network ``gov:Network`` and says
the network ``gov:preparesCasesFor`` the steering group; the ontology says both classes are under
``gov:Body`` and so ``org:Organization``, and that ``gov:preparesCasesFor`` is an ``org:linkedTo``.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from govkg.config import Settings
from govkg.errors import LoadError
from govkg.inference import INFERRED_GRAPH, update_text
from govkg.loading import LoadedGraph, find_sources, read_sources
from govkg.namespaces import ID, ORG, RDF, graph_iri
from govkg.store import EmbeddedStore, Store
from tests.live import ROOT
from tests.remote.test_store_contract import BODIES, PREFIXES, values

ORGANIZATIONS = "SELECT ?s WHERE { ?s a org:Organization }"


def test_subclasses_make_members_of_their_superclasses(store: Store) -> None:
    found = values(store, ORGANIZATIONS)
    assert {str(ID["steering-test"]), str(ID["network-test"])} <= found, "bodies are organisations"
    assert str(ID["region-test"]) in found, "a region is a formal organisation, so an organisation"


def test_sub_properties_make_lines_of_their_super_properties(store: Store) -> None:
    assert values(store, "SELECT ?to WHERE { id:network-test org:linkedTo ?to }") == {str(ID["steering-test"])}


def test_only_what_is_entailed_and_not_stated_goes_into_the_inferred_graph(store: Store) -> None:
    inferred = set(store.get_graph(INFERRED_GRAPH))
    line = ox.Triple(ox.NamedNode(ID["network-test"]), ox.NamedNode(ORG.linkedTo), ox.NamedNode(ID["steering-test"]))
    assert line in inferred
    stated = {t for name in store.graph_names() if name != INFERRED_GRAPH for t in store.get_graph(name)}
    assert not inferred & stated, "nothing stated is repeated"
    assert values(store, "SELECT ?g WHERE { GRAPH ?g { id:network-test org:linkedTo ?to } }") == {INFERRED_GRAPH}
    hierarchy = "SELECT ?x WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?y }"
    assert not values(store, hierarchy, default_graphs=[INFERRED_GRAPH]), "the hierarchy itself is not closed"


def test_updates_and_graph_writes_keep_the_inferred_graph_up_to_date(store: Store) -> None:
    store.update(PREFIXES + f"INSERT DATA {{ GRAPH <{BODIES}> {{ id:forum-test a gov:Forum }} }}")
    assert str(ID["forum-test"]) in values(store, ORGANIZATIONS)
    store.update(PREFIXES + "DELETE WHERE { GRAPH ?g { id:forum-test a gov:Forum } }")
    assert str(ID["forum-test"]) not in values(store, ORGANIZATIONS), "what is no longer stated is no longer inferred"
    notes = graph_iri("notes")
    forum = ox.Triple(ox.NamedNode(ID["forum-test"]), ox.NamedNode(RDF.type), ox.NamedNode(ID["forum-class"]))
    store.put_graph(notes, [forum])
    store.add_to_graph(
        notes,
        [
            ox.Triple(
                ox.NamedNode(ID["forum-class"]),
                ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
                ox.NamedNode(ORG.Organization),
            )
        ],
    )
    assert str(ID["forum-test"]) in values(store, ORGANIZATIONS), "axioms in data graphs count too"
    store.delete_graph(notes)
    assert str(ID["forum-test"]) not in values(store, ORGANIZATIONS)


def test_shapes_stay_out_of_the_default_graph_but_answer_by_name(
    empty_store: Store, fixture_graphs: list[LoadedGraph]
) -> None:
    shapes = read_sources([("shapes", ROOT / "shapes")], str(Settings().base_iri))
    empty_store.load([*fixture_graphs, *shapes])
    shape_query = "SELECT ?s WHERE { ?s a <http://www.w3.org/ns/shacl#NodeShape> }"
    assert values(empty_store, shape_query) == set(), "a plain query sees no shapes"
    named = values(empty_store, "SELECT ?g WHERE { GRAPH ?g { ?s a <http://www.w3.org/ns/shacl#NodeShape> } }")
    assert named == {g.name for g in shapes}
    assert values(empty_store, shape_query, default_graphs=[shapes[0].name])
    assert str(ID["steering-test"]) in values(empty_store, ORGANIZATIONS)


def test_the_default_graph_of_the_embedded_store_feeds_inference_too() -> None:
    store = EmbeddedStore()
    store.update(
        "INSERT DATA { <https://w3id.org/govkg/id/x> a <https://example.org/A> ."
        " <https://example.org/A> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://example.org/B> }"
    )
    assert store.get_graph(INFERRED_GRAPH) == [
        ox.Triple(ox.NamedNode(ID["x"]), ox.NamedNode(RDF.type), ox.NamedNode("https://example.org/B"))
    ]


def test_the_update_for_servers_names_its_sources_and_creates_the_graph_even_without_them() -> None:
    text = update_text(INFERRED_GRAPH, [BODIES])
    assert f"USING <{BODIES}>" in text and text.startswith(f"DROP SILENT GRAPH <{INFERRED_GRAPH}>")
    assert "INSERT" not in update_text(INFERRED_GRAPH, []) and "CREATE SILENT GRAPH" in update_text(INFERRED_GRAPH, [])


def test_no_file_may_become_the_inferred_graph(tmp_path: Path) -> None:
    (tmp_path / "inferred.ttl").write_text("")
    with pytest.raises(LoadError, match="reserved for inferred triples"):
        find_sources([("data", tmp_path)], str(Settings().base_iri))
