"""Competency questions over seeds 002-004: the graph answers what the documents say, and no more.

Each test asks one question a reader of the Aarhus CCC meeting summary (002), the Region
Midtjylland organisation proposal (003) or the RH/RS draft agreement (004) would ask, in SPARQL
over the union of all named graphs, and checks the answer the document gives. The docstring quotes
the passage the answer rests on. Gaps the documents leave open are asked about too: the answer is
then "nobody" or "not stated". Questions go to the product's own store (the session's seed store,
one named graph per file, union default graph), as the service answers them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from govkg.store import Store

GRAPH_BASE = "https://w3id.org/govkg/id/graph/"
CCC = GRAPH_BASE + "aarhus-ccc-opsamling-2025"
RM = GRAPH_BASE + "rm-organisering-2016"
RM_STATES = (RM + "/as-is", RM + "/proposed")  # the lines of 003 live in its two states (tests/test_scenarios.py)
RHRS = GRAPH_BASE + "rh-rs-visioner-2018"

PREFIXES = """
PREFIX dct:  <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX gov:  <https://w3id.org/govkg/ontology#>
PREFIX id:   <https://w3id.org/govkg/id/>
PREFIX org:  <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

AskSeed = Callable[[str], list[dict[str, str]]]


def select(ask_seed: AskSeed, query: str) -> list[tuple[str, ...]]:
    """A SELECT through the product's store, each row a tuple in variable order (IRIs and literal values)."""
    return [tuple(row.values()) for row in ask_seed(PREFIXES + query)]


def rows(ask_seed: AskSeed, query: str) -> set[tuple[str, ...]]:
    """A SELECT's rows as a set of tuples of strings."""
    return set(select(ask_seed, query))


def column(ask_seed: AskSeed, query: str) -> set[str]:
    """The first column of a SELECT, as a set of strings."""
    return {row[0] for row in rows(ask_seed, query)}


def ask(seed_store: Store, query: str) -> bool:
    """An ASK through the product's store."""
    return bool(seed_store.query(PREFIXES + query).boolean)


# -- 003: Region Midtjylland, cross-sector health collaboration (26.05.2016) ----------------------------


def test_who_prepares_cases_for_sundhedskoordinationsudvalget(ask_seed: AskSeed) -> None:
    """Who prepares the cases of the political body? The health steering group, today and in the proposal.

    003: "Sundhedsstyregruppen forbereder sager til Sundhedskoordinationsudvalget."
    """
    for state in RM_STATES:
        answer = column(
            ask_seed,
            f"""
            SELECT ?label WHERE {{ GRAPH <{state}> {{ ?body gov:preparesCasesFor id:sundhedskoordinationsudvalget }}
                                   ?body skos:prefLabel ?label . FILTER(lang(?label) = "da") }}""",
        )
        assert answer == {"Sundhedsstyregruppen"}, f"only the health steering group prepares cases for SKU ({state})"


def test_who_prepares_cases_for_sundhedsstyregruppen(ask_seed: AskSeed) -> None:
    """Who prepares the steering group's cases? Its chairmanship together with the joint secretariat.

    003: "Sundhedsstyregruppens formandskab forbereder i samarbejde med et fællessekretariat sager til
    Sundhedsstyregruppen, herunder træffer beslutninger der kan afklares i formandskabet."
    """
    answer = column(
        ask_seed,
        """
        SELECT ?label WHERE { ?body gov:preparesCasesFor id:sundhedsstyregruppen ;
                                    skos:prefLabel ?label . FILTER(lang(?label) = "da") }""",
    )
    assert answer == {"Sundhedsstyregruppens formandskab", "Fællessekretariatet"}


