"""The REST answers on the seed data, over real HTTP, checked against what the five documents say."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import SEEDS
from tests.live import LiveServer

DMCG = "000_11c072360ca85c81.txt"
KRAEFT = "001_46e8b5131ab1d425.txt"


@pytest.fixture(scope="module")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=20) as client:
        yield client


def get(http: httpx.Client, path: str, **params: str | int) -> Any:
    response = http.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def first_hit(http: httpx.Client, q: str, **params: str | int) -> dict[str, Any]:
    items = get(http, "/api/entities", q=q, **params)["items"]
    assert items, f"nothing found for {q!r}"
    hit: dict[str, Any] = items[0]
    return hit


@pytest.mark.parametrize(
    ("typed", "slug", "danish"),
    [
        pytest.param("sundhedsdirektorkredsen", "sundhedsdirektoerkredsen", "Sundhedsdirektørkredsen", id="no-oe"),
        pytest.param("rkkp", "rkkp", "Regionernes Kliniske Kvalitetsudviklingsprogram", id="abbreviation"),
        pytest.param("hovedstaden", "region-hovedstaden", "Region Hovedstaden", id="part-of-name"),
        pytest.param("Capital Region", "region-hovedstaden", "Region Hovedstaden", id="english"),
    ],
)
def test_a_designer_finds_the_bodies_the_documents_name(http: httpx.Client, typed: str, slug: str, danish: str) -> None:
    hit = first_hit(http, typed, lang="da")
    assert (hit["slug"], hit["label"]) == (slug, danish)


def test_searching_sjaelland_finds_the_region_and_its_university_hospital(http: httpx.Client) -> None:
    labels = {h["label"] for h in get(http, "/api/entities", q="Sjælland", lang="da", limit=50)["items"]}
    assert {"Region Sjælland", "Sjællands Universitetshospital"} <= labels
    for spelling in ("sjaelland", "SJÆLLAND"):
        same = {h["label"] for h in get(http, "/api/entities", q=spelling, lang="da", limit=50)["items"]}
        assert same == labels, f"{spelling!r} finds the same"


def test_the_rkkp_resource_person_reports_to_the_leader_of_rkkp(
    http: httpx.Client, in_seed: Callable[[str, str], bool]
) -> None:
    person = first_hit(http, "ressourceperson RKKP", type="org:Post", lang="da")
    chain = get(http, f"/api/entities/{person['slug']}/chain", lang="da")
    first = chain["steps"][0]
    assert first["relation"] == "org:reportsTo"
    leader = get(http, f"/api/entities/{first['to']['slug']}", lang="da")
    assert "gov:Leader" in {p["role"]["curie"] for p in leader["posts"] if p["role"]}
    assert ("org:postIn", "rkkp") in {(r["predicate"]["curie"], r["other"]["slug"]) for r in leader["outgoing"]}
    assert "rkkp" in [s["to"]["slug"] for s in chain["steps"]], "the chain climbs on into RKKP itself"
    sources = get(http, f"/api/entities/{person['slug']}")["passages"]
    said = [p for p in sources if "refererer til lederen af RKKP" in (p["quote"] or "")]
    assert said and all(in_seed(p["quote"], p["document"]["identifier"]) for p in said)


def test_sundhedsstyregruppen_prepares_cases_for_sundhedskoordinationsudvalget(http: httpx.Client) -> None:
    group = first_hit(http, "Sundhedsstyregruppen", type="Body", lang="da")
    assert group["label"] == "Sundhedsstyregruppen"
    first = get(http, f"/api/entities/{group['slug']}/chain", lang="da")["steps"][0]
    assert (first["relation"], first["to"]["label"]) == ("gov:preparesCasesFor", "Sundhedskoordinationsudvalget")
    assert first["relation_label"] == "forbereder sager for"


def test_dmcg_dk_obligations_towards_the_regions_are_those_of_its_agreement(
    http: httpx.Client, in_seed: Callable[[str, str], bool]
) -> None:
    found = get(http, "/api/obligations", party="dmcg-dk", counterparty="regionerne", lang="da")
    assert len(found) >= 5, "the agreement lists DMCG.dk's tasks towards the regions"
    for duty in found:
        assert "dmcg-dk" in [p["slug"] for p in duty["obliged_parties"]]
        assert "regionerne" in [p["slug"] for p in duty["counterparties"]]
        assert duty["action"] and duty["agreement"] is not None
        assert duty["passages"], f"{duty['slug']} has a source"
        for passage in duty["passages"]:
            assert passage["document"]["identifier"] == DMCG and in_seed(passage["quote"], DMCG)
    actions = " ".join(d["action"] for d in found).casefold()
    for task in ("rådgive", "retningslinjer", "cancerbiobank"):
        assert task in actions, f"the agreement's task about {task!r} is listed"


@pytest.mark.parametrize(
    ("frequency", "words"),
    [
        pytest.param("quarterly", "én gang i kvartalet", id="quarterly"),
        pytest.param("gov:Weekly", "ugentlig", id="weekly"),
    ],
)
def test_frequencies_come_from_the_cancer_agreements_own_words(
    http: httpx.Client, in_seed: Callable[[str, str], bool], frequency: str, words: str
) -> None:
    found = get(http, "/api/obligations", frequency=frequency)
    quotes = [(p["quote"], p["document"]["identifier"]) for d in found for p in d["passages"]]
    assert any(words in quote and in_seed(quote, doc) for quote, doc in quotes if doc == KRAEFT)


def test_documents_are_the_five_seeds_with_the_status_they_declare(http: httpx.Client) -> None:
    documents = {d["identifier"]: d for d in get(http, "/api/documents")}
    assert sorted(documents) == sorted(p.name for p in SEEDS.glob("*.txt"))
    statuses = {name: {a["status"]["curie"] for a in d["agreements"] if a["status"]} for name, d in documents.items()}
    assert statuses["004_f4a4dfacb4a3f334.txt"] == {"gov:Draft"}, "'[UDKAST]' in the title"
    assert statuses["003_f2e2ef14e37e1c26.txt"] == {"gov:Proposal"}, "'Forslag til ny organisering'"
    assert statuses["002_290ce6b5839752f9.txt"] == {"gov:MeetingSummary"}, "'Opsamling CCC-samarbejdsmøder'"
    assert documents["004_f4a4dfacb4a3f334.txt"]["date"] == "2018-08-06", "'Den 6. august 2018'"
    assert documents["003_f2e2ef14e37e1c26.txt"]["date"] == "2016-05-26", "'26.05.2016'"
    for document in documents.values():
        assert document["triples"] > 0 and document["passages"] > 0


def test_the_two_eastern_regions_are_connected_step_by_step(http: httpx.Client) -> None:
    path = get(http, "/api/path", **{"from": "region-sjaelland", "to": "region-hovedstaden"})
    steps = path["steps"]
    assert steps and path["length"] == len(steps)
    assert steps[0]["from"]["slug"] == "region-sjaelland" and steps[-1]["to"]["slug"] == "region-hovedstaden"
    for before, after in zip(steps, steps[1:], strict=False):
        assert before["to"]["iri"] == after["from"]["iri"], "each step starts where the last one ended"


def test_the_answers_are_documented_in_openapi(http: httpx.Client) -> None:
    spec = get(http, "/openapi.json")
    for path in (
        "/api/entities",
        "/api/entities/{slug}",
        "/api/entities/{slug}/chain",
        "/api/path",
        "/api/obligations",
    ):
        assert path in spec["paths"], path
    schemas = spec["components"]["schemas"]
    assert {"Entity", "Chain", "Path", "Obligation", "SearchResult", "Document", "ErrorBody"} <= set(schemas)
    not_found = spec["paths"]["/api/entities/{slug}"]["get"]["responses"]["404"]
    assert not_found["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")


def test_an_unknown_slug_over_http_is_a_json_404(http: httpx.Client) -> None:
    response = http.get("/api/entities/no-such-body/chain")
    assert response.status_code == 404 and response.json()["error"] == "NOT_FOUND"
