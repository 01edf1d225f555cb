"""Competency questions over seeds 000 (DMCG.dk–regions agreement) and 001 (regions' cancer agreement).

Each question is a SPARQL query whose answer is what the document says; the supporting passage is
quoted in the comment above it. The questions go to the product's own store (the session's seed store:
ontology, data and shapes, one named graph per file) through its union default graph, as the service does.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from govkg.store import Store

ID = "https://w3id.org/govkg/id/"
GOV = "https://w3id.org/govkg/ontology#"

PREFIXES = f"""
PREFIX cv: <http://data.europa.eu/m8g/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX gov: <{GOV}>
PREFIX id: <{ID}>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

Answer = set[tuple[str, ...]] | bool
AskSeed = Callable[[str], list[dict[str, str]]]


def short(value: str) -> str:
    """id:/gov: IRIs as CURIEs, everything else as it is: answers read like the documents."""
    for prefix, namespace in (("id:", ID), ("gov:", GOV)):
        if value.startswith(namespace):
            return prefix + value.removeprefix(namespace)
    return value


def ask(ask_seed: AskSeed, seed_store: Store, query: str) -> Answer:
    """The product's own answer: ASK through the store, SELECT rows (in variable order) as tuples."""
    if re.match(r"\s*ASK\b", query):
        return bool(seed_store.query(PREFIXES + query).boolean)
    return {tuple(short(value) for value in row.values()) for row in ask_seed(PREFIXES + query)}


