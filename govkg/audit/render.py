"""The audit report for people and pipelines: a text table, JSON, Turtle, or an HTML page.

``render(report, fmt)`` is what ``govkg audit --format`` and the API call; the HTML page itself is
built in :mod:`govkg.audit.html`. Every renderer takes a report already filtered to the severity
the reader asked for.
"""

from __future__ import annotations

import textwrap

from govkg.audit.describe import compact
from govkg.audit.html import render_html
from govkg.audit.i18n import counts_line, showing, words
from govkg.audit.model import AuditReport, Finding, Severity
from govkg.audit.schema import report_model, rule_summaries

FORMATS = ("text", "json", "turtle", "html")

QUOTE_WIDTH = 160
PATH_WIDTH = 80


def render_text(report: AuditReport, min_severity: Severity = "info") -> str:
    """A readable report: a header, a table of rules with counts, then the findings grouped by rule."""
    w = words(report.lang)
    version = report.version.strip('"')
    header = f"{w['title']} · {w['dataset']} {version} · {w['language']} {report.lang} · {showing(min_severity, w)}"
    lines = [header, counts_line(report), ""]
    if not report.findings:
        return "\n".join([*lines, w["none"], ""])
    summaries = rule_summaries(report)
    width = max(len(w["rule"]), *(len(s.rule_name) for s in summaries))
    lines.append(f"{w['rule']:<{width}}  {w['severity']:<12}  {w['count']:>5}")
    lines += [f"{s.rule_name:<{width}}  {w[s.severity]:<12}  {s.count:>5}" for s in summaries]
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    for summary in summaries:
        lines += ["", f"== {summary.rule_name} ({compact(summary.rule)}) · {w[summary.severity]} · {summary.count}"]
        for finding in by_rule[summary.rule]:
            lines += _finding_lines(finding, w)
    return "\n".join(lines) + "\n"


def clip(text: str, width: int) -> str:
    """The text, cut to ``width`` characters with an ellipsis when longer (paths have no spaces)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _finding_lines(finding: Finding, w: dict[str, str]) -> list[str]:
    lines = [f"- {finding.focus_label} ({compact(finding.focus)})", f"  {finding.message}"]
    detail = [f"{w['path']} {clip(finding.path, PATH_WIDTH)}"] if finding.path else []
    detail += [f"{w['value']} {compact(finding.value)}"] if finding.value else []
    if detail:
        lines.append("  " + " · ".join(detail))
    for source in finding.sources:
        quote = textwrap.shorten(source.quote, QUOTE_WIDTH, placeholder=" …")
        lines.append(f"  “{quote}” — {source.title} [{source.document}]")
    return lines


def render_json(report: AuditReport, min_severity: Severity = "info") -> str:
    """The report in the documented JSON schema (:class:`govkg.audit.schema.AuditReportModel`)."""
    return report_model(report, min_severity).model_dump_json(indent=2) + "\n"


def render_turtle(report: AuditReport) -> str:
    """The SHACL validation report graph as Turtle."""
    return report.report_graph.serialize(format="turtle")


def render(report: AuditReport, fmt: str, min_severity: Severity = "info", link_base: str | None = None) -> str:
    """The report in one of :data:`FORMATS`.

    Args:
        report: the report, already filtered to ``min_severity``.
        fmt: ``text``, ``json``, ``turtle`` or ``html``.
        min_severity: the mildest severity the reader asked for (shown in the output).
        link_base: for HTML, where the service lives ("" for the same site); None for a standalone file.

    Raises:
        ValueError: an unknown format.
    """
    if fmt == "text":
        return render_text(report, min_severity)
    if fmt == "json":
        return render_json(report, min_severity)
    if fmt == "turtle":
        return render_turtle(report)
    if fmt == "html":
        return render_html(report, min_severity, link_base)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
