"""Everything about one entity, grouped for a reader: names, kinds, lines, seats, posts, duties, sources.

``outgoing`` and ``incoming`` list the lines to and from other things; the lines that have a
section of their own (types, sources, mandates, contact points; memberships, obligations and
posts pointing at the entity) are shown in that section instead, not twice.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from govkg.answers.facts import as_text, iris, optional, passages, statements, text_in, value
from govkg.answers.index import Index, index_of
from govkg.answers.models import (
    Attribute,
    ContactPoint,
    Entity,
    Labels,
    Lang,
    Mandate,
    Membership,
    Obligation,
    Post,
    Relation,
    Text,
)
from govkg.answers.obligations import describe_obligations
from govkg.answers.params import entity_iri
from govkg.answers.scenario import entity_in, scenario_state
from govkg.namespaces import CV, GOV, ID, ORG, PROV, RDF, RDFS, SKOS
from govkg.questions import question
from govkg.store import Store

NAMES = {str(SKOS.prefLabel), str(SKOS.altLabel), str(RDFS.label), str(SKOS.definition), str(RDFS.comment)}
OWN_SECTIONS_OUT = {str(RDF.type), str(PROV.wasDerivedFrom), str(GOV.hasMandate), str(CV.contactPoint)}
OWN_SECTIONS_IN = {
    str(RDF.type),
    str(ORG.member),
    str(ORG.organization),
    str(GOV.obligedParty),
    str(GOV.counterparty),
    str(ORG.postIn),
    str(ORG.heldBy),
}


def describe_entity(
    store: Store, slug: str, lang: Lang = "en", base: str = str(ID), scenario: str | None = None
) -> Entity:
    """What the dataset says about the entity with this slug; with ``scenario``, only that state's lines.

    Raises:
        NotFound: no entity with that slug.
        InvalidParameter: ``scenario`` names no scenario.
    """
    state = None if scenario is None else scenario_state(store, scenario, base)
    index = index_of(store, base)
    iri = entity_iri(store, slug, index)
    said = statements(store, [iri]).get(iri, {})
    entity = ox.NamedNode(iri)
    mandates = _mandates(store, index, entity, lang)
    described = Entity(
        iri=iri,
        slug=slug,
        label=index.label(iri, lang),
        labels=_labels(index, iri),
        types=index.type_terms(iri, lang),
        description=text_in(said.get(str(SKOS.definition), []) or said.get(str(RDFS.comment), []), lang),
        attributes=_attributes(index, said, lang),
        outgoing=_outgoing(index, said, lang),
        incoming=_incoming(store, index, entity, lang),
        memberships=_memberships(store, index, entity, lang),
        posts=_posts(store, index, entity, lang),
        obligations=_obligations(store, index, entity, lang),
        mandates=mandates,
        contact_points=_contact_points(store, index, entity, lang),
        passages=passages(store, index, [iri]).get(iri, []),
    )
    return described if state is None else entity_in(state, described)


def _labels(index: Index, iri: str) -> Labels:
    entries = index.labels.get(iri, [])

    def named(lang: str) -> str | None:
        chosen = sorted((x.kind != "pref", x.text) for x in entries if x.lang == lang and x.kind != "alt")
        return chosen[0][1] if chosen else None

    alternatives = sorted((x for x in entries if x.kind == "alt"), key=lambda x: (x.lang, x.text))
    return Labels(da=named("da"), en=named("en"), alt=[Text(value=x.text, lang=x.lang or None) for x in alternatives])


def _attributes(index: Index, said: dict[str, list[ox.NamedNode | ox.Literal]], lang: Lang) -> list[Attribute]:
    found = [
        Attribute(predicate=index.term(predicate, lang), value=as_text(v))
        for predicate, values in said.items()
        if predicate not in NAMES
        for v in values
        if isinstance(v, ox.Literal)
    ]
    return sorted(found, key=lambda a: (a.predicate.curie, a.value.lang or "", a.value.value))


def _outgoing(index: Index, said: dict[str, list[ox.NamedNode | ox.Literal]], lang: Lang) -> list[Relation]:
    found = [
        Relation(predicate=index.term(predicate, lang), other=index.ref(target, lang))
        for predicate, values in said.items()
        if predicate not in OWN_SECTIONS_OUT
        for target in iris(values)
    ]
    return sorted(found, key=lambda r: (r.predicate.curie, r.other.label, r.other.iri))


def _incoming(store: Store, index: Index, entity: ox.NamedNode, lang: Lang) -> list[Relation]:
    rows = store.query(question("incoming", entity=[entity])).records()
    found = [
        Relation(predicate=index.term(value(r["predicate"]), lang), other=index.ref(value(r["other"]), lang))
        for r in rows
        if value(r["predicate"]) not in OWN_SECTIONS_IN
    ]
    return sorted(found, key=lambda r: (r.predicate.curie, r.other.label, r.other.iri))


def _memberships(store: Store, index: Index, entity: ox.NamedNode, lang: Lang) -> list[Membership]:
    found: dict[str, Membership] = {}
    for r in store.query(question("memberships", entity=[entity])).records():
        member, organization, role = (optional(r.get(k)) for k in ("member", "organization", "role"))
        membership = Membership(
            iri=value(r["membership"]),
            member=index.ref(member, lang) if member else None,
            organization=index.ref(organization, lang) if organization else None,
            role=index.term(role, lang) if role else None,
        )
        found.setdefault(membership.iri, membership)
    return sorted(found.values(), key=lambda m: (m.organization.label if m.organization else "", m.iri))


def _posts(store: Store, index: Index, entity: ox.NamedNode, lang: Lang) -> list[Post]:
    gathered: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in store.query(question("posts", entity=[entity])).records():
        post = gathered[value(r["post"])]
        for key in ("postIn", "holder", "role", "reportsTo"):
            if optional(r.get(key)):
                post[key].add(value(r[key]))
    posts = [
        Post(
            post=index.ref(iri, lang),
            post_in=[index.ref(x, lang) for x in sorted(parts["postIn"])],
            held_by=[index.ref(x, lang) for x in sorted(parts["holder"])],
            role=index.term(min(parts["role"]), lang) if parts["role"] else None,
            reports_to=[index.ref(x, lang) for x in sorted(parts["reportsTo"])],
        )
        for iri, parts in gathered.items()
    ]
    return sorted(posts, key=lambda p: (p.post.label, p.post.iri))


def _obligations(store: Store, index: Index, entity: ox.NamedNode, lang: Lang) -> list[Obligation]:
    found: set[str] = set()
    for slot in ("party", "counterparty"):
        rows = store.query(question("obligations", **{slot: [entity]})).records()
        found.update(value(r["obligation"]) for r in rows)
    return describe_obligations(store, index, sorted(found), lang)


def _mandates(store: Store, index: Index, entity: ox.NamedNode, lang: Lang) -> list[Mandate]:
    status: dict[str, set[str]] = defaultdict(set)
    descriptions: dict[str, list[ox.NamedNode | ox.Literal]] = defaultdict(list)
    for r in store.query(question("mandates", entity=[entity])).records():
        mandate = value(r["mandate"])
        status[mandate].update([value(r["status"])] if optional(r.get("status")) else [])
        description = r.get("description")
        if isinstance(description, ox.Literal) and description not in descriptions[mandate]:
            descriptions[mandate].append(description)
    sources = passages(store, index, sorted(status))
    return [
        Mandate(
            iri=iri,
            description=text_in(descriptions[iri], lang),
            status=index.term(min(status[iri]), lang) if status[iri] else None,
            passages=sources.get(iri, []),
        )
        for iri in sorted(status)
    ]


def _contact_points(store: Store, index: Index, entity: ox.NamedNode, lang: Lang) -> list[ContactPoint]:
    details: dict[str, list[Attribute]] = defaultdict(list)
    for r in store.query(question("contact_points", entity=[entity])).records():
        contact, predicate, detail = value(r["contact"]), optional(r.get("predicate")), r.get("value")
        found = details[contact]
        if predicate and predicate not in NAMES | {str(RDF.type)} and isinstance(detail, ox.NamedNode | ox.Literal):
            shown = as_text(detail) if isinstance(detail, ox.Literal) else Text(value=detail.value)
            found.append(Attribute(predicate=index.term(predicate, lang), value=shown))
    return [
        ContactPoint(
            iri=iri,
            label=index.label(iri, lang),
            details=sorted(found, key=lambda a: (a.predicate.curie, a.value.value)),
        )
        for iri, found in sorted(details.items())
    ]
