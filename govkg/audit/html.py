"""The audit report as an HTML page: triage filters, counts, then the findings grouped by rule.

Served (``link_base`` given), the page is a plain GET form plus links, styled and scripted only by the
service's own files (``assets/audit.css``, ``assets/audit.js``), so it works under a strict CSP and
without scripts; each finding links to its entity page (``/id/{slug}``), its spot in the org graph and
the scopes it belongs to. Standalone (``link_base`` None), it is one self-contained file with the
styles inlined and no links to the service. Every data string is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path
from urllib.parse import quote, urlencode

from govkg.audit.describe import compact, slug
from govkg.audit.i18n import counts_line, severity_count, showing, words
from govkg.audit.model import SEVERITIES, AuditReport, Finding, Severity
from govkg.audit.schema import rule_summaries
from govkg.audit.scope import Scope
from govkg.audit.triage import ACCEPTED_FILTERS, Filters

ASSETS = Path(__file__).with_name("assets")
STYLE = (ASSETS / "audit.css").read_text(encoding="utf-8")
FORMAT_LINKS = (("JSON", "json"), ("CSV", "csv"), ("XLSX", "xlsx"), ("Turtle", "turtle"))


@dataclass(frozen=True)
class Choices:
    """What the filter form offers: rules (compact IRI, name), documents (file, title), scenarios (slug, name)."""

    rules: list[tuple[str, str]] = field(default_factory=list)
    documents: list[tuple[str, str]] = field(default_factory=list)
    scenarios: list[tuple[str, str]] = field(default_factory=list)


def choices_from(report: AuditReport, scenarios: list[tuple[str, str]] | None = None) -> Choices:
    """The rules and documents a report's findings name, for the filter form."""
    rules = [(compact(r.rule), r.rule_name) for r in rule_summaries(report)]
    documents = {s.document: s.title for f in report.findings for s in f.sources if s.document}
    return Choices(sorted(rules, key=lambda r: r[1].casefold()), sorted(documents.items()), scenarios or [])


def anchor(rule: str) -> str:
    """A fragment id for a rule's section (its local name, made safe)."""
    return "rule-" + re.sub(r"[^A-Za-z0-9_-]", "-", rule.rsplit("#", 1)[-1].rsplit("/", 1)[-1])


def _href(url: str) -> str:
    return escape(url, quote=True)


def page_url(base: str, lang: str, filters: Filters, path: str = "/audit", **extra: str) -> str:
    """The page (or ``path``) with these filters, in ``lang``."""
    return f"{base}{path}?{urlencode({'lang': lang, **filters.params(), **extra})}"


def _scoped(filters: Filters, **changes: str | None) -> Filters:
    return replace(filters, scope=replace(filters.scope, **changes))


def _nav(report: AuditReport, filters: Filters, base: str, w: dict[str, str]) -> str:
    def link(text: str, lang: str, chosen: Filters) -> str:
        on = lang == report.lang and chosen == filters
        return f'<a class="{"on" if on else ""}" href="{_href(page_url(base, lang, chosen))}">{escape(text)}</a>'

    languages = link("Dansk", "da", filters) + link("English", "en", filters)
    levels = "".join(
        link(w[key], report.lang, replace(filters, severity=severity))
        for key, severity in zip(("only_violations", "warnings_up", "all"), SEVERITIES, strict=True)
    )
    formats = "".join(
        f'<a href="{_href(page_url(base, report.lang, filters, "/api/audit", format=fmt))}">{name}</a>'
        for name, fmt in FORMAT_LINKS
    )
    return (
        f'<nav><a href="{_href(base + "/")}">{escape(w["home"])}</a> · {languages} · {escape(w["show"])}: {levels}'
        f" · {escape(w['formats'])}: {formats}</nav>"
    )


def _select(
    name: str, label: str, options: Sequence[tuple[str, str]], chosen: str | None, w: dict[str, str], blank: str = ""
) -> str:
    """A choice among ``options`` plus "any" (sent as ``blank``); an unlisted current choice is kept."""
    items = [(blank, w["any"]), *options]
    if chosen and chosen not in {value for value, _ in options}:
        items.append((chosen, chosen))
    rendered = "".join(
        f'<option value="{_href(v)}"{" selected" if v == (chosen or blank) else ""}>{escape(t)}</option>'
        for v, t in items
    )
    return f'<label>{escape(label)}<select name="{name}">{rendered}</select></label>'


