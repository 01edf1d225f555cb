"""The projection: which entities and relations of the made-up world become nodes and edges, and filters."""

from __future__ import annotations

import networkx as nx
import pytest
import rdflib

from govkg.audit import AuditReport, Finding
from govkg.errors import NotFound
from govkg.namespaces import ID
from viz.findings import NodeFinding, overlay
from viz.kinds import compact, expand, severity_key
from viz.projection import InvalidFilter, UnknownFocus, as_dict, project, select, to_networkx

# The made-up world (tests/data/viz/org.ttl): two regions and a hospital (organisations), a department
# (unit), a council, a steering group, a network and a mischief-making working group (bodies), a chair
# post, a person, an agreement and an obligation.
EVERY_NODE = 12
NODES_BUT_OBLIGATIONS = EVERY_NODE - 1
# 18 relations are stated; the obligation takes part in three of them (obliges, owed to, stated in).
EVERY_EDGE = 18
EDGES_BUT_OBLIGATIONS = EVERY_EDGE - 3


def iri(slug: str) -> str:
    return f"{ID}{slug}"


def relations_of(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {
        (compact(u).removeprefix("id:"), key, compact(v).removeprefix("id:")) for u, v, key in graph.edges(keys=True)
    }


def test_every_governance_entity_becomes_a_node_with_its_kind(viz_full: nx.MultiDiGraph) -> None:
    kinds = {compact(n).removeprefix("id:"): a["kind"] for n, a in viz_full.nodes(data=True)}
    assert len(kinds) == EVERY_NODE
    assert kinds["viz-region-north"] == kinds["viz-hospital"] == "organisation"
    assert kinds["viz-department"] == "unit"
    assert {kinds[s] for s in ("viz-council", "viz-steering", "viz-network", "viz-mischief")} == {"body"}
    assert (kinds["viz-chair"], kinds["viz-person"], kinds["viz-agreement"]) == ("post", "person", "agreement")
    assert kinds["viz-obligation"] == "obligation"
    assert not any(k.startswith(("passage", "doc-")) for k in kinds), "passages and documents are not drawn"


def test_relations_keep_their_reading_direction(viz_full: nx.MultiDiGraph) -> None:
    edges = relations_of(viz_full)
    assert len(edges) == EVERY_EDGE
    assert ("viz-hospital", "sub_organisation", "viz-region-north") in edges
    assert ("viz-department", "unit_of", "viz-hospital") in edges
    assert ("viz-steering", "reports_to", "viz-council") in edges
    assert ("viz-agreement", "establishes", "viz-steering") in edges, "gov:establishedBy is read backwards"
    assert ("viz-region-south", "funds", "viz-network") in edges, "gov:fundedBy is read backwards"
    assert ("viz-region-north", "party_to", "viz-agreement") in edges
    assert ("viz-person", "signatory_of", "viz-agreement") in edges
    assert ("viz-chair", "held_by", "viz-person") in edges


def test_a_membership_becomes_a_member_edge_with_its_role(viz_full: nx.MultiDiGraph) -> None:
    seat = viz_full.edges[iri("viz-region-south"), iri("viz-steering"), "member_of"]
    assert (seat["role_da"], seat["role_en"]) == ("Repræsentant", "Representative")


def test_nodes_carry_both_labels_their_class_passages_and_documents(viz_full: nx.MultiDiGraph) -> None:
    north = viz_full.nodes[iri("viz-region-north")]
    assert (north["label_da"], north["label_en"]) == ("Testregion Nord", "Test Region North")
    assert north["class"] == "gov:Region" and (north["type_da"], north["type_en"]) == ("Region", "Region")
    assert north["alt_labels"] == ["TRN"]
    assert north["passages"] == [
        {"quote": "Testregion Nord driver Testhospitalet.", "doc": iri("doc-viz-charter")},
    ]
    assert viz_full.nodes[iri("viz-agreement")]["docs"] == [iri("doc-viz-charter")], "an agreement's dct:source"
    obligation = viz_full.nodes[iri("viz-obligation")]
    assert obligation["label_en"] == "The steering group informs the council every quarter."
    assert viz_full.graph["documents"][iri("doc-viz-charter")]["identifier"] == "900_viz_charter.txt"


def test_obligations_are_left_out_unless_asked_for(viz_full: nx.MultiDiGraph) -> None:
    default = select(viz_full)
    assert (default.number_of_nodes(), default.number_of_edges()) == (NODES_BUT_OBLIGATIONS, EDGES_BUT_OBLIGATIONS)
    everything = select(viz_full, types=["organisation", "unit", "body", "post", "person", "agreement", "obligation"])
    assert (everything.number_of_nodes(), everything.number_of_edges()) == (EVERY_NODE, EVERY_EDGE)


def test_type_and_relation_filters_pick_nodes_and_edges(viz_full: nx.MultiDiGraph) -> None:
    bodies = select(viz_full, types=["body"])
    assert {a["kind"] for _, a in bodies.nodes(data=True)} == {"body"}
    assert relations_of(bodies) == {
        ("viz-steering", "reports_to", "viz-council"),
        ("viz-network", "informs", "viz-council"),
        ("viz-network", "advises", "viz-steering"),
        ("viz-mischief", "sub_organisation", "viz-council"),
    }
    lines = select(viz_full, relations=["reports_to", "sub_organisation"])
    assert lines.number_of_nodes() == NODES_BUT_OBLIGATIONS, "a relation filter keeps the nodes"
    assert {key for _, _, key in lines.edges(keys=True)} == {"reports_to", "sub_organisation"}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("doc-viz-minutes", id="slug"),
        pytest.param("viz-minutes", id="slug-without-doc"),
        pytest.param("id:doc-viz-minutes", id="compact"),
        pytest.param(iri("doc-viz-minutes"), id="iri"),
        pytest.param("901_viz_minutes.txt", id="seed-file"),
    ],
)
def test_a_document_filter_keeps_what_that_document_mentions(viz_full: nx.MultiDiGraph, name: str) -> None:
    minutes = select(viz_full, docs=[name])
    assert set(minutes) == {iri("viz-region-south"), iri("viz-network"), iri("viz-mischief")}
    assert relations_of(minutes) == {("viz-region-south", "funds", "viz-network")}


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        pytest.param(0, {"viz-steering"}, id="depth-0"),
        pytest.param(
            1,
            {"viz-steering", "viz-council", "viz-agreement", "viz-network", "viz-chair", "viz-region-south"},
            id="depth-1",
        ),
    ],
)
def test_focus_and_depth_follow_edges_both_ways(viz_full: nx.MultiDiGraph, depth: int, expected: set[str]) -> None:
    around = select(viz_full, focus="viz-steering", depth=depth)
    assert {compact(n).removeprefix("id:") for n in around} == expected
    assert around.graph["focus"] == iri("viz-steering")