def test_what_the_joint_secretariat_is_made_of(ask_seed: AskSeed, seed_store: Store) -> None:
    """Who is the secretariat of the cross-sector collaboration made of? Five posts and one secretariat, no names.

    003: "Fællessekretariatet består af kontorchef og to medarbejdere fra Nære Sundhedstilbud i Region
    Midtjylland, næstformand for KOSU, KKR-konsulent og KOSU-sekretariatet."
    """
    posts = rows(
        ask_seed,
        """
        SELECT ?label ?role ?in WHERE {
            ?m a org:Membership ; org:organization id:faellessekretariatet ; org:member ?seat .
            ?seat a org:Post ; org:role ?role ; org:postIn ?in ; skos:prefLabel ?label . FILTER(lang(?label) = "da")
        }""",
    )
    gov, ident = "https://w3id.org/govkg/ontology#", "https://w3id.org/govkg/id/"
    assert {(label, role.removeprefix(gov), org.removeprefix(ident)) for label, role, org in posts} == {
        ("Kontorchef, Nære Sundhedstilbud", "HeadOfOffice", "naere-sundhedstilbud"),
        ("Medarbejder 1 af 2, Nære Sundhedstilbud", "Staff", "naere-sundhedstilbud"),
        ("Medarbejder 2 af 2, Nære Sundhedstilbud", "Staff", "naere-sundhedstilbud"),
        ("Næstformand for KOSU", "ViceChair", "kosu"),
        ("KKR-konsulent", "Consultant", "kkr"),
    }
    bodies = column(
        ask_seed,
        """
        SELECT ?label WHERE { ?m org:organization id:faellessekretariatet ; org:member ?seat .
            ?seat a gov:Secretariat ; skos:prefLabel ?label . FILTER(lang(?label) = "da") }""",
    )
    assert bodies == {"KOSU-sekretariatet"}, "the KOSU secretariat has a seat as a body"
    assert not ask(
        seed_store,
        """
        ASK { ?m org:organization id:faellessekretariatet ; org:member ?seat . ?seat org:heldBy ?person }""",
    ), "the document names nobody in the secretariat's posts"


def test_naere_sundhedstilbud_is_a_unit_of_region_midtjylland(seed_store: Store) -> None:
    """Whose unit staffs the secretariat? Nære Sundhedstilbud in Region Midtjylland.

    003: "... kontorchef og to medarbejdere fra Nære Sundhedstilbud i Region Midtjylland ..."
    """
    assert ask(
        seed_store, "ASK { id:naere-sundhedstilbud a org:OrganizationalUnit ; org:unitOf id:region-midtjylland }"
    )


def test_which_bodies_sundhedsstyregruppen_commissions(ask_seed: AskSeed) -> None:
    """Whom does the steering group commission (process type B)? The clusters.

    003: "På andre områder vil Sundhedsstyregruppen have rollen som bestiller i forhold til klyngerne
    (procestype B)."
    """
    answer = column(
        ask_seed,
        """
        SELECT ?label WHERE { id:sundhedsstyregruppen gov:commissions ?b .
                              ?b skos:prefLabel ?label . FILTER(lang(?label) = "da") }""",
    )
    assert answer == {"Klyngerne"}


def test_who_approves_a_revised_care_programme(ask_seed: AskSeed) -> None:
    """Who approves the ad hoc group's draft care programme? The steering group administratively, SKU politically.

    003: "Forslaget godkendes administrativt i Sundhedsstyregruppen og politisk i Sundhedskoordinationsudvalget
    (samt evt. også i kommuner og region)."
    """
    approvers = column(
        ask_seed,
        """
        SELECT ?approver WHERE { ?approver gov:approves id:ad-hoc-gruppe-forloebsprogram }""",
    )
    assert approvers == {
        "https://w3id.org/govkg/id/sundhedsstyregruppen",
        "https://w3id.org/govkg/id/sundhedskoordinationsudvalget",
    }
    actions = column(
        ask_seed,
        """
        SELECT ?action WHERE { ?o gov:obligedParty id:sundhedskoordinationsudvalget ;
                                  gov:counterparty id:ad-hoc-gruppe-forloebsprogram ; gov:action ?action .
                               FILTER(lang(?action) = "da") }""",
    )
    assert any("politisk" in action for action in actions)


def test_which_fixed_groups_remain(ask_seed: AskSeed) -> None:
    """Which fixed groups does the proposal keep? The seven it names.

    003: "At der på udvalgte områder bevares faste grupper (fx i forhold til psykiatri voksne, psykiatri børn,
    fødeplanudvalget, hjælpemidler og behandlingsredskaber, hjerneskadesamråd voksne, hjerneskadesamråd børn og
    teknisk-administrativt udvalg på tandområdet)."
    """
    answer = column(
        ask_seed,
        f"""
        SELECT ?label WHERE {{ GRAPH <{RM}> {{ ?g a gov:FixedGroup ; skos:prefLabel ?label .
                                              FILTER(lang(?label) = "da") }} }}""",
    )
    assert answer == {
        "Fast gruppe, psykiatri voksne",
        "Fast gruppe, psykiatri børn",
        "Fødeplanudvalget",
        "Fast gruppe, hjælpemidler og behandlingsredskaber",
        "Hjerneskadesamråd voksne",
        "Hjerneskadesamråd børn",
        "Teknisk-administrativt udvalg på tandområdet",
    }


