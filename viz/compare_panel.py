"""What the compare mode's side panel and legend say: per node, what changed, with both states' passages.

Built from the same :class:`~govkg.compare.Comparison` that ``/api/compare`` and ``govkg compare`` give,
once in Danish and once in English, and matched across the two by IRI (each list is sorted by label,
which differs by language). Plain JSON-ready data; :mod:`viz.compare` attaches it to the projection.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from govkg.answers.models import Passage
from govkg.compare import Comparison
from viz.kinds import compact

Item = dict[str, Any]

UI = {
    "da": {
        "compare": "Sammenligning",
        "change_added": "Kommer til",
        "change_removed": "Udgår",
        "change_changed": "Ændret (egenskaber, linjer eller pligter)",
        "change_unchanged": "Uændret",
        "lines": "linjer",
        "what_changed": "Hvad ændres",
        "nothing_changed": "Intet ændres her.",
        "in_from": "I",
        "in_to": "I",
        "duty": "Pligt",
        "no_passage": "ingen kildepassage",
    },
    "en": {
        "compare": "Comparison",
        "change_added": "Added",
        "change_removed": "Removed",
        "change_changed": "Changed (attributes, lines or duties)",
        "change_unchanged": "Unchanged",
        "lines": "lines",
        "what_changed": "What changes",
        "nothing_changed": "Nothing changes here.",
        "in_from": "In",
        "in_to": "In",
        "duty": "Duty",
        "no_passage": "no source passage",
    },
}


def panel_data(comparisons: dict[str, Comparison], graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The legend's and the side panel's data for a compare projection (nodes keyed by compact id)."""
    da, en = comparisons["da"], comparisons["en"]
    items: dict[str, dict[tuple[str, ...], Item]] = defaultdict(dict)
    ends: dict[str, dict[str, list[dict[str, str | None]]]] = defaultdict(lambda: {"from": [], "to": []})
    for lang, comparison in comparisons.items():
        _collect(comparison, lang, items, ends)
    nodes = {}
    for node, attrs in graph.nodes(data=True):
        own = ends.get(node, {"from": [], "to": []})
        nodes[compact(node)] = {
            "status": attrs["change"],
            "items": sorted(items.get(node, {}).values(), key=lambda i: (i["sign"], i["text"]["da"].casefold())),
            "from": own["from"],
            "to": own["to"],
        }
    return {
        "from": {"da": da.from_.label, "en": en.from_.label},
        "to": {"da": da.to.label, "en": en.to.label},
        "nodes": nodes,
        "i18n": UI,
    }


def for_view(data: dict[str, Any], graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The panel data for the part of the projection a page draws: its nodes only, counted per status."""
    drawn = {compact(n) for n in graph}
    return {
        **data,
        "nodes": {node: info for node, info in data["nodes"].items() if node in drawn},
        "counts": dict(Counter(a["change"] for _, a in graph.nodes(data=True))),
        "lineCounts": dict(Counter(d["change"] for _, _, d in graph.edges(data=True))),
    }


def _collect(
    comparison: Comparison,
    lang: str,
    items: dict[str, dict[tuple[str, ...], Item]],
    ends: dict[str, dict[str, list[dict[str, str | None]]]],
) -> None:
    """Add one language's texts to the items (created by the first language, matched by IRI after)."""

    def put(
        nodes: list[str], key: tuple[str, ...], sign: str, text: str, before: list[Passage], after: list[Passage]
    ) -> None:
        for node in nodes:
            item = items[node].setdefault(
                key, {"sign": sign, "text": {}, "from": _passages(before), "to": _passages(after)}
            )
            item["text"][lang] = text

    for change in comparison.changed:
        old = ", ".join(change.before) or "–"
        new = ", ".join(change.after) or "–"
        put(
            [change.entity.iri],
            ("attribute", change.entity.iri, change.attribute.iri),
            "~",
            f"{change.attribute.label}: {old} → {new}",
            change.passages_from,
            change.passages_to,
        )
    for lines, sign in ((comparison.lines.added, "+"), (comparison.lines.removed, "−")):
        for line in lines:
            role = f" ({line.role.label})" if line.role else ""
            role_iri = line.role.iri if line.role else ""
            key = ("line", sign, line.source.iri, line.relation.iri, line.target.iri, role_iri)
            text = f"{line.source.label} → {line.relation.label}{role} → {line.target.label}"
            before, after = (line.passages, []) if sign == "−" else ([], line.passages)
            put([line.source.iri, line.target.iri], key, sign, text, before, after)
    for duties, sign in ((comparison.duties.added, "+"), (comparison.duties.removed, "−")):
        for duty in duties:
            parties = [p.iri for p in duty.obliged_party]
            text = f"{UI[lang]['duty']}: {duty.duty.label}"
            before, after = (duty.passages, []) if sign == "−" else ([], duty.passages)
            put([duty.duty.iri, *parties], ("duty", sign, duty.duty.iri), sign, text, before, after)
    for entities, side in ((comparison.entities.added, "to"), (comparison.entities.removed, "from")):
        for entity in entities:
            ends[entity.entity.iri][side] = _passages(entity.passages)


def _passages(passages: list[Passage]) -> list[dict[str, str | None]]:
    """Quotes with the compact id of their document (the page's ``documents`` are keyed so), once each."""
    seen, out = set(), []
    for p in passages:
        if p.iri not in seen:
            seen.add(p.iri)
            out.append({"quote": p.quote, "doc": compact(p.document.iri) if p.document else None})
    return out