def _form(report: AuditReport, filters: Filters, choices: Choices, base: str, w: dict[str, str]) -> str:
    scope = filters.scope
    severities = [(s, w[s]) for s in SEVERITIES[:-1]]
    accepted = [(a, w[f"findings_{a}"]) for a in ACCEPTED_FILTERS[1:]]
    fields = [
        _select("severity", w["severity"], severities, filters.severity, w, blank="info"),
        _select("rule", w["rule"], choices.rules, scope.rule, w),
        _select("document", w["document"], choices.documents, scope.document, w),
        *([_select("scenario", w["scenario"], choices.scenarios, scope.scenario, w)] if choices.scenarios else []),
        _select("accepted", w["findings_filter"], accepted, filters.accepted, w, blank="all"),
        f'<label>{escape(w["under"])}<input name="under" value="{_href(scope.under or "")}"></label>',
    ]
    hidden = f'<input type="hidden" name="lang" value="{escape(report.lang)}">'
    if scope.scenario and not choices.scenarios:
        hidden += f'<input type="hidden" name="scenario" value="{_href(scope.scenario)}">'
    clear = f'<a href="{_href(page_url(base, report.lang, Filters()))}">{escape(w["clear"])}</a>'
    return (
        f'<form class="filters" method="get" action="{_href(base + "/audit")}">{hidden}{"".join(fields)}'
        f'<button type="submit">{escape(w["apply"])}</button>{clear}</form>' + _limits(report, filters, base, w)
    )


def _limits(report: AuditReport, filters: Filters, base: str, w: dict[str, str]) -> str:
    """Each limit in force, as a link that drops it."""
    scope = filters.scope
    links = [
        f'<a href="{_href(page_url(base, report.lang, _scoped(filters, **{key: None})))}">{escape(key)}: '
        f"{escape(value)} ×</a>"
        for key, value in (("under", scope.under), ("document", scope.document), ("scenario", scope.scenario))
        + (("rule", scope.rule),)
        if value
    ]
    return f'<p class="limits">{escape(w["limited_to"])}: {"".join(links)}</p>' if links else ""


def _summary(report: AuditReport, filters: Filters, base: str | None, w: dict[str, str]) -> str:
    counts = report.counts_by_severity()
    accepted = sum(report.counts_accepted().values())
    badges = "".join(
        f'<span class="badge {s}">{escape(severity_count(counts[s], s, w))}</span>'
        for s in SEVERITIES
        if counts[s] or s == "violation"
    ) + (f'<span class="badge accepted">{accepted} {escape(w["accepted"])}</span>' if accepted else "")
    rows = "".join(
        f'<tr><td><a href="#{anchor(r.rule)}">{escape(r.rule_name)}</a>{_only_rule(r.rule, filters, base, report, w)}'
        f'</td><td><span class="badge {r.severity}">{escape(w[r.severity])}</span></td>'
        f'<td class="num">{r.count}</td></tr>'
        for r in rule_summaries(report)
    )
    table = (
        f"<table><tr><th>{escape(w['rule'])}</th><th>{escape(w['severity'])}</th>"
        f'<th class="num">{escape(w["count"])}</th></tr>{rows}</table>'
        if rows
        else f"<p>{escape(w['none'])}</p>"
    )
    return f'<h2>{escape(w["summary"])}</h2><p class="counts">{badges}</p>{table}'


def _only_rule(rule: str, filters: Filters, base: str | None, report: AuditReport, w: dict[str, str]) -> str:
    if base is None or filters.scope.rule is not None:
        return ""
    url = page_url(base, report.lang, _scoped(filters, rule=compact(rule)))
    return f' <a class="links" href="{_href(url)}">{escape(w["only_this"])}</a>'


def _acceptance(finding: Finding, w: dict[str, str]) -> str:
    a = finding.accepted
    if a is None:
        return ""
    until = f" {escape(w['until'])} {escape(a.expires)}" if a.expires else ""
    return (
        f'<p class="acceptance"><span class="badge accepted">{escape(w["accepted"])}</span> {escape(a.reason)} — '
        f"{escape(w['accepted_by'])} {escape(a.accepted_by_label)}, {escape(a.accepted_on)}{until}</p>"
    )


