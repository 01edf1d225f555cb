"""The governance difference between two states: entities, lines, attributes and duties.

The raw triple difference is computed first (two sets); everything else is read only for the
subjects it touches, so the cost follows the size of the states once and the size of the change
after that. Identity is by IRI: an entity is the same entity in both states when its IRI is.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from govkg.compare.models import (
    AttributeChange,
    Comparison,
    DutyChange,
    DutyChanges,
    EntityChange,
    EntityChanges,
    LineChange,
    LineChanges,
    StateInfo,
    TripleCounts,
)
from govkg.compare.naming import Namer
from govkg.compare.state import Node, State
from govkg.namespaces import CV, DCTERMS, GOV, ORG, OWL, RDF, SKOS

LINE_PREDICATES = frozenset(
    str(p)
    for p in (
        ORG.reportsTo,
        GOV.preparesCasesFor,
        GOV.informs,
        GOV.commissions,
        GOV.approves,
        GOV.advises,
        GOV.supports,
        GOV.fundedBy,
        ORG.subOrganizationOf,
        ORG.unitOf,
        ORG.postIn,
        ORG.heldBy,
        ORG.memberOf,
        ORG.linkedTo,
        GOV.establishedBy,
        GOV.represents,
    )
)
# Inverse ORG properties are turned round, so a line reads the same whichever way a file wrote it.
INVERSES = {
    str(ORG.hasSubOrganization): str(ORG.subOrganizationOf),
    str(ORG.hasUnit): str(ORG.unitOf),
    str(ORG.hasPost): str(ORG.postIn),
    str(ORG.holds): str(ORG.heldBy),
    str(ORG.hasMember): str(ORG.memberOf),
}
STANDING = str(GOV.standing)
ATTRIBUTES = (
    STANDING,
    str(GOV.mandateStatus),
    str(GOV.hasMandate),
    str(GOV.status),
    str(SKOS.prefLabel),
    str(SKOS.altLabel),
    str(GOV.frequency),
    str(GOV.obligedParty),
    str(GOV.counterparty),
    str(GOV.action),
    str(GOV.statedIn),
    str(CV.contactPoint),
    str(DCTERMS.date),
)
NOT_ENTITIES = frozenset(
    str(c)
    for c in (
        GOV.Passage,
        GOV.SourceDocument,
        ORG.Membership,
        GOV.Obligation,
        SKOS.Concept,
        SKOS.ConceptScheme,
        OWL.Ontology,
        GOV.Scenario,
    )
)
_TYPE = str(RDF.type)
_MEMBER, _ORGANIZATION, _ROLE = str(ORG.member), str(ORG.organization), str(ORG.role)

# What makes a thing take part in a state: a line, a seat or a duty, not a passing mention (dct:subject).
PARTAKING = LINE_PREDICATES | set(INVERSES) | {str(ORG.member), str(ORG.organization)}
PARTAKING |= {str(GOV.obligedParty), str(GOV.counterparty)}


def participants(triples: Iterable[ox.Triple]) -> set[Node]:
    """The things these triples describe, and those they give a line, a seat or a duty."""
    found: set[Node] = set()
    for triple in triples:
        found.add(triple.subject)
        if triple.predicate.value in PARTAKING:
            found.add(triple.object)
    return found


Line = tuple[ox.NamedNode, str, ox.NamedNode, Node | None, Node]  # source, relation, target, role, carrier


def compare_states(before: State, after: State, lang: str = "en", vocab: State | None = None) -> Comparison:
    """What changes from ``before`` to ``after``, named in ``lang``."""
    added = after.triples - before.triples
    removed = before.triples - after.triples
    touched: set[Node] = {t.subject for t in added | removed}
    # Whether a thing is present can change without a triple about it changing: when a scenario's
    # own graph starts or stops mentioning it (see State.elsewhere).
    candidates = touched | {t.object for t in added | removed} | before.elsewhere | after.elsewhere
    namer = Namer((after, before), lang, vocab)
    entities_before, entities_after = _entities(before, candidates), _entities(after, candidates)
    duties_before, duties_after = _duties(before, candidates), _duties(after, candidates)
    lines_before, lines_after = _lines(before, touched), _lines(after, touched)
    return Comparison(
        from_=_info(before, namer),
        to=_info(after, namer),
        lang="da" if lang == "da" else "en",
        entities=EntityChanges(
            added=_entity_changes(after, entities_after - entities_before, namer),
            removed=_entity_changes(before, entities_before - entities_after, namer),
        ),
        lines=LineChanges(
            added=_line_changes(after, lines_after - lines_before, namer),
            removed=_line_changes(before, lines_before - lines_after, namer),
        ),
        changed=_attribute_changes(before, after, touched, namer),
        duties=DutyChanges(
            added=_duty_changes(after, duties_after - duties_before, namer),
            removed=_duty_changes(before, duties_before - duties_after, namer),
        ),
        triples=TripleCounts(added=len(added), removed=len(removed), unchanged=len(after.triples) - len(added)),
    )


def _info(state: State, namer: Namer) -> StateInfo:
    label = namer.text(ox.NamedNode(state.name)) if state.name.startswith(("http://", "https://")) else None
    return StateInfo(name=state.name, label=label or state.name, sources=list(state.graphs), triples=len(state.triples))


def _types(state: State, node: Node) -> set[str]:
    return {t.value for t in state.values(node, _TYPE) if isinstance(t, ox.NamedNode)}


def _present(state: State, node: Node) -> bool:
    return isinstance(node, ox.NamedNode) and node not in state.elsewhere


def _entities(state: State, subjects: Iterable[Node]) -> set[ox.NamedNode]:
    """The subjects that are entities present in the state (not passages, memberships, duties or concepts)."""
    return {
        s
        for s in subjects
        if isinstance(s, ox.NamedNode)
        and _present(state, s)
        and (types := _types(state, s))
        and not types & NOT_ENTITIES
    }


def _duties(state: State, subjects: Iterable[Node]) -> set[ox.NamedNode]:
    return {
        s
        for s in subjects
        if isinstance(s, ox.NamedNode) and _present(state, s) and str(GOV.Obligation) in _types(state, s)
    }


def _lines(state: State, subjects: Iterable[Node]) -> set[Line]:
    """The lines whose triples have one of these subjects, inverse properties turned round."""
    found: set[Line] = set()
    for s in subjects:
        for predicate, o in state.statements(s):
            if not (isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode)):
                continue
            if predicate in LINE_PREDICATES:
                found.add((s, predicate, o, None, s))
            elif predicate in INVERSES:
                found.add((o, INVERSES[predicate], s, None, o))
        members, organizations = state.values(s, _MEMBER), state.values(s, _ORGANIZATION)
        roles: list[Node | None] = sorted(state.values(s, _ROLE), key=str) or [None]
        for member in members:
            for organization in organizations:
                if isinstance(member, ox.NamedNode) and isinstance(organization, ox.NamedNode):
                    found.update((member, str(ORG.memberOf), organization, role, s) for role in roles)
    with_role = {(s, o) for s, p, o, role, _ in found if p == str(ORG.memberOf) and role is not None}
    # A membership with its role says all that the org:memberOf shortcut beside it says.
    return {
        line
        for line in found
        if not (line[3] is None and line[1] == str(ORG.memberOf) and (line[0], line[2]) in with_role)
    }


def _entity_changes(state: State, entities: set[ox.NamedNode], namer: Namer) -> list[EntityChange]:
    changes = [
        EntityChange(
            entity=namer.ref(e),
            types=[namer.term(t) for t in sorted(_types(state, e))],
            passages=namer.passages(state, [e]),
        )
        for e in entities
    ]
    return sorted(changes, key=lambda c: (c.entity.label.casefold(), c.entity.iri))


def _line_changes(state: State, lines: set[Line], namer: Namer) -> list[LineChange]:
    changes = []
    for source, relation, target, role, carrier in lines:
        nodes: list[Node] = [carrier] if carrier not in (source, target) else [source, target]
        changes.append(
            LineChange(
                source=namer.ref(source),
                relation=namer.term(relation),
                target=namer.ref(target),
                role=namer.ref(role) if role is not None else None,
                passages=namer.passages(state, nodes),
            )
        )
    return sorted(changes, key=lambda c: (c.source.label.casefold(), c.relation.curie, c.target.label.casefold()))


def _attribute_changes(before: State, after: State, touched: set[Node], namer: Namer) -> list[AttributeChange]:
    both = _entities(before, touched) & _entities(after, touched) | _duties(before, touched) & _duties(after, touched)
    changes = []
    for entity in both:
        for attribute in ATTRIBUTES:
            old, new = before.values(entity, attribute), after.values(entity, attribute)
            if old != new:
                changes.append(
                    AttributeChange(
                        entity=namer.ref(entity),
                        attribute=namer.term(attribute),
                        before=sorted(namer.label(v) for v in old),
                        after=sorted(namer.label(v) for v in new),
                        passages_from=namer.passages(before, [entity]),
                        passages_to=namer.passages(after, [entity]),
                    )
                )
    return sorted(changes, key=lambda c: (c.entity.label.casefold(), c.attribute.curie))


def _duty_changes(state: State, duties: set[ox.NamedNode], namer: Namer) -> list[DutyChange]:
    changes = []
    for duty in duties:
        frequency = [f for f in sorted(state.values(duty, str(GOV.frequency)), key=str) if isinstance(f, ox.NamedNode)]
        changes.append(
            DutyChange(
                duty=namer.ref(duty),
                obliged_party=[namer.ref(p) for p in sorted(state.values(duty, str(GOV.obligedParty)), key=str)],
                action=namer.text(duty, (str(GOV.action),)),
                frequency=namer.term(frequency[0].value) if frequency else None,
                passages=namer.passages(state, [duty]),
            )
        )
    return sorted(changes, key=lambda c: (c.duty.label.casefold(), c.duty.iri))
