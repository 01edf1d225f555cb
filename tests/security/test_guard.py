"""The pre-parse guard on its own: every generated SERVICE/LOAD spelling is refused, ordinary text passes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from govkg.errors import QueryRefused
from govkg.sparql_lexer import depth, keywords
from govkg.sparql_safety import MAX_DEPTH, check_nesting, guard, refuse_remote
from tests.security.conftest import Listener
from tests.security.corpus import loads, services

BASE = "http://127.0.0.1:9/"


@pytest.mark.parametrize("text", services(BASE) + loads(BASE))
def test_every_generated_spelling_is_refused(text: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE|LOAD"):
        guard(text)


def test_the_corpus_reaches_the_network_without_the_guard(listener: Listener) -> None:
    """The control: the engine itself fetches what the corpus asks for (so the guard is what stops it)."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o")))
    before = len(listener.hits)
    glued = f"PREFIX : <{listener.base}> SELECT * WHERE {{ # note\rSERVICE:sparql {{ ?s ?p ?o }} }}"
    try:
        list(store.query(glued))  # type: ignore[arg-type]
    except (RuntimeError, OSError, SyntaxError):
        pass  # the listener's answer need not parse: the request is what counts
    assert len(listener.hits) == before + 1


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?service ?load { ?service <http://x/LOAD> 'SERVICE' } # SERVICE <http://x>",
        "PREFIX schema: <http://schema.org/> SELECT * { ?s schema:serviceType ?o ; schema:download ?d }",
        'SELECT * { ?s ?p """a SERVICE <http://x> { }\nLOAD""" }',
        "PREFIX ex: <http://x/> SELECT * { ?s ex:self-service ?o . ?s ex:workload ?w }",
        "SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    ],
)
def test_ordinary_text_passes(text: str) -> None:
    guard(text)


def test_nesting_is_counted_outside_strings_and_comments() -> None:
    assert depth("SELECT * { { ?s ?p '{{{{' } } # ((((") == 2
    assert depth("SELECT * { FILTER(?a<((1))>?b) }") == 4, "brackets in an IRI-like stretch count"
    check_nesting("SELECT * WHERE " + "{" * MAX_DEPTH + "}" * MAX_DEPTH)
    with pytest.raises(QueryRefused, match="101 levels deep"):
        check_nesting("SELECT * WHERE " + "{" * 101 + "}" * 101)
    with pytest.raises(QueryRefused, match="levels deep"):
        guard("SELECT * WHERE { ?s ?p " + "<<" * 200 + "<urn:s> <urn:p> <urn:o>" + ">>" * 200 + " }")


def test_a_comment_ended_by_a_carriage_return_ends_there() -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        refuse_remote("SELECT * { # x\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert "SELECT" in keywords("# FROM\rSELECT * { ?s ?p ?o }")
    assert "FROM" not in keywords("SELECT * { ?s ?p ?o } # FROM <g>")
