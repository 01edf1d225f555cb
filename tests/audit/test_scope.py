r"""Scopes checked against counts made by hand from data/ (the seed after issue 10's second pass).

How the hand counts were made:

* ``under``: list the objects of ``org:subOrganizationOf``, ``org:unitOf`` and ``org:postIn`` in
  data/ and its scenario folders (``grep -rn 'org:subOrganizationOf id:X\|org:unitOf id:X\|org:postIn id:X'
  data``), walk down from the root, then look each entity up in the plain ``govkg audit`` listing.
  - aarhus-ccc: ccc-styregruppe, ccc-forskningsraad, ccc-forum, ccc-sekretariat (as-is.ttl) and the
    proposed bodies (proposed.ttl), among them ccc-arbejdsgrupper-under-styregruppen under
    ccc-styregruppe. Mandate-status warnings: forum 3, forskningsraad 2, styregruppe 2, sekretariat 1;
    no members: styregruppe and arbejdsgrupper (2 warnings); arbejdsgrupper has no mandate (1
    violation) = 1 violation + 10 warnings.
  - rkkp (data/dmcg-samarbejdsaftale.ttl): sub-organisation rkkp-styregruppe (no mandate: 1
    violation), unit rkkp-puljen (no finding), posts rkkp-leder and rkkp-ressourceperson (nobody
    holds them: 2 info) = 3.
  - regionerne: rkkp's 3, plus sundhedsdirektoerkredsen and its sundhedsdirektoermoederne (no
    mandate: 2 violations), the posts sundhedsdirektoer, aftalt-kontakt-region, primaerindgang-region
    and, via regionernes-hospitaler → kliniske-afdelinger-kraeft, ledende-overlaege-kraeft (4 info)
    = 3 violations + 6 info. The regions themselves are members, not sub-organisations: they stay out.
  - region-hovedstaden: its council and the council chair's post, held by Sophie Hæstorp Andersen
    (a person, so in scope); only the region itself has a finding (no contact point: 1 warning).
* ``document``: the subjects (``grep -E '^id:'``) of data/aarhus-ccc-opsamling-2025.ttl and of its
  scenario files data/aarhus-ccc-opsamling-2025/*.ttl (178 of them), looked up in the plain listing:
  42 findings (15 violations, 23 warnings, 4 info), listed below. (Was 41: issue 10 added the proposal
  "Brug CCC-Forum til at dele opgaver …", whose obliged party the text does not name.)
"""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib.namespace import SH

from govkg.audit import GSH, run_audit
from govkg.audit.scope import Scope, entities_under, rule_iri, scenario_choices, scenario_graphs
from govkg.audit.triage import Filters, scoped, shown
from govkg.config import Settings
from govkg.errors import NotFound
from govkg.service import reload
from govkg.store import EmbeddedStore, Store
from tests.audit.conftest import AUDIT_DATA

AARHUS_DOCUMENT = Counter(
    {
        ("AgreementPartyShape", "opsamling-aarhus-ccc-2025"): 1,
        **dict.fromkeys(
            [
                ("BodyIslandShape", slug)
                for slug in (
                    "auh-al-kredsen",
                    "ccc-dialogmoeder-kontaktdirektoerer",
                    "ccc-lokal-etisk-komite",
                    "ccc-mdt-arbejdsgruppe",
                    "ccc-prioriteringsmoeder",
                    "ccc-rejsehold",
                    "globale-netvaerk",
                    "kvalitetskoordinatorer",
                    "mdt-er",
                    "medicinsk-topledelse",
                )
            ],
            1,
        ),
        ("BodyMandateOpenShape", "ccc-forskningsraad"): 2,
        ("BodyMandateOpenShape", "ccc-forum"): 3,
        ("BodyMandateOpenShape", "ccc-sekretariat"): 1,
        ("BodyMandateOpenShape", "ccc-styregruppe"): 2,
        **dict.fromkeys(
            [
                ("BodyMandateShape", slug)
                for slug in (
                    "auh-al-kredsen",
                    "auh-forskningsraad",
                    "auh-hospitalsledelsen",
                    "ccc-arbejdsgrupper-under-styregruppen",
                    "ccc-dialogmoeder-kontaktdirektoerer",
                    "ccc-mdt-arbejdsgruppe",
                    "ccc-rejsehold",
                    "ccc-tematiske-raad",
                    "globale-netvaerk",
                    "kvalitetskoordinatorer",
                    "mdt-er",
                    "medicinsk-topledelse",
                )
            ],
            1,
        ),
        **dict.fromkeys(
            [
                ("GroupMemberShape", slug)
                for slug in (
                    "ccc-arbejdsgrupper-under-styregruppen",
                    "ccc-mdt-arbejdsgruppe",
                    "ccc-styregruppe",
                    "globale-netvaerk",
                    "kvalitetskoordinatorer",
                )
            ],
            1,
        ),
        ("ObligationPartyShape", "obl-ccc-dialogmoeder-kontaktdirektoerer"): 1,
        ("ObligationPartyShape", "obl-ccc-forum-dele-opgaver"): 1,
        **dict.fromkeys(
            [("PostHolderShape", slug) for slug in ("ambassadoer", "hu-laege", "kontaktdirektoer", "overlaege")], 1
        ),
    }
)


