"""Chains upward and paths between entities on the invented fixture graph, where every answer is known."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from govkg.answers import chain_up, path_between
from govkg.errors import NotFound
from govkg.store import Store
from tests.api.conftest import fixture_store


def walk(client: TestClient, slug: str) -> dict[str, Any]:
    response = client.get(f"/api/entities/{slug}/chain", params={"lang": "en"})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def hops(chain: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(s["from"]["slug"], s["relation"], s["to"]["slug"]) for s in chain["steps"]]


def test_a_person_goes_up_through_their_post_to_the_top(answers_client: TestClient) -> None:
    chain = walk(answers_client, "person-aase")
    assert hops(chain) == [
        ("person-aase", "org:heldBy", "post-ressourceperson"),
        ("post-ressourceperson", "org:reportsTo", "post-leder"),
        ("post-leder", "org:postIn", "sekretariatet"),
        ("sekretariatet", "gov:preparesCasesFor", "styregruppen"),
        ("styregruppen", "gov:preparesCasesFor", "udvalget"),
        ("udvalget", "gov:establishedBy", "aftale-test"),
    ]
    assert chain["steps"][0]["direction"] == "backward", "the graph says the post is held by the person"
    assert {s["direction"] for s in chain["steps"][1:]} == {"forward"}
    assert chain["top"]["slug"] == "aftale-test" and chain["cycle"] is None
    assert chain["steps"][3]["relation_label"] == "prepares cases for"


def test_reporting_outranks_belonging_and_the_road_not_taken_is_listed(answers_client: TestClient) -> None:
    steps = walk(answers_client, "post-ressourceperson")["steps"]
    assert steps[0]["to"]["slug"] == "post-leder"
    assert [(a["relation"], a["to"]["slug"]) for a in steps[0]["alternatives"]] == [("org:postIn", "sekretariatet")]
    secretariat = walk(answers_client, "sekretariatet")["steps"][0]
    assert (secretariat["relation"], secretariat["to"]["slug"]) == ("gov:preparesCasesFor", "styregruppen")
    assert [(a["relation"], a["to"]["slug"]) for a in secretariat["alternatives"]] == [("org:unitOf", "region-nord")]


def test_two_parents_of_equal_rank_pick_the_smaller_slug_every_time(answers_client: TestClient) -> None:
    first = walk(answers_client, "netvaerket")
    assert hops(first)[0] == ("netvaerket", "org:reportsTo", "region-nord")
    assert [a["to"]["slug"] for a in first["steps"][0]["alternatives"]] == ["region-syd"]
    assert walk(answers_client, "netvaerket") == first


def test_a_loop_is_reported_and_the_chain_goes_on_where_it_can(answers_client: TestClient) -> None:
    chain = walk(answers_client, "kreds-a")
    assert hops(chain) == [("kreds-a", "org:reportsTo", "kreds-b"), ("kreds-b", "org:subOrganizationOf", "samarbejdet")]
    assert (chain["cycle"]["from"]["slug"], chain["cycle"]["to"]["slug"]) == ("kreds-b", "kreds-a")
    assert chain["steps"][1]["alternatives"] == [], "a way back is a cycle, not an alternative"
    assert chain["top"]["slug"] == "samarbejdet"


def test_a_closed_loop_ends_the_chain(answers_store: Store) -> None:
    chain = chain_up(answers_store, "kreds-c")
    assert [s.to.slug for s in chain.steps] == ["kreds-d"] and chain.top.slug == "kreds-d"
    assert chain.cycle is not None and chain.cycle.to.slug == "kreds-c"


def test_the_top_of_the_hierarchy_has_an_empty_chain(answers_client: TestClient) -> None:
    chain = walk(answers_client, "samarbejdet")
    assert chain["steps"] == [] and chain["top"]["slug"] == "samarbejdet"


def test_membership_is_not_a_line_upward(answers_store: Store) -> None:
    region = chain_up(answers_store, "region-syd")
    assert region.steps == [], "org:hasMember is membership, not a line upward"


def test_the_chain_follows_new_data_after_an_update() -> None:
    store = fixture_store()
    assert chain_up(store, "ensom").steps == []
    store.update(
        "PREFIX org: <http://www.w3.org/ns/org#> PREFIX id: <https://w3id.org/govkg/id/> "
        "INSERT DATA { GRAPH <https://w3id.org/govkg/id/graph/extra> { id:ensom org:reportsTo id:udvalget } }"
    )
    assert [s.to.slug for s in chain_up(store, "ensom").steps] == ["udvalget", "aftale-test"]


def test_an_unknown_entity_has_no_chain(answers_client: TestClient) -> None:
    response = answers_client.get("/api/entities/no-such-thing/chain")
    assert response.status_code == 404 and response.json()["error"] == "NOT_FOUND"


def path(client: TestClient, start: str, end: str) -> dict[str, Any]:
    response = client.get("/api/path", params={"from": start, "to": end})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_path_says_each_steps_relation_and_direction(answers_client: TestClient) -> None:
    found = path(answers_client, "post-ressourceperson", "udvalget")
    assert [(s["from"]["slug"], s["relation"], s["direction"], s["to"]["slug"]) for s in found["steps"]] == [
        ("post-ressourceperson", "org:postIn", "forward", "sekretariatet"),
        ("sekretariatet", "gov:preparesCasesFor", "forward", "styregruppen"),
        ("styregruppen", "gov:preparesCasesFor", "forward", "udvalget"),
    ]
    assert found["length"] == 3 and found["from"]["slug"] == "post-ressourceperson"


def test_the_way_back_is_the_same_path_with_directions_turned(answers_client: TestClient) -> None:
    there = path(answers_client, "post-ressourceperson", "udvalget")["steps"]
    back = path(answers_client, "udvalget", "post-ressourceperson")["steps"]
    assert [(s["to"]["slug"], s["relation"]) for s in reversed(back)] == [
        (s["from"]["slug"], s["relation"]) for s in there
    ]
    assert {s["direction"] for s in back} == {"backward"}


def test_paths_run_through_memberships_and_obligations(answers_store: Store) -> None:
    found = path_between(answers_store, "region-syd", "region-nord")
    assert found.length == 2
    middle = found.steps[0].to.slug
    assert middle in {"samarbejdet", "aftale-test", "forpligtelse-status", "netvaerket"}
    assert path_between(answers_store, "region-syd", "region-syd").steps == []


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        pytest.param("ensom", "region-nord", "no path", id="no-path"),
        pytest.param("no-such-thing", "region-nord", "no-such-thing", id="unknown-from"),
        pytest.param("region-nord", "no-such-thing", "no-such-thing", id="unknown-to"),
    ],
)
def test_no_path_and_unknown_slugs_are_404_with_a_clear_message(
    answers_client: TestClient, start: str, end: str, words: str
) -> None:
    response = answers_client.get("/api/path", params={"from": start, "to": end})
    assert response.status_code == 404
    assert response.json()["error"] == "NOT_FOUND" and words in response.json()["message"]


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"from": "ensom"}, id="missing-to"),
        pytest.param({"to": "ensom"}, id="missing-from"),
        pytest.param({"from": "a b", "to": "ensom"}, id="malformed-slug"),
    ],
)
def test_bad_path_parameters_are_422(answers_client: TestClient, params: dict[str, str]) -> None:
    response = answers_client.get("/api/path", params=params)
    assert response.status_code == 422 and response.json()["error"] == "INVALID_PARAMETER"


def test_the_core_raises_not_found_when_nothing_connects(answers_store: Store) -> None:
    with pytest.raises(NotFound, match="no path"):
        path_between(answers_store, "kreds-c", "ensom")
