"""Keyword-level reading of SPARQL: dataset clauses are found only where they are keywords."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from govkg.sparql_text import declares_dataset, with_using

G = "http://example.org/graph/"


@pytest.mark.parametrize(
    ("query", "declares"),
    [
        pytest.param("SELECT * FROM <http://g> { ?s ?p ?o }", True, id="from"),
        pytest.param("select * from named <http://g> { graph ?g { ?s ?p ?o } }", True, id="from-named-lower-case"),
        pytest.param('SELECT * { ?s ?p "from the board" }', False, id="in-a-string"),
        pytest.param("SELECT ?from { ?from ?p <http://x/FROM> }", False, id="variable-and-iri"),
        pytest.param("PREFIX from: <http://x/> SELECT * { ?s from:x ?o } # FROM <g>", False, id="prefix-and-comment"),
    ],
)
def test_queries_declare_a_dataset_only_with_the_keyword(query: str, declares: bool) -> None:
    assert declares_dataset(query) is declares


def dataset() -> ox.Store:
    """Three graphs, one thing in each."""
    store = ox.Store()
    for name in ("a", "b", "c"):
        node = ox.NamedNode(G + name)
        store.add(
            ox.Quad(ox.NamedNode(f"http://example.org/{name}"), ox.NamedNode("http://example.org/in"), node, node)
        )
    return store


def copied(store: ox.Store) -> set[str]:
    return {str(q.subject) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(G + "copy"))}


COPY = "INSERT { GRAPH <http://example.org/graph/copy> { ?s ?p ?o } } WHERE { ?s ?p ?o }"


def test_using_graph_uri_becomes_the_default_graph_of_each_operation() -> None:
    store = dataset()
    store.update(with_using(f"DELETE DATA {{ GRAPH <{G}x> {{ <x:s> <x:p> 1 }} }} ; {COPY}", [G + "a", G + "b"], []))
    assert copied(store) == {"<http://example.org/a>", "<http://example.org/b>"}


def test_using_named_graph_uri_limits_graph_patterns() -> None:
    store = dataset()
    update = "INSERT { GRAPH <http://example.org/graph/copy> { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }"
    store.update(with_using(update, [], [G + "c"]))
    assert copied(store) == {"<http://example.org/c>"}


def test_delete_where_and_data_operations_are_left_alone() -> None:
    update = "DELETE WHERE { ?s ?p ?o } ; INSERT DATA { <x:a> <x:b> 'WHERE' }"
    assert with_using(update, [G + "a"], []) == update


def test_an_update_with_its_own_dataset_cannot_take_using_parameters() -> None:
    with pytest.raises(ValueError, match="USING or WITH"):
        with_using(f"WITH <{G}a> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", [G + "b"], [])
