"""Describing one entity of the invented fixture graph: every section a reader needs, and clear 404s."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from govkg.answers import describe_entity
from govkg.errors import NotFound
from govkg.store import Store


def describe(client: TestClient, slug: str, lang: str = "en") -> dict[str, Any]:
    response = client.get(f"/api/entities/{slug}", params={"lang": lang})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def lines(relations: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(r["predicate"]["curie"], r["other"]["slug"]) for r in relations}


def test_a_region_shows_its_names_types_contact_point_and_source(answers_client: TestClient) -> None:
    region = describe(answers_client, "region-nord", "da")
    assert region["label"] == "Region Nørrejylland"
    assert region["labels"] == {
        "da": "Region Nørrejylland",
        "en": "North Jutland Region",
        "alt": [{"value": "RN", "lang": "da", "datatype": None}],
    }
    assert {t["curie"]: t["label"] for t in region["types"]} == {
        "cv:PublicOrganisation": "Offentlig organisation",
        "gov:Region": "Region",
    }
    [contact] = region["contact_points"]
    assert contact["label"] == "Hovedindgang Nord"
    assert [(d["predicate"]["curie"], d["value"]["value"]) for d in contact["details"]] == [
        ("cv:email", "kontakt@example.org")
    ]
    [passage] = region["passages"]
    assert passage["quote"] == "Region Nørrejylland deltager i samarbejdet."
    assert passage["document"]["identifier"] == "test_0001.txt" and passage["document"]["title"] == "Et prøvedokument"


def test_lines_in_and_out_carry_predicate_labels_and_the_other_ends_name(answers_client: TestClient) -> None:
    secretariat = describe(answers_client, "sekretariatet")
    assert lines(secretariat["outgoing"]) == {("gov:preparesCasesFor", "styregruppen"), ("org:unitOf", "region-nord")}
    prepares = next(r for r in secretariat["outgoing"] if r["predicate"]["curie"] == "gov:preparesCasesFor")
    assert prepares["predicate"]["label"] == "prepares cases for"
    assert prepares["other"]["label"] == "Health steering group North"
    region = describe(answers_client, "region-nord")
    assert ("org:unitOf", "sekretariatet") in lines(region["incoming"])
    assert ("org:hasMember", "samarbejdet") in lines(region["incoming"]), "inverse lines show as stated"


def test_a_network_shows_its_membership_and_its_obligations_both_ways(answers_client: TestClient) -> None:
    network = describe(answers_client, "netvaerket")
    [membership] = network["memberships"]
    assert membership["member"]["slug"] == "region-nord" and membership["role"]["curie"] == "gov:Member"
    duties = {o["slug"]: o for o in network["obligations"]}
    assert set(duties) == {"forpligtelse-status", "forpligtelse-udveksling"}
    assert [p["slug"] for p in duties["forpligtelse-status"]["obliged_parties"]] == ["netvaerket"]
    assert [p["slug"] for p in duties["forpligtelse-udveksling"]["counterparties"]] == ["netvaerket"]
    assert not lines(network["incoming"]) & {("gov:obligedParty", "forpligtelse-status")}, "shown once, not twice"


def test_a_body_shows_its_posts_with_role_holder_and_line_of_report(answers_client: TestClient) -> None:
    posts = {p["post"]["slug"]: p for p in describe(answers_client, "sekretariatet", "da")["posts"]}
    assert set(posts) == {"post-leder", "post-ressourceperson"}
    resource = posts["post-ressourceperson"]
    assert resource["role"]["label"] == "Ressourceperson"
    assert [h["label"] for h in resource["held_by"]] == ["Åse Ødegård"]
    assert [r["slug"] for r in resource["reports_to"]] == ["post-leder"]
    assert [b["slug"] for b in resource["post_in"]] == ["sekretariatet"]


def test_a_person_sees_the_post_they_hold(answers_client: TestClient) -> None:
    person = describe(answers_client, "person-aase")
    assert [p["post"]["slug"] for p in person["posts"]] == ["post-ressourceperson"]
    assert person["label"] == "Åse Ødegård", "no English label: the Danish one stands in"


def test_a_committee_shows_its_mandate_with_status_and_source(answers_client: TestClient) -> None:
    [mandate] = describe(answers_client, "udvalget", "da")["mandates"]
    assert mandate["status"] == {
        "iri": "https://w3id.org/govkg/ontology#MandateUnclear",
        "curie": "gov:MandateUnclear",
        "label": "Mandat uklart",
    }
    assert mandate["description"] == "Koordinerer på tværs"
    assert [p["quote"] for p in mandate["passages"]] == ["Mandatet for udvalget kan være uklart."]


def test_an_agreement_shows_its_dates_as_typed_attributes(answers_client: TestClient) -> None:
    agreement = describe(answers_client, "aftale-test")
    assert {"predicate": "dct:date", "value": "2020-01-02", "datatype": "xsd:date"} in [
        {"predicate": a["predicate"]["curie"], "value": a["value"]["value"], "datatype": a["value"]["datatype"]}
        for a in agreement["attributes"]
    ]
    assert ("gov:party", "region-syd") in lines(agreement["outgoing"])


def test_an_unknown_slug_is_a_json_404(answers_client: TestClient) -> None:
    response = answers_client.get("/api/entities/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"] == "NOT_FOUND" and "no-such-thing" in response.json()["message"]


@pytest.mark.parametrize("slug", ["-leading-dash", "with%20space", "%C3%A6ble"])
def test_what_is_neither_a_slug_nor_a_name_is_a_404(answers_client: TestClient, slug: str) -> None:
    response = answers_client.get(f"/api/entities/{slug}")  # names are accepted, so no 422 for the shape
    assert response.status_code == 404 and response.json()["error"] == "NOT_FOUND"


def test_the_core_raises_not_found_for_a_slug_that_is_not_an_iri(answers_store: Store) -> None:
    with pytest.raises(NotFound):
        describe_entity(answers_store, "a>b")
