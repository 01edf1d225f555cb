"""Named SPARQL questions: every one runs, and parameters can only enter as escaped RDF terms."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from govkg import questions
from govkg.store import Store


@pytest.mark.parametrize("name", questions.names())
def test_every_question_runs_as_written(answers_store: Store, name: str) -> None:
    result = answers_store.query(questions.text(name))
    assert result.form in {"SELECT", "ASK", "GRAPH"}


def test_a_bound_iri_is_escaped_and_cannot_break_out_of_its_slot(answers_store: Store) -> None:
    hostile = 'x" } } ; DROP ALL ; SELECT * { ?s ?p "'
    literal = questions.question("mentions", entity=[ox.Literal(hostile)])
    assert answers_store.query(literal).boolean is False, "the whole text is one literal that nothing mentions"
    with pytest.raises(ValueError):
        questions.question("mentions", entity=[ox.NamedNode("https://w3id.org/govkg/id/a> } ; DROP ALL ; {")])


def test_plain_strings_and_unknown_slots_are_refused() -> None:
    with pytest.raises(TypeError):
        questions.question("mentions", entity=["https://w3id.org/govkg/id/x"])  # type: ignore[list-item]
    with pytest.raises(KeyError):
        questions.question("mentions", nobody=[ox.NamedNode("https://w3id.org/govkg/id/x")])
    with pytest.raises(KeyError):
        questions.text("no-such-question")


def test_an_empty_binding_matches_nothing_and_none_leaves_the_slot_open(answers_store: Store) -> None:
    everything = answers_store.query(questions.question("obligations", party=None))
    nothing = answers_store.query(questions.question("obligations", party=[]))
    assert len(everything) == 3 and len(nothing) == 0
    assert questions.slots("obligations") == ["party", "counterparty", "frequency"]
