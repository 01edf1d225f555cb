"""Comparing two states of an invented organisation: the planted changes and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from govkg.compare import Comparison, compare_states, resolve_state, scenarios, vocabulary
from govkg.config import Settings
from govkg.errors import InvalidParameter, NotFound
from govkg.store import Store


def _compare(store: Store, settings: Settings, before: str, after: str, lang: str = "en") -> Comparison:
    states = [resolve_state(store, s, settings.base_iri, settings.data_dir) for s in (before, after)]
    return compare_states(states[0], states[1], lang, vocabulary(store))


def test_the_scenarios_are_the_graphs_typed_as_scenarios(compare_store: Store, compare_settings: Settings) -> None:
    found = {s.slug: s for s in scenarios(compare_store, compare_settings.base_iri)}
    assert set(found) == {"kommune-nu", "kommune-forslag"}
    assert found["kommune-forslag"].labels == {"da": "Forslag til ny organisering", "en": "Proposed organisation"}
    assert found["kommune-nu"].document == "https://w3id.org/govkg/id/doc-cmp"


def test_a_scenario_state_is_its_graph_and_the_shared_graphs_only(
    compare_store: Store, compare_settings: Settings
) -> None:
    state = resolve_state(compare_store, "kommune-nu", compare_settings.base_iri, compare_settings.data_dir)
    assert [g.rsplit("/", 1)[1] for g in state.graphs] == ["kommune-nu", "kommune"]


def test_as_is_to_proposed_names_the_planted_changes(compare_store: Store, compare_settings: Settings) -> None:
    result = _compare(compare_store, compare_settings, "kommune-nu", "kommune-forslag")
    assert [c.entity.slug for c in result.entities.added] == ["adhoc-c", "klynge-b"]
    assert [c.entity.slug for c in result.entities.removed] == ["temagruppe-a"]
    added = {(c.source.slug, c.relation.curie, c.target.slug) for c in result.lines.added}
    assert added == {
        ("klynge-b", "gov:preparesCasesFor", "styregruppe-x"),
        ("sekretariat-x", "org:memberOf", "klynge-b"),
    }
    removed = {(c.source.slug, c.relation.curie, c.target.slug) for c in result.lines.removed}
    assert removed == {("temagruppe-a", "gov:preparesCasesFor", "styregruppe-x")}
    changed = {(c.entity.slug, c.attribute.curie): (c.before, c.after) for c in result.changed}
    assert changed == {
        ("obl-status", "gov:obligedParty"): (["Theme group A"], ["Cluster B"]),
        ("sekretariat-x-mandat", "gov:mandateStatus"): (["Mandate unclear"], ["Mandate to be secured"]),
    }
    assert [c.duty.slug for c in result.duties.added] == ["obl-referat"]
    assert result.duties.removed == []


def test_every_change_carries_the_passage_it_rests_on(compare_store: Store, compare_settings: Settings) -> None:
    result = _compare(compare_store, compare_settings, "kommune-nu", "kommune-forslag")
    membership = next(c for c in result.lines.added if c.relation.curie == "org:memberOf")
    assert [p.quote for p in membership.passages] == [
        "Klyngen forbereder sager for styregruppen, og sekretariatet deltager i klyngen."
    ]
    assert membership.passages[0].document is not None
    assert membership.passages[0].document.identifier == "cmp_0001.txt"
    removed = result.lines.removed[0]
    assert removed.passages[0].iri.endswith("passage-temagruppe")
    party = next(c for c in result.changed if c.attribute.curie == "gov:obligedParty")
    assert [p.iri.rsplit("-", 1)[1] for p in party.passages_from] == ["temagruppe"]
    assert [p.iri.rsplit("-", 1)[1] for p in party.passages_to] == ["klynge"]


def test_names_follow_the_language(compare_store: Store, compare_settings: Settings) -> None:
    result = _compare(compare_store, compare_settings, "kommune-nu", "kommune-forslag", lang="da")
    assert [c.entity.label for c in result.entities.added] == ["Ad hoc-gruppe C", "Klynge B"]
    assert result.from_.label == "Kommunen i dag"
    assert result.duties.added[0].action == "Skrive referat af ad hoc-gruppernes møder"


def test_a_state_compared_with_itself_is_empty(compare_store: Store, compare_settings: Settings) -> None:
    result = _compare(compare_store, compare_settings, "kommune-forslag", "kommune-forslag")
    assert result.empty
    assert (result.entities.added, result.lines.added, result.changed, result.duties.added) == ([], [], [], [])


def test_the_other_direction_swaps_added_and_removed(compare_store: Store, compare_settings: Settings) -> None:
    forward = _compare(compare_store, compare_settings, "kommune-nu", "kommune-forslag")
    backward = _compare(compare_store, compare_settings, "kommune-forslag", "kommune-nu")
    assert forward.entities.added == backward.entities.removed
    assert forward.lines.removed == backward.lines.added
    assert forward.triples.added == backward.triples.removed


def test_a_named_graph_is_a_state_by_itself(compare_store: Store, compare_settings: Settings) -> None:
    state = resolve_state(compare_store, "kommune", compare_settings.base_iri, compare_settings.data_dir)
    assert state.graphs == ("https://w3id.org/govkg/id/graph/kommune",)


def test_an_unknown_state_says_which_scenarios_exist(compare_store: Store, compare_settings: Settings) -> None:
    with pytest.raises(NotFound, match="kommune-forslag, kommune-nu"):
        resolve_state(compare_store, "kommune-i-morgen", compare_settings.base_iri, compare_settings.data_dir)


@pytest.mark.parametrize("spec", ["data@--output=/tmp/x", "data@", "   "])
def test_a_revision_that_looks_like_an_option_is_refused(
    compare_store: Store, compare_settings: Settings, spec: str
) -> None:
    with pytest.raises(InvalidParameter):
        resolve_state(compare_store, spec, compare_settings.base_iri, compare_settings.data_dir)


def test_only_the_data_folder_is_read_at_a_revision_over_http(compare_store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="only the data folder"):
        resolve_state(compare_store, "/etc@HEAD", "https://w3id.org/govkg/id/", tmp_path / "data")