QUESTIONS = [
    # "Personen indgår i RKKP`s organisation, og refererer til lederen af RKKP."
    pytest.param(
        """SELECT ?boss ?label WHERE {
             ?post org:postIn id:rkkp ; org:role gov:ResourcePerson ; org:reportsTo ?boss .
             ?boss skos:prefLabel ?label FILTER(lang(?label) = "da") }""",
        {("id:rkkp-leder", "Leder af RKKP")},
        id="rkkp-resource-person-reports-to-leader",
    ),
    # "... refererer til lederen af RKKP." — the leader is a post; the document names nobody in it.
    pytest.param(
        """ASK { id:rkkp-leder a org:Post ; org:postIn id:rkkp ; org:role gov:Leader .
                 FILTER NOT EXISTS { id:rkkp-leder org:heldBy ?someone } }""",
        True,
        id="rkkp-leader-post-held-by-nobody-named",
    ),
    # "Sundhedsdirektørkredsen nedsætter samtidig et nationalt netværk bestående af de relevante ledende overlæger."
    pytest.param(
        """SELECT ?by ?member WHERE {
             id:nationale-netvaerk-kraeft a gov:Network ; gov:establishedBy ?by .
             ?m org:organization id:nationale-netvaerk-kraeft ; org:member ?member }""",
        {("id:sundhedsdirektoerkredsen", "id:ledende-overlaege-kraeft")},
        id="national-networks-established-by-health-directors-circle",
    ),
    # "Netværkene orienterer Danske Regioner, hvis det er relevant at involvere sundhedsdirektørerne."
    pytest.param(
        """SELECT ?whom ?frequency WHERE {
             id:nationale-netvaerk-kraeft gov:informs ?whom .
             ?o gov:obligedParty id:nationale-netvaerk-kraeft ; gov:counterparty ?whom ; gov:frequency ?frequency }""",
        {("id:danske-regioner", "gov:AsNeeded")},
        id="national-networks-inform-danske-regioner",
    ),
    # "Der gøres status på sundhedsdirektørmøderne én gang i kvartalet."
    pytest.param(
        """SELECT ?who ?venue WHERE {
             ?o gov:statedIn id:aftale-styrket-samarbejde-kraeft ; gov:frequency gov:Quarterly ;
                gov:obligedParty ?who ; gov:venue ?venue }""",
        {("id:sundhedsdirektoerkredsen", "id:sundhedsdirektoermoederne")},
        id="quarterly-status-at-health-directors-meetings",
    ),
    # "Der gøres løbende status på aftalen." / "Netværkene skal via løbende koordineringsmøder arbejde konkret ..."
    pytest.param(
        """SELECT ?o ?who WHERE {
             ?o gov:statedIn id:aftale-styrket-samarbejde-kraeft ; gov:frequency gov:Continuous ;
                gov:obligedParty ?who }""",
        {
            ("id:obl-kraeft-loebende-status", "id:sundhedsdirektoerkredsen"),
            ("id:obl-kraeft-koordineringsmoeder", "id:nationale-netvaerk-kraeft"),
        },
        id="continuous-obligations-in-cancer-agreement",
    ),
    # "Rammer for etablering af gensidig og ugentlig udveksling af oplysninger mellem afdelinger, der behandler
    # samme kræftform"
    pytest.param(
        """SELECT ?o ?who WHERE {
             VALUES ?agreement { id:aftale-dmcg-regionerne id:aftale-styrket-samarbejde-kraeft }
             ?o gov:statedIn ?agreement ; gov:frequency gov:Weekly ; gov:obligedParty ?who }""",
        {("id:obl-kraeft-ugentlig-udveksling", "id:kliniske-afdelinger-kraeft")},
        id="weekly-obligations",
    ),
    # "DMCG.dk opgaver i forhold til Danske Regioner og regionerne" — the bullets under "DMCG.dk skal derudover:".
    # ("at DMCG.dk’s forretningsudvalg udvides med regionale repræsentanter" is the health directors' decision.)
    pytest.param(
        """SELECT ?o WHERE { ?o a gov:Obligation ; gov:obligedParty id:dmcg-dk ; gov:counterparty id:regionerne ;
                                gov:statedIn id:aftale-dmcg-regionerne }""",
        {
            (f"id:obl-dmcg-{slug}",)
            for slug in (
                "faelles-indgang",
                "raadgive-tiltag",
                "tillid",
                "data-til-raadighed",
                "raadgive-dmcg-miljoeet",
                "national-enighed",
                "multidisciplinaert-samarbejde",
                "hoeringer",
                "cancerbiobank",
                "repraesentere-dmcg-erne",
            )
        },
        id="dmcg-dk-obligations-towards-the-regions",
    ),
    # "Repræsentere DMCG’erne i RKKP styregruppe, fagligt rådgivende udvalg samt andre fora nedsat af regionerne ..."
    # "... herunder være repræsenteret i styregruppen for den nationale CancerBiobank"
    pytest.param(
        """SELECT ?body WHERE { ?m a org:Membership ; org:member id:dmcg-dk ; org:role gov:Representative ;
                                   org:organization ?body }""",
        {
            ("id:rkkp-styregruppe",),
            ("id:rkkp-fagligt-raadgivende-udvalg",),
            ("id:regionale-fora-kvalitetsdatabaser",),
            ("id:dansk-cancerbiobank-styregruppe",),
        },
        id="bodies-dmcg-dk-is-represented-in",
    ),
    # "at regionerne fortsat understøtter DMCG.dk med beløb til bl.a. sekretariatsbistand"
    # "DMCG.dk kan modtage støtte til sekretariatsdrift og delvist frikøb af formanden efter ansøgning til RKKP-puljen"
    pytest.param(
        "SELECT ?funder WHERE { id:dmcg-dk gov:fundedBy ?funder }",
        {("id:regionerne",), ("id:rkkp-puljen",)},
        id="who-supports-dmcg-dk-financially",
    ),
    # "RKKP-puljen" is RKKP's pool, from which the DMCGs too receive support for their tasks.
    pytest.param(
        "ASK { id:rkkp-puljen a gov:FundingPool ; org:unitOf id:rkkp . id:dmcg-erne gov:fundedBy id:rkkp-puljen }",
        True,
        id="rkkp-pool-belongs-to-rkkp-and-funds-the-dmcgs",
    ),
    # "DMCG.dk er organiseret med en formand og et forretningsudvalg, hvori også indgår to regionale repræsentanter
    # fra henholdsvis Øst -og Vestdanmark."
    pytest.param(
        """SELECT ?post ?represents WHERE {
             ?post org:postIn id:dmcg-dk-forretningsudvalg ; org:role gov:Representative ; gov:represents ?represents .
             FILTER NOT EXISTS { ?post org:heldBy ?someone } }""",
        {
            ("id:dmcg-dk-fu-regional-repraesentant-oest", "id:regionerne"),
            ("id:dmcg-dk-fu-regional-repraesentant-vest", "id:regionerne"),
        },
        id="regional-representatives-in-executive-committee",
    ),
    # "De regionale repræsentanter er forpligtet til at fungere som kommunikationsled mellem DMCG.dk og regionerne."
    pytest.param(
        """ASK { ?o gov:obligedParty id:dmcg-dk-fu-regional-repraesentant-oest,
                                     id:dmcg-dk-fu-regional-repraesentant-vest ;
                    gov:counterparty id:dmcg-dk, id:regionerne ; gov:action ?action .
                 FILTER(lang(?action) = "da" && CONTAINS(?action, "kommunikationsled")) }""",
        True,
        id="regional-representatives-are-liaison",
    ),
    # "I daglig praksis vil samarbejde og dialog mellem regionerne og DMCG.dk oftest ske via formanden for DMCG.dk,
    # som repræsentant for DMCG miljøet og Danske Regioner som repræsentant for regionerne."
    pytest.param(
        """SELECT ?who ?for WHERE { VALUES ?who { id:formand-dmcg-dk id:danske-regioner } ?who gov:represents ?for }""",
        {("id:formand-dmcg-dk", "id:dmcg-erne"), ("id:danske-regioner", "id:regionerne")},
        id="who-represents-whom-in-daily-practice",
    ),
    # "Regionerne er repræsenteret i de enkelte DMCG’ers styregrupper jf. vedtægterne."
    pytest.param(
        """SELECT ?body ?parent WHERE { ?m org:member id:regionerne ; org:role gov:Representative ;
                                           org:organization ?body . ?body org:subOrganizationOf ?parent }""",
        {("id:dmcg-styregrupper", "id:dmcg-erne")},
        id="regions-represented-in-dmcg-steering-groups",
    ),
    # "Samarbejdsaftale mellem DMCG.dk og regionerne" … "Parterne er enige om, at …" — agreed between the two, but
    # the agreement text itself carries no date.
    pytest.param(
        """SELECT ?status ?party WHERE { id:aftale-dmcg-regionerne gov:status ?status ; gov:party ?party .
                                         FILTER NOT EXISTS { id:aftale-dmcg-regionerne dct:date ?date } }""",
        {("gov:Adopted", "id:dmcg-dk"), ("gov:Adopted", "id:regionerne")},
        id="dmcg-agreement-status-parties-undated",
    ),
    # "På møde d. 13. juni 2012 i sundhedsdirektørkredsen besluttede kredsen af sundhedsdirektører derfor fortsat at
    # understøtte DMCG.dk …" — the date the text gives belongs to the health directors' decision.
    pytest.param(
        """SELECT ?date ?status ?by WHERE { ?decision gov:status ?status ; dct:date ?date ; gov:party ?by ;
                                              dct:references id:aftale-dmcg-regionerne }""",
        {("2012-06-13", "gov:Decision", "id:sundhedsdirektoerkredsen")},
        id="health-directors-decided-on-13-june-2012",
    ),
    # "Kredsen besluttede derfor følgende: at der indgås en samarbejdsaftale med DMCG.dk … at DMCG.dk’s
    # forretningsudvalg udvides med regionale repræsentanter … at der i RKKP tilknyttes en ressourceperson, der er
    # sparringspartner for DMCG’erne … at regionerne fortsat understøtter DMCG.dk med beløb til bl.a.
    # sekretariatsbistand"
    pytest.param(
        """SELECT ?o ?who WHERE { ?o gov:statedIn id:beslutning-sundhedsdirektoerkredsen-2012-06-13 ;
                                     gov:obligedParty ?who }""",
        {
            ("id:obl-dmcg-kredsen-understoette", "id:sundhedsdirektoerkredsen"),
            ("id:obl-dmcg-indgaa-samarbejdsaftale", "id:regionerne"),
            ("id:obl-dmcg-fu-udvides", "id:dmcg-dk"),
            ("id:obl-dmcg-rkkp-tilknytte-ressourceperson", "id:rkkp"),
            ("id:obl-dmcg-ressourceperson-sparring", "id:rkkp-ressourceperson"),
            ("id:obl-dmcg-regioner-stoette", "id:regionerne"),
        },
        id="what-the-health-directors-decided",
    ),
    # "I daglig praksis vil samarbejde og dialog mellem regionerne og DMCG.dk oftest ske via formanden for DMCG.dk,
    # som repræsentant for DMCG miljøet og Danske Regioner som repræsentant for regionerne."
    pytest.param(
        """SELECT ?who ?for WHERE { ?m a org:Membership ; org:organization ?cooperation ; org:member ?who ;
                                       org:role gov:Representative ; gov:represents ?for .
                                    ?cooperation a org:OrganizationalCollaboration ;
                                       org:hasMember id:dmcg-dk, id:regionerne }""",
        {("id:formand-dmcg-dk", "id:dmcg-erne"), ("id:danske-regioner", "id:regionerne")},
        id="day-to-day-channel-between-regions-and-dmcg-dk",
    ),
    # "Regionerne har aftalt konkrete elementer, der indgår i samarbejdsaftalen" — and the text gives no date.
    pytest.param(
        """ASK { id:aftale-styrket-samarbejde-kraeft gov:party id:regionerne ; gov:status gov:Adopted .
                 FILTER NOT EXISTS { id:aftale-styrket-samarbejde-kraeft dct:date ?date } }""",
        True,
        id="cancer-agreement-between-regions-undated",
    ),
    # "Rammer for etablering af kontaktlister ... med kontaktoplysninger på primærindgangen i hver region"
    # — asked for, but no document names a contact point, so no region has one.
    pytest.param(
        """ASK { ?o gov:obligedParty id:regionerne ; gov:statedIn id:aftale-styrket-samarbejde-kraeft ;
                    gov:action ?action FILTER(CONTAINS(?action, "primærindgangen"))
                 FILTER NOT EXISTS { ?region a gov:Region ; cv:contactPoint ?contact } }""",
        True,
        id="contact-lists-required-but-no-contact-point-named",
    ),
    # "Hvis kapaciteten er udfordret på et kræftområde etablerer sundhedsdirektørkredsen et nationalt netværk ...
    # for at sikre koordinering mellem det faglige niveau og ledelsessystemet."
    pytest.param(
        "SELECT ?status WHERE { id:nationale-netvaerk-kraeft gov:hasMandate/gov:mandateStatus ?status }",
        {("gov:MandateStated",)},
        id="national-networks-have-a-stated-mandate",
    ),
    # "DMCG.dk er organiseret med en formand og et forretningsudvalg ..." — nothing says what the committee may decide.
    pytest.param(
        """ASK { id:dmcg-dk-forretningsudvalg a gov:ExecutiveCommittee ; org:subOrganizationOf id:dmcg-dk .
                 FILTER NOT EXISTS { id:dmcg-dk-forretningsudvalg gov:hasMandate ?mandate } }""",
        True,
        id="executive-committee-mandate-left-open",
    ),
    # "Hvis en region oplever eller kan forudse problemer med kapacitet ... tages kontakt til øvrige regioner ved en
    # på forhånd aftalt kontakt." and the other "if capacity ..." rules.
    pytest.param(
        """SELECT DISTINCT ?who WHERE { ?o gov:statedIn id:aftale-styrket-samarbejde-kraeft ;
                                           gov:frequency gov:AsNeeded ; gov:obligedParty ?who }""",
        {
            ("id:regionerne",),
            ("id:sundhedsdirektoerkredsen",),
            ("id:regionernes-hospitaler",),
            ("id:nationale-netvaerk-kraeft",),
        },
        id="who-acts-when-capacity-is-under-pressure",
    ),
    # The three capacity-contact rules: "Hvis en eller flere regioner oplever eller kan forudse længerevarende problemer
    # med kapacitet på et kræftområde tages sagen op i regionernes sundhedsdirektørkreds." / "Hvis en region oplever
    # … tages kontakt til øvrige regioner ved en på forhånd aftalt kontakt." / "Hvis et hospital oplever problemer med
    # kapacitet på en eller flere typer af patientforløb tages der kontakt til øvrige hospitaler."
    pytest.param(
        """SELECT ?who ?whom WHERE {
             VALUES ?passage { id:passage-shared-kraeft-sundhedsdirektoerkreds id:passage-kraeft-region-kontakt
                               id:passage-kraeft-hospital-kontakt }
             ?o prov:wasDerivedFrom ?passage ; gov:obligedParty ?who ; gov:counterparty ?whom ;
                gov:frequency gov:AsNeeded }""",
        {
            ("id:regionerne", "id:sundhedsdirektoerkredsen"),
            ("id:regionerne", "id:regionerne"),
            ("id:regionernes-hospitaler", "id:regionernes-hospitaler"),
        },
        id="capacity-contact-rules-who-contacts-whom",
    ),
    # "... tages kontakt til øvrige regioner ved en på forhånd aftalt kontakt." — the contact is not named.
    pytest.param(
        """ASK { id:obl-kraeft-kontakt-oevrige-regioner gov:obligedParty id:regionerne .
                 FILTER NOT EXISTS { ?agent cv:contactPoint ?contact } }""",
        True,
        id="pre-agreed-contact-between-regions-not-named",
    ),
    # "Rammer for og beskrivelse af, hvordan sundhedsdirektørerne følger op på samarbejdsaftalen" — the health
    # directors are a post in their circle, held by nobody the documents name.
    pytest.param(
        """SELECT ?post WHERE { ?post org:memberOf id:sundhedsdirektoerkredsen ; a org:Post .
                                FILTER NOT EXISTS { ?post org:heldBy ?someone } }""",
        {("id:sundhedsdirektoer",)},
        id="health-directors-are-an-unfilled-post-in-the-circle",
    ),
    # "DMCG.dk rådgiver særligt regionerne i forbindelse med konkrete tiltag om kræftbehandling, organisering,
    # forskning og tolkning af ny viden."
    pytest.param(
        "SELECT ?whom WHERE { id:dmcg-dk gov:advises ?whom }",
        {("id:regionerne",)},
        id="dmcg-dk-advises-the-regions",
    ),
    # "RKKP – ressourcepersonen og DMCG.dk – formanden skal gensidigt oparbejde et konstruktivt og tillidsfuldt
    # samarbejde omkring ressourcepersonens mulighed for opgavevaretagelse."
    pytest.param(
        """SELECT ?party WHERE { ?o gov:statedIn id:aftale-dmcg-regionerne ; gov:obligedParty ?party ;
                                    gov:action ?action FILTER(CONTAINS(?action, "tillidsfuldt")) }""",
        {("id:rkkp-ressourceperson",), ("id:formand-dmcg-dk",)},
        id="mutual-cooperation-resource-person-and-chair",
    ),
]


@pytest.mark.parametrize(("query", "expected"), QUESTIONS)
def test_competency_question(ask_seed: AskSeed, seed_store: Store, query: str, expected: Answer) -> None:
    assert ask(ask_seed, seed_store, query) == expected, "the graph's answer differs from what the document says"
