"""States of an organisation as named graphs: what exists today and what was proposed, kept apart.

003 (2016) and 002 (2025) each describe the current organisation and a proposed one; 004 (2018) is a
draft. Each state is a named graph typed ``gov:Scenario`` (``data/<document>/<state>.ttl``); the bodies'
names, kinds and standing are in the document's own graph. The questions below are the ones a governance
designer asks of them, each answered from the passage quoted in its docstring.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from govkg.store import Store

GRAPH = "https://w3id.org/govkg/id/graph/"
RM_ASIS, RM_PROPOSED = GRAPH + "rm-organisering-2016/as-is", GRAPH + "rm-organisering-2016/proposed"
CCC_ASIS, CCC_PROPOSED = GRAPH + "aarhus-ccc-opsamling-2025/as-is", GRAPH + "aarhus-ccc-opsamling-2025/proposed"
RHRS_DRAFT = GRAPH + "rh-rs-visioner-2018/draft"
ID = "https://w3id.org/govkg/id/"
PREFIXES = """
PREFIX gov:  <https://w3id.org/govkg/ontology#>
PREFIX id:   <https://w3id.org/govkg/id/>
PREFIX org:  <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# Every predicate that draws a line, puts a seat in a body or gives a party a duty.
LINE_PATTERN = """
  { ?x ?p ?y . ?p rdfs:subPropertyOf* org:linkedTo } UNION { ?y ?p ?x . ?p rdfs:subPropertyOf* org:linkedTo }
  UNION { VALUES ?p { org:subOrganizationOf org:hasSubOrganization org:unitOf org:hasUnit org:memberOf
                      org:hasMember org:postIn org:hasPost org:reportsTo org:heldBy gov:establishedBy
                      gov:represents gov:involves org:member org:organization gov:obligedParty
                      gov:counterparty gov:venue }
          { ?x ?p ?y } UNION { ?y ?p ?x } }
"""

AskSeed = Callable[[str], list[dict[str, str]]]


def column(ask_seed: AskSeed, query: str) -> set[str]:
    return {next(iter(row.values())) for row in ask_seed(PREFIXES + query)}


def ask(seed_store: Store, query: str) -> bool:
    return bool(seed_store.query(PREFIXES + query).boolean)


@pytest.mark.parametrize(
    ("graph", "document", "kind"),
    [
        pytest.param(RM_ASIS, "doc-rm-organisering-2016", "AsIsScenario", id="003-as-is"),
        pytest.param(RM_PROPOSED, "doc-rm-organisering-2016", "ProposedScenario", id="003-proposed"),
        pytest.param(CCC_ASIS, "doc-aarhus-ccc-opsamling-2025", "AsIsScenario", id="002-as-is"),
        pytest.param(CCC_PROPOSED, "doc-aarhus-ccc-opsamling-2025", "ProposedScenario", id="002-proposed"),
        pytest.param(RHRS_DRAFT, "doc-rh-rs-visioner-2018", "DraftScenario", id="004-draft"),
    ],
)
def test_each_state_is_a_scenario_of_its_document(seed_store: Store, graph: str, document: str, kind: str) -> None:
    assert ask(
        seed_store,
        f"""ASK {{ GRAPH <{graph}> {{ <{graph}> a gov:Scenario ; gov:scenarioOf id:{document} ;
                 gov:scenarioKind gov:{kind} ; skos:prefLabel ?da, ?en .
                 FILTER(lang(?da) = "da" && lang(?en) = "en") }} }}""",
    )


def test_no_proposed_example_or_wished_for_thing_has_a_line_outside_a_proposal(ask_seed: AskSeed) -> None:
    """A line that only a proposal, an example or a wish states lives only in a proposed or draft state."""
    wrong = ask_seed(
        PREFIXES
        + f"""SELECT DISTINCT ?x ?p ?g WHERE {{
            ?x gov:standing ?s . VALUES ?s {{ gov:Proposed gov:Example gov:WishedFor }}
            GRAPH ?g {{ {LINE_PATTERN} }}
            FILTER NOT EXISTS {{ GRAPH ?g {{ ?g gov:scenarioKind ?kind }}
                                 VALUES ?kind {{ gov:ProposedScenario gov:DraftScenario }} }}
        }}"""
    )
    assert not wrong, f"lines of things that do not exist, outside a proposal: {wrong}"


