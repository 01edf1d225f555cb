"""The own vocabulary is complete, bilingual and closed, and data/ stays in canonical form."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "govkg.ttl"
DATA_FILES = sorted((ROOT / "data").rglob("*.ttl"))
DATA_IDS = [p.relative_to(ROOT / "data").with_suffix("").as_posix() for p in DATA_FILES]
SHAPE_FILES = sorted((ROOT / "shapes").glob("*.ttl"))

GOV = rdflib.Namespace("https://w3id.org/govkg/ontology#")
GOV_ONTOLOGY = URIRef("https://w3id.org/govkg/ontology")
LINES = ("preparesCasesFor", "informs", "commissions", "approves", "advises", "supports", "fundedBy")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


def gov_terms(graph: rdflib.Graph) -> set[URIRef]:
    """Subjects the ontology defines (``rdfs:isDefinedBy`` the ontology) in the gov: namespace."""
    return {s for s in graph.subjects(RDFS.isDefinedBy, GOV_ONTOLOGY) if isinstance(s, URIRef) and s.startswith(GOV)}


def languages(graph: rdflib.Graph, subject: Node, predicate: URIRef) -> list[str]:
    return sorted(o.language or "" for o in graph.objects(subject, predicate) if isinstance(o, Literal))


def test_ontology_parses_with_a_header(ontology: rdflib.Graph) -> None:
    assert (GOV_ONTOLOGY, RDF.type, OWL.Ontology) in ontology, "the file declares the owl:Ontology"
    assert ontology.value(GOV_ONTOLOGY, OWL.versionInfo) is not None, "the ontology has a version"
    assert languages(ontology, GOV_ONTOLOGY, RDFS.label) == ["da", "en"], "the ontology is labelled in da and en"


def test_every_gov_subject_is_defined_by_the_ontology(ontology: rdflib.Graph) -> None:
    subjects = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(GOV)}
    undefined = sorted(subjects - gov_terms(ontology))
    assert not undefined, f"gov: subjects without rdfs:isDefinedBy the ontology: {undefined}"


@pytest.mark.parametrize("predicate", [pytest.param(RDFS.label, id="label"), pytest.param(RDFS.comment, id="comment")])
def test_every_term_is_described_in_danish_and_english(ontology: rdflib.Graph, predicate: URIRef) -> None:
    wrong = {
        str(term): langs
        for term in gov_terms(ontology)
        if (langs := languages(ontology, term, predicate)) != ["da", "en"]
    }
    assert not wrong, f"terms whose {predicate} is not exactly one @da and one @en: {wrong}"


def test_human_text_is_language_tagged(ontology: rdflib.Graph) -> None:
    text_predicates = (RDFS.label, RDFS.comment, SKOS.prefLabel, SKOS.definition)
    untagged = [
        (str(s), str(p))
        for p in text_predicates
        for s, o in ontology.subject_objects(p)
        if not (isinstance(o, Literal) and o.language)
    ]
    assert not untagged, f"untagged human text: {untagged}"


def test_concepts_sit_in_their_schemes(ontology: rdflib.Graph) -> None:
    problems = []
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        scheme = ontology.value(concept, SKOS.inScheme)
        broader = ontology.value(concept, SKOS.broader)  # a narrower concept (UnderRevision ⊑ Established)
        placed = (concept, SKOS.topConceptOf, scheme) in ontology or (
            broader is not None and (broader, SKOS.inScheme, scheme) in ontology
        )
        if scheme is None or not placed:
            problems.append(f"{concept}: neither a top concept of its scheme nor narrower than one of its concepts")
        for predicate in (SKOS.prefLabel, SKOS.definition):
            if languages(ontology, concept, predicate) != ["da", "en"]:
                problems.append(f"{concept}: {predicate} not da+en")
    assert not problems, "; ".join(problems)


def test_the_axioms_we_rely_on_are_stated(ontology: rdflib.Graph) -> None:
    assert (ORG.unitOf, RDFS.subPropertyOf, ORG.subOrganizationOf) in ontology, "org:unitOf ⊑ org:subOrganizationOf"
    assert (GOV.Body, RDFS.subClassOf, ORG.Organization) in ontology, "gov:Body ⊑ org:Organization"
    assert (GOV.ExecutiveCommittee, RDFS.subClassOf, GOV.Committee) in ontology
    for line in LINES:
        assert (GOV[line], RDFS.subPropertyOf, ORG.linkedTo) in ontology, f"gov:{line} ⊑ org:linkedTo"


def test_roles_are_org_roles(ontology: rdflib.Graph) -> None:
    roles = ("Chair", "ViceChair", "Leader", "Representative", "ResourcePerson", "Member", "Liaison")
    missing = [r for r in roles if (GOV[r], RDF.type, ORG.Role) not in ontology]
    assert not missing, f"roles not typed org:Role: {missing}"


def shape_names(graph: rdflib.Graph) -> set[URIRef]:
    """gov: IRIs that a shapes file itself declares as shapes (shape names, not vocabulary terms)."""
    return {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and s.startswith(GOV)
    }


@pytest.mark.parametrize("path", [pytest.param(p, id=f"{p.parent.name}/{p.stem}") for p in DATA_FILES + SHAPE_FILES])
def test_namespace_is_closed(ontology: rdflib.Graph, path: Path) -> None:
    graph = rdflib.Graph().parse(path, format="turtle")
    used = {node for triple in graph for node in triple if isinstance(node, URIRef) and node.startswith(GOV)}
    undefined = sorted(used - gov_terms(ontology) - shape_names(graph))
    assert not undefined, f"{path.name} uses gov: terms the ontology does not define: {undefined}"


@pytest.mark.parametrize("path", [pytest.param(p, id=i) for p, i in zip(DATA_FILES, DATA_IDS, strict=True)])
def test_data_file_is_canonical_longturtle(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    assert graph.serialize(format="longturtle") == text, f"{path.name} is not canonical: run `govkg fmt`"
