"""/api/scenarios and /api/compare answer as the core does, with clear errors for unknown states."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_scenarios_are_listed_with_labels_in_the_language_asked(compare_client: TestClient) -> None:
    response = compare_client.get("/api/scenarios", params={"lang": "da"})
    assert response.status_code == 200
    found = {s["slug"]: s for s in response.json()}
    assert found["kommune-nu"]["label"] == "Kommunen i dag"
    assert found["kommune-nu"]["graph"] == "https://w3id.org/govkg/id/graph/kommune-nu"
    assert found["kommune-nu"]["kind"] == "https://w3id.org/govkg/ontology#AsIsScenario"
    assert found["kommune-forslag"]["kind"] == "https://w3id.org/govkg/ontology#ProposedScenario"


def test_compare_answers_added_and_removed_entities_lines_and_duties(compare_client: TestClient) -> None:
    response = compare_client.get("/api/compare", params={"from": "kommune-nu", "to": "kommune-forslag", "lang": "en"})
    assert response.status_code == 200
    body = response.json()
    assert [e["entity"]["slug"] for e in body["entities"]["added"]] == ["adhoc-c", "klynge-b"]
    assert [e["entity"]["slug"] for e in body["entities"]["removed"]] == ["temagruppe-a"]
    assert {(line["source"]["slug"], line["target"]["slug"]) for line in body["lines"]["removed"]} == {
        ("temagruppe-a", "styregruppe-x")
    }
    assert [d["duty"]["slug"] for d in body["duties"]["added"]] == ["obl-referat"]
    assert body["duties"]["added"][0]["obligedParty"][0]["slug"] == "sekretariat-x"
    assert body["from"]["name"] == "https://w3id.org/govkg/id/graph/kommune-nu"
    assert {c["attribute"]["curie"] for c in body["changed"]} == {"gov:obligedParty", "gov:mandateStatus"}
    party = next(c for c in body["changed"] if c["attribute"]["curie"] == "gov:obligedParty")
    assert (party["before"], party["after"]) == (["Theme group A"], ["Cluster B"])
    assert party["passagesFrom"][0]["quote"].startswith("Temagruppen forbereder")
    assert party["passagesTo"][0]["quote"].startswith("Klyngen forbereder")


def test_an_unknown_scenario_is_404_with_the_known_ones(compare_client: TestClient) -> None:
    response = compare_client.get("/api/compare", params={"from": "kommune-nu", "to": "kommune-2030"})
    assert response.status_code == 404
    assert response.json()["error"] == "NOT_FOUND"
    assert "kommune-forslag, kommune-nu" in response.json()["message"]


def test_a_missing_state_is_422(compare_client: TestClient) -> None:
    assert compare_client.get("/api/compare", params={"from": "kommune-nu"}).status_code == 422


def test_the_compare_answer_is_described_in_openapi(compare_client: TestClient) -> None:
    spec = compare_client.get("/openapi.json").json()
    schema = spec["paths"]["/api/compare"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/Comparison")
    assert {"entities", "lines", "changed", "duties", "from", "to"} <= set(
        spec["components"]["schemas"]["Comparison"]["properties"]
    )
