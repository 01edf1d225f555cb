"""What an entity's page shows, gathered from :mod:`govkg.answers` and the cached audit; no HTML here.

Lines in and out are grouped by relation; duties split into those the entity has and those owed to
it; ``gov:standing`` (established, proposed, example), where the data gives it, is lifted out of the
lines into a badge of its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from govkg import answers
from govkg.answers.models import Chain, Entity, Lang, Obligation, Ref, Relation, Term
from govkg.audit import AuditError, Finding, cached_audit
from govkg.namespaces import GOV
from govkg.store import Store

STANDING = str(GOV) + "standing"


@dataclass(frozen=True)
class Lines:
    """The lines of one relation, in one direction."""

    relation: Term
    others: list[Ref]


@dataclass
class EntityView:
    """Everything the entity page shows."""

    entity: Entity
    chain: Chain | None
    standing: list[Ref] = field(default_factory=list)
    lines_out: list[Lines] = field(default_factory=list)
    lines_in: list[Lines] = field(default_factory=list)
    duties_given: list[Obligation] = field(default_factory=list)
    duties_received: list[Obligation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def other_label(self) -> str | None:
        """The preferred label in the other language, when it differs."""
        labels = self.entity.labels
        other = labels.en if self.entity.label == labels.da else labels.da
        return other if other and other != self.entity.label else None


def grouped(relations: list[Relation]) -> list[Lines]:
    """Relations grouped by predicate, in the order of the predicate's label."""
    by_predicate: dict[str, list[Ref]] = defaultdict(list)
    terms: dict[str, Term] = {}
    for relation in relations:
        terms[relation.predicate.iri] = relation.predicate
        by_predicate[relation.predicate.iri].append(relation.other)
    order = sorted(terms.values(), key=lambda t: (t.label.casefold(), t.iri))
    return [Lines(term, by_predicate[term.iri]) for term in order]


def entity_view(store: Store, slug: str, lang: Lang, base: str) -> EntityView:
    """The page's content for the entity with this slug.

    Raises:
        NotFound: no entity with that slug.
    """
    entity = answers.describe_entity(store, slug, lang, base)
    view = EntityView(entity=entity, chain=answers.chain_up(store, slug, lang, base))
    view.standing = [r.other for r in entity.outgoing if r.predicate.iri == STANDING]
    view.lines_out = grouped([r for r in entity.outgoing if r.predicate.iri != STANDING])
    view.lines_in = grouped(entity.incoming)
    for duty in entity.obligations:
        if any(p.iri == entity.iri for p in duty.obliged_parties):
            view.duties_given.append(duty)
        if any(p.iri == entity.iri for p in duty.counterparties):
            view.duties_received.append(duty)
    view.findings = findings_for(store, entity.iri, lang)
    return view


def findings_for(store: Store, iri: str, lang: str) -> list[Finding]:
    """The audit's findings on one entity, worst first (none when the shapes cannot run)."""
    try:
        report = cached_audit(store, lang)
    except AuditError:
        return []
    return [f for f in report.findings if f.focus == iri]
