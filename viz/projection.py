"""RDF → networkx: the governance graph as nodes (organisations, bodies, posts, people, agreements) and typed edges.

Pure and without I/O: it reads an rdflib graph (ontology + data, so subclasses are known) and returns a
``MultiDiGraph`` whose nodes are IRIs and whose edge keys are relation keys from :mod:`viz.kinds`.
:func:`select` narrows a projection by node type, relation, source document and focus + depth. Audit
severities and findings come in from the caller; this module never runs the audit or touches a store.
Finding a focus or a document by name is :mod:`viz.lookup` (its names are re-exported here).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
from rdflib import Graph, URIRef

from govkg.namespaces import GOV, ORG, RDF
from viz.findings import NodeFinding, worst
from viz.kinds import (
    DEFAULT_KINDS,
    KIND_BY_KEY,
    MEMBERSHIP_RELATION,
    RELATION_BY_KEY,
    RELATIONS,
    compact,
    expand,
)
from viz.lookup import InvalidFilter, UnknownFocus, resolve_documents, resolve_focus
from viz.rdfread import alt_labels, class_kinds, documents, labels, node_docs, passages, specific_class, texts

__all__ = ["InvalidFilter", "UnknownFocus", "as_dict", "only_lines", "project", "select", "to_networkx"]


def to_networkx(
    graph: Graph,
    severities: Mapping[str, object] | None = None,
    findings: Mapping[str, Sequence[NodeFinding]] | None = None,
) -> nx.MultiDiGraph:
    """Every drawable entity and governance relation in ``graph``, unfiltered (obligations included).

    Args:
        graph: ontology and data as one rdflib graph (``store.rdflib_graph(frozenset({"ontology", "data"}))``).
        severities: focus IRI → worst audit severity (enum, IRI or word), for the red border.
        findings: focus IRI → the audit findings on that node, for the side panel.
    """
    severities = severities or {}
    findings = findings or {}
    out = nx.MultiDiGraph()
    out.graph["documents"] = documents(graph)
    kinds = class_kinds(graph)
    for node, kind in _entities(graph, kinds).items():
        out.add_node(str(node), **_node_attributes(graph, node, kind, kinds, severities, findings))
    for relation in RELATIONS:
        for predicate, backwards in [(p, False) for p in relation.predicates] + [
            (p, True) for p in relation.inverse_predicates
        ]:
            for subject, obj in graph.subject_objects(predicate):
                source, target = (obj, subject) if backwards else (subject, obj)
                _add_edge(out, str(source), str(target), relation.key, compact(str(predicate)), backwards)
    for membership in graph.subjects(RDF.type, ORG.Membership):
        member, organisation = graph.value(membership, ORG.member), graph.value(membership, ORG.organization)
        if member is None or organisation is None:
            continue
        role = graph.value(membership, ORG.role)
        extra = {}
        if role is not None:
            role_da, role_en = labels(graph, role)
            extra = {"role_da": role_da, "role_en": role_en}
        _add_edge(out, str(member), str(organisation), MEMBERSHIP_RELATION, "org:Membership", False, **extra)
    return out


def _entities(graph: Graph, kinds: Mapping[URIRef, tuple[int, int]]) -> dict[URIRef, str]:
    """IRI → kind key for every typed entity the picture draws (the first matching kind wins)."""
    found: dict[URIRef, int] = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if isinstance(subject, URIRef) and isinstance(cls, URIRef) and cls in kinds:
            rank = kinds[cls][0]
            if rank < found.get(subject, len(KIND_BY_KEY)):
                found[subject] = rank
    order = list(KIND_BY_KEY)
    return {subject: order[rank] for subject, rank in found.items()}


def _node_attributes(
    graph: Graph,
    node: URIRef,
    kind: str,
    kinds: Mapping[URIRef, tuple[int, int]],
    severities: Mapping[str, object],
    findings: Mapping[str, Sequence[NodeFinding]],
) -> dict[str, Any]:
    label_da, label_en = labels(graph, node)
    cls, type_da, type_en = specific_class(graph, node, kind, kinds)
    description_da, description_en = texts(graph, node)
    own = [f.as_dict() for f in findings.get(str(node), ())]
    severity = severities.get(str(node))
    return {
        "kind": kind,
        "label_da": label_da,
        "label_en": label_en,
        "type_da": type_da,
        "type_en": type_en,
        "class": cls,
        "description_da": description_da,
        "description_en": description_en,
        "alt_labels": alt_labels(graph, node),
        "passages": passages(graph, node),
        "docs": node_docs(graph, node),
        "findings": own,
        "severity": worst([severity] if severity is not None else [f["severity"] for f in own]),
        "standing": _standing(graph, node),
    }


STANDING = URIRef(str(GOV) + "standing")  # gov:standing (established, proposed, example), where the data gives it


def _standing(graph: Graph, node: URIRef) -> str | None:
    value = graph.value(node, STANDING)
    return None if value is None else re.split(r"[#/]", str(value))[-1].lower()


def _add_edge(
    out: nx.MultiDiGraph, source: str, target: str, key: str, predicate: str, inverse: bool, **extra: str
) -> None:
    """One edge per (source, target, relation); a membership adds its role to a plain ``memberOf``."""
    if source not in out or target not in out or source == target:
        return
    if out.has_edge(source, target, key):
        out.edges[source, target, key].update(extra)
        return
    relation = RELATION_BY_KEY[key]
    out.add_edge(
        source,
        target,
        key=key,
        relation=key,
        label_da=relation.da,
        label_en=relation.en,
        predicate=predicate,
        inverse=inverse,
        **extra,
    )


def _check(names: Iterable[str] | None, known: Mapping[str, object], what: str, default: frozenset[str]) -> set[str]:
    if names is None:
        return set(default)
    chosen = {n.strip() for n in names if n.strip()}
    unknown = sorted(chosen - set(known))
    if unknown:
        raise InvalidFilter(f"unknown {what} {', '.join(map(repr, unknown))}; known: {', '.join(known)}")
    return chosen


def select(
    full: nx.MultiDiGraph,
    *,
    types: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    docs: Iterable[str] | None = None,
    focus: str | None = None,
    depth: int = 2,
) -> nx.MultiDiGraph:
    """The part of a projection a person asked for.

    Type and document filters pick nodes (the focus always stays); the relation filter picks edges; then
    focus + depth keeps what lies within ``depth`` edges of the focus, following edges either way.

    Raises:
        UnknownFocus: the focus names no node.
        InvalidFilter: a type, relation or document name is unknown, or depth is negative.
    """
    kinds = _check(types, KIND_BY_KEY, "type", DEFAULT_KINDS)
    wanted_relations = _check(relations, RELATION_BY_KEY, "relation", frozenset(RELATION_BY_KEY))
    doc_iris = None if docs is None else resolve_documents(full, docs)
    focus_id = None if focus is None else resolve_focus(full, focus)
    if depth < 0:
        raise InvalidFilter("depth must be 0 or more")
    keep = {
        node
        for node, attrs in full.nodes(data=True)
        if node == focus_id or (attrs["kind"] in kinds and (doc_iris is None or doc_iris.intersection(attrs["docs"])))
    }
    out = nx.MultiDiGraph()
    out.graph.update(full.graph)
    out.add_nodes_from((node, full.nodes[node]) for node in full if node in keep)
    out.add_edges_from(
        (u, v, key, data)
        for u, v, key, data in full.edges(keys=True, data=True)
        if key in wanted_relations and u in keep and v in keep
    )
    if focus_id is not None:
        out = out.subgraph(_within(out, focus_id, depth)).copy()
    out.graph.update(focus=focus_id, depth=depth if focus_id else None)
    return out


def only_lines(full: nx.MultiDiGraph, states: Callable[[str, str, str], bool]) -> nx.MultiDiGraph:
    """The projection narrowed to one state: the edges whose statement ``states`` accepts, and their nodes.

    ``states(subject, predicate_iri, object)`` is asked for the statement an edge was drawn from (an inverse
    property read backwards is asked the way the data states it); a membership edge is asked as
    ``states(member, ORG.Membership, organisation)``.
    """
    out = nx.MultiDiGraph()
    out.graph.update(full.graph)
    kept = []
    for u, v, key, data in full.edges(keys=True, data=True):
        predicate = str(ORG.Membership) if data["predicate"] == "org:Membership" else expand(data["predicate"])
        subject, obj = (v, u) if data.get("inverse") else (u, v)
        if states(subject, predicate, obj):
            kept.append((u, v, key, data))
    touched = {n for u, v, _, _ in kept for n in (u, v)}
    out.add_nodes_from((node, full.nodes[node]) for node in full if node in touched)
    out.add_edges_from(kept)
    return out


def _within(graph: nx.MultiDiGraph, start: str, depth: int) -> set[str]:
    """Nodes at most ``depth`` edges from ``start``, edges followed in either direction."""
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        node, distance = queue.popleft()
        if distance == depth:
            continue
        for neighbour in (*graph.successors(node), *graph.predecessors(node)):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append((neighbour, distance + 1))
    return seen


def project(
    graph: Graph,
    severities: Mapping[str, object] | None = None,
    findings: Mapping[str, Sequence[NodeFinding]] | None = None,
    **filters: Any,
) -> nx.MultiDiGraph:
    """:func:`to_networkx` then :func:`select` with ``filters`` (types, relations, docs, focus, depth)."""
    return select(to_networkx(graph, severities, findings), **filters)


def as_dict(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """A projection as plain JSON-ready data: nodes, edges and the source documents, in a stable order."""
    nodes = [
        {
            "id": node,
            "kind": a["kind"],
            "label": {"da": a["label_da"], "en": a["label_en"]},
            "type": {"da": a["type_da"], "en": a["type_en"]},
            "class_name": a["class"],
            "alt_labels": a["alt_labels"],
            "description": {"da": a["description_da"], "en": a["description_en"]},
            "docs": a["docs"],
            "passages": a["passages"],
            "severity": a["severity"],
            "findings": a["findings"],
        }
        for node, a in sorted(graph.nodes(data=True))
    ]
    edges = [
        {
            "source": u,
            "target": v,
            "relation": key,
            "label": {"da": d["label_da"], "en": d["label_en"]},
            "role": {"da": d["role_da"], "en": d["role_en"]} if "role_da" in d else None,
        }
        for u, v, key, d in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1]))
    ]
    docs = [{"iri": iri, **doc} for iri, doc in sorted(graph.graph.get("documents", {}).items())]
    return {
        "focus": graph.graph.get("focus"),
        "depth": graph.graph.get("depth"),
        "nodes": nodes,
        "edges": edges,
        "documents": docs,
    }
