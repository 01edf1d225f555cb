"""Lines of governance: the chain from an entity upward, and the shortest path between two entities.

Both walk one networkx graph built from one SPARQL question (``governance_edges``) and kept per
dataset version. Inverse ORG properties are turned round when the graph is built, so "up" is
always the direction an edge points.

The chain follows, at each entity, the line of the highest priority: ``org:reportsTo``, then
``gov:preparesCasesFor``, then ``org:subOrganizationOf``/``org:unitOf``, then ``org:postIn`` (a post
belongs to its body), then ``gov:establishedBy``; a person with none of these goes up through a post
they hold (``org:heldBy``, backward). Among parents of equal priority the one with the smallest
slug (IRI) wins; every other way up from there (of any priority) is listed as ``alternatives`` of
that step, so nothing is hidden and the answer is the same every time. The chain never visits an
entity twice: a line back into the chain is skipped, and the first one that outranks or ties the
line taken is reported as ``cycle``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from govkg.answers.cache import per_version
from govkg.answers.facts import value
from govkg.answers.index import Index, index_of
from govkg.answers.models import Alternative, Chain, ChainStep, Direction, Lang, Path, Step
from govkg.answers.params import entity_iri
from govkg.errors import NotFound
from govkg.namespaces import GOV, ID, ORG, curie
from govkg.questions import question
from govkg.store import Store

UPWARD: dict[str, int] = {
    str(ORG.reportsTo): 0,
    str(GOV.preparesCasesFor): 1,
    str(ORG.subOrganizationOf): 2,
    str(ORG.unitOf): 2,
    str(ORG.postIn): 3,
    str(GOV.establishedBy): 4,
}
HOLDS = (str(ORG.heldBy), 5)  # followed backward: from the holder to the post


@dataclass(frozen=True)
class Candidate:
    """A possible next step up."""

    priority: int
    target: str
    predicate: str
    direction: Direction


def build_graph(store: Store) -> nx.MultiDiGraph:
    """All governance lines as a directed multigraph; edge key and ``predicate`` are the property IRI."""
    rows = sorted(
        (value(r["source"]), value(r["predicate"]), value(r["target"]))
        for r in store.query(question("governance_edges")).records()
    )
    graph = nx.MultiDiGraph()
    for source, predicate, target in rows:
        graph.add_edge(source, target, key=predicate, predicate=predicate)
    return graph


def governance_graph(store: Store) -> nx.MultiDiGraph:
    """The store's governance graph for its current version."""
    return per_version(store, "governance-graph", build_graph)


def _candidates(graph: nx.MultiDiGraph, node: str) -> list[Candidate]:
    if node not in graph:
        return []
    found = [
        Candidate(UPWARD[key], target, key, "forward")
        for _, target, key in graph.out_edges(node, keys=True)
        if key in UPWARD
    ]
    found += [
        Candidate(HOLDS[1], source, key, "backward")
        for source, _, key in graph.in_edges(node, keys=True)
        if key == HOLDS[0]
    ]
    return sorted(found, key=lambda c: (c.priority, c.target, c.predicate))


def _fields(index: Index, source: str, candidate: Candidate, lang: Lang) -> dict[str, Any]:
    return {
        "from_": index.ref(source, lang),
        "to": index.ref(candidate.target, lang),
        "relation": curie(candidate.predicate),
        "relation_label": index.label(candidate.predicate, lang),
        "direction": candidate.direction,
    }


def chain_up(store: Store, slug: str, lang: Lang = "en", base: str = str(ID)) -> Chain:
    """The line from an entity upward to the top (see the module docstring for the rules).

    Raises:
        NotFound: no entity with that slug.
    """
    index = index_of(store, base)
    start = entity_iri(store, slug, index)
    graph = governance_graph(store)
    visited = {start}
    steps: list[ChainStep] = []
    cycle: Step | None = None
    node = start
    while True:
        candidates = _candidates(graph, node)
        fresh = [c for c in candidates if c.target not in visited]
        if cycle is None:
            looping = [c for c in candidates if c.target in visited and (not fresh or c.priority <= fresh[0].priority)]
            cycle = Step(**_fields(index, node, looping[0], lang)) if looping else None
        if not fresh:
            break
        chosen = fresh[0]
        alternatives = [
            Alternative(
                to=index.ref(c.target, lang),
                relation=curie(c.predicate),
                relation_label=index.label(c.predicate, lang),
                direction=c.direction,
            )
            for c in fresh[1:]
        ]
        steps.append(ChainStep(**_fields(index, node, chosen, lang), alternatives=alternatives))
        visited.add(chosen.target)
        node = chosen.target
    return Chain(entity=index.ref(start, lang), steps=steps, top=index.ref(node, lang), cycle=cycle)


def _undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """One edge per pair of entities: the line of highest chain priority, then by CURIE."""
    simple = nx.Graph()
    for source, target, predicate in sorted(graph.edges(keys=True)):
        rank = (UPWARD.get(predicate, 9), curie(predicate))
        existing = simple.get_edge_data(source, target)
        if existing is None or rank < existing["rank"]:
            simple.add_edge(source, target, rank=rank, predicate=predicate, source=source)
    return simple


def undirected_graph(store: Store) -> nx.Graph:
    """The governance graph without directions, for finding paths, per dataset version."""
    return per_version(store, "governance-undirected", lambda s: _undirected(governance_graph(s)))


def path_between(store: Store, start: str, end: str, lang: Lang = "en", base: str = str(ID)) -> Path:
    """The shortest path between two entities over the governance lines, found without regard to direction.

    Each step still says which way the line points (``direction``). Among paths of equal length the
    answer is the same every time (the graph is built in sorted order).

    Raises:
        NotFound: either slug is no entity, or no chain of lines connects the two.
    """
    index = index_of(store, base)
    source, target = entity_iri(store, start, index), entity_iri(store, end, index)
    graph = undirected_graph(store)
    if source == target:
        return Path(from_=index.ref(source, lang), to=index.ref(target, lang), length=0, steps=[])
    try:
        nodes: list[str] = nx.shortest_path(graph, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        names = f"{index.label(source, lang)!r} ({start}) and {index.label(target, lang)!r} ({end})"
        raise NotFound(f"no path between {names} over the governance relations") from None
    steps = []
    for here, there in zip(nodes, nodes[1:], strict=False):
        edge = graph.get_edge_data(here, there)
        direction: Direction = "forward" if edge["source"] == here else "backward"
        candidate = Candidate(0, there, edge["predicate"], direction)
        steps.append(Step(**_fields(index, here, candidate, lang)))
    return Path(from_=index.ref(source, lang), to=index.ref(target, lang), length=len(steps), steps=steps)
