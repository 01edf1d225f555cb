"""Obligations and documents on the invented fixture graph: filters, languages, holes left open."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from govkg.answers import InvalidParameter, obligations
from govkg.store import Store


def duties(client: TestClient, **params: str) -> list[dict[str, Any]]:
    response = client.get("/api/obligations", params=params)
    assert response.status_code == 200, response.text
    body: list[dict[str, Any]] = response.json()
    return body


def test_every_obligation_is_listed_including_one_without_an_obliged_party(answers_client: TestClient) -> None:
    found = {o["slug"]: o for o in duties(answers_client)}
    assert set(found) == {"forpligtelse-status", "forpligtelse-udveksling", "forpligtelse-uden-part"}
    hole = found["forpligtelse-uden-part"]
    assert hole["obliged_parties"] == [] and hole["frequency"] is None and hole["agreement"] is None
    assert hole["action"] == "Holde kontaktlister opdateret", "only Danish given: it stands in for English"


def test_an_obligation_says_who_what_for_whom_how_often_where(answers_client: TestClient) -> None:
    [duty] = duties(answers_client, party="netvaerket", lang="da")
    assert duty["action"] == "Gøre status på aftalen" and duty["label"] == "Gøre status på aftalen"
    assert [p["label"] for p in duty["obliged_parties"]] == ["Kræftnetværket"]
    assert [p["slug"] for p in duty["counterparties"]] == ["region-nord", "region-syd"]
    assert (duty["frequency"]["curie"], duty["frequency"]["label"]) == ("gov:Quarterly", "Kvartalsvis")
    agreement = duty["agreement"]
    assert (agreement["slug"], agreement["label"], agreement["status"]["curie"]) == (
        "aftale-test",
        "Testaftalen",
        "gov:Adopted",
    )
    assert [p["document"]["identifier"] for p in duty["passages"]] == ["test_0001.txt"]


def test_filters_combine(answers_client: TestClient) -> None:
    owed_to_north = {o["slug"] for o in duties(answers_client, counterparty="region-nord")}
    assert owed_to_north == {"forpligtelse-status", "forpligtelse-uden-part"}
    assert duties(answers_client, party="netvaerket", counterparty="region-nord")[0]["slug"] == "forpligtelse-status"
    assert duties(answers_client, party="region-nord") == []


@pytest.mark.parametrize("typed", ["gov:Weekly", "Weekly", "weekly", "Ugentligt", "ugentligt"])
def test_frequency_is_understood_by_curie_name_or_label(answers_client: TestClient, typed: str) -> None:
    assert [o["slug"] for o in duties(answers_client, frequency=typed)] == ["forpligtelse-udveksling"]


def test_an_unknown_frequency_is_a_422_listing_the_known_ones(answers_client: TestClient) -> None:
    response = answers_client.get("/api/obligations", params={"frequency": "sometimes"})
    assert response.status_code == 422
    assert "gov:Quarterly" in response.json()["message"] and "gov:Weekly" in response.json()["message"]


def test_the_core_raises_a_typed_error_for_an_unknown_frequency(answers_store: Store) -> None:
    with pytest.raises(InvalidParameter) as caught:
        obligations(answers_store, frequency="sometimes")
    assert caught.value.parameter == "frequency"


def test_an_unknown_party_is_a_404(answers_client: TestClient) -> None:
    response = answers_client.get("/api/obligations", params={"party": "no-such-thing"})
    assert response.status_code == 404 and response.json()["error"] == "NOT_FOUND"


def test_documents_list_the_source_with_its_graph_counts_and_agreement(answers_client: TestClient) -> None:
    response = answers_client.get("/api/documents", params={"lang": "da"})
    assert response.status_code == 200
    [document] = response.json()
    assert document["identifier"] == "test_0001.txt" and document["title"] == "Et prøvedokument"
    assert document["date"] == "2020-01"
    assert document["graph"] == "https://w3id.org/govkg/id/graph/fixture" and document["triples"] > 100
    assert document["passages"] == 3 and document["sourced"] == 3
    [agreement] = document["agreements"]
    assert (agreement["label"], agreement["status"]["label"]) == ("Testaftalen", "Vedtaget")
    assert agreement["date"] == "2020-01-02"
    assert (agreement["parties"], agreement["obligations"]) == (2, 2)