def test_what_exists_today_in_2016_and_what_was_proposed(ask_seed: AskSeed) -> None:
    """Which groups sit under the Health Steering Group, today and in the proposal?

    003: "I den nuværende organisation bestående af sundhedsstyregruppe, temagrupper (og andre tværsektorielle
    grupper) samt klynger …" and "At fælles aftaler og skal-opgaver fortsat løftes i regi af
    Sundhedsstyregruppen, og der etableres efter behov opgavefokuserede ad hoc grupper – og færre grupper samlet
    set."
    """
    under = "SELECT ?g WHERE {{ GRAPH <{}> {{ ?g org:subOrganizationOf id:sundhedsstyregruppen }} }}"
    assert column(ask_seed, under.format(RM_ASIS)) == {
        ID + "temagrupper",
        ID + "rm-andre-tvaersektorielle-grupper",
        ID + "sundhedsstyregruppens-formandskab",
    }
    assert column(ask_seed, under.format(RM_PROPOSED)) == {
        ID + "ad-hoc-grupper",
        ID + "sundhedsstyregruppens-formandskab",
    }


def test_tasks_move_from_the_theme_groups_to_the_clusters(ask_seed: AskSeed) -> None:
    """Who carries the health agreement's tasks? The theme groups today, the clusters in the proposal.

    003: "At flere opgaver placeres i klyngerne (fremfor i temagrupper)"
    """
    duties = "SELECT ?o WHERE {{ GRAPH <{}> {{ ?o gov:obligedParty id:{} }} }}"
    assert column(ask_seed, duties.format(RM_ASIS, "temagrupper")) == {ID + "obl-rm-temagrupper-faglige-opgaver"}
    assert column(ask_seed, duties.format(RM_PROPOSED, "temagrupper")) == set()
    assert column(ask_seed, duties.format(RM_ASIS, "klyngerne")) == set()
    assert ID + "obl-rm-klynger-flere-opgaver" in column(ask_seed, duties.format(RM_PROPOSED, "klyngerne"))


def test_the_joint_secretariats_role_grows(ask_seed: AskSeed) -> None:
    """What does the joint secretariat do, today and in the proposal?

    003: "Forslaget indebærer, at fællessekretariatet vil skulle løfte en større koordineringsopgave end i dag og
    have kompetence til at træffe beslutninger i forhold til processer."
    """
    duties = "SELECT ?o WHERE {{ GRAPH <{}> {{ ?o gov:obligedParty id:faellessekretariatet }} }}"
    today, proposed = column(ask_seed, duties.format(RM_ASIS)), column(ask_seed, duties.format(RM_PROPOSED))
    assert today == {ID + "obl-rm-fs-koordinering-i-dag"}
    assert len(proposed) >= 5 and today.isdisjoint(proposed)
    cases = "SELECT ?g WHERE { GRAPH ?g { id:faellessekretariatet gov:preparesCasesFor id:sundhedsstyregruppen } }"
    assert column(ask_seed, cases) == {RM_PROPOSED}


def test_the_joint_secretariat_keeps_its_make_up(ask_seed: AskSeed) -> None:
    """Who sits in the joint secretariat? The same five seats today and in the proposal (it exists already).

    003: "Der er allerede i dag et fællessekretariat for sundhedsaftalen. Fællessekretariatet består af kontorchef
    og to medarbejdere fra Nære Sundhedstilbud i Region Midtjylland, næstformand for KOSU, KKR-konsulent og
    KOSU-sekretariatet."
    """
    seats = "SELECT ?m WHERE {{ GRAPH <{}> {{ ?m org:organization id:faellessekretariatet }} }}"
    assert column(ask_seed, seats.format(RM_ASIS)) == column(ask_seed, seats.format(RM_PROPOSED))
    assert len(column(ask_seed, seats.format(RM_ASIS))) == 6


def test_examples_support_and_do_not_advise(ask_seed: AskSeed) -> None:
    """Do the Triple Aim group and the support functions advise anyone? No: they are examples of support.

    003: "Herudover kan der være behov for en støttefunktion i forhold til Sundhedsstyregruppen, fællessekretariatet
    og ad hoc arbejdsgrupperne – fx en Triple Aim gruppe, der understøtter …" and "Endvidere etableres på udvalgte
    områder faste støttefunktioner (fx økonomi og kvalitet) til Sundhedsstyregruppen."
    """
    examples = ("triple-aim-gruppe", "stoettefunktion-oekonomi", "stoettefunktion-kvalitet")
    for slug in examples:
        assert column(ask_seed, f"SELECT ?s WHERE {{ id:{slug} gov:standing ?s }}") == {
            "https://w3id.org/govkg/ontology#Example"
        }
        assert column(ask_seed, f"SELECT ?w WHERE {{ id:{slug} gov:advises ?w }}") == set()
        graphs = column(ask_seed, f"SELECT ?g WHERE {{ GRAPH ?g {{ id:{slug} gov:supports ?w }} }}")
        assert graphs == {RM_PROPOSED}
    assert column(ask_seed, "SELECT ?w WHERE { id:triple-aim-gruppe gov:supports ?w }") == {
        ID + "sundhedsstyregruppen",
        ID + "faellessekretariatet",
        ID + "ad-hoc-grupper",
    }


