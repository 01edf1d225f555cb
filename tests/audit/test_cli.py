"""``govkg audit`` as a pipeline sees it: exit 0, 1 or 2, and every format says the same thing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner, Result
from rdflib.namespace import RDF, SH

from govkg.audit.schema import AuditReportModel
from govkg.cli import main
from govkg.config import Settings
from tests.audit.conftest import AUDIT_DATA, BASE, SHAPE_FIXTURES

SMALL = AUDIT_DATA / "small.ttl"
WARNING_ONLY = SHAPE_FIXTURES / "invalid" / "RegionContactPointShape" / "01_region_without_contact_point.ttl"
INFO_ONLY = SHAPE_FIXTURES / "invalid" / "PostHolderShape" / "01_post_without_holder.ttl"
CONFORMING = SHAPE_FIXTURES / "valid" / "01_complete_world.ttl"
Runner = Callable[..., Result]


@pytest.fixture()
def run(settings: Settings, tmp_path: Path) -> Runner:
    """Run ``govkg audit`` over the real ontology and shapes and only the given data files."""
    empty = tmp_path / "no-data"
    empty.mkdir()
    env = {
        "GOVKG_ONTOLOGY_DIR": str(settings.ontology_dir),
        "GOVKG_SHAPES_DIR": str(settings.shapes_dir),
        "GOVKG_DATA_DIR": str(empty),
        "GOVKG_EXTRA_PATHS": "[]",
    }

    def invoke(*args: str, data: tuple[Path, ...] = (SMALL,)) -> Result:
        options = [part for path in data for part in ("--data", str(path))]
        return CliRunner().invoke(main, ["audit", "--lang", "en", *options, *args], env=env)

    return invoke


def test_audit_is_listed_in_the_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "audit" in result.output


def test_a_violation_fails_the_pipeline_and_the_table_counts_each_rule(run: Runner) -> None:
    result = run()
    assert result.exit_code == 1, result.output
    assert "5 findings: 3 violations, 1 warning, 1 info" in result.output
    table = {
        line.split("  ")[0]: line.split()[-1]
        for line in result.output.splitlines()
        if line.endswith(tuple("0123456789"))
    }
    assert table["Reporting cycle"] == "2" and table["Obligation without an obliged party"] == "1"
    assert table["Region without a contact point"] == "1" and table["Post nobody holds"] == "1"
    assert "“Der gøres løbende status på aftalen.” — Lille testaftale [small.txt]" in result.output


@pytest.mark.parametrize(
    ("data", "fail_on", "code"),
    [
        pytest.param((BASE, CONFORMING), "violation", 0, id="conforming-world"),
        pytest.param((BASE, CONFORMING), "warning", 0, id="conforming-world-strict"),
        pytest.param((BASE, WARNING_ONLY), "violation", 0, id="warning-below-violation"),
        pytest.param((BASE, WARNING_ONLY), "warning", 1, id="warning-at-warning"),
        pytest.param((BASE, INFO_ONLY), "warning", 0, id="info-below-warning"),
        pytest.param((SMALL,), "never", 0, id="never-fails"),
    ],
)
def test_exit_status_follows_fail_on(run: Runner, data: tuple[Path, ...], fail_on: str, code: int) -> None:
    result = run("--fail-on", fail_on, data=data)
    assert result.exit_code == code, result.output


def test_severity_filters_what_is_shown_but_not_what_fails(run: Runner) -> None:
    result = run("--severity", "warning", "--format", "json")
    assert result.exit_code == 1
    body = AuditReportModel.model_validate_json(result.output)
    assert body.min_severity == "warning" and {f.severity for f in body.findings} == {"violation", "warning"}
    assert body.counts.info == 0 and body.total == 4


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--format", "pdf"), id="unknown-format"),
        pytest.param(("--lang", "sv"), id="unknown-language"),
        pytest.param(("--fail-on", "info"), id="unknown-fail-on"),
        pytest.param(("--no-such-option",), id="unknown-option"),
    ],
)
def test_usage_errors_exit_2(run: Runner, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output


def test_data_that_does_not_load_exits_2_and_names_the_line(run: Runner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    result = run(data=(broken,))
    assert result.exit_code == 2
    assert "broken.ttl:2" in result.output and "Traceback" not in result.output


def test_an_unwritable_output_file_exits_2(run: Runner, tmp_path: Path) -> None:
    result = run("-o", str(tmp_path / "missing" / "report.txt"))
    assert result.exit_code == 2 and "cannot write" in result.output


def test_json_validates_against_the_schema_and_names_the_sources(run: Runner) -> None:
    body = AuditReportModel.model_validate_json(run("--format", "json").output)
    assert (body.conforms, body.total, body.lang) == (False, 5, "en")
    assert (body.counts.violation, body.counts.warning, body.counts.info) == (3, 1, 1)
    cycle = [f for f in body.findings if f.rule.endswith("#ReportingCycleShape")]
    assert {(f.slug, f.value) for f in cycle} == {
        ("chef-a", "https://w3id.org/govkg/id/chef-b"),
        ("chef-b", "https://w3id.org/govkg/id/chef-a"),
    }
    assert cycle[0].sources[0].document == "small.txt" and cycle[0].sources[0].title == "Lille testaftale"
    assert [r.severity for r in body.rules] == ["violation", "violation", "warning", "info"]


def test_danish_json_speaks_danish(run: Runner) -> None:
    body = json.loads(run("--format", "json", "--lang", "da").output)
    region = next(f for f in body["findings"] if f["slug"] == "region-lilleby")
    assert region["focus_label"] == "Region Lilleby"
    assert region["rule_name"] == "Region uden kontaktpunkt"
    assert region["message"] == "Ingen af dokumenterne navngiver et kontaktpunkt for regionen."


def test_turtle_is_the_shacl_report_with_the_cycle_results(run: Runner, tmp_path: Path) -> None:
    out = tmp_path / "report.ttl"
    result = run("--format", "turtle", "-o", str(out))
    assert result.exit_code == 1 and str(out) in result.output
    graph = rdflib.Graph().parse(out, format="turtle")
    report = graph.value(None, RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms) == rdflib.Literal(False)
    results = list(graph.objects(report, SH.result))
    assert len(results) == 5
    shapes = {str(graph.value(r, SH.sourceShape)).rsplit("#", 1)[-1] for r in results}
    assert shapes == {"ReportingCycleShape", "ObligationPartyShape", "RegionContactPointShape", "PostHolderShape"}


def test_turtle_keeps_only_the_results_at_the_severity_asked_for(run: Runner) -> None:
    graph = rdflib.Graph().parse(data=run("--format", "turtle", "--severity", "violation").output, format="turtle")
    severities = {graph.value(r, SH.resultSeverity) for r in graph.objects(None, SH.result)}
    assert severities == {SH.Violation} and len(list(graph.objects(None, SH.result))) == 3


def test_html_file_is_self_contained_and_escapes_the_data(run: Runner, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert run("--format", "html", "--lang", "da", "-o", str(out)).exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and '<html lang="da">' in page
    assert "<script" not in page and "&lt;script&gt;alert(&quot;da&quot;)&lt;/script&gt; &amp; co" in page
    assert "http://" not in page.replace("http://www.w3.org/", "") and "src=" not in page
    assert "Region uden kontaktpunkt" in page and "Der gøres løbende status på aftalen." in page
