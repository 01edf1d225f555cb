"""The states the seed documents describe, compared as a governance designer would read them.

003 (2016) proposes a new cross-sector organisation: ad hoc groups and standing support functions
come in, the theme groups go, their tasks move to the clusters, and the joint secretariat's role
grows. Each change must rest on a passage that is verbatim in the document.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from click.testing import CliRunner

from govkg.cli import main
from govkg.compare import Comparison, compare_states, resolve_state, scenarios, vocabulary
from govkg.config import Settings
from govkg.namespaces import GOV
from govkg.store import Store
from tests.api.conftest import in_seed  # noqa: F401  (the fixture)
from tests.live import LiveServer

RM_2016 = "003_f2e2ef14e37e1c26.txt"


@pytest.fixture(scope="module")
def rm_2016(seed_store: Store, settings: Settings) -> Comparison:
    states = [
        resolve_state(seed_store, f"rm-organisering-2016/{s}", settings.base_iri, settings.data_dir)
        for s in ("as-is", "proposed")
    ]
    return compare_states(states[0], states[1], "en", vocabulary(seed_store))


def test_the_documents_describe_five_states(seed_store: Store, settings: Settings) -> None:
    kinds = {s.slug: s.kind for s in scenarios(seed_store, settings.base_iri)}
    assert kinds == {
        "aarhus-ccc-opsamling-2025/as-is": str(GOV.AsIsScenario),
        "aarhus-ccc-opsamling-2025/proposed": str(GOV.ProposedScenario),
        "rh-rs-visioner-2018/draft": str(GOV.DraftScenario),
        "rm-organisering-2016/as-is": str(GOV.AsIsScenario),
        "rm-organisering-2016/proposed": str(GOV.ProposedScenario),
    }


def test_ad_hoc_groups_and_standing_support_functions_come_in(rm_2016: Comparison) -> None:
    added = {c.entity.slug for c in rm_2016.entities.added}
    assert {"ad-hoc-grupper", "rm-faste-stoettefunktioner", "stoettefunktion-oekonomi"} <= added
    assert "temagrupper" in {c.entity.slug for c in rm_2016.entities.removed}
    assert "faellessekretariatet" not in added | {c.entity.slug for c in rm_2016.entities.removed}


def test_tasks_move_from_the_theme_groups_to_the_clusters(rm_2016: Comparison) -> None:
    removed = {p.slug for d in rm_2016.duties.removed for p in d.obliged_party}
    added = [d for d in rm_2016.duties.added if [p.slug for p in d.obliged_party] == ["klyngerne"]]
    assert "temagrupper" in removed
    assert any(d.passages[0].quote == "At flere opgaver placeres i klyngerne (fremfor i temagrupper)" for d in added)


def test_the_joint_secretariat_takes_on_more(rm_2016: Comparison) -> None:
    duties = [d for d in rm_2016.duties.added if "faellessekretariatet" in {p.slug for p in d.obliged_party}]
    quotes = {p.quote for d in duties for p in d.passages}
    assert any(
        q and q.startswith("Forslaget indebærer, at fællessekretariatet vil skulle løfte en større") for q in quotes
    )
    lines = {(c.source.slug, c.relation.curie, c.target.slug) for c in rm_2016.lines.added}
    assert ("faellessekretariatet", "gov:preparesCasesFor", "sundhedsstyregruppen") in lines


def test_every_change_rests_on_a_verbatim_passage_of_the_document(
    rm_2016: Comparison,
    in_seed: Callable[[str, str], bool],  # noqa: F811
) -> None:
    items = [*rm_2016.entities.added, *rm_2016.entities.removed, *rm_2016.lines.added, *rm_2016.lines.removed]
    items += [*rm_2016.duties.added, *rm_2016.duties.removed]
    passages = [p for item in items for p in item.passages]
    assert all(item.passages for item in items)
    assert all(p.quote and p.document and in_seed(p.quote, p.document.identifier or "") for p in passages)
    assert {p.document.identifier for p in passages if p.document} == {RM_2016}


def test_a_scenario_compared_with_itself_is_empty(seed_store: Store, settings: Settings) -> None:
    state = resolve_state(seed_store, "aarhus-ccc-opsamling-2025/proposed", settings.base_iri, settings.data_dir)
    assert compare_states(state, state).empty


@pytest.mark.server
def test_the_server_and_the_command_line_give_the_same_answer(server: LiveServer, rm_2016: Comparison) -> None:
    states = {"from": "rm-organisering-2016/as-is", "to": "rm-organisering-2016/proposed"}
    response = httpx.get(f"{server.url}/api/compare", params={**states, "lang": "en"}, timeout=30)
    assert response.status_code == 200
    assert response.json() == rm_2016.model_dump(mode="json", by_alias=True)
    cli = CliRunner().invoke(main, ["compare", states["from"], states["to"], "--format", "json", "--lang", "en"])
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.output) == response.json()
    listed = httpx.get(f"{server.url}/api/scenarios", params={"lang": "da"}, timeout=30).json()
    assert {s["slug"] for s in listed} >= {states["from"], states["to"]}
