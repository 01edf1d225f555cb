"""The SPARQL engine against the pyshacl reference: the same results on every fixture, the seed data
and a synthetic graph, and which engine ran each rule."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from govkg.audit import AuditError, AuditReport, audit_graphs, run_audit
from govkg.audit.compile import compile_shapes
from govkg.audit.conditions import Unsupported, path_sparql, term
from govkg.audit.results import result_keys
from govkg.cli import main
from govkg.config import Settings
from govkg.loading import read_sources
from govkg.namespaces import ID
from govkg.store import EmbeddedStore, Store
from tests.audit.conftest import AUDIT_DATA, BASE, INVALID, VALID, store_with
from tests.live import ROOT

FEATURES = AUDIT_DATA / "features"
FIXTURES = [[AUDIT_DATA / "small.ttl"], [BASE], *([BASE, path] for path in VALID + INVALID)]
EX = rdflib.Namespace("http://example.org/ns#")


def assert_same(sparql: AuditReport, pyshacl: AuditReport, *, messages: bool = True) -> None:
    """Same (focus, path, value, component, severity, shape) results, as many times each; same findings
    (their messages too, unless shapes without sh:message leave each engine to its own wording)."""
    ours, reference = Counter(result_keys(sparql.report_graph)), Counter(result_keys(pyshacl.report_graph))
    assert ours == reference, {"only sparql": ours - reference, "only pyshacl": reference - ours}
    if messages:
        assert sparql.findings == pyshacl.findings
    else:
        assert [replace(f, message="") for f in sparql.findings] == [replace(f, message="") for f in pyshacl.findings]
    assert sparql.conforms == pyshacl.conforms


@pytest.mark.parametrize("files", FIXTURES, ids=[f[-1].parent.name + "/" + f[-1].stem for f in FIXTURES])
def test_both_engines_agree_on_every_fixture(files: list[Path], settings: Settings) -> None:
    store = store_with(settings, *files)
    assert_same(run_audit(store, "en", "sparql"), run_audit(store, "en", "pyshacl"))


def test_both_engines_agree_on_the_seed_data(seed_store: Store) -> None:
    sparql = run_audit(seed_store, "da", "sparql")
    assert_same(sparql, run_audit(seed_store, "da", "pyshacl"))
    assert sparql.findings and set(sparql.engines.values()) == {"sparql", "networkx"}


def test_both_engines_agree_on_a_synthetic_graph(settings: Settings, tmp_path: Path) -> None:
    command = [sys.executable, str(ROOT / "bench" / "generate.py"), "--triples", "10000", "-o", str(tmp_path)]
    subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    store = store_with(settings, tmp_path / "synthetic-10k" / "synthetic-10k.ttl")
    sparql = run_audit(store, "en", "sparql")
    assert len(sparql.findings) > 30
    assert_same(sparql, run_audit(store, "en", "pyshacl"))


@pytest.fixture(scope="module")
def features() -> tuple[rdflib.Graph, rdflib.Graph]:
    data = rdflib.Graph().parse(FEATURES / "data.ttl")
    return data, rdflib.Graph().parse(FEATURES / "shapes.ttl")


def test_every_core_feature_the_engine_translates_agrees_with_pyshacl(
    features: tuple[rdflib.Graph, rdflib.Graph],
) -> None:
    data, shapes = features
    sparql = audit_graphs(data, shapes, engine="sparql")
    assert len(sparql.findings) > 30
    assert_same(sparql, audit_graphs(data, shapes, engine="pyshacl"), messages=False)
    assert all(f.message for f in sparql.findings)
    assert any(f.message == f"{EX.other} has a staff member {EX.dave} of another company" for f in sparql.findings)


def test_untranslated_rules_run_in_pyshacl_and_the_report_says_so(features: tuple[rdflib.Graph, rdflib.Graph]) -> None:
    data, shapes = features
    plan = compile_shapes(shapes)
    assert {f.shape for f in plan.fallbacks} == {EX.ClosedShape, EX.EqualsShape}
    assert EX.ClosedShape not in plan.translated() and EX.PersonShape in plan.translated()
    report = audit_graphs(data, shapes, engine="sparql")
    assert report.engines[str(EX.ClosedShape)] == "pyshacl" and report.engines[str(EX.PersonShape)] == "sparql"
    assert {f.rule for f in report.findings} >= {str(EX.ClosedShape), str(EX.EqualsShape)}
    gsh = rdflib.Namespace("https://w3id.org/govkg/shapes#")
    runs = {
        (g.value(run, gsh.rule), str(g.value(run, gsh.engine)))
        for g in [report.report_graph]
        for run in g.objects(None, gsh.ruleRun)
    }
    assert (EX.EqualsShape, "pyshacl") in runs and (EX.SparqlShape, "sparql") in runs


def test_untranslated_rules_on_a_store_run_on_a_copy_of_what_they_reach() -> None:
    store = EmbeddedStore()
    store.load(read_sources([("data", FEATURES / "data.ttl"), ("shapes", FEATURES / "shapes.ttl")], str(ID)))
    report = run_audit(store, "en", "sparql")
    assert report.engines[str(EX.ClosedShape)] == "pyshacl"
    assert_same(report, run_audit(store, "en", "pyshacl"), messages=False)


def test_a_sparql_constraint_that_reports_failure_stops_the_audit() -> None:
    shapes = rdflib.Graph().parse(
        data="""PREFIX sh: <http://www.w3.org/ns/shacl#>
        PREFIX ex: <http://example.org/ns#>
        ex:S sh:targetNode ex:a ;
            sh:sparql [ sh:select "SELECT $this ?failure WHERE { BIND (true AS ?failure) }" ] .""",
        format="turtle",
    )
    with pytest.raises(AuditError):
        audit_graphs(rdflib.Graph(), shapes)


def test_what_cannot_be_translated_says_why() -> None:
    graph = rdflib.Graph()
    with pytest.raises(Unsupported):
        term(rdflib.BNode())
    with pytest.raises(Unsupported):
        path_sparql(graph, rdflib.BNode())


def test_the_command_line_picks_the_engine(settings: Settings, tmp_path: Path) -> None:
    empty = tmp_path / "no-data"
    empty.mkdir()
    env = {
        "GOVKG_ONTOLOGY_DIR": str(settings.ontology_dir),
        "GOVKG_SHAPES_DIR": str(settings.shapes_dir),
        "GOVKG_DATA_DIR": str(empty),
        "GOVKG_EXTRA_PATHS": "[]",
    }
    outputs = {}
    for engine in ("sparql", "pyshacl"):
        args = ["audit", "--data", str(AUDIT_DATA / "small.ttl"), "--format", "json", "--engine", engine]
        result = CliRunner().invoke(main, args, env=env)
        assert result.exit_code == 1, result.output
        outputs[engine] = {k: v for k, v in json.loads(result.output).items() if k != "version"}
    engines = {engine: outputs[engine].pop("engines") for engine in outputs}
    assert outputs["sparql"] == outputs["pyshacl"]
    assert engines["sparql"].keys() == engines["pyshacl"].keys()
    assert set(engines["sparql"].values()) == {"sparql", "networkx"}
    assert set(engines["pyshacl"].values()) == {"sparql", "pyshacl", "networkx"}
    assert CliRunner().invoke(main, ["audit", "--engine", "rdf4j"], env=env).exit_code == 2


def test_an_unknown_engine_is_refused(small_store: Store) -> None:
    with pytest.raises(ValueError, match="engine"):
        run_audit(small_store, "en", "rdf4j")  # type: ignore[arg-type]