def test_depth_two_reaches_further_but_not_everything(viz_full: nx.MultiDiGraph) -> None:
    one, two = select(viz_full, focus="viz-steering", depth=1), select(viz_full, focus="viz-steering", depth=2)
    assert set(one) < set(two) < set(select(viz_full))
    assert iri("viz-region-north") in two and iri("viz-department") not in two


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("viz-council", id="slug"),
        pytest.param("id:viz-council", id="compact"),
        pytest.param(iri("viz-council"), id="iri"),
    ],
)
def test_a_focus_can_be_named_three_ways(viz_full: nx.MultiDiGraph, name: str) -> None:
    assert select(viz_full, focus=name, depth=0).graph["focus"] == iri("viz-council")


def test_the_focus_stays_even_when_its_type_is_filtered_out(viz_full: nx.MultiDiGraph) -> None:
    around = select(viz_full, focus="viz-obligation", depth=1, types=["body"])
    assert set(around) == {iri("viz-obligation"), iri("viz-steering"), iri("viz-council")}


def test_an_unknown_focus_is_a_not_found_error(viz_full: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownFocus) as raised:
        select(viz_full, focus="no-such-body")
    assert isinstance(raised.value, NotFound) and "no-such-body" in raised.value.message


@pytest.mark.parametrize(
    "filters",
    [
        pytest.param({"types": ["bodies"]}, id="type"),
        pytest.param({"relations": ["bosses"]}, id="relation"),
        pytest.param({"docs": ["doc-unknown"]}, id="document"),
        pytest.param({"focus": "viz-council", "depth": -1}, id="depth"),
    ],
)
def test_unknown_filter_values_are_refused(viz_full: nx.MultiDiGraph, filters: dict[str, object]) -> None:
    with pytest.raises(InvalidFilter):
        select(viz_full, **filters)  # type: ignore[arg-type]