def test_the_advisory_committee_is_placed_under_no_one(ask_seed: AskSeed) -> None:
    """Is the professional advisory committee RKKP's? The sentence can be read either way, so no parent.

    000: "Repræsentere DMCG’erne i RKKP styregruppe, fagligt rådgivende udvalg samt andre fora nedsat af regionerne
    i relation til de kiniske kvalitetsdatabaser og kræftforskningen."
    """
    assert column(ask_seed, "SELECT ?p WHERE { id:rkkp-fagligt-raadgivende-udvalg org:subOrganizationOf ?p }") == set()
    notes = column(
        ask_seed,
        'SELECT ?n WHERE { id:rkkp-fagligt-raadgivende-udvalg skos:scopeNote ?n . FILTER(lang(?n) = "en") }',
    )
    assert any("does not settle it" in note for note in notes)


def test_the_hospital_management_is_not_a_member_of_the_ccc_steering_group(ask_seed: AskSeed) -> None:
    """Does HL sit in the CCC steering group? Its role there is unclear; it is linked, not a member.

    002: "Klar synliggørelse af HLs rolle i CCC-Styregruppen (ikke synligt i diagrammer/billeder)." and "Uklart
    ledelsesrum hvis styregruppen bliver en mellemstation mellem HL og AL-gruppen."
    """
    members = column(
        ask_seed,
        """SELECT ?x WHERE { { id:auh-hospitalsledelsen org:memberOf ?x }
                             UNION { ?x org:member id:auh-hospitalsledelsen } }""",
    )
    assert members == set()
    linked = "SELECT ?g WHERE { GRAPH ?g { id:auh-hospitalsledelsen org:linkedTo id:ccc-styregruppe } }"
    assert column(ask_seed, linked) == {CCC_ASIS, CCC_PROPOSED}


def test_the_telephone_lists_run_across_departments_and_regions(ask_seed: AskSeed) -> None:
    """Towards whom are the telephone lists kept? Across departments and regions.

    001: "Det etableres systematisk telefonlister på tværs af afdelinger og regioner for at styrke den personlige
    kontakt og det formelle samarbejde om patienterne."
    """
    assert column(ask_seed, "SELECT ?c WHERE { id:obl-kraeft-telefonlister gov:counterparty ?c }") == {
        ID + "kliniske-afdelinger-kraeft",
        ID + "regionerne",
    }


def test_a_passive_should_names_no_obliged_party(ask_seed: AskSeed) -> None:
    """Who must take measures with major consequences to the contact directors? The text does not say.

    002: "Tiltag med store konsekvenser bør drøftes på dialogmøder med kontaktdirektørerne, som også skal stå på mål
    for beslutninger."
    """
    duty = "id:obl-ccc-dialogmoeder-kontaktdirektoerer"
    assert column(ask_seed, f"SELECT ?p WHERE {{ {duty} gov:obligedParty ?p }}") == set()
    assert column(ask_seed, f"SELECT ?g WHERE {{ GRAPH ?g {{ {duty} a gov:Obligation }} }}") == {CCC_PROPOSED}
    assert column(ask_seed, f"SELECT ?v WHERE {{ {duty} gov:venue ?v }}") == {
        ID + "ccc-dialogmoeder-kontaktdirektoerer"
    }


def test_the_ccc_bodies_are_under_revision_in_autumn_2025(ask_seed: AskSeed) -> None:
    """Which CCC bodies are being revised, and when? The four of them, in autumn 2025.

    002: "Der vil i løbet af efteråret 2025 pågå et inddragende arbejde med revidering og udarbejdelse af
    kommissorier for CCC-Styregruppen, CCC-Forskningsråd, CCC-Forum og CCC-Sekretariatet."
    """
    rows = ask_seed(
        PREFIXES
        + """SELECT ?body ?when WHERE { ?body gov:standing gov:UnderRevision ; gov:revisionPeriod ?when ;
                                           gov:hasMandate/gov:revisionPeriod ?when . FILTER(lang(?when) = "en") }"""
    )
    assert {(r["body"], r["when"]) for r in rows} == {
        (ID + slug, "autumn 2025") for slug in ("ccc-styregruppe", "ccc-forskningsraad", "ccc-forum", "ccc-sekretariat")
    }


def test_the_meetings_proposals_stand_only_in_the_proposed_state(ask_seed: AskSeed) -> None:
    """What do the 2025 meetings add to the CCC organisation? Only the proposed state says.

    002: "Sammensæt tværgående arbejdsgrupper under styregruppen, som er sammensat i forhold til patientforløbet."
    """
    under = "SELECT ?g WHERE {{ GRAPH <{}> {{ ?g org:subOrganizationOf id:ccc-styregruppe }} }}"
    assert column(ask_seed, under.format(CCC_ASIS)) == set()
    assert column(ask_seed, under.format(CCC_PROPOSED)) == {ID + "ccc-arbejdsgrupper-under-styregruppen"}


