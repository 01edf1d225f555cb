"""Finding entities by name on the invented fixture graph: any language, any case, no accents needed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from govkg.answers import InvalidParameter, search_entities
from govkg.answers.index import fold
from govkg.store import Store


def slugs(client: TestClient, **params: str | int) -> list[str]:
    response = client.get("/api/entities", params=params)
    assert response.status_code == 200, response.text
    return [item["slug"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("Region Nørrejylland", id="as-written"),
        pytest.param("region nørrejylland", id="lower-case"),
        pytest.param("norrejylland", id="o-for-oe"),
        pytest.param("NOERREJYLLAND", id="oe-for-oe-upper"),
        pytest.param("North Jutland", id="english"),
        pytest.param("rn", id="abbreviation"),
    ],
)
def test_a_user_finds_a_region_however_they_type_it(answers_client: TestClient, typed: str) -> None:
    assert slugs(answers_client, q=typed)[0] == "region-nord"


@pytest.mark.parametrize("typed", ["Kræftnetværket", "kraeftnetvaerket", "kraftnetvarket", "KRAFTNETVARKET"])
def test_æ_may_be_typed_as_ae_or_a(answers_client: TestClient, typed: str) -> None:
    assert slugs(answers_client, q=typed)[0] == "netvaerket"


def test_the_hit_says_which_label_matched_and_names_it_in_the_language_asked(answers_client: TestClient) -> None:
    body = answers_client.get("/api/entities", params={"q": "knv", "lang": "da"}).json()
    hit = body["items"][0]
    assert (hit["slug"], hit["label"], hit["matched"]) == ("netvaerket", "Kræftnetværket", "KNV")
    assert [t["curie"] for t in hit["types"]] == ["gov:Network"]
    english = answers_client.get("/api/entities", params={"q": "knv"}, headers={"Accept-Language": "en"})
    english = english.json()["items"][0]
    assert english["label"] == "Cancer network"


def test_exact_names_rank_before_partial_ones(answers_store: Store) -> None:
    result = search_entities(answers_store, "sekretariatet", lang="da")
    assert [h.slug for h in result.items][:2] == ["sekretariatet", "post-leder"], "exact label first, then substring"


def test_all_words_must_occur_but_in_any_order(answers_store: Store) -> None:
    assert [h.slug for h in search_entities(answers_store, "nord sundhedsstyregruppen").items] == ["styregruppen"]
    assert search_entities(answers_store, "nord sydhavn").items == []


def test_type_filter_takes_a_curie_or_a_bare_name_and_includes_subclasses(answers_client: TestClient) -> None:
    bodies = set(slugs(answers_client, type="Body", limit=100))
    assert bodies == {"styregruppen", "udvalget", "sekretariatet", "netvaerket", "ensom"} | {
        f"kreds-{x}" for x in "abcd"
    }
    assert slugs(answers_client, type="gov:Network") == ["netvaerket"]
    assert slugs(answers_client, type="body", q="kreds a") == ["kreds-a"], "names are case-insensitive"
    assert set(slugs(answers_client, type="gov:Region")) == {"region-nord", "region-syd"}


def test_the_answer_echoes_the_type_as_understood(answers_client: TestClient) -> None:
    body = answers_client.get("/api/entities", params={"type": "SteeringGroup", "lang": "da"}).json()
    assert body["type"]["curie"] == "gov:SteeringGroup" and body["type"]["label"] == "Styregruppe"
    assert body["total"] == 1


@pytest.mark.parametrize("bad", ["gov:Nonsense", "Nonsense", "nope:Body"])
def test_an_unknown_type_is_a_422_that_lists_known_types(answers_client: TestClient, bad: str) -> None:
    response = answers_client.get("/api/entities", params={"type": bad})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "INVALID_PARAMETER" and "gov:Body" in body["message"]


def test_the_core_raises_a_typed_error_for_an_unknown_type(answers_store: Store) -> None:
    with pytest.raises(InvalidParameter) as caught:
        search_entities(answers_store, type="Nonsense")
    assert caught.value.parameter == "type"


def test_limit_cuts_the_list_but_total_counts_every_match(answers_client: TestClient) -> None:
    body = answers_client.get("/api/entities", params={"q": "kreds", "limit": 2}).json()
    assert len(body["items"]) == 2 and body["total"] == 4


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"lang": "fr"}, id="unsupported-language"),
        pytest.param({"limit": 0}, id="zero-limit"),
        pytest.param({"limit": 100_000}, id="huge-limit"),
        pytest.param({"q": "x" * 300}, id="overlong-query"),
    ],
)
def test_bad_search_parameters_are_422(answers_client: TestClient, params: dict[str, str | int]) -> None:
    response = answers_client.get("/api/entities", params=params)
    assert response.status_code == 422 and response.json()["error"] == "INVALID_PARAMETER"


def test_without_a_query_every_entity_is_listed_alphabetically_ignoring_accents(answers_store: Store) -> None:
    result = search_entities(answers_store, limit=500, lang="da")
    labels = [h.label for h in result.items]
    assert labels == sorted(labels, key=fold) and result.total == len(labels)
    assert labels[0] == "Åse Ødegård", "Å sorts as A"
    assert "passage-nord" not in {h.slug for h in result.items}, "only labelled entities are listed"
