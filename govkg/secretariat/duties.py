"""The duties (obligations) a secretariat works from, with the date of the agreement that states each one.

Built on :func:`govkg.answers.obligations`, so a duty here reads exactly as ``/api/obligations`` shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from govkg.answers import obligations
from govkg.answers.facts import value
from govkg.answers.index import index_of
from govkg.answers.models import Lang, Obligation
from govkg.answers.params import entity_iri
from govkg.namespaces import ID, XSD
from govkg.questions import question
from govkg.store import Store


@dataclass(frozen=True)
class Duty:
    """An obligation and the date its agreement bears (None when the agreement is undated)."""

    obligation: Obligation
    agreement_date: date | None

    def involves(self, iri: str) -> bool:
        """Whether ``iri`` is an obliged party or a counterparty of the duty."""
        return any(ref.iri == iri for ref in [*self.obligation.obliged_parties, *self.obligation.counterparties])


def parse_date(literal: ox.Literal) -> date | None:
    """The first day a dated literal covers: ``xsd:date`` as is, ``xsd:gYearMonth`` its 1st, ``xsd:gYear`` 1 Jan."""
    text = literal.value
    try:
        if literal.datatype == ox.NamedNode(str(XSD.gYearMonth)):
            return date(int(text[:4]), int(text[5:7]), 1)
        if literal.datatype == ox.NamedNode(str(XSD.gYear)):
            return date(int(text[:4]), 1, 1)
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def agreement_dates(store: Store) -> dict[str, date]:
    """Each dated agreement's IRI and the first day of its ``dct:date``."""
    dates: dict[str, date] = {}
    for row in store.query(question("agreements")).records():
        literal = row.get("date")
        if isinstance(literal, ox.Literal) and (day := parse_date(literal)) is not None:
            dates[value(row["agreement"])] = day
    return dates


def duties(
    store: Store, party: str | None = None, agreement: str | None = None, lang: Lang = "en", base: str = str(ID)
) -> list[Duty]:
    """The duties of the dataset, optionally only those a party takes part in, or those one agreement states.

    Args:
        store: the dataset.
        party: slug of an entity; keeps the duties where it is the obliged party or the counterparty.
        agreement: slug of an agreement; keeps the duties stated in it (``gov:statedIn``).
        lang: language of labels and texts.
        base: the namespace of our entity IRIs.

    Raises:
        NotFound: ``party`` or ``agreement`` is not an entity of the dataset.
    """
    index = index_of(store, base)
    party_iri = None if party is None else entity_iri(store, party, index)
    agreement_iri = None if agreement is None else entity_iri(store, agreement, index)
    dates = agreement_dates(store)
    found = []
    for obligation in obligations(store, lang=lang, base=base):
        stated_in = obligation.agreement.iri if obligation.agreement else None
        duty = Duty(obligation, dates.get(stated_in) if stated_in else None)
        if party_iri is not None and not duty.involves(party_iri):
            continue
        if agreement_iri is not None and stated_in != agreement_iri:
            continue
        found.append(duty)
    return found
