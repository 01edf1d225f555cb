"""Prefixes and IRIs in one place: the own vocabulary as a closed namespace, the rest re-exported.

A typo such as ``GOV.prepareCasesFor`` raises AttributeError at import or test time instead of
silently minting a new IRI; a test keeps this list equal to the terms of ``ontology/govkg.ttl``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace

__all__ = [
    "CV",
    "DCTERMS",
    "FOAF",
    "GOV",
    "GOV_ONTOLOGY",
    "ID",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "XSD",
    "curie",
    "graph_iri",
]

GOV_ONTOLOGY = URIRef("https://w3id.org/govkg/ontology")
ID = Namespace("https://w3id.org/govkg/id/")
CV = Namespace("http://data.europa.eu/m8g/")


class GOV(DefinedNamespace):
    """The own vocabulary (``ontology/govkg.ttl``): only terms the standards do not have."""

    _NS = Namespace("https://w3id.org/govkg/ontology#")
    _fail = True

    # Organisations and bodies
    Region: URIRef
    Hospital: URIRef
    FundingPool: URIRef
    Body: URIRef
    SteeringGroup: URIRef
    Network: URIRef
    Forum: URIRef
    Council: URIRef
    Secretariat: URIRef
    Circle: URIRef
    Committee: URIRef
    ExecutiveCommittee: URIRef
    PoliticalBody: URIRef
    WorkingGroup: URIRef
    AdHocGroup: URIRef
    FixedGroup: URIRef
    Cluster: URIRef
    Chairmanship: URIRef
    Team: URIRef
    # Standing and scenarios
    Scenario: URIRef
    StandingScheme: URIRef
    Established: URIRef
    Proposed: URIRef
    Example: URIRef
    WishedFor: URIRef
    UnderRevision: URIRef
    Discontinued: URIRef
    ScenarioKindScheme: URIRef
    AsIsScenario: URIRef
    ProposedScenario: URIRef
    DraftScenario: URIRef
    standing: URIRef
    revisionPeriod: URIRef
    scenarioOf: URIRef
    scenarioKind: URIRef
    # Agreements, obligations, mandates, provenance
    Agreement: URIRef
    Annex: URIRef
    Obligation: URIRef
    Mandate: URIRef
    Passage: URIRef
    SourceDocument: URIRef
    CollaborationLevel: URIRef
    # Role concepts
    Chair: URIRef
    ViceChair: URIRef
    Leader: URIRef
    Representative: URIRef
    ResourcePerson: URIRef
    Member: URIRef
    HeadOfOffice: URIRef
    Staff: URIRef
    Consultant: URIRef
    Liaison: URIRef
    RegionCouncilChair: URIRef
    # Concept schemes and concepts
    AgreementStatusScheme: URIRef
    Draft: URIRef
    Proposal: URIRef
    Adopted: URIRef
    MeetingSummary: URIRef
    Decision: URIRef
    MandateStatusScheme: URIRef
    MandateStated: URIRef
    MandateUnclear: URIRef
    MandateUnderRevision: URIRef
    MandateToBeSecured: URIRef
    MandateToBeDescribed: URIRef
    FrequencyScheme: URIRef
    Weekly: URIRef
    Monthly: URIRef
    Quarterly: URIRef
    Annual: URIRef
    Continuous: URIRef
    AsNeeded: URIRef
    # Lines between organisations (sub-properties of org:linkedTo)
    preparesCasesFor: URIRef
    informs: URIRef
    commissions: URIRef
    approves: URIRef
    advises: URIRef
    fundedBy: URIRef
    supports: URIRef
    establishedBy: URIRef
    # Mandates
    hasMandate: URIRef
    mandateStatus: URIRef
    mandateDescription: URIRef
    # Agreements
    party: URIRef
    signatory: URIRef
    status: URIRef
    collaborationLevel: URIRef
    levelOrder: URIRef
    involves: URIRef
    # Obligations
    obligedParty: URIRef
    counterparty: URIRef
    action: URIRef
    frequency: URIRef
    statedIn: URIRef
    venue: URIRef
    # Representation
    represents: URIRef
    # Provenance
    quote: URIRef
    # Accepted audit exceptions
    AcceptedFinding: URIRef
    rule: URIRef
    reason: URIRef
    acceptedBy: URIRef
    expires: URIRef


PREFIXES: dict[str, str] = {
    "cv": str(CV),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "gov": str(GOV),
    "id": str(ID),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "sh": str(SH),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def graph_iri(stem: str, base: str = str(ID)) -> str:
    """The named graph a file with this stem is loaded into (``…/id/graph/<stem>``)."""
    return f"{base}graph/{stem}"


def curie(iri: str) -> str:
    """The IRI as ``prefix:local`` when a known prefix covers it, else unchanged."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
