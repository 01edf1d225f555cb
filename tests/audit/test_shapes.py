"""The shapes themselves: valid SHACL, every rule explained in both languages, and each rule proven by
fixtures: a minimal world that conforms, and for each rule worlds that fail exactly that rule."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDFS, SH, SKOS

from govkg.audit import GSH, AuditReport, audit_graphs, run_audit
from govkg.audit.rules import sparql_rules
from govkg.config import Settings
from govkg.namespaces import GOV
from tests.audit.conftest import BASE, INVALID, SHAPE_FIXTURES, VALID, store_with

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


def rules(shapes: rdflib.Graph) -> list[rdflib.URIRef]:
    """The shapes that are rules: those with a target, and those run outside pyshacl (deactivated)."""
    found = {s for t in TARGETS for s in shapes.subjects(t, None)}
    found |= set(shapes.subjects(SH.deactivated, rdflib.Literal(True)))
    return sorted(s for s in found if isinstance(s, rdflib.URIRef))


def texts(shapes: rdflib.Graph, shape: rdflib.URIRef, predicate: rdflib.URIRef) -> dict[str | None, list[str]]:
    by_lang: dict[str | None, list[str]] = {}
    for literal in shapes.objects(shape, predicate):
        assert isinstance(literal, rdflib.Literal)
        by_lang.setdefault(literal.language, []).append(str(literal))
    return by_lang


def test_the_shapes_are_valid_shacl(settings: Settings, shapes_graph: rdflib.Graph) -> None:
    data = store_with(settings, BASE).rdflib_graph(frozenset({"ontology", "data"}))
    report = audit_graphs(data, shapes_graph, meta_shacl=True)  # raises when SHACL-SHACL rejects the shapes
    assert report.conforms, [f.message for f in report.findings]


def test_every_shacl_term_the_shapes_use_exists(shapes_graph: rdflib.Graph) -> None:
    used = {term for triple in shapes_graph for term in triple if str(term).startswith(str(SH))}
    unknown = sorted(str(term) for term in used if term not in SH)
    assert not unknown, f"typos in the sh: namespace: {unknown}"


def test_there_are_completeness_and_integrity_rules(shapes_graph: rdflib.Graph) -> None:
    names = {str(rule).removeprefix(str(GSH)) for rule in rules(shapes_graph)}
    wanted = {
        "BodyMandateShape",
        "BodyMandateOpenShape",
        "RegionContactPointShape",
        "ObligationPartyShape",
        "ObligationActionShape",
        "PostHolderShape",
        "AgreementPartyShape",
        "AgreementDateShape",
        "AgreementStatusShape",
        "GroupMemberShape",
        "BodyIslandShape",
        "AgentEndShape",
        "OrganisationEndShape",
        "PrefLabelShape",
        "ProvenanceShape",
        "UndescribedIriShape",
        "ReportingCycleShape",
    }
    assert wanted <= names, f"missing rules: {sorted(wanted - names)}"


def test_every_rule_is_named_explained_and_tested_in_both_languages(shapes_graph: rdflib.Graph) -> None:
    for rule in rules(shapes_graph):
        local = str(rule).removeprefix(str(GSH))
        for predicate in (SH.name, SH.message, SH.description):
            by_lang = texts(shapes_graph, rule, predicate)
            assert sorted(by_lang, key=str) == ["da", "en"], f"{local}: {predicate} needs one @da and one @en"
            assert all(len(v) == 1 for v in by_lang.values()), f"{local}: one {predicate} per language"
        severities = list(shapes_graph.objects(rule, SH.severity))
        assert len(severities) == 1 and severities[0] in SEVERITY, f"{local}: one sh:severity"
        comments = [str(c) for c in shapes_graph.objects(rule, RDFS.comment)]
        assert f"Tested by tests/shapes/invalid/{local}/" in comments, f"{local}: rdfs:comment names its fixtures"
        assert sorted((SHAPE_FIXTURES / "invalid" / local).glob("*.ttl")), f"{local}: no invalid fixture"


@pytest.mark.parametrize(
    ("rule", "scheme"),
    [
        pytest.param("MandateStatusValueShape", "MandateStatusScheme", id="mandate-status"),
        pytest.param("AgreementStatusValueShape", "AgreementStatusScheme", id="agreement-status"),
        pytest.param("FrequencyValueShape", "FrequencyScheme", id="frequency"),
        pytest.param("StandingShape", "StandingScheme", id="standing"),
    ],
)
def test_each_value_list_is_its_concept_scheme(
    rule: str, scheme: str, shapes_graph: rdflib.Graph, settings: Settings
) -> None:
    ontology = store_with(settings).rdflib_graph(frozenset({"ontology"}))
    listed = set(Collection(shapes_graph, shapes_graph.value(GSH[rule], SH["in"])))
    assert listed == set(ontology.subjects(SKOS.inScheme, GOV[scheme]))


def test_the_sparql_rules_are_whole_graph_queries_no_engine_runs_per_node(shapes_graph: rdflib.Graph) -> None:
    """They use MINUS and sub-selects without $this (not allowed where $this is pre-bound per focus node),
    so they must be deactivated: govkg.audit runs each once over the whole graph, binding $this itself."""
    rules = sparql_rules(shapes_graph)
    assert len(rules) >= 10
    for rule in rules:
        assert (rule.shape, SH.deactivated, rdflib.Literal(True)) in shapes_graph, "pyshacl would run it per node"
        words = set(re.findall(r"[A-Z]+", rule.query.split("SELECT", 1)[1]))
        assert "SERVICE" not in words, f"{rule.shape}: the audit never leaves the store"
        assert rule.query.split("SELECT", 1)[1].split("WHERE")[0].split()[0] == "$this"


def test_every_fixture_folder_belongs_to_a_rule(shapes_graph: rdflib.Graph) -> None:
    folders = {p.name for p in (SHAPE_FIXTURES / "invalid").iterdir() if p.is_dir()}
    assert folders == {str(rule).removeprefix(str(GSH)) for rule in rules(shapes_graph)}


def test_the_base_of_every_fixture_conforms_on_its_own(settings: Settings) -> None:
    report = run_audit(store_with(settings, BASE))
    assert report.conforms, [(f.rule_name, f.focus_label) for f in report.findings]


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_conforms(path: Path, audit_fixture: Callable[..., AuditReport]) -> None:
    report = audit_fixture(path)
    assert report.conforms, [(f.rule_name, f.focus_label, f.path, f.value) for f in report.findings]
    assert report.findings == []


@pytest.mark.parametrize("path", INVALID, ids=[f"{p.parent.name}/{p.stem}" for p in INVALID])
def test_invalid_fixture_fails_exactly_its_shape(
    path: Path, audit_fixture: Callable[..., AuditReport], shapes_graph: rdflib.Graph
) -> None:
    rule = GSH[path.parent.name]
    report = audit_fixture(path)
    broken = sorted({f.rule for f in report.findings})
    assert broken == [str(rule)], f"{path.name} should fail only {path.parent.name}, failed {broken}"
    assert not report.conforms
    expected = SEVERITY[shapes_graph.value(rule, SH.severity)]  # type: ignore[index]
    assert {f.severity for f in report.findings} == {expected}
    assert {f.message for f in report.findings} == set(texts(shapes_graph, rule, SH.message)["en"])


@pytest.mark.parametrize("path", INVALID[::4], ids=[f"{p.parent.name}/{p.stem}" for p in INVALID[::4]])
def test_a_danish_audit_uses_the_danish_names_and_messages(
    path: Path, audit_fixture: Callable[..., AuditReport], shapes_graph: rdflib.Graph
) -> None:
    rule = GSH[path.parent.name]
    report = audit_fixture(path, "da")
    assert report.lang == "da" and report.findings
    assert {f.rule_name for f in report.findings} == set(texts(shapes_graph, rule, SH.name)["da"])
    assert {f.message for f in report.findings} == set(texts(shapes_graph, rule, SH.message)["da"])
