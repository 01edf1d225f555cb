"""Names for IRIs: prefixed names, local names, and labels for standard terms the ontology does not load.

The published ORG, CPOV, PROV and Dublin Core files are not part of the dataset, so their terms
would otherwise show as bare local names. Labels the loaded ontology gives always win over these.
"""

from __future__ import annotations

import re

from govkg.namespaces import CV, DCTERMS, FOAF, ID, ORG, PREFIXES, PROV, RDF, SKOS

STANDARD_LABELS: dict[str, tuple[str, str]] = {
    str(ORG.reportsTo): ("rapporterer til", "reports to"),
    str(ORG.subOrganizationOf): ("er underorganisation af", "is a sub-organisation of"),
    str(ORG.hasSubOrganization): ("har underorganisation", "has sub-organisation"),
    str(ORG.unitOf): ("er enhed under", "is a unit of"),
    str(ORG.hasUnit): ("har enhed", "has unit"),
    str(ORG.postIn): ("er post i", "is a post in"),
    str(ORG.hasPost): ("har posten", "has post"),
    str(ORG.heldBy): ("besættes af", "is held by"),
    str(ORG.holds): ("besætter", "holds"),
    str(ORG.memberOf): ("er medlem af", "is a member of"),
    str(ORG.hasMember): ("har medlem", "has member"),
    str(ORG.member): ("medlem", "member"),
    str(ORG.organization): ("organisation", "organisation"),
    str(ORG.role): ("rolle", "role"),
    str(ORG.linkedTo): ("er forbundet med", "is linked to"),
    str(ORG.Organization): ("Organisation", "Organisation"),
    str(ORG.FormalOrganization): ("Formel organisation", "Formal organisation"),
    str(ORG.OrganizationalUnit): ("Organisatorisk enhed", "Organisational unit"),
    str(ORG.OrganizationalCollaboration): ("Samarbejde", "Organisational collaboration"),
    str(ORG.Post): ("Post", "Post"),
    str(ORG.Role): ("Rolle", "Role"),
    str(ORG.Membership): ("Medlemskab", "Membership"),
    str(CV.PublicOrganisation): ("Offentlig organisation", "Public organisation"),
    str(CV.ContactPoint): ("Kontaktpunkt", "Contact point"),
    str(CV.contactPoint): ("kontaktpunkt", "contact point"),
    str(FOAF.Person): ("Person", "Person"),
    str(FOAF.Document): ("Dokument", "Document"),
    str(DCTERMS.hasPart): ("har del", "has part"),
    str(DCTERMS.isPartOf): ("er del af", "is part of"),
    str(DCTERMS.source): ("kilde", "source"),
    str(DCTERMS.date): ("dato", "date"),
    str(DCTERMS.title): ("titel", "title"),
    str(DCTERMS.identifier): ("identifikator", "identifier"),
    str(PROV.wasDerivedFrom): ("bygger på", "was derived from"),
    str(SKOS.Concept): ("Begreb", "Concept"),
    str(SKOS.definition): ("definition", "definition"),
    str(RDF.type): ("er en", "is a"),
}


def expand(name: str) -> str | None:
    """The IRI of a prefixed name with a known prefix, else None."""
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and local and "/" not in local:
        return PREFIXES[prefix] + local
    return None


def local_name(iri: str) -> str:
    """The part after the last ``#`` or ``/``."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def humanise(iri: str) -> str:
    """A readable last resort: ``reportsTo`` becomes ``reports to``, ``region-sjaelland`` stays."""
    name = local_name(iri)
    if re.fullmatch(r"[a-z]+(?:[A-Z][a-z]*)+", name):
        return re.sub(r"(?<!^)([A-Z])", r" \1", name).lower()
    return name


def standard_label(iri: str, lang: str) -> str | None:
    """A label for a standard term the dataset does not name, if we know one."""
    pair = STANDARD_LABELS.get(iri)
    if pair is None:
        return None
    return pair[0] if lang == "da" else pair[1]


def slug_of(iri: str, base: str = str(ID)) -> str | None:
    """The slug of one of our IRIs (``…/id/<slug>``), else None."""
    if iri.startswith(base) and len(iri) > len(base):
        return iri[len(base) :]
    return None
