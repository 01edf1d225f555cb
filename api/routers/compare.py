"""Scenarios and comparisons under ``/api``: list the states the documents describe, and compare two.

A state is a scenario slug (``/api/scenarios``), a named graph, or ``data@REV`` (the data folder at
a git revision). Unknown states are 404 with the scenarios that do exist in the message.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import Field

from api.deps import SettingsDep, StoreDep
from api.lang import LangDep
from api.models import errors
from govkg import compare
from govkg.answers.models import Answer
from govkg.compare.models import Comparison

router = APIRouter(prefix="/api", tags=["scenarios"])

_STATE = "A scenario slug (see /api/scenarios), a named graph, or data@REV"


class ScenarioInfo(Answer):
    """A state of an organisation as one document describes it (as-is, proposed, draft)."""

    slug: str = Field(description="For /api/compare?from=...&to=... and /graph?scenario=...")
    graph: str = Field(description="The named graph that holds the state")
    label: str
    labels: dict[str, str]
    document: str | None = None
    kind: str | None = None


@router.get("/scenarios", response_model=list[ScenarioInfo])
def list_scenarios(store: StoreDep, settings: SettingsDep, lang: LangDep) -> list[ScenarioInfo]:
    """The scenarios in the graph: each a named graph typed gov:Scenario."""
    return [
        ScenarioInfo(
            slug=s.slug,
            graph=s.graph,
            label=s.labels.get(lang) or next(iter(s.labels.values()), s.slug),
            labels=s.labels,
            document=s.document,
            kind=s.kind,
        )
        for s in compare.scenarios(store, settings.base_iri)
    ]


@router.get("/compare", response_model=Comparison, responses=errors(404, 422))
def compare_scenarios(
    store: StoreDep,
    settings: SettingsDep,
    lang: LangDep,
    before: Annotated[str, Query(alias="from", min_length=1, max_length=300, description=_STATE)],
    after: Annotated[str, Query(alias="to", min_length=1, max_length=300, description=_STATE)],
) -> Comparison:
    """What changes from one state to the other: entities, lines, attributes and duties, each with its passages."""
    states = [compare.resolve_state(store, spec, settings.base_iri, settings.data_dir) for spec in (before, after)]
    return compare.compare_states(states[0], states[1], lang, compare.vocabulary(store))