def test_parties_of_the_health_agreement(ask_seed: AskSeed) -> None:
    """Who are the parties of the sundhedsaftale? The municipalities, the region and general practice.

    003: "I regi af sundhedsaftalen har kommunerne, regionen og almen praksis opbygget en
    samarbejdsorganisation, der har kunnet løse en række fælles udfordringer."
    """
    answer = column(ask_seed, "SELECT ?p WHERE { id:rm-sundhedsaftalen gov:party ?p }")
    assert answer == {
        "https://w3id.org/govkg/id/rm-kommunerne",
        "https://w3id.org/govkg/id/region-midtjylland",
        "https://w3id.org/govkg/id/rm-almen-praksis",
    }


def test_mandates_to_be_secured_in_2016(ask_seed: AskSeed) -> None:
    """Whose mandate does the proposal say must still be secured? The joint secretariat's and the ad hoc groups'.

    003: "Modellen fordrer derfor, at fællessekretariatet sikres et tydeligt mandat og ressourcer." and
    "Det forudsætter tillid og mandat på tværs af organisationerne til, at udvalgte repræsentanter løser
    udvalgte opgaver på vegne af alle."
    """
    answer = column(
        ask_seed,
        f"""
        SELECT ?body WHERE {{ GRAPH <{RM}> {{ ?body gov:hasMandate ?m . ?m gov:mandateStatus gov:MandateToBeSecured
        }} }}""",
    )
    assert answer == {"https://w3id.org/govkg/id/faellessekretariatet", "https://w3id.org/govkg/id/ad-hoc-grupper"}


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        pytest.param(RM, {"https://w3id.org/govkg/id/temagrupper"}, id="003-groups-of-current-organisation"),
        pytest.param(CCC, {"https://w3id.org/govkg/id/ccc-forum"}, id="002-ccc-forum"),
        pytest.param(RHRS, set(), id="004-none"),
    ],
)
def test_which_mandates_the_documents_call_unclear(ask_seed: AskSeed, graph: str, expected: set[str]) -> None:
    """Which body's mandate does each document call unclear?

    003: "... samt at mandatet for de forskellige grupper kan være uklart."
    002: "Uklarhed om roller og ansvar – det kan være svært at vide, hvad man skal informere om i egen afdeling."
    004 says nothing of the kind.
    """
    answer = column(
        ask_seed,
        f"""
        SELECT ?body WHERE {{ GRAPH <{graph}> {{ ?body gov:hasMandate ?m . ?m gov:mandateStatus gov:MandateUnclear
        }} }}""",
    )
    assert answer == expected


def test_obligations_nobody_is_named_for_in_2016(ask_seed: AskSeed) -> None:
    """Which duties in the proposal have no obliged party? The ones written in the passive voice.

    003: "Samarbejdet om borgere med psykisk sygdom er ikke organiseret i klynger på samme måde som på de
    somatiske områder, hvilket der skal tages højde for i den endelige organisering."
    """
    answer = column(
        ask_seed,
        """
        SELECT ?o WHERE { ?o a gov:Obligation ; gov:statedIn id:forslag-rm-organisering-2016 .
                          FILTER NOT EXISTS { ?o gov:obligedParty ?x } }""",
    )
    assert answer == {
        "https://w3id.org/govkg/id/obl-rm-psykiatri-hensyn",
        "https://w3id.org/govkg/id/obl-rm-loebende-prioritering",
        "https://w3id.org/govkg/id/obl-rm-gennemgang-grupper",
    }