def _finding(finding: Finding, base: str | None, filters: Filters, lang: str, w: dict[str, str]) -> str:
    name = escape(finding.focus_label)
    entity_slug = slug(finding.focus)
    links = ""
    if base is not None and entity_slug is not None:
        safe = quote(entity_slug, safe="")
        name = f'<a class="entity" href="{_href(f"{base}/id/{safe}")}">{name}</a>'
        under = page_url(base, lang, _scoped(filters, under=entity_slug))
        links = (
            f'<a class="graph" href="{_href(f"{base}/graph?focus={safe}")}">{escape(w["in_graph"])}</a>'
            f'<a class="under" href="{_href(under)}">{escape(w["below_it"])}</a>'
        )
    detail = [f"{escape(w['path'])} <code>{escape(finding.path)}</code>"] if finding.path else []
    detail += [f"{escape(w['value'])} <code>{escape(compact(finding.value))}</code>"] if finding.value else []
    quotes = "".join(_quote(s.quote, s.title, s.document, base, filters, lang, w) for s in finding.sources)
    classes = "finding accepted" if finding.accepted is not None else "finding"
    return (
        f'<li class="{classes}"><div><span class="focus">{name}</span> <code>{escape(compact(finding.focus))}</code>'
        f'<span class="links">{links}</span></div><p class="message">{escape(finding.message)}</p>'
        + (f'<p class="detail">{" · ".join(detail)}</p>' if detail else "")
        + _acceptance(finding, w)
        + (quotes or f'<p class="detail">{escape(w["no_source"])}</p>')
        + "</li>"
    )


def _quote(
    text: str, title: str, document: str, base: str | None, filters: Filters, lang: str, w: dict[str, str]
) -> str:
    only = ""
    if base is not None and document and filters.scope.document is None:
        url = page_url(base, lang, _scoped(filters, document=document))
        only = f' · <a href="{_href(url)}">{escape(w["only_document"])}</a>'
    return (
        f"<blockquote>{escape(text)}<footer>{escape(title)} · <code>{escape(document)}</code>{only}"
        "</footer></blockquote>"
    )


def _rules(report: AuditReport, base: str | None, filters: Filters, w: dict[str, str]) -> str:
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    sections = []
    for r in rule_summaries(report):
        items = "".join(_finding(f, base, filters, report.lang, w) for f in by_rule[r.rule])
        sections.append(
            f'<section class="rule" id="{anchor(r.rule)}"><h2>{escape(r.rule_name)} '
            f'<span class="badge {r.severity}">{escape(w[r.severity])}</span> · {r.count}</h2>'
            f'<p class="detail"><code>{escape(compact(r.rule))}</code></p><ol class="findings">{items}</ol></section>'
        )
    return (f"<h2>{escape(w['by_rule'])}</h2>" if sections else "") + "".join(sections)


def render_html(
    report: AuditReport,
    min_severity: Severity = "info",
    link_base: str | None = None,
    filters: Filters | None = None,
    choices: Choices | None = None,
) -> str:
    """The report page.

    Args:
        report: the report, already cut to ``filters`` (or filtered to ``min_severity``).
        min_severity: the mildest severity shown, when no ``filters`` are given.
        link_base: where the service lives ("" for the same site). None makes a standalone file
            without links to the service's pages, its styles inlined.
        filters: the filters in force (marked in the navigation and the form).
        choices: what the filter form offers; taken from the report's own findings when omitted.
    """
    filters = filters or Filters(Scope(), min_severity)
    w = words(report.lang)
    version = report.version.strip('"')
    status = w["conforms"] if report.conforms else w["not_conforms"]
    if link_base is None:
        head, top = f"<style>{STYLE}</style>", ""
    else:
        head = (
            f'<link rel="stylesheet" href="{_href(link_base)}/audit/audit.css">'
            f'<script src="{_href(link_base)}/audit/audit.js" defer></script>'
        )
        form = _form(report, filters, choices or choices_from(report), link_base, w)
        top = _nav(report, filters, link_base, w) + form
    return (
        f'<!doctype html>\n<html lang="{escape(report.lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(w['page_title'])} · govkg</title>"
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{head}</head>\n'
        f'<body><h1>{escape(w["page_title"])}</h1><p class="lead">{escape(w["lead"])}</p>{top}'
        f"<p>{escape(w['dataset'])} <code>{escape(version)}</code> · {escape(status)} · "
        f"{escape(showing(filters.severity, w))} · {escape(counts_line(report))}</p>"
        f"{_summary(report, filters, link_base, w)}{_rules(report, link_base, filters, w)}</body></html>\n"
    )