def counts(store: Store, scope: Scope) -> dict[str, int]:
    return dict(scoped(run_audit(store), store, scope).counts_by_severity())


@pytest.mark.parametrize(
    ("root", "violation", "warning", "info"),
    [
        pytest.param("aarhus-ccc", 1, 10, 0, id="aarhus-ccc"),
        pytest.param("rkkp", 1, 0, 2, id="rkkp"),
        pytest.param("regionerne", 3, 0, 6, id="regionerne"),
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
    for name in ("002_290ce6b5839752f9.txt", "aarhus-ccc-opsamling-2025.ttl", "data/aarhus-ccc-opsamling-2025"):
        report = scoped(run_audit(seed_store), seed_store, Scope(document=name))
        found = Counter((f.rule.rsplit("#", 1)[-1], f.focus.rsplit("/", 1)[-1]) for f in report.findings)
        assert found == AARHUS_DOCUMENT and sum(found.values()) == 42, name


def test_scopes_combine_and_the_rule_accepts_three_spellings(seed_store: Store) -> None:
    for name in ("BodyMandateOpenShape", "gsh:BodyMandateOpenShape", str(GSH.BodyMandateOpenShape)):
        assert rule_iri(seed_store, name) == str(GSH.BodyMandateOpenShape)
    both = Scope(under="aarhus-ccc", document="002_290ce6b5839752f9.txt", rule="BodyMandateOpenShape")
    assert counts(seed_store, both) == {"violation": 0, "warning": 8, "info": 0}
    only_rule = scoped(run_audit(seed_store), seed_store, Scope(rule="PostHolderShape"))
    every = [f for f in run_audit(seed_store).findings if f.rule == str(GSH.PostHolderShape)]
    assert len(only_rule.findings) == len(every) > 0 and {f.severity for f in only_rule.findings} == {"info"}
    shown_ = shown(only_rule, Filters(Scope(rule="PostHolderShape"), "warning"))
    assert shown_.findings == []


def test_the_turtle_report_is_cut_to_the_scope(seed_store: Store) -> None:
    report = scoped(run_audit(seed_store), seed_store, Scope(under="rkkp"))
    assert len(set(report.report_graph.subjects(SH.focusNode, None))) == len(report.findings) == 3


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
    assert ("scenario-test", "Testscenarie") in scenario_choices(store, "da")
    for choice, _ in scenario_choices(store, "en"):
        assert len(scenario_graphs(store, choice)) == 1, f"the form's choice {choice} names one scenario"
    proposed = scoped(run_audit(store), store, Scope(scenario="rm-organisering-2016/proposed"))
    assert proposed.findings and all(f.focus.startswith("https://w3id.org/govkg/id/") for f in proposed.findings)
    with pytest.raises(NotFound, match="ambiguous"):
        scoped(run_audit(store), store, Scope(scenario="as-is"))
    with_kosu = scoped(run_audit(store), store, Scope(scenario="scenario-test", under="kosu"))
    assert len(with_kosu.findings) == 2, "the scenario's body sits under KOSU"