def test_who_sits_in_the_theme_groups(ask_seed: AskSeed) -> None:
    """Who sits in the theme groups? Representatives of the municipalities, general practice and the region.

    003: "Mange repræsentanter fra kommunerne, almen praksis og regionen har været i arbejdstøjet og har stillet op
    til arbejdsgrupper og temagrupper."
    """
    answer = column(
        ask_seed,
        """
        SELECT ?who WHERE { ?m a org:Membership ; org:organization id:temagrupper ; org:member ?who ;
                                org:role gov:Representative }""",
    )
    assert answer == {
        "https://w3id.org/govkg/id/rm-kommunerne",
        "https://w3id.org/govkg/id/rm-almen-praksis",
        "https://w3id.org/govkg/id/region-midtjylland",
    }


def test_which_groups_sit_under_sundhedsstyregruppen(ask_seed: AskSeed) -> None:
    """Which groups sit under the health steering group? Its chairmanship, the theme groups and the ad hoc groups.

    003: "Konkret vil der være behov for en gennemgang af alle nuværende tværsektorielle grupper under
    Sundhedsstyregruppen …"; "I den nuværende organisation bestående af sundhedsstyregruppe, temagrupper (og andre
    tværsektorielle grupper) samt klynger …"; "Sundhedsstyregruppens formandskab …"
    """
    answer = column(ask_seed, "SELECT ?g WHERE { ?g org:subOrganizationOf id:sundhedsstyregruppen }")
    # Over both states (the union); the "andre tværsektorielle grupper" of the current organisation are named too.
    assert answer == {
        "https://w3id.org/govkg/id/sundhedsstyregruppens-formandskab",
        "https://w3id.org/govkg/id/temagrupper",
        "https://w3id.org/govkg/id/rm-andre-tvaersektorielle-grupper",
        "https://w3id.org/govkg/id/ad-hoc-grupper",
    }


def test_what_the_clusters_must_implement(ask_seed: AskSeed) -> None:
    """What must the clusters implement? The agreements made under the steering group, and the care programme.

    003: "Desuden vil klyngerne skulle stå for at implementere de samarbejdsaftaler, der indgås i regi af
    Sundhedsstyregruppen." and "Herefter har klyngerne ansvaret for at implementere forløbsprogrammet."
    """
    answer = column(
        ask_seed,
        """
        SELECT ?action WHERE { ?o gov:obligedParty id:klyngerne ; gov:statedIn id:forslag-rm-organisering-2016 ;
                                  gov:action ?action .
                               FILTER(lang(?action) = "da" && STRSTARTS(?action, "Implementere")) }""",
    )
    assert answer == {
        "Implementere de samarbejdsaftaler, der indgås i regi af Sundhedsstyregruppen",
        "Implementere det godkendte forløbsprogram",
    }


def test_cluster_representative_is_a_post_nobody_is_named_for(ask_seed: AskSeed) -> None:
    """Through whom can a municipality or hospital sit in a group? A cluster representative, whom nobody names.

    003: "Den enkelte kommune eller hospital vil derfor ikke altid være repræsenteret i gruppen, hverken direkte
    eller via en klyngerepræsentant."
    """
    answer = rows(
        ask_seed,
        """
        SELECT ?post ?role WHERE { ?post a org:Post ; org:postIn id:klyngerne ; org:role ?role .
                                   FILTER NOT EXISTS { ?post org:heldBy ?someone } }""",
    )
    assert answer == {
        ("https://w3id.org/govkg/id/klyngerepraesentant", "https://w3id.org/govkg/ontology#Representative")
    }


# -- 002: Aarhus CCC meeting summary (June 2025) -----------------------------------------------------------


def test_which_groups_get_new_terms_of_reference_in_autumn_2025(ask_seed: AskSeed) -> None:
    """Which groups get revised or new kommissorier in autumn 2025? The steering group, research council, forum
    and secretariat.

    002: "Der vil i løbet af efteråret 2025 pågå et inddragende arbejde med revidering og udarbejdelse af
    kommissorier for CCC-Styregruppen, CCC-Forskningsråd, CCC-Forum og CCC-Sekretariatet."
    """
    answer = column(
        ask_seed,
        f"""
        SELECT ?label WHERE {{ GRAPH <{CCC}> {{
            ?body gov:hasMandate ?m ; skos:prefLabel ?label . ?m gov:mandateStatus gov:MandateUnderRevision .
            FILTER(lang(?label) = "da") }} }}""",
    )
    assert answer == {"CCC-Styregruppe", "CCC-Forskningsråd", "CCC-Forum", "CCC-Sekretariat"}


