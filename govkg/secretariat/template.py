"""The authoring workbook: its sheets and columns, slugs, and exactly which triples it carries.

One sheet per kind of fact. Every row cites a document and a verbatim quote (``document``, ``quote``);
``passages`` may list further passage slugs (the export fills it, so nothing is lost on the way back).
Cells with several values separate them with commas. Terms (kind, relation, role, frequency, standing)
are CURIEs (``gov:SteeringGroup``), local names (``SteeringGroup``) or, for concepts, their labels.

What the workbook carries is :func:`covered`: export → import gives back exactly that, nothing more.
It does not carry definitions, scope notes, alternative labels, mandates, contact points, agreements,
persons or scenarios.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import rdflib
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS

from govkg.namespaces import CV, GOV

# The lines the ``lines`` sheet carries (a body's parent is a column of ``bodies``).
LINE_PREDICATES = [
    ORG.reportsTo,
    ORG.unitOf,
    ORG.memberOf,
    ORG.hasMember,
    ORG.linkedTo,
    GOV.preparesCasesFor,
    GOV.informs,
    GOV.commissions,
    GOV.approves,
    GOV.advises,
    GOV.fundedBy,
    GOV.establishedBy,
    GOV.represents,
]
# Classes whose instances are rows of ``bodies``: org:Organization, its subclasses in the ontology, and CPOV's.
BODY_ROOTS = [ORG.Organization, CV.PublicOrganisation]
CITATION = ("document", "quote", "passages")


@dataclass(frozen=True)
class Sheet:
    """A sheet of the workbook: its name, its columns in order, and a line of help per column."""

    name: str
    columns: tuple[tuple[str, str], ...]

    @property
    def headers(self) -> list[str]:
        """The column names, as the first row of the sheet."""
        return [name for name, _ in self.columns]


_CITE = (
    ("document", "The source document: its slug (doc-…) or its file name (000_….txt)"),
    ("quote", "A verbatim quote from that document (line breaks and hyphenation undone)"),
    ("passages", "Further passage slugs (filled by the export; may stay empty)"),
)
SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "bodies",
        (
            ("id", "Slug; empty: made from the Danish name (æ→ae, ø→oe, å→aa)"),
            ("name_da", "Name in Danish"),
            ("name_en", "Name in English"),
            ("kind", "Classes, e.g. gov:SteeringGroup or SteeringGroup; org:FormalOrganization, gov:Region"),
            ("parent", "Slugs of the organisations it is a sub-organisation of (org:subOrganizationOf)"),
            ("standing", "gov:Established, gov:Proposed, gov:Example, gov:WishedFor, gov:UnderRevision …"),
            *_CITE,
        ),
    ),
    Sheet(
        "lines",
        (
            ("from", "Slug of the entity the line starts at"),
            ("relation", "org:reportsTo, gov:preparesCasesFor, gov:informs, gov:advises, gov:approves …"),
            ("to", "Slug of the entity the line ends at"),
            *_CITE,
        ),
    ),
    Sheet(
        "posts",
        (
            ("id", "Slug; empty: made from the Danish name"),
            ("name_da", "Name of the post in Danish"),
            ("name_en", "Name of the post in English"),
            ("in_body", "Slug of the body the post is in (org:postIn)"),
            ("holder", "Slugs of whoever holds it (org:heldBy); empty when the documents name nobody"),
            ("role", "gov:Chair, gov:Leader, gov:Representative, gov:ResourcePerson …"),
            ("standing", "As for bodies"),
            *_CITE,
        ),
    ),
    Sheet(
        "memberships",
        (
            ("id", "Slug; empty: m-<member>-<organisation>"),
            ("member", "Slug of the member (organisation or post)"),
            ("organization", "Slug of the body it sits in"),
            ("role", "gov:Member, gov:Representative, gov:Liaison …"),
            ("name_da", "Optional name in Danish"),
            ("name_en", "Optional name in English"),
            *_CITE,
        ),
    ),
    Sheet(
        "duties",
        (
            ("id", "Slug; empty: obl-<Danish name>"),
            ("name_da", "Short name in Danish"),
            ("name_en", "Short name in English"),
            ("party", "Slugs of the obliged parties"),
            ("action_da", "What must be done, in Danish"),
            ("action_en", "What must be done, in English"),
            ("frequency", "gov:Weekly, gov:Monthly, gov:Quarterly, gov:Annual, gov:Continuous, gov:AsNeeded, or empty"),
            ("counterparty", "Slugs of the parties it is owed to"),
            ("agreement", "Slug of the agreement that states it (gov:statedIn)"),
            ("venue", "Slug of the body where it is done (gov:venue), if any"),
            *_CITE,
        ),
    ),
    Sheet(
        "passages",
        (
            ("id", "Slug of the passage (passage-…)"),
            ("document", "The source document's slug or file name"),
            ("quote", "The verbatim quote"),
        ),
    ),
    Sheet(
        "documents",
        (
            ("id", "Slug (doc-…)"),
            ("identifier", "The file name of the document (dct:identifier)"),
            ("title", "Its title, in Danish"),
            ("date", "YYYY-MM-DD, YYYY-MM or YYYY, if it is dated"),
            ("name_da", "Name in Danish"),
            ("name_en", "Name in English"),
            ("quote", "Not used: a document is the source itself"),
        ),
    ),
)
SHEET = {sheet.name: sheet for sheet in SHEETS}


_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def slugify(text: str, words: int = 8) -> str:
    """A readable ASCII slug: Danish letters folded (æ→ae, ø→oe, å→aa), accents dropped, words joined by '-'."""
    folded = text.casefold().translate(_DANISH)
    plain = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    parts = [p for p in re.split(r"[^a-z0-9]+", plain) if p]
    return "-".join(parts[:words])


def body_classes(ontology: rdflib.Graph) -> set[rdflib.URIRef]:
    """The classes whose instances are bodies: the roots and their subclasses in the ontology."""
    found = set(BODY_ROOTS)
    frontier = list(BODY_ROOTS)
    while frontier:
        for sub in ontology.subjects(RDFS.subClassOf, frontier.pop()):
            if isinstance(sub, rdflib.URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def covered(data: rdflib.Graph, ontology: rdflib.Graph) -> rdflib.Graph:
    """Exactly the triples of ``data`` the workbook carries, found independently of the export code.

    Bodies (instances of org:Organization or cv:PublicOrganisation and their subclasses): types,
    preferred names, parents, standing, passages. Posts: type, names, postIn, heldBy, role, standing,
    passages. Memberships: type, names, member, organization, role, passages. Duties: type, names,
    action, obliged party, counterparty, frequency, statedIn, venue, passages. Lines: the
    :data:`LINE_PREDICATES` between any two IRIs, and the passages of each line's start. Passages:
    type, quote, document. Source documents: type, identifier, title, date, names.
    """
    union = data + ontology
    kinds = body_classes(ontology)
    keep: dict[rdflib.URIRef, set[rdflib.URIRef]] = {
        **{k: {RDF.type, SKOS.prefLabel, ORG.subOrganizationOf, GOV.standing, PROV.wasDerivedFrom} for k in kinds},
        ORG.Post: {RDF.type, SKOS.prefLabel, ORG.postIn, ORG.heldBy, ORG.role, GOV.standing, PROV.wasDerivedFrom},
        ORG.Membership: {RDF.type, SKOS.prefLabel, ORG.member, ORG.organization, ORG.role, PROV.wasDerivedFrom},
        GOV.Obligation: {
            RDF.type,
            SKOS.prefLabel,
            GOV.action,
            GOV.obligedParty,
            GOV.counterparty,
            GOV.frequency,
            GOV.statedIn,
            GOV.venue,
            PROV.wasDerivedFrom,
        },
        GOV.Passage: {RDF.type, GOV.quote, DCTERMS.isPartOf},
        GOV.SourceDocument: {RDF.type, DCTERMS.identifier, DCTERMS.title, DCTERMS.date, SKOS.prefLabel},
    }
    line_starts = {s for p in LINE_PREDICATES for s in data.subjects(p, None)}
    result = rdflib.Graph()
    for s, p, o in data:
        kept = set().union(*(keep[t] for t in union.objects(s, RDF.type) if isinstance(t, rdflib.URIRef) and t in keep))
        if p in kept or p in LINE_PREDICATES or (p == PROV.wasDerivedFrom and s in line_starts):
            result.add((s, p, o))
    return result