def finding(focus: str, severity: str, shape: str, rule: str, message: str) -> Finding:
    return Finding(
        focus=focus,
        focus_label="",
        rule=f"urn:shape:{shape}",
        rule_name=rule,
        constraint="sh:MinCount",
        severity=severity,
        message=message,
        path=None,
        value=None,  # type: ignore[arg-type]
    )


def report(lang: str, findings: list[Finding]) -> AuditReport:
    return AuditReport(findings=findings, conforms=not findings, version="1", report_graph=rdflib.Graph(), lang=lang)


def test_audit_findings_mark_nodes_with_their_worst_severity(viz_rdf: rdflib.Graph) -> None:
    council_iri = iri("viz-council")
    danish = report(
        "da",
        [
            finding(council_iri, "warning", "mandate", "Uden mandat", "Rådet har intet mandat."),
            finding(council_iri, "violation", "members", "Uden medlemmer", "Ingen medlemmer."),
        ],
    )
    english = report(
        "en",
        [
            finding(council_iri, "violation", "members", "No members", "No members."),
            finding(council_iri, "warning", "mandate", "No mandate", "The council has no mandate."),
        ],
    )
    severities, findings = overlay(danish, english)
    graph = project(viz_rdf, severities, findings)
    council = graph.nodes[iri("viz-council")]
    assert council["severity"] == "violation"
    assert [(f["rule_da"], f["rule_en"]) for f in council["findings"]] == [
        ("Uden mandat", "No mandate"),
        ("Uden medlemmer", "No members"),
    ]
    assert graph.nodes[iri("viz-steering")]["severity"] is None


def test_hand_made_severities_work_without_findings(viz_rdf: rdflib.Graph) -> None:
    graph = project(viz_rdf, {iri("viz-network"): "http://www.w3.org/ns/shacl#Warning"})
    assert graph.nodes[iri("viz-network")]["severity"] == "warning"
    only_findings = project(viz_rdf, None, {iri("viz-chair"): [NodeFinding("info", "r", "r", "m", "m")]})
    assert only_findings.nodes[iri("viz-chair")]["severity"] == "info"


def test_as_dict_is_plain_json_in_a_stable_order(viz_full: nx.MultiDiGraph) -> None:
    data = as_dict(select(viz_full, focus="viz-steering", depth=1))
    assert data["focus"] == iri("viz-steering") and data["depth"] == 1
    assert [n["id"] for n in data["nodes"]] == sorted(n["id"] for n in data["nodes"])
    seat = next(e for e in data["edges"] if e["relation"] == "member_of")
    assert seat["role"] == {"da": "Repræsentant", "en": "Representative"}
    assert {d["identifier"] for d in data["documents"]} == {"900_viz_charter.txt", "901_viz_minutes.txt"}


def test_names_compact_and_expand_both_ways() -> None:
    assert compact(iri("rkkp")) == "id:rkkp" and expand("id:rkkp") == iri("rkkp")
    assert expand("http://example.org/x") == "http://example.org/x"
    assert [severity_key(s) for s in ("sh:Violation", "http://www.w3.org/ns/shacl#Info", "warning")] == [
        "violation",
        "info",
        "warning",
    ]


def test_an_empty_graph_projects_to_nothing() -> None:
    assert to_networkx(rdflib.Graph()).number_of_nodes() == 0
