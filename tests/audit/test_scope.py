"""Scopes checked against counts made by hand from data/*.ttl.

How the hand counts were made (seed data as of this commit):

* ``under``: list the objects of ``org:subOrganizationOf``, ``org:unitOf`` and ``org:postIn`` in
  data/*.ttl (``grep -n 'org:subOrganizationOf\\|org:unitOf\\|org:postIn' data/*.ttl``), walk down from
  the root, then look each entity up in the plain ``govkg audit`` listing.
  - aarhus-ccc: ccc-styregruppe, ccc-forskningsraad, ccc-forum, ccc-sekretariat are sub-organisations
    (data/aarhus-ccc-opsamling-2025.ttl); no posts, units or people. Their mandate-status warnings:
    forum 3 (unclear, under revision, to be described), forskningsraad 2, styregruppe 2, sekretariat 1
    = 8 warnings, nothing else.
  - rkkp: sub-organisations rkkp-styregruppe, rkkp-fagligt-raadgivende-udvalg (no mandate: 2
    violations), unit rkkp-puljen (no finding), posts rkkp-leder, rkkp-ressourceperson (nobody
    holds them: 2 info) = 4.
  - regionerne: rkkp's 4, plus sundhedsdirektoerkredsen and its sundhedsdirektoermoederne (no
    mandate: 2 violations), the post sundhedsdirektoer and, via regionernes-hospitaler →
    kliniske-afdelinger-kraeft, the post ledende-overlaege-kraeft (2 info) = 4 violations + 4 info.
    The regions themselves are members, not sub-organisations, so their findings stay out.
  - region-hovedstaden: its council and the council chair's post, held by Sophie Hæstorp Andersen
    (a person, so in scope); only the region itself has a finding (no contact point: 1 warning).
* ``document``: the subjects of data/aarhus-ccc-opsamling-2025.ttl (``grep -E '^id:'``, 89 of them),
  looked up in the plain listing: 18 findings (5 violations, 12 warnings, 1 info), listed below.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib.namespace import SH

from govkg.audit import GSH, run_audit
from govkg.audit.scope import Scope, entities_under, rule_iri, scenario_choices
from govkg.audit.triage import Filters, scoped, shown
from govkg.config import Settings
from govkg.errors import NotFound
from govkg.service import reload
from govkg.store import EmbeddedStore, Store
from tests.audit.conftest import AUDIT_DATA

AARHUS_DOCUMENT = Counter(
    {
        ("AgreementPartyShape", "opsamling-aarhus-ccc-2025"): 1,
        ("BodyMandateShape", "auh-forskningsraad"): 1,
        ("BodyMandateShape", "auh-al-kredsen"): 1,
        ("BodyMandateShape", "auh-hospitalsledelsen"): 1,
        ("BodyMandateShape", "ccc-mdt-arbejdsgruppe"): 1,
        ("BodyMandateOpenShape", "ccc-forum"): 3,
        ("BodyMandateOpenShape", "ccc-forskningsraad"): 2,
        ("BodyMandateOpenShape", "ccc-sekretariat"): 1,
        ("BodyMandateOpenShape", "ccc-styregruppe"): 2,
        ("BodyIslandShape", "auh-al-kredsen"): 1,
        ("BodyIslandShape", "auh-hospitalsledelsen"): 1,
        ("BodyIslandShape", "ccc-mdt-arbejdsgruppe"): 1,
        ("GroupMemberShape", "ccc-mdt-arbejdsgruppe"): 1,
        ("PostHolderShape", "kontaktdirektoer"): 1,
    }
)


def counts(store: Store, scope: Scope) -> dict[str, int]:
    return dict(scoped(run_audit(store), store, scope).counts_by_severity())


@pytest.mark.parametrize(
    ("root", "violation", "warning", "info"),
    [
        pytest.param("aarhus-ccc", 0, 8, 0, id="aarhus-ccc"),
        pytest.param("rkkp", 2, 0, 2, id="rkkp"),
        pytest.param("regionerne", 4, 0, 4, id="regionerne"),
        pytest.param("region-hovedstaden", 0, 1, 0, id="region-hovedstaden"),
    ],
)
def test_under_an_entity_matches_the_hand_count(
    seed_store: Store, root: str, violation: int, warning: int, info: int
) -> None:
    assert counts(seed_store, Scope(under=root)) == {"violation": violation, "warning": warning, "info": info}


def test_under_follows_posts_down_to_the_people_holding_them_but_not_up(seed_store: Store) -> None:
    below = {iri.rsplit("/", 1)[-1] for iri in entities_under(seed_store, "region-hovedstaden")}
    assert {"regionsraadet-region-hovedstaden", "regionsraadsformand-region-hovedstaden"} <= below
    assert "sophie-haestorp-andersen" in below
    assert "regionerne" not in below and "region-sjaelland" not in below
    assert all(not name.startswith("passage-") for name in below)


def test_a_document_scope_matches_the_hand_count(seed_store: Store) -> None:
    for name in ("002_290ce6b5839752f9.txt", "aarhus-ccc-opsamling-2025.ttl", "data/aarhus-ccc-opsamling-2025.ttl"):
        report = scoped(run_audit(seed_store), seed_store, Scope(document=name))
        found = Counter((f.rule.rsplit("#", 1)[-1], f.focus.rsplit("/", 1)[-1]) for f in report.findings)
        assert found == AARHUS_DOCUMENT, name


def test_scopes_combine_and_the_rule_accepts_three_spellings(seed_store: Store) -> None:
    for name in ("BodyMandateOpenShape", "gsh:BodyMandateOpenShape", str(GSH.BodyMandateOpenShape)):
        assert rule_iri(seed_store, name) == str(GSH.BodyMandateOpenShape)
    both = Scope(under="aarhus-ccc", document="002_290ce6b5839752f9.txt", rule="BodyMandateOpenShape")
    assert counts(seed_store, both) == {"violation": 0, "warning": 8, "info": 0}
    only_rule = scoped(run_audit(seed_store), seed_store, Scope(rule="PostHolderShape"))
    assert len(only_rule.findings) == 15 and {f.severity for f in only_rule.findings} == {"info"}
    shown_ = shown(only_rule, Filters(Scope(rule="PostHolderShape"), "warning"))
    assert shown_.findings == []


def test_the_turtle_report_is_cut_to_the_scope(seed_store: Store) -> None:
    report = scoped(run_audit(seed_store), seed_store, Scope(under="rkkp"))
    assert len(set(report.report_graph.subjects(SH.focusNode, None))) == 4


@pytest.mark.parametrize(
    "scope",
    [
        pytest.param(Scope(under="nobody"), id="under"),
        pytest.param(Scope(under="not a slug"), id="under-bad-iri"),
        pytest.param(Scope(document="nothing.txt"), id="document"),
        pytest.param(Scope(scenario="nothing"), id="scenario"),
        pytest.param(Scope(rule="gsh:Nothing"), id="rule"),
    ],
)
def test_an_unknown_name_is_not_found(seed_store: Store, scope: Scope) -> None:
    with pytest.raises(NotFound):
        scoped(run_audit(seed_store), seed_store, scope)


def test_a_scenario_scope_keeps_what_its_named_graph_describes(settings: Settings) -> None:
    store = EmbeddedStore()
    reload(store, settings.model_copy(update={"extra_paths": [AUDIT_DATA / "scenario-test.ttl"]}))
    report = scoped(run_audit(store), store, Scope(scenario="scenario-test"))
    found = sorted((f.severity, f.rule.rsplit("#", 1)[-1], f.focus.rsplit("/", 1)[-1]) for f in report.findings)
    assert found == [
        ("violation", "BodyMandateShape", "test-scenario-body"),
        ("warning", "GroupMemberShape", "test-scenario-body"),
    ]
    assert scenario_choices(store, "da") == [("scenario-test", "Testscenarie")]
    with_kosu = scoped(run_audit(store), store, Scope(scenario="scenario-test", under="kosu"))
    assert len(with_kosu.findings) == 2, "the scenario's body sits under KOSU"
