"""REST answers under ``/api``: search and describe entities, chains, paths, obligations, documents.

Handlers are thin and synchronous (FastAPI runs them in its threadpool): parse parameters, call a
function of :mod:`govkg.answers`, return its model. Unknown slugs are 404 (``NotFound``), and so is
"no path" between two known entities; unknown types or frequencies are 422 like any bad parameter.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import APIRouter, Path, Query

from api.deps import SettingsDep, StoreDep
from api.lang import LangDep
from api.models import errors
from govkg import answers
from govkg.answers.models import Chain, Document, Entity, Obligation, SearchResult
from govkg.answers.models import Path as PathAnswer
from govkg.answers.params import SLUG
from govkg.answers.resolve import resolve_slug

router = APIRouter(prefix="/api")
T = TypeVar("T")

SlugPath = Annotated[
    str, Path(max_length=200, description="The entity's slug (rkkp) or a name in any case (Sundhedsstyregruppen)")
]
ScenarioQuery = Annotated[
    str | None,
    Query(
        max_length=300,
        description="Show one state: a scenario's name (rm-organisering-2016/as-is, …/proposed, "
        "aarhus-ccc-opsamling-2025/as-is, rh-rs-visioner-2018/draft) or its graph IRI",
    ),
]


def _slug_query(description: str, alias: str | None = None) -> object:
    return Query(alias=alias, pattern=SLUG, max_length=200, description=description)


@router.get("/entities", response_model=SearchResult, tags=["entities"], responses=errors(422))
def search_entities(
    store: StoreDep,
    settings: SettingsDep,
    lang: LangDep,
    q: Annotated[str | None, Query(max_length=200, description="Words in a label (da/en, any case or accents)")] = None,
    type_: Annotated[
        str | None, Query(alias="type", max_length=200, description="Class: CURIE (gov:Network) or name (Body)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Most results to return")] = 20,
) -> SearchResult:
    """Find entities by label (preferred or alternative, Danish or English), optionally of a type and its subclasses."""
    return answers.search_entities(store, q, type_, lang, limit, settings.base_iri)


@router.get("/entities/{slug}", response_model=Entity, tags=["entities"], responses=errors(404, 422))
def read_entity(
    store: StoreDep, settings: SettingsDep, lang: LangDep, slug: SlugPath, scenario: ScenarioQuery = None
) -> Entity:
    """Labels, types, lines in and out, memberships, posts, obligations, mandate, contact points and sources.

    With `scenario`, lines, memberships, posts and obligations are those of that state only (its own graph and
    its document's graph): what exists today (`…/as-is`) or what was proposed (`…/proposed`).
    """
    found = resolve_slug(store, slug, settings.base_iri)
    return answers.describe_entity(store, found, lang, settings.base_iri, scenario)


@router.get("/entities/{slug}/chain", response_model=Chain, tags=["entities"], responses=errors(404, 422))
def read_chain(store: StoreDep, settings: SettingsDep, lang: LangDep, slug: SlugPath) -> Chain:
    """The line from the entity upward to the top.

    At each entity the chain follows org:reportsTo, else gov:preparesCasesFor, else org:subOrganizationOf or
    org:unitOf, else org:postIn, else gov:establishedBy (a person goes up through a post they hold). Among
    parents of equal rank the smallest slug wins and the others are listed as `alternatives`; an entity is
    never visited twice, and a line back into the chain is reported as `cycle`.
    """
    return answers.chain_up(store, resolve_slug(store, slug, settings.base_iri), lang, settings.base_iri)


@router.get("/path", response_model=PathAnswer, tags=["entities"], responses=errors(404, 422))
def read_path(
    store: StoreDep,
    settings: SettingsDep,
    lang: LangDep,
    start: Annotated[str, _slug_query("Slug of the first entity", alias="from")],
    end: Annotated[str, _slug_query("Slug of the second entity", alias="to")],
) -> PathAnswer:
    """How two entities are connected: the shortest path over the governance lines, each step with its direction.

    The path is found ignoring direction; `direction` says whether the graph states `from relation to`
    (forward) or `to relation from` (backward). No path between two known entities is a 404 that says so.
    """
    return answers.path_between(store, start, end, lang, settings.base_iri)


@router.get("/obligations", response_model=list[Obligation], tags=["obligations"], responses=errors(404, 422))
def list_obligations(
    store: StoreDep,
    settings: SettingsDep,
    lang: LangDep,
    party: Annotated[str | None, _slug_query("Slug of the obliged party")] = None,
    counterparty: Annotated[str | None, _slug_query("Slug of the party owed the obligation")] = None,
    frequency: Annotated[
        str | None, Query(max_length=100, description="gov:Quarterly, Quarterly or a label (kvartalsvis)")
    ] = None,
    scenario: ScenarioQuery = None,
) -> list[Obligation]:
    """Who must do what for whom: obliged parties, counterparties, action, frequency, agreement and source.

    With `scenario`, only the obligations of that state (e.g. the duties the 2016 proposal would bring).
    """
    return answers.obligations(store, party, counterparty, frequency, lang, settings.base_iri, scenario)


@router.get("/documents", response_model=list[Document], tags=["documents"])
def list_documents(store: StoreDep, settings: SettingsDep, lang: LangDep) -> list[Document]:
    """The source documents loaded, with their named graphs, counts and the agreements drawn from them."""
    return answers.documents(store, lang, settings.base_iri)
