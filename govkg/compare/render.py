"""A comparison as text for a terminal or as a Markdown change note a secretariat can paste into minutes."""

from __future__ import annotations

from govkg.answers.models import Passage
from govkg.compare.models import AttributeChange, Comparison, DutyChange, EntityChange, LineChange

WORDS = {
    "da": {
        "title": "Ændringer fra {a} til {b}",
        "entities_added": "Nye enheder",
        "entities_removed": "Enheder der udgår",
        "lines_added": "Nye linjer",
        "lines_removed": "Linjer der udgår",
        "changed": "Ændrede oplysninger",
        "duties_added": "Nye opgaver",
        "duties_removed": "Opgaver der udgår",
        "none": "Ingen ændringer.",
        "triples": "Tripler: {added} tilføjet, {removed} fjernet, {unchanged} uændret.",
        "as": "som",
        "source": "Kilde",
        "before": "før",
        "after": "efter",
        "nothing": "intet",
        "no_party": "ingen ansvarlig part nævnt",
    },
    "en": {
        "title": "Changes from {a} to {b}",
        "entities_added": "Entities added",
        "entities_removed": "Entities removed",
        "lines_added": "Lines added",
        "lines_removed": "Lines removed",
        "changed": "Changed attributes",
        "duties_added": "Duties added",
        "duties_removed": "Duties removed",
        "none": "No changes.",
        "triples": "Triples: {added} added, {removed} removed, {unchanged} unchanged.",
        "as": "as",
        "source": "Source",
        "before": "before",
        "after": "after",
        "nothing": "nothing",
        "no_party": "no responsible party named",
    },
}


def _quote(passages: list[Passage], w: dict[str, str]) -> str:
    quoted = [f"“{p.quote}” ({p.document.identifier or p.document.title})" for p in passages if p.quote and p.document]
    return f"{w['source']}: " + "; ".join(quoted) if quoted else ""


def _entity(change: EntityChange, w: dict[str, str]) -> tuple[str, str]:
    kinds = ", ".join(t.label for t in change.types)
    return f"{change.entity.label} ({kinds})", _quote(change.passages, w)


def _line(change: LineChange, w: dict[str, str]) -> tuple[str, str]:
    role = f" {w['as']} {change.role.label}" if change.role else ""
    return f"{change.source.label} —{change.relation.label}{role}→ {change.target.label}", _quote(change.passages, w)


def _attribute(change: AttributeChange, w: dict[str, str]) -> tuple[str, str]:
    before = ", ".join(change.before) or w["nothing"]
    after = ", ".join(change.after) or w["nothing"]
    text = f"{change.entity.label}: {change.attribute.label}: {w['before']} {before}; {w['after']} {after}"
    return text, _quote(change.passages_to or change.passages_from, w)


def _duty(change: DutyChange, w: dict[str, str]) -> tuple[str, str]:
    parties = ", ".join(p.label for p in change.obliged_party)
    frequency = f" [{change.frequency.label}]" if change.frequency else ""
    text = f"{change.action or change.duty.label}{frequency}"
    return (f"{parties}: {text}" if parties else f"({w['no_party']}) {text}"), _quote(change.passages, w)


Section = tuple[str, str, list[tuple[str, str]]]  # heading, sign (+ added, - removed, ~ changed), items


def sections(comparison: Comparison) -> list[Section]:
    """Headed lists of (change, source) in reading order, empty sections left out."""
    w = WORDS[comparison.lang]
    found: list[Section] = [
        (w["entities_added"], "+", [_entity(c, w) for c in comparison.entities.added]),
        (w["entities_removed"], "-", [_entity(c, w) for c in comparison.entities.removed]),
        (w["lines_added"], "+", [_line(c, w) for c in comparison.lines.added]),
        (w["lines_removed"], "-", [_line(c, w) for c in comparison.lines.removed]),
        (w["changed"], "~", [_attribute(c, w) for c in comparison.changed]),
        (w["duties_added"], "+", [_duty(c, w) for c in comparison.duties.added]),
        (w["duties_removed"], "-", [_duty(c, w) for c in comparison.duties.removed]),
    ]
    return [section for section in found if section[2]]


def render_text(comparison: Comparison) -> str:
    w = WORDS[comparison.lang]
    lines = [w["title"].format(a=comparison.from_.label, b=comparison.to.label), ""]
    for head, sign, items in sections(comparison):
        lines += [f"{head} ({len(items)})"]
        for text, source in items:
            lines += [f"  {sign} {text}"] + ([f"      {source}"] if source else [])
        lines.append("")
    if not sections(comparison):
        lines += [w["none"], ""]
    lines.append(w["triples"].format(**comparison.triples.model_dump()))
    return "\n".join(lines) + "\n"


def render_markdown(comparison: Comparison) -> str:
    w = WORDS[comparison.lang]
    out = [f"## {w['title'].format(a=comparison.from_.label, b=comparison.to.label)}", ""]
    for head, _, items in sections(comparison):
        out += [f"### {head}", ""]
        for text, source in items:
            out.append(f"- {_md(text)}")
            if source:
                out.append(f"  *{_md(source)}*")
        out.append("")
    if not sections(comparison):
        out += [w["none"], ""]
    out.append(f"_{w['triples'].format(**comparison.triples.model_dump())}_")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Text safe inside Markdown emphasis and lists (no accidental markup from the data)."""
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)


def render(comparison: Comparison, fmt: str) -> str:
    """The comparison as ``text``, ``markdown`` or ``json``."""
    if fmt == "json":
        return comparison.model_dump_json(indent=2, by_alias=True) + "\n"
    return render_markdown(comparison) if fmt == "markdown" else render_text(comparison)
