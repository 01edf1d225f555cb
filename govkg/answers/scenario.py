"""One state of an organisation, for answers that show a single state (``scenario=``).

A state is a scenario's own named graph (typed ``gov:Scenario``) together with the graph of the
document it is a state of: the scenario holds the state's lines, memberships and duties, the
document's graph the facts that hold whichever state is chosen. Names, kinds and passages still come
from the whole dataset; only lines, seats, posts and duties are narrowed to the state.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from govkg.answers.models import Entity, Obligation
from govkg.errors import InvalidParameter
from govkg.namespaces import GOV, ID, ORG, RDF
from govkg.store import Store

_SCENARIOS = f"""
SELECT ?g ?dg WHERE {{
  GRAPH ?g {{ ?g a <{GOV.Scenario}> ; <{GOV.scenarioOf}> ?doc }}
  OPTIONAL {{ GRAPH ?dg {{ ?doc a <{GOV.SourceDocument}> }} }}
}}"""


@dataclass(frozen=True)
class State:
    """The triples of one state, as (subject, predicate, object) IRI strings, and the graphs they come from."""

    graphs: tuple[str, ...]
    triples: frozenset[tuple[str, str, str]]

    def says(self, subject: str, predicate: str, obj: str) -> bool:
        """Whether the state states this line."""
        return (subject, predicate, obj) in self.triples

    def is_a(self, subject: str, cls: str) -> bool:
        """Whether the state itself declares the node (a membership, an obligation) of this class."""
        return (subject, str(RDF.type), cls) in self.triples

    def seats(self) -> set[tuple[str, str]]:
        """(member, organisation) of every membership the state declares."""
        members = {s: o for s, p, o in self.triples if p == str(ORG.member)}
        bodies = {s: o for s, p, o in self.triples if p == str(ORG.organization)}
        return {(members[m], bodies[m]) for m in members.keys() & bodies.keys() if self.is_a(m, str(ORG.Membership))}

    def post_in_state(self, post: str) -> bool:
        """Whether the state places the post anywhere (org:postIn or org:heldBy)."""
        return any(s == post and p in (str(ORG.postIn), str(ORG.heldBy)) for s, p, _ in self.triples)


def scenario_names(store: Store, base: str = str(ID)) -> dict[str, tuple[str, ...]]:
    """Scenario name (the part after ``…/id/graph/``) → the graphs of its state (its own, then its document's)."""
    found: dict[str, list[str]] = {}
    for row in store.query(_SCENARIOS).records():
        graph, doc_graph = row["g"], row.get("dg")
        if not isinstance(graph, ox.NamedNode):
            continue
        graphs = found.setdefault(graph.value.removeprefix(f"{base}graph/"), [graph.value])
        if isinstance(doc_graph, ox.NamedNode) and doc_graph.value not in graphs:
            graphs.append(doc_graph.value)
    return {name: tuple(graphs) for name, graphs in sorted(found.items())}


def scenario_state(store: Store, name: str, base: str = str(ID)) -> State:
    """The state a scenario names, by its name (``rm-organisering-2016/as-is``) or graph IRI.

    Raises:
        InvalidParameter: no scenario by that name (the message lists the known ones).
    """
    known = scenario_names(store, base)
    key = name.strip().removeprefix(f"{base}graph/")
    if key not in known:
        listed = ", ".join(known) or "none are loaded"
        raise InvalidParameter("scenario", f"unknown scenario {name!r}; known scenarios: {listed}")
    triples = {
        (t.subject.value, t.predicate.value, t.object.value)
        for graph in known[key]
        for t in store.get_graph(graph)
        if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode)
    }
    return State(known[key], frozenset(triples))


def obligations_in(state: State, found: list[Obligation]) -> list[Obligation]:
    """The obligations the state itself declares."""
    return [o for o in found if state.is_a(o.iri, str(GOV.Obligation))]


def entity_in(state: State, entity: Entity) -> Entity:
    """The entity with only the lines, seats, posts and duties the state states."""
    iri = entity.iri
    return entity.model_copy(
        update={
            "outgoing": [r for r in entity.outgoing if state.says(iri, r.predicate.iri, r.other.iri)],
            "incoming": [r for r in entity.incoming if state.says(r.other.iri, r.predicate.iri, iri)],
            "memberships": [m for m in entity.memberships if state.is_a(m.iri, str(ORG.Membership))],
            "posts": [p for p in entity.posts if state.post_in_state(p.post.iri)],
            "obligations": obligations_in(state, entity.obligations),
        }
    )