def test_steering_group_mandate_is_to_be_described(seed_store: Store) -> None:
    """Is the CCC steering group's mandate described? No: the meetings ask for a clearer description.

    002: "Tydeligere beskrivelse af styregruppens opgave og mandat."
    """
    assert ask(seed_store, "ASK { id:ccc-styregruppe gov:hasMandate/gov:mandateStatus gov:MandateToBeDescribed }")
    assert not ask(seed_store, "ASK { id:ccc-styregruppe gov:hasMandate/gov:mandateDescription ?d }")


def test_who_approves_the_oeci_improvement_plan(ask_seed: AskSeed) -> None:
    """Who approves the improvement plan for OECI? The hospital management (expected mid-September).

    002: "På nuværende tidspunkt udarbejdes en forbedringsplan med dertilhørende handleplaner til Organisation of
    European Cancer Institutes (OECI), som forventes godkendt af Hospitalsledelsen medio september."
    """
    answer = rows(
        ask_seed,
        """
        SELECT ?who ?to WHERE { ?o a gov:Obligation ; dct:subject id:ccc-forbedringsplan-oeci ;
            gov:obligedParty/skos:prefLabel ?who ; gov:counterparty/skos:altLabel ?to .
            FILTER(lang(?who) = "da") }""",
    )
    assert answer == {("Hospitalsledelsen", "OECI")}


def test_who_took_part_in_the_ccc_meetings(ask_seed: AskSeed) -> None:
    """Who took part in the collaboration meetings? The five bodies in the list of participants.

    002: "Deltagere" – "CCC-Forum", "AL-kredsen", "Hospitalsledelsen", "CCC-Styregruppe", "CCC-Sekretariat".
    """
    answer = column(
        ask_seed,
        """
        SELECT ?label WHERE { id:opsamling-aarhus-ccc-2025 prov:wasGeneratedBy ?meetings .
                              ?meetings prov:wasAssociatedWith/skos:prefLabel ?label . FILTER(lang(?label) = "da") }""",
    )
    assert answer == {"CCC-Forum", "AL-kredsen", "Hospitalsledelsen", "CCC-Styregruppe", "CCC-Sekretariat"}


def test_who_must_ensure_clear_governance(ask_seed: AskSeed) -> None:
    """Who must ensure clear governance of Aarhus CCC? The steering group and the secretariat.

    002: "CCC-Styregruppen og CCC-Sekretariatet skal sikre tydelig styring."
    """
    answer = column(
        ask_seed,
        """
        SELECT ?who WHERE { id:obl-ccc-tydelig-styring gov:obligedParty ?who }""",
    )
    assert answer == {"https://w3id.org/govkg/id/ccc-styregruppe", "https://w3id.org/govkg/id/ccc-sekretariat"}


def test_proposals_are_marked_as_proposals(ask_seed: AskSeed) -> None:
    """Are the proposed MDT working group and its tasks shown as proposals, not decisions? Yes.

    002: "Nedsætte en MDT-arbejdsgruppe, som skal:" (under "Forslag").
    """
    assert (
        "(forslag)"
        in column(
            ask_seed,
            """
        SELECT ?l WHERE { id:ccc-mdt-arbejdsgruppe skos:prefLabel ?l . FILTER(lang(?l) = "da") }""",
        ).pop()
    )
    notes = column(
        ask_seed,
        """
        SELECT ?note WHERE { ?o gov:obligedParty id:ccc-mdt-arbejdsgruppe ; skos:scopeNote ?note .
                             FILTER(lang(?note) = "da") }""",
    )
    assert notes == {"Forslag fra møderækken; ikke besluttet."}


def test_nobody_is_named_in_the_ccc_research_council(seed_store: Store) -> None:
    """Who sits in the CCC research council? Not yet defined: the graph names no member.

    002: "Det skal defineres, hvem der skal sidde i CCC-Forskningsrådet – hvilke fagligheder og funktioner skal
    være repræsenteret?"
    """
    assert not ask(
        seed_store,
        """
        ASK { { ?m org:organization id:ccc-forskningsraad } UNION { ?x org:memberOf id:ccc-forskningsraad }
              UNION { id:ccc-forskningsraad org:hasMember ?y } }""",
    )


