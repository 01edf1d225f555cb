"""Top-level entities that do not fit the org chart's first view, folded into group boxes.

By source document ("Opsamling CCC-samarbejdsmøder: 22 more"), else by kind, else all in one box;
lone members of a document or kind go to the "Others" box. Used by :mod:`viz.collapse`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from textwrap import shorten

import networkx as nx

from viz.kinds import KIND_BY_KEY

GROUP_PREFIX = "group:"
MORE_GROUPS_COST = 3  # top-level boxes given up, at most, for groups that say more than "Others"


@dataclass(frozen=True)
class Group:
    """Top-level entities folded into one box: its label in both languages and its members."""

    da: str
    en: str
    members: tuple[str, ...]


def by_document(graph: nx.MultiDiGraph, node: str) -> tuple[str, str, str]:
    """The group of a node's first source document (key, Danish and English label)."""
    docs = graph.graph.get("documents", {})
    for doc in graph.nodes[node].get("docs", []):
        if doc in docs:
            title = shorten(str(docs[doc]["title"]), 44, placeholder=" …")
            return f"doc {doc}", title, title
    return all_in_one(graph, node)


def by_kind(graph: nx.MultiDiGraph, node: str) -> tuple[str, str, str]:
    """The group of a node's kind."""
    kind = KIND_BY_KEY.get(graph.nodes[node]["kind"])
    return (f"kind {kind.key}", kind.da, kind.en) if kind else all_in_one(graph, node)


def all_in_one(graph: nx.MultiDiGraph, node: str) -> tuple[str, str, str]:
    """The one group of everything else."""
    return "~", "Øvrige", "Others"


Grouping = Callable[[nx.MultiDiGraph, str], tuple[str, str, str]]
GROUPINGS: tuple[Grouping, ...] = (by_document, by_kind, all_in_one)


def grouped(
    graph: nx.MultiDiGraph, children: dict[str, list[str]], nodes: list[str], key: Grouping
) -> dict[str, Group] | None:
    """``nodes`` in group boxes by ``key`` (lone ones go to "Others"); None when a box would hold one leaf."""
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for node in nodes:
        found[key(graph, node)].append(node)
    for name in [k for k, members in found.items() if len(members) < 2 and k[0] != "~"]:
        found[all_in_one(graph, "")].extend(found.pop(name))
    if any(len(m) == 1 and not children.get(m[0]) for m in found.values()):
        return None
    return {
        f"{GROUP_PREFIX}{i}": Group(da, en, tuple(members))
        for i, ((_, da, en), members) in enumerate(sorted(found.items()))
    }
