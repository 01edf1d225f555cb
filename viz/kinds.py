"""What the org graph draws: the kinds of node and the governance relations, each named in Danish and English.

Plain data shared by the projection (which classes make a kind, which predicates make a relation) and
the renderer (legend, labels). It deliberately holds no colours or layout: those belong to ``render``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from govkg.namespaces import CV, DCTERMS, FOAF, GOV, ORG, PREFIXES


@dataclass(frozen=True)
class Kind:
    """A kind of node: the classes (and their subclasses) that make it, in Danish and English."""

    key: str
    da: str
    en: str
    classes: tuple[URIRef, ...]


@dataclass(frozen=True)
class Relation:
    """A governance relation drawn as an edge.

    ``predicates`` run from the edge's source to its target; ``inverse_predicates`` run the other way
    (``gov:establishedBy`` read backwards is "establishes"). ``hierarchy`` gives the org chart its levels:
    ``up`` when the edge points from subordinate to superior (reports to), ``down`` when it points from
    the upper box to the lower one (a post is held by a person drawn beneath it).
    """

    key: str
    da: str
    en: str
    predicates: tuple[URIRef, ...] = ()
    inverse_predicates: tuple[URIRef, ...] = ()
    hierarchy: str | None = None

    @property
    def hierarchical(self) -> bool:
        return self.hierarchy is not None


# Order matters: a node takes the first kind any of its classes falls under (a body is also an org:Organization).
KINDS: tuple[Kind, ...] = (
    Kind("person", "Person", "Person", (FOAF.Person,)),
    Kind("post", "Post", "Post", (ORG.Post,)),
    Kind("agreement", "Aftale", "Agreement", (GOV.Agreement,)),
    Kind("obligation", "Forpligtelse", "Obligation", (GOV.Obligation,)),
    Kind("body", "Kollegialt organ", "Collegial body", (GOV.Body,)),
    Kind("collaboration", "Samarbejde", "Collaboration", (ORG.OrganizationalCollaboration,)),
    Kind("unit", "Enhed", "Unit", (ORG.OrganizationalUnit,)),
    Kind(
        "organisation",
        "Organisation",
        "Organisation",
        (ORG.FormalOrganization, ORG.Organization, CV.PublicOrganisation, FOAF.Organization),
    ),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}
DEFAULT_KINDS = frozenset(k.key for k in KINDS if k.key != "obligation")

RELATIONS: tuple[Relation, ...] = (
    Relation(
        "sub_organisation",
        "underorganisation af",
        "sub-organisation of",
        (ORG.subOrganizationOf,),
        (ORG.hasSubOrganization,),
        hierarchy="up",
    ),
    Relation("unit_of", "enhed under", "unit of", (ORG.unitOf,), (ORG.hasUnit,), hierarchy="up"),
    Relation("reports_to", "refererer til", "reports to", (ORG.reportsTo,), hierarchy="up"),
    Relation("post_in", "post i", "post in", (ORG.postIn,), (ORG.hasPost,), hierarchy="up"),
    Relation("held_by", "besat af", "held by", (ORG.heldBy,), (ORG.holds,), hierarchy="down"),
    Relation("member_of", "medlem af", "member of", (ORG.memberOf,), (ORG.hasMember,)),
    Relation("represents", "repræsenterer", "represents", (GOV.represents,)),
    Relation("establishes", "nedsætter", "establishes", (), (GOV.establishedBy,)),
    Relation("prepares_cases_for", "forbereder sager for", "prepares cases for", (GOV.preparesCasesFor,)),
    Relation("informs", "orienterer", "informs", (GOV.informs,)),
    Relation("commissions", "bestiller hos", "commissions", (GOV.commissions,)),
    Relation("approves", "godkender", "approves", (GOV.approves,)),
    Relation("advises", "rådgiver", "advises", (GOV.advises,)),
    Relation("supports", "understøtter", "supports", (GOV.supports,)),
    Relation("funds", "finansierer", "funds", (), (GOV.fundedBy,)),
    Relation("linked_to", "forbundet med", "linked to", (ORG.linkedTo,)),
    Relation("party_to", "part i", "party to", (), (GOV.party,)),
    Relation("signatory_of", "underskriver af", "signatory of", (), (GOV.signatory,)),
    Relation("obliges", "forpligter", "obliges", (GOV.obligedParty,)),
    Relation("owed_to", "over for", "owed to", (GOV.counterparty,)),
    Relation("stated_in", "fastsat i", "stated in", (GOV.statedIn,)),
    Relation("venue", "mødested", "venue", (GOV.venue,)),
)
RELATION_BY_KEY = {relation.key: relation for relation in RELATIONS}
HIERARCHICAL = frozenset(r.key for r in RELATIONS if r.hierarchical)
POINTS_DOWN = frozenset(r.key for r in RELATIONS if r.hierarchy == "down")

# An org:Membership (member, organization, role) is drawn as a "member of" edge carrying the role.
MEMBERSHIP_RELATION = "member_of"
SOURCE_OF_AGREEMENT = DCTERMS.source

SEVERITY_RANK = {"info": 1, "warning": 2, "violation": 3}

_PREFIX_ORDER = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)


def compact(iri: str) -> str:
    """``id:rkkp`` for ``https://w3id.org/govkg/id/rkkp``; an IRI outside the known prefixes stays whole."""
    for prefix, namespace in _PREFIX_ORDER:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def expand(name: str) -> str:
    """The IRI for a compact name (``id:rkkp``); anything else is returned unchanged."""
    prefix, sep, rest = name.partition(":")
    if sep and prefix in PREFIXES and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return name


def severity_key(value: object) -> str:
    """``violation``, ``warning`` or ``info`` for a severity given as enum, IRI, CURIE or word."""
    text = str(getattr(value, "value", value))
    for sep in ("#", "/", ":", "."):
        text = text.rsplit(sep, 1)[-1]
    return text.strip().lower()