def test_a_wish_for_next_year_is_a_wished_for_body_with_no_lines(seed_store: Store) -> None:
    """Is there a local ethics committee? Only as a wish for where AUH stands in a year: named, marked as wished
    for, and with no line in any state (issue 10 models every body a document names, with its standing; this test
    used to assert that the wish was left out).

    002: "Deltagerne har givet input og ønsker til, hvor Aarhus CCC har ført AUH hen om ét år." …
    "Lokal Etisk Komité er etableret og sikrer hurtig godkendelse af forskningsprojekter."
    """
    assert ask(seed_store, "ASK { id:ccc-lokal-etisk-komite a gov:Committee ; gov:standing gov:WishedFor }")
    assert not ask(
        seed_store,
        """ASK { { id:ccc-lokal-etisk-komite ?p ?o . ?p rdfs:subPropertyOf* org:linkedTo }
                 UNION { id:ccc-lokal-etisk-komite org:subOrganizationOf|org:memberOf|org:hasMember ?x } }""",
    ), "a wish has no line"


def test_what_the_text_places_under_auh(ask_seed: AskSeed) -> None:
    """Which bodies does the summary place under AUH by its wording? Only AUH Forskningsråd.

    002: "Det er vigtigt at afklare og styrke samarbejdet med AUH Forskningsråd." — the hospital management (HL)
    and the circle of department managements (AL) are named without saying whose they are.
    """
    answer = column(ask_seed, "SELECT ?body WHERE { ?body org:subOrganizationOf id:auh }")
    assert answer == {"https://w3id.org/govkg/id/auh-forskningsraad"}


def test_whom_major_measures_are_discussed_with(ask_seed: AskSeed) -> None:
    """With whom should measures with major consequences be discussed? The contact directors (a proposal), and
    by whom is not said: the sentence is a passive "bør", so no obliged party is given (issue 10 removed the CCC
    steering group, which the summary does not name here).

    002: "Tiltag med store konsekvenser bør drøftes på dialogmøder med kontaktdirektørerne, som også skal stå på mål
    for beslutninger."
    """
    answer = rows(
        ask_seed,
        """
        SELECT ?o ?with ?note WHERE { ?o gov:counterparty ?with ; skos:scopeNote ?note ;
            prov:wasDerivedFrom id:passage-ccc-kontaktdirektoerer . ?with a org:Post .
            FILTER NOT EXISTS { ?with org:heldBy ?someone } FILTER NOT EXISTS { ?o gov:obligedParty ?anyone }
            FILTER(lang(?note) = "da") }""",
    )
    assert {(o, with_) for o, with_, _ in answer} == {
        (
            "https://w3id.org/govkg/id/obl-ccc-dialogmoeder-kontaktdirektoerer",
            "https://w3id.org/govkg/id/kontaktdirektoer",
        )
    }
    assert all("Forslag" in note for _, _, note in answer), "the summary only proposes it"


def test_nobody_is_named_in_the_ccc_forum(seed_store: Store) -> None:
    """Who sits in CCC-Forum? Not stated: the meetings only discuss an open invitation to the departments.

    002: "Der er ønske om en åben invitation, hvor afdelingerne selv kan vurdere behovet for deltagelse."
    """
    assert not ask(
        seed_store,
        """
        ASK { { ?m org:organization id:ccc-forum } UNION { ?x org:memberOf id:ccc-forum }
              UNION { id:ccc-forum org:hasMember ?y } }""",
    )


# -- 004: RH/RS draft agreement (6 August 2018) ---------------------------------------------------------------


def test_follow_up_levels_in_order(ask_seed: AskSeed) -> None:
    """What are the levels of the RH/RS collaboration and follow-up structure, top first?

    004: "Der aftales en samarbejds- og opfølgningsstruktur på følgende tre niveauer:" – "Direktionsniveau",
    "Mellem relevante hospitaler", "På afdelingsniveau".
    """
    result = select(
        ask_seed,
        """
        SELECT ?order ?label WHERE { id:aftale-rh-rs-visioner-2018 gov:collaborationLevel ?level .
            ?level gov:levelOrder ?order ; skos:prefLabel ?label . FILTER(lang(?label) = "da") }
        ORDER BY ?order""",
    )
    assert [(int(order), label) for order, label in result] == [
        (1, "Direktionsniveau"),
        (2, "Mellem relevante hospitaler"),
        (3, "Afdelingsniveau"),
    ]


