"""The audit core as other code uses it: reports per language, the per-version cache, worst severity per node."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib.plugins.sparql
from click.testing import CliRunner

from govkg.audit import DATA_KINDS, SHAPES_KINDS, AuditError, audit_graphs, cached_audit, run_audit, severities_by_focus
from govkg.audit.model import DeferredGraph
from govkg.cli import main
from govkg.config import Settings
from govkg.namespaces import ID, graph_iri
from govkg.store import Store
from tests.audit.conftest import AUDIT_DATA, BASE, SHAPE_FIXTURES, store_with

SMALL = AUDIT_DATA / "small.ttl"


def iri(slug: str) -> str:
    return str(ID[slug])


def test_worst_severity_per_entity_marks_the_org_graph(small_store: Store) -> None:
    worst = severities_by_focus(run_audit(small_store))
    assert worst == {
        iri("chef-a"): "violation",
        iri("chef-b"): "violation",
        iri("obl-status"): "violation",
        iri("region-lilleby"): "warning",
        iri("post-markup"): "info",
    }


def test_findings_name_the_entity_rule_and_passage_in_the_chosen_language(small_store: Store) -> None:
    (region,) = [f for f in run_audit(small_store, "da").findings if f.focus == iri("region-lilleby")]
    assert (region.focus_label, region.rule_name, region.severity) == (
        "Region Lilleby",
        "Region uden kontaktpunkt",
        "warning",
    )
    assert region.rule == "https://w3id.org/govkg/shapes#RegionContactPointShape"
    assert (region.constraint, region.path, region.value) == ("sh:MinCountConstraintComponent", "cv:contactPoint", None)
    assert [(s.document, s.title, s.quote) for s in region.sources] == [
        ("small.txt", "Lille testaftale", "Region Lilleby deltager i samarbejdet.")
    ]


def test_filtering_keeps_the_worst_and_counts_follow(small_store: Store) -> None:
    report = run_audit(small_store)
    assert report.counts_by_severity() == {"violation": 3, "warning": 1, "info": 1}
    only = report.filtered("violation")
    assert only.counts_by_severity() == {"violation": 3, "warning": 0, "info": 0}
    assert only.counts_by_rule() == {
        "https://w3id.org/govkg/shapes#ReportingCycleShape": 2,
        "https://w3id.org/govkg/shapes#ObligationPartyShape": 1,
    }
    assert report.has_at_least("warning") and only.worst() == report.worst() == "violation"
    assert only.conforms is False and report.worst() == "violation"


def test_the_cache_runs_once_per_version_and_both_languages_share_the_run(settings: Settings) -> None:
    store = store_with(settings, SMALL)
    english, danish = cached_audit(store, "en"), cached_audit(store, "da")
    assert cached_audit(store, "en") is english, "same version, same report"
    assert danish.report_graph is english.report_graph, "one validation run for both languages"
    assert english.version == store.version.etag
    new_region = f"<{iri('region-ny')}> a gov:Region, org:FormalOrganization"
    store.update(
        "PREFIX gov: <https://w3id.org/govkg/ontology#> PREFIX org: <http://www.w3.org/ns/org#> "
        f"INSERT DATA {{ GRAPH <{graph_iri('small')}> {{ {new_region} }} }}"
    )
    fresh = cached_audit(store, "en")
    assert fresh is not english and fresh.version == store.version.etag != english.version
    assert len(fresh.findings) > len(english.findings), "the new region lacks labels, provenance and a contact point"


def test_an_unknown_language_is_refused(small_store: Store) -> None:
    with pytest.raises(ValueError, match="lang"):
        run_audit(small_store, "sv")


def broken_shapes(tmp_path: Path, settings: Settings) -> Path:
    """A shapes folder whose cycle rule walks an inverse path, which the cycle check cannot do."""
    folder = tmp_path / "shapes"
    folder.mkdir()
    text = (settings.shapes_dir / "integrity.ttl").read_text(encoding="utf-8")
    text = text.replace(
        "( org:reportsTo gov:preparesCasesFor", "( [ sh:inversePath org:reportsTo ] gov:preparesCasesFor"
    )
    (folder / "integrity.ttl").write_text(text, encoding="utf-8")
    return folder


def test_shapes_the_audit_cannot_run_are_an_audit_error(settings: Settings, tmp_path: Path) -> None:
    store = store_with(settings.model_copy(update={"shapes_dir": broken_shapes(tmp_path, settings)}), SMALL)
    with pytest.raises(AuditError, match="ReportingCycleShape"):
        run_audit(store)


def test_the_command_line_exits_2_on_shapes_it_cannot_run(settings: Settings, tmp_path: Path) -> None:
    env = {
        "GOVKG_ONTOLOGY_DIR": str(settings.ontology_dir),
        "GOVKG_SHAPES_DIR": str(broken_shapes(tmp_path, settings)),
        "GOVKG_DATA_DIR": str(AUDIT_DATA),
        "GOVKG_EXTRA_PATHS": "[]",
    }
    result = CliRunner().invoke(main, ["audit"], env=env)
    assert result.exit_code == 2 and "ReportingCycleShape" in result.output


def test_a_store_is_untouched_by_the_audit(small_store: Store) -> None:
    before = (small_store.version, small_store.triple_count())
    run_audit(small_store)
    assert (small_store.version, small_store.triple_count()) == before


def test_a_type_at_the_wrong_end_names_the_relation_and_the_other_end(settings: Settings) -> None:
    fixture = SHAPE_FIXTURES / "invalid" / "OrganisationEndShape" / "01_post_in_a_person.ttl"
    (finding,) = run_audit(store_with(settings, BASE, fixture)).findings
    assert (finding.focus, finding.path, finding.value) == (iri("anna"), "^org:postIn", iri("post"))
    assert finding.constraint == "sh:SPARQLConstraintComponent" and finding.focus_label == "Anna Andersen"


def test_without_a_store_the_sparql_rules_run_on_the_rdflib_graph_alike(settings: Settings) -> None:
    store = store_with(
        settings, BASE, SHAPE_FIXTURES / "invalid" / "AgentEndShape" / "02_obliged_party_is_a_mandate.ttl"
    )
    on_store = run_audit(store)
    on_graph = audit_graphs(store.rdflib_graph(DATA_KINDS), store.rdflib_graph(SHAPES_KINDS))
    assert on_graph.findings == on_store.findings and len(on_store.findings) == 1


def test_the_audit_never_lets_rdflib_fetch_graphs(small_store: Store) -> None:
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = True  # what rdflib does by default
    try:
        run_audit(small_store)
        assert rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS is False
    finally:
        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


def test_a_deferred_report_graph_is_built_once_and_only_when_read() -> None:
    calls: list[int] = []

    def build() -> rdflib.Graph:
        calls.append(1)
        return rdflib.Graph().parse(data="<urn:a> <urn:b> <urn:c> .", format="nt")

    graph = DeferredGraph(build)
    assert calls == []
    assert len(graph) == 1 and (rdflib.URIRef("urn:a"), None, None) in graph
    assert "urn:a" in graph.serialize(format="nt") and calls == [1]