def test_the_draft_holds_the_duties_of_the_draft_agreement(ask_seed: AskSeed) -> None:
    """Where do the RH/RS duties live? In the draft's state, since the agreement is only a draft.

    004: "[UDKAST] Visioner for strategisk samarbejde om fælles udvikling af hospitalsbehandlingen i Østdanmark"
    """
    graphs = column(
        ask_seed,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?o gov:statedIn id:aftale-rh-rs-visioner-2018 } }",
    )
    assert graphs == {RHRS_DRAFT}


# -- One state over HTTP: scenario= on the REST answers and the org graph ------------------------------------


def test_the_duties_of_one_state(client: TestClient) -> None:
    """Which duties does each 2016 state hold? The theme groups' today; the secretariat's new ones in the proposal.

    003: "Fællessekretariatet skal sikre koordinering og igangsættelse af de faglige opgaver, der tidligere ville
    være blevet løst i temagrupperne, herunder også udpegninger til forskellige ad hoc grupper."
    """
    today = client.get("/api/obligations", params={"scenario": "rm-organisering-2016/as-is"})
    proposed = client.get("/api/obligations", params={"scenario": RM_PROPOSED})
    assert today.status_code == proposed.status_code == 200
    today_slugs, proposed_slugs = {o["slug"] for o in today.json()}, {o["slug"] for o in proposed.json()}
    assert today_slugs == {
        "obl-rm-temagrupper-faglige-opgaver",
        "obl-rm-fs-koordinering-i-dag",
        "obl-rm-ssg-faelles-aftaler",
        "obl-rm-ssg-strategisk-retning",
        "obl-rm-ssg-forbereder-sager-sku",
    }
    assert {"obl-rm-fs-faglige-opgaver", "obl-rm-triple-aim", "obl-rm-klynger-flere-opgaver"} <= proposed_slugs
    assert "obl-rm-temagrupper-faglige-opgaver" not in proposed_slugs
    everything = {o["slug"] for o in client.get("/api/obligations").json()}
    assert today_slugs | proposed_slugs <= everything, "without scenario= the union answers as before"


def test_an_entity_in_one_state(client: TestClient) -> None:
    """What sits under the Health Steering Group in each state, asked of the entity itself?"""

    def under(state: str) -> set[str]:
        answer = client.get("/api/entities/sundhedsstyregruppen", params={"scenario": state, "lang": "en"})
        assert answer.status_code == 200
        return {
            r["other"]["slug"] for r in answer.json()["incoming"] if r["predicate"]["curie"] == "org:subOrganizationOf"
        }

    assert under("rm-organisering-2016/as-is") == {
        "temagrupper",
        "rm-andre-tvaersektorielle-grupper",
        "sundhedsstyregruppens-formandskab",
    }
    assert under("rm-organisering-2016/proposed") == {"ad-hoc-grupper", "sundhedsstyregruppens-formandskab"}


def test_an_unknown_scenario_is_refused_with_the_known_ones(client: TestClient) -> None:
    answer = client.get("/api/obligations", params={"scenario": "rm-organisering-2016/ideal"})
    assert answer.status_code == 422
    assert "rm-organisering-2016/as-is" in answer.text
    assert client.get("/api/graph", params={"scenario": "nowhere"}).status_code == 400


def test_the_org_graph_of_one_state(client: TestClient) -> None:
    """The org graph of the 2016 proposal has the ad hoc groups and the Triple Aim example; today's has neither."""

    def drawn(state: str) -> tuple[set[str], set[tuple[str, str, str]]]:
        answer = client.get("/api/graph", params={"scenario": state, "depth": 10})
        assert answer.status_code == 200
        body = answer.json()
        nodes = {n["id"].removeprefix(ID) for n in body["nodes"]}
        edges = {(e["source"].removeprefix(ID), e["relation"], e["target"].removeprefix(ID)) for e in body["edges"]}
        return nodes, edges

    today, today_edges = drawn("rm-organisering-2016/as-is")
    proposed, proposed_edges = drawn("rm-organisering-2016/proposed")
    assert {"temagrupper", "sundhedsstyregruppen"} <= today and "ad-hoc-grupper" not in today
    assert {"ad-hoc-grupper", "triple-aim-gruppe"} <= proposed and "temagrupper" not in proposed
    assert ("triple-aim-gruppe", "supports", "sundhedsstyregruppen") in proposed_edges
    assert ("region-midtjylland", "member_of", "temagrupper") in today_edges
    assert "dmcg-dk" not in today, "another document's lines are not part of this state"
    page = client.get("/graph", params={"scenario": "aarhus-ccc-opsamling-2025/proposed"})
    assert page.status_code == 200 and "ccc-arbejdsgrupper-under-styregruppen" in page.text
