"""The audit report as one self-contained HTML page: no scripts, no CDN, every data string escaped.

Summary counts by severity and rule come first, then the findings grouped by rule, each naming the
entity (linked to its API page and its spot in the org graph when the page is served) and quoting
the passages it rests on.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote, urlencode

from govkg.audit.describe import compact, slug
from govkg.audit.i18n import counts_line, severity_count, showing, words
from govkg.audit.model import SEVERITIES, AuditReport, Finding, Severity
from govkg.audit.schema import rule_summaries

STYLE = """
body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1d2733;line-height:1.45}
a{color:#0b5cad} h1{margin:.2rem 0} .lead{color:#4a5866;margin-top:0} code{font-size:.9em;overflow-wrap:anywhere}
nav{margin:.6rem 0;font-size:.95em} nav a{margin-right:.7rem}
nav .on{font-weight:600;text-decoration:none;color:#1d2733}
.badge{display:inline-block;padding:.1rem .55rem;border-radius:999px;color:#fff;font-size:.85em;vertical-align:middle}
.violation{background:#b3261e} .warning{background:#a15c00} .info{background:#2f6db5}
.counts .badge{font-size:1em;margin-right:.4rem} table{border-collapse:collapse;margin:1rem 0;width:100%}
td,th{padding:.3rem .7rem;border-bottom:1px solid #dde3ea;text-align:left} th{background:#f3f6f9} .num{text-align:right}
section.rule{margin-top:2rem} section.rule h2{font-size:1.15rem;border-bottom:2px solid #dde3ea;padding-bottom:.3rem}
ol.findings{padding-left:1.2rem} li.finding{margin:.9rem 0} .focus{font-weight:600}
.links{font-size:.85em;margin-left:.5rem}
.message{margin:.2rem 0} .detail{color:#4a5866;font-size:.9em;margin:.2rem 0}
blockquote{margin:.35rem 0 .35rem .2rem;padding:.3rem .8rem;border-left:3px solid #c5ced8;background:#f7f9fb}
blockquote footer{color:#4a5866;font-size:.85em;margin-top:.2rem}
"""


def anchor(rule: str) -> str:
    """A fragment id for a rule's section (its local name, made safe)."""
    return "rule-" + re.sub(r"[^A-Za-z0-9_-]", "-", rule.rsplit("#", 1)[-1].rsplit("/", 1)[-1])


def _href(url: str) -> str:
    return escape(url, quote=True)


def _page_url(base: str, lang: str, severity: Severity) -> str:
    return f"{base}/audit?{urlencode({'lang': lang, 'severity': severity})}"


def _nav(report: AuditReport, min_severity: Severity, base: str, w: dict[str, str]) -> str:
    def link(text: str, lang: str, severity: Severity) -> str:
        on = lang == report.lang and severity == min_severity
        return f'<a class="{"on" if on else ""}" href="{_href(_page_url(base, lang, severity))}">{escape(text)}</a>'

    languages = link("Dansk", "da", min_severity) + link("English", "en", min_severity)
    levels = (
        link(w["only_violations"], report.lang, "violation")
        + link(w["warnings_up"], report.lang, "warning")
        + link(w["all"], report.lang, "info")
    )
    query = urlencode({"lang": report.lang, "severity": min_severity})
    formats = f'<a href="{_href(f"{base}/api/audit?{query}")}">JSON</a>'
    return (
        f'<nav><a href="{_href(base + "/")}">{escape(w["home"])}</a> · {languages} · {escape(w["show"])}: {levels}'
        f" · {escape(w['formats'])}: {formats}</nav>"
    )


def _summary(report: AuditReport, w: dict[str, str]) -> str:
    counts = report.counts_by_severity()
    badges = "".join(
        f'<span class="badge {s}">{escape(severity_count(counts[s], s, w))}</span>'
        for s in SEVERITIES
        if counts[s] or s == "violation"
    )
    rows = "".join(
        f'<tr><td><a href="#{anchor(r.rule)}">{escape(r.rule_name)}</a></td>'
        f'<td><span class="badge {r.severity}">{escape(w[r.severity])}</span></td><td class="num">{r.count}</td></tr>'
        for r in rule_summaries(report)
    )
    table = (
        f"<table><tr><th>{escape(w['rule'])}</th><th>{escape(w['severity'])}</th>"
        f'<th class="num">{escape(w["count"])}</th></tr>{rows}</table>'
        if rows
        else f"<p>{escape(w['none'])}</p>"
    )
    return f'<h2>{escape(w["summary"])}</h2><p class="counts">{badges}</p>{table}'


def _finding(finding: Finding, base: str | None, w: dict[str, str]) -> str:
    name = escape(finding.focus_label)
    entity_slug = slug(finding.focus)
    if base is not None and entity_slug is not None:
        safe = quote(entity_slug, safe="")
        name = f'<a href="{_href(f"{base}/api/entities/{safe}")}">{name}</a>'
        links = f'<a href="{_href(f"{base}/graph?focus={safe}")}">{escape(w["in_graph"])}</a>'
    else:
        links = ""
    detail = [f"{escape(w['path'])} <code>{escape(finding.path)}</code>"] if finding.path else []
    detail += [f"{escape(w['value'])} <code>{escape(compact(finding.value))}</code>"] if finding.value else []
    quotes = (
        "".join(
            f"<blockquote>{escape(s.quote)}<footer>{escape(s.title)} · <code>{escape(s.document)}</code>"
            "</footer></blockquote>"
            for s in finding.sources
        )
        or f'<p class="detail">{escape(w["no_source"])}</p>'
    )
    return (
        f'<li class="finding"><div><span class="focus">{name}</span> <code>{escape(compact(finding.focus))}</code>'
        f'<span class="links">{links}</span></div><p class="message">{escape(finding.message)}</p>'
        + (f'<p class="detail">{" · ".join(detail)}</p>' if detail else "")
        + f"{quotes}</li>"
    )


def _rules(report: AuditReport, base: str | None, w: dict[str, str]) -> str:
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    sections = []
    for r in rule_summaries(report):
        items = "".join(_finding(f, base, w) for f in by_rule[r.rule])
        sections.append(
            f'<section class="rule" id="{anchor(r.rule)}"><h2>{escape(r.rule_name)} '
            f'<span class="badge {r.severity}">{escape(w[r.severity])}</span> · {r.count}</h2>'
            f'<p class="detail"><code>{escape(compact(r.rule))}</code></p><ol class="findings">{items}</ol></section>'
        )
    return (f"<h2>{escape(w['by_rule'])}</h2>" if sections else "") + "".join(sections)


def render_html(report: AuditReport, min_severity: Severity = "info", link_base: str | None = None) -> str:
    """The report page.

    Args:
        report: the report, already filtered to ``min_severity``.
        min_severity: the mildest severity shown (marks the active filter).
        link_base: where the service lives ("" for the same site). None makes a standalone file
            without links to the service's pages.
    """
    w = words(report.lang)
    version = report.version.strip('"')
    status = w["conforms"] if report.conforms else w["not_conforms"]
    nav = _nav(report, min_severity, link_base, w) if link_base is not None else ""
    return (
        f'<!doctype html>\n<html lang="{escape(report.lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(w['page_title'])} · govkg</title>"
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>\n'
        f'<body><h1>{escape(w["page_title"])}</h1><p class="lead">{escape(w["lead"])}</p>{nav}'
        f"<p>{escape(w['dataset'])} <code>{escape(version)}</code> · {escape(status)} · "
        f"{escape(showing(min_severity, w))} · {escape(counts_line(report))}</p>"
        f"{_summary(report, w)}{_rules(report, link_base, w)}</body></html>\n"
    )
