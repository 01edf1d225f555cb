"""What users write over HTTP (Graph Store PUT, SPARQL Update) is data the audit and graph see."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from govkg.loading import read_sources
from govkg.store import EmbeddedStore
from tests.conftest import DATA

ID = "https://w3id.org/govkg/id/"
SKOS_PREF = rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")


def loaded_store() -> EmbeddedStore:
    store = EmbeddedStore()
    store.load(
        read_sources([("data", DATA / "loading" / "board.ttl"), ("shapes", DATA / "loading" / "council.ttl")], ID)
    )
    return store


def test_a_graph_put_over_the_graph_store_counts_as_data() -> None:
    store = loaded_store()
    triple = ox.Triple(
        ox.NamedNode(ID + "new-group"), ox.NamedNode(str(SKOS_PREF)), ox.Literal("Ny gruppe", language="da")
    )
    assert store.put_graph(ID + "graph/uploaded", [triple]) is True
    assert store.catalog[ID + "graph/uploaded"].kind == "data"
    view = store.rdflib_graph(frozenset({"data"}))
    assert (rdflib.URIRef(ID + "new-group"), SKOS_PREF, rdflib.Literal("Ny gruppe", lang="da")) in view
    assert (rdflib.URIRef(ID + "test-council"), None, None) not in view, "shapes graphs stay out of the data view"


def test_an_update_without_graph_lands_in_the_data_view() -> None:
    store = loaded_store()
    store.update(f'INSERT DATA {{ <{ID}loose> <{SKOS_PREF}> "Løs"@da }}')
    view = store.rdflib_graph(frozenset({"data"}))
    assert (rdflib.URIRef(ID + "loose"), SKOS_PREF, rdflib.Literal("Løs", lang="da")) in view
