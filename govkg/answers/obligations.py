"""Who must do what for whom: obligations with their parties, action, frequency, agreement and source."""

from __future__ import annotations

import pyoxigraph as ox

from govkg.answers.facts import iris, passages, statements, text_in, value
from govkg.answers.index import Index, index_of
from govkg.answers.models import Agreement, Lang, Obligation
from govkg.answers.params import entity_iri, resolve_frequency
from govkg.answers.scenario import obligations_in, scenario_state
from govkg.answers.vocab import slug_of
from govkg.namespaces import GOV, ID
from govkg.questions import question
from govkg.store import Store


def obligations(
    store: Store,
    party: str | None = None,
    counterparty: str | None = None,
    frequency: str | None = None,
    lang: Lang = "en",
    base: str = str(ID),
    scenario: str | None = None,
) -> list[Obligation]:
    """Obligations, optionally only those of one obliged party, towards one counterparty, or at one frequency.

    Args:
        store: the dataset.
        party: slug of the obliged party (exactly that entity; obligations of a collective are not spread
            to its members).
        counterparty: slug of the party the obligation is owed to.
        frequency: a frequency concept by CURIE, local name or label (``gov:Quarterly``, ``quarterly``).
        lang: the language of labels and actions.
        base: the namespace of our entity IRIs.
        scenario: a scenario's name or graph IRI: only the obligations that state declares.

    Raises:
        NotFound: ``party`` or ``counterparty`` is not an entity of the dataset.
        InvalidParameter: ``frequency`` names no frequency concept, or ``scenario`` no scenario.
    """
    state = None if scenario is None else scenario_state(store, scenario, base)
    index = index_of(store, base)
    bindings: dict[str, list[ox.NamedNode | ox.Literal] | None] = {
        "party": None if party is None else [ox.NamedNode(entity_iri(store, party, index))],
        "counterparty": None if counterparty is None else [ox.NamedNode(entity_iri(store, counterparty, index))],
        "frequency": None if frequency is None else [ox.NamedNode(resolve_frequency(store, frequency, index))],
    }
    found = [value(r["obligation"]) for r in store.query(question("obligations", **bindings)).records()]
    described = describe_obligations(store, index, found, lang)
    return described if state is None else obligations_in(state, described)


def describe_obligations(store: Store, index: Index, obligation_iris: list[str], lang: Lang) -> list[Obligation]:
    """Full answers for some obligation IRIs, in the order given."""
    facts = statements(store, obligation_iris)
    agreement_iris = sorted({a for o in obligation_iris for a in iris(facts.get(o, {}).get(str(GOV.statedIn), []))})
    agreement_facts = statements(store, agreement_iris)
    sources = passages(store, index, obligation_iris)
    answers = []
    for iri in obligation_iris:
        said = facts.get(iri, {})
        agreements = iris(said.get(str(GOV.statedIn), []))
        frequencies = iris(said.get(str(GOV.frequency), []))
        answers.append(
            Obligation(
                iri=iri,
                slug=slug_of(iri, index.base),
                label=_obligation_label(index, iri, said, lang),
                action=text_in(said.get(str(GOV.action), []), lang),
                obliged_parties=[index.ref(p, lang) for p in iris(said.get(str(GOV.obligedParty), []))],
                counterparties=[index.ref(p, lang) for p in iris(said.get(str(GOV.counterparty), []))],
                frequency=index.term(frequencies[0], lang) if frequencies else None,
                agreement=_agreement(index, agreements[0], agreement_facts, lang) if agreements else None,
                passages=sources.get(iri, []),
            )
        )
    return answers


def _obligation_label(index: Index, iri: str, said: dict[str, list[ox.NamedNode | ox.Literal]], lang: Lang) -> str:
    if iri in index.labels:
        return index.label(iri, lang)
    return text_in(said.get(str(GOV.action), []), lang) or index.label(iri, lang)


def _agreement(
    index: Index, iri: str, facts: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]], lang: Lang
) -> Agreement:
    statuses = iris(facts.get(iri, {}).get(str(GOV.status), []))
    return Agreement(
        iri=iri,
        slug=slug_of(iri, index.base),
        label=index.label(iri, lang),
        status=index.term(statuses[0], lang) if statuses else None,
    )
