"""Compare mode of the org graph: the union of two states, every node and line marked by what happens to it.

A node is ``added`` or ``removed`` when the comparison (:mod:`govkg.compare`) says the entity comes or
goes, ``changed`` when one of its attributes differs (standing, mandate, label, frequency …), else
``unchanged``; a line is ``added``, ``removed`` or ``unchanged`` by which of the two states states it.
The projection is drawn from both states' own triples, so a state that is not in the store (the data
folder at a git revision) draws as well as a scenario. What each node's side panel says, with the
passages in each state, travels in ``graph.graph["compare"]`` (see :func:`panel_data`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain
from typing import Literal

import networkx as nx
import pyoxigraph as ox

from govkg.compare import Comparison, State, compare_states
from govkg.compare.diff import INVERSES
from govkg.namespaces import ORG, RDF
from govkg.store.rdflib_view import to_rdflib_graph
from viz.compare_panel import panel_data
from viz.kinds import expand
from viz.projection import only_lines, to_networkx

Status = Literal["added", "removed", "changed", "unchanged"]
STATUSES: tuple[Status, ...] = ("added", "removed", "changed", "unchanged")
_MEMBERSHIP = str(ORG.Membership)


def compare_projection(before: State, after: State, vocab: State) -> nx.MultiDiGraph:
    """Both states drawn as one projection; nodes and edges carry ``change`` (one of :data:`STATUSES`).

    ``graph.graph["compare"]`` holds the states' names, the counts per status and, per node, what
    changed with the passages of both states (in Danish and English).
    """
    union = to_rdflib_graph(chain(before.triples | after.triples, vocab.triples))
    full = to_networkx(union)
    comparisons = {lang: compare_states(before, after, lang, vocab) for lang in ("da", "en")}
    in_before, in_after = only_lines(full, _states(before)), only_lines(full, _states(after))
    statuses = node_statuses(comparisons["en"])
    out = nx.MultiDiGraph()
    out.graph.update(full.graph)
    drawn = set(in_before) | set(in_after) | {n for n, s in statuses.items() if s != "unchanged" and n in full}
    for node in sorted(drawn):
        out.add_node(node, **full.nodes[node], change=statuses.get(node, "unchanged"))
    for u, v, key, data in full.edges(keys=True, data=True):
        was, is_ = in_before.has_edge(u, v, key), in_after.has_edge(u, v, key)
        if was or is_:
            change: Status = "unchanged" if was and is_ else ("added" if is_ else "removed")
            out.add_edge(u, v, key=key, **data, change=change, line=line_key(u, v, data))
    out.graph["compare"] = panel_data(comparisons, out)
    return out


def node_statuses(comparison: Comparison) -> dict[str, Status]:
    """Entity IRI → added, removed or changed (the rest is unchanged).

    Added and removed are the comparison's entities and duties; changed is a thing both states have
    whose attributes differ, or that gains or loses a line or a duty: its part in the organisation changes.
    """
    statuses: dict[str, Status] = {}
    for line in (*comparison.lines.added, *comparison.lines.removed):
        statuses[line.source.iri] = statuses[line.target.iri] = "changed"
    for duty in (*comparison.duties.added, *comparison.duties.removed):
        statuses.update(dict.fromkeys((p.iri for p in duty.obliged_party), "changed"))
    for change in comparison.changed:
        statuses[change.entity.iri] = "changed"
    for found, status in (
        (comparison.entities.added, "added"),
        (comparison.entities.removed, "removed"),
    ):
        for item in found:
            statuses[item.entity.iri] = status  # type: ignore[assignment]
    for duties, status in ((comparison.duties.added, "added"), (comparison.duties.removed, "removed")):
        for duty in duties:
            statuses[duty.duty.iri] = status  # type: ignore[assignment]
    return statuses


def line_key(source: str, target: str, data: dict[str, object]) -> tuple[str, str, str]:
    """An edge as the comparison names lines: (subject, property, object) with inverse properties turned round."""
    if data["predicate"] == "org:Membership":
        return source, str(ORG.memberOf), target
    predicate = expand(str(data["predicate"]))
    subject, obj = (target, source) if data.get("inverse") else (source, target)
    if predicate in INVERSES:
        return obj, INVERSES[predicate], subject
    return subject, predicate, obj


def _states(state: State) -> Callable[[str, str, str], bool]:
    """Whether ``state`` states a line (or, for ``org:Membership``, seats the member in the organisation)."""
    said = {
        (t.subject.value, t.predicate.value, t.object.value)
        for t in state.triples
        if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode)
    }
    seats = set(_seats(state))

    def states(subject: str, predicate: str, obj: str) -> bool:
        return (subject, obj) in seats if predicate == _MEMBERSHIP else (subject, predicate, obj) in said

    return states


def _seats(state: State) -> Iterable[tuple[str, str]]:
    for triple in state.triples:
        if triple.predicate.value == str(RDF.type) and triple.object == ox.NamedNode(_MEMBERSHIP):
            membership = triple.subject
            for member in state.values(membership, str(ORG.member)):
                for organisation in state.values(membership, str(ORG.organization)):
                    if isinstance(member, ox.NamedNode) and isinstance(organisation, ox.NamedNode):
                        yield member.value, organisation.value