def test_hospitals_at_the_hospital_level(ask_seed: AskSeed) -> None:
    """Which hospitals collaborate at the second level? Typically SUH, Rigshospitalet and Herlev og Gentofte.

    004: "Mellem relevante hospitaler, typisk Sjællands Universitetshospital og Rigshospitalet og Herlev og
    Gentofte hospital – om det løbende samarbejde"
    """
    answer = column(
        ask_seed,
        """
        SELECT ?label WHERE { ?level gov:levelOrder 2 ; gov:involves ?h .
            id:aftale-rh-rs-visioner-2018 gov:collaborationLevel ?level .
            ?h a gov:Hospital ; skos:prefLabel ?label . FILTER(lang(?label) = "da") }""",
    )
    assert answer == {"Sjællands Universitetshospital", "Rigshospitalet", "Herlev og Gentofte hospital"}


def test_who_signed_for_which_region(ask_seed: AskSeed) -> None:
    """Who signs the RH/RS agreement, and for which region? The two regional council chairs.

    004: "For Region Sjælland For Region Hovedstaden Heino Knudsen Sophie Hæstorp Andersen Regionsrådsformand
    Regionsrådsformand"
    """
    answer = rows(
        ask_seed,
        """
        SELECT ?name ?region WHERE {
            id:aftale-rh-rs-visioner-2018 gov:signatory ?person . ?person a foaf:Person ; foaf:name ?name .
            ?post org:heldBy ?person ; org:role gov:RegionCouncilChair ; org:postIn/org:subOrganizationOf ?r .
            ?r a gov:Region ; skos:prefLabel ?region . FILTER(lang(?region) = "da") }""",
    )
    assert answer == {("Heino Knudsen", "Region Sjælland"), ("Sophie Hæstorp Andersen", "Region Hovedstaden")}


def test_annexes_of_the_rh_rs_agreement(ask_seed: AskSeed) -> None:
    """Which annexes does the RH/RS agreement list?

    004: "Bilag 1. Rammer for kapacitetsplanlægning, samarbejde og hjemtagning" and
    "Bilag 2. Økonomiske rammer for samarbejdet"
    """
    answer = column(
        ask_seed,
        """
        SELECT ?title WHERE { id:aftale-rh-rs-visioner-2018 dct:hasPart ?a . ?a a gov:Annex ; dct:title ?title }""",
    )
    assert answer == {
        "Bilag 1. Rammer for kapacitetsplanlægning, samarbejde og hjemtagning",
        "Bilag 2. Økonomiske rammer for samarbejdet",
    }


def test_rh_and_rs_are_each_others_partner(ask_seed: AskSeed) -> None:
    """Are RH and RS bound to be each other's partner, in both directions?

    004: "RH og RS er forpligtede til at være hinandens samarbejdspartner."
    """
    answer = rows(
        ask_seed,
        """
        SELECT ?obliged ?counter WHERE {
            ?o gov:statedIn id:aftale-rh-rs-visioner-2018 ; prov:wasDerivedFrom id:passage-rhrs-samarbejdspartner ;
               gov:action ?a ; gov:obligedParty/skos:altLabel ?obliged ; gov:counterparty/skos:altLabel ?counter .
            FILTER(lang(?a) = "da" && STRSTARTS(?a, "Være den anden parts samarbejdspartner")) }""",
    )
    assert answer == {("RH", "RS"), ("RS", "RH")}


def test_where_rs_patients_are_referred(ask_seed: AskSeed) -> None:
    """Where must RS refer specialised patients it cannot treat? To RH, unless an understanding was sought first.

    004: "Patienter fra RS på det specialiserede område, som ikke kan udredes/behandles i RS, henvises til RH,
    med mindre der aktivt forinden er søgt opnået en forståelse mellem parterne."
    """
    answer = rows(
        ask_seed,
        """
        SELECT ?obliged ?counter WHERE { ?o prov:wasDerivedFrom id:passage-rhrs-henvisning ;
            gov:obligedParty ?obliged ; gov:counterparty ?counter }""",
    )
    assert answer == {("https://w3id.org/govkg/id/region-sjaelland", "https://w3id.org/govkg/id/region-hovedstaden")}


