"""Finding things as people type them: slugs and names in any case, Danish letters typed plainly, suggestions."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_graph_focus_takes_a_name_in_any_case_with_plain_danish_letters(client: TestClient) -> None:
    for asked in ("sundhedsdirektoerkredsen", "Sundhedsdirektørkredsen", "SUNDHEDSDIREKTORKREDSEN"):
        body = client.get("/api/graph", params={"focus": asked, "depth": 1}).json()
        assert body["focus"] == "https://w3id.org/govkg/id/sundhedsdirektoerkredsen", asked


def test_a_missed_focus_suggests_near_names(client: TestClient) -> None:
    response = client.get("/api/graph", params={"focus": "Sundhedsstyregrupen"})
    assert response.status_code == 404
    assert "did you mean" in response.json()["message"] and "Sundhedsstyregruppen" in response.json()["message"]


def test_the_rest_answers_take_a_name_too(client: TestClient) -> None:
    assert client.get("/api/entities/Health Steering Group").json()["slug"] == "sundhedsstyregruppen"
    assert client.get("/api/entities/RKKP/chain").json()["entity"]["slug"] == "rkkp"
    missing = client.get("/api/entities/sundhedsstyregrupen")
    assert missing.status_code == 404