def test_how_often_the_political_level_discusses(ask_seed: AskSeed) -> None:
    """How often is the agreement discussed at political level, and by whom? Yearly, by the two regional councils.

    004: "Den administrative opfølgning er grundlaget for årlige drøftelser på politisk niveau, ..."
    """
    answer = rows(
        ask_seed,
        """
        SELECT ?freq ?who WHERE { ?o gov:statedIn id:aftale-rh-rs-visioner-2018 ; gov:frequency ?freq ;
            prov:wasDerivedFrom id:passage-rhrs-politisk ; gov:obligedParty ?who }""",
    )
    annual = "https://w3id.org/govkg/ontology#Annual"
    assert answer == {
        (annual, "https://w3id.org/govkg/id/regionsraadet-region-sjaelland"),
        (annual, "https://w3id.org/govkg/id/regionsraadet-region-hovedstaden"),
    }


def test_who_supports_whom_in_taking_functions_home(ask_seed: AskSeed) -> None:
    """Who supports whom in taking specialised functions home? RH supports RS — one way only.

    004: "og at RS fagligt understøttes af RH i at kunne hjemtage de specialiserede funktioner helt eller delvist,
    hvor det fagligt er hensigtsmæssigt"
    """
    answer = rows(
        ask_seed,
        """
        SELECT ?obliged ?counter WHERE { ?o prov:wasDerivedFrom id:passage-rhrs-hjemtagning ;
            gov:obligedParty ?obliged ; gov:counterparty ?counter }""",
    )
    assert answer == {("https://w3id.org/govkg/id/region-hovedstaden", "https://w3id.org/govkg/id/region-sjaelland")}


def test_rs_in_professional_development_names_no_one_in_charge(ask_seed: AskSeed) -> None:
    """Who must see to it that RS takes part in professional development? The text names nobody: both parties.

    004: "… og at RS indgår i den faglige udvikling, herunder forskning og uddannelse."
    """
    answer = column(
        ask_seed,
        "SELECT ?who WHERE { ?o prov:wasDerivedFrom id:passage-rhrs-faglig-udvikling ; gov:obligedParty ?who }",
    )
    assert answer == {"https://w3id.org/govkg/id/region-hovedstaden", "https://w3id.org/govkg/id/region-sjaelland"}


def test_which_hospital_the_text_places_in_a_region(ask_seed: AskSeed) -> None:
    """Which of the named hospitals does the text place in a region? Only Sjællands Universitetshospital, in RS.

    004: "Med etableringen af Sjællands Universitetshospital i RS arbejdes der på en hjemtagning af specialiserede
    behandlinger …" — Rigshospitalet and Herlev og Gentofte hospital are named without their region.
    """
    answer = rows(
        ask_seed,
        "SELECT ?h ?r WHERE { ?h a gov:Hospital ; org:subOrganizationOf ?r . ?r a gov:Region }",
    )
    assert answer == {
        ("https://w3id.org/govkg/id/sjaellands-universitetshospital", "https://w3id.org/govkg/id/region-sjaelland")
    }


# -- all three ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("identifier", "status", "date"),
    [
        pytest.param("002_290ce6b5839752f9.txt", "MeetingSummary", "2025-06", id="002-meeting-summary"),
        pytest.param("003_f2e2ef14e37e1c26.txt", "Proposal", "2016-05-26", id="003-proposal"),
        pytest.param("004_f4a4dfacb4a3f334.txt", "Draft", "2018-08-06", id="004-draft"),
    ],
)
def test_status_and_date_of_each_document(ask_seed: AskSeed, identifier: str, status: str, date: str) -> None:
    """What status and date does each document have?

    002: "Opsamling CCC-samarbejdsmøder Juni 2025"; 003: "Forslag til ny organisering af det tværsektorielle
    samarbejde om sundhed" … "26.05.2016"; 004: "[UDKAST] Visioner for strategisk samarbejde om fælles udvikling
    af hospitalsbehandlingen i Østdanmark", "Den 6. august 2018".
    """
    answer = rows(
        ask_seed,
        f"""
        SELECT ?status ?date WHERE {{ ?agreement a gov:Agreement ; dct:source ?doc ; gov:status ?status ;
            dct:date ?date . ?doc dct:identifier "{identifier}" }}""",
    )
    assert answer == {("https://w3id.org/govkg/ontology#" + status, date)}
