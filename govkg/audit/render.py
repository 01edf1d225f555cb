"""The audit report for people and pipelines: a text table, JSON, Turtle, an HTML page, CSV or XLSX.

``render_bytes(report, fmt, filters)`` is what ``govkg audit --format`` and the API call; the HTML
page itself is built in :mod:`govkg.audit.html`, the spreadsheets in :mod:`govkg.audit.spreadsheet`.
Every renderer takes a report already cut to the filters the reader asked for.
"""

from __future__ import annotations

import textwrap

from govkg.audit.describe import compact
from govkg.audit.html import render_html
from govkg.audit.i18n import counts_line, showing, words
from govkg.audit.model import AuditReport, Finding, Severity
from govkg.audit.schema import report_model, rule_summaries
from govkg.audit.spreadsheet import render_csv, render_xlsx
from govkg.audit.triage import Filters

FORMATS = ("text", "json", "turtle", "html", "csv", "xlsx")

QUOTE_WIDTH = 160
PATH_WIDTH = 80


def scope_text(filters: Filters | None) -> str:
    """``under=rkkp · rule=gsh:BodyMandateShape`` for the limits in force, or an empty string."""
    if filters is None:
        return ""
    return " · ".join(f"{k}={v}" for k, v in filters.params().items() if k != "severity")


def render_text(report: AuditReport, min_severity: Severity = "info", filters: Filters | None = None) -> str:
    """A readable report: a header, a table of rules with counts, then the findings grouped by rule."""
    w = words(report.lang)
    version = report.version.strip('"')
    min_severity = filters.severity if filters is not None else min_severity
    header = f"{w['title']} · {w['dataset']} {version} · {w['language']} {report.lang} · {showing(min_severity, w)}"
    limits = scope_text(filters)
    lines = [header + (f" · {limits}" if limits else ""), counts_line(report), *_since_lines(report, w), ""]
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


def _since_lines(report: AuditReport, w: dict[str, str]) -> list[str]:
    """The baseline's summary, then its resolved findings (one line each), when there is a baseline."""
    if report.since is None:
        return []
    statuses = [f.baseline for f in report.findings]
    counts = {"new": statuses.count("new"), "unchanged": statuses.count("unchanged")}
    lines = [w["since"].format(version=report.since.version, resolved=len(report.since.resolved), **counts)]
    if report.since.resolved:
        lines += ["", f"{w['resolved']}:"]
        lines += [f"- {f.focus_label} ({compact(f.focus)}): {f.rule_name}" for f in report.since.resolved]
    return lines


def clip(text: str, width: int) -> str:
    """The text, cut to ``width`` characters with an ellipsis when longer (paths have no spaces)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _finding_lines(finding: Finding, w: dict[str, str]) -> list[str]:
    mark = f"[{w['new']}] " if finding.baseline == "new" else ""
    lines = [f"- {mark}{finding.focus_label} ({compact(finding.focus)})", f"  {finding.message}"]
    detail = [f"{w['path']} {clip(finding.path, PATH_WIDTH)}"] if finding.path else []
    detail += [f"{w['value']} {compact(finding.value)}"] if finding.value else []
    if detail:
        lines.append("  " + " · ".join(detail))
    for source in finding.sources:
        quote = textwrap.shorten(source.quote, QUOTE_WIDTH, placeholder=" …")
        lines.append(f"  “{quote}” — {source.title} [{source.document}]")
    if finding.accepted is not None:
        a = finding.accepted
        until = f" {w['until']} {a.expires}" if a.expires else ""
        by = f"{w['accepted_by']} {a.accepted_by_label}, {a.accepted_on}{until}"
        lines.append(f"  [{w['accepted']}] {a.reason} — {by}")
    return lines


def render_json(report: AuditReport, min_severity: Severity = "info") -> str:
    """The report in the documented JSON schema (:class:`govkg.audit.schema.AuditReportModel`)."""
    return report_model(report, min_severity).model_dump_json(indent=2) + "\n"


def render_turtle(report: AuditReport) -> str:
    """The SHACL validation report graph as Turtle."""
    return report.report_graph.serialize(format="turtle")


def render_bytes(report: AuditReport, fmt: str, filters: Filters | None = None, link_base: str | None = None) -> bytes:
    """The report in any of :data:`FORMATS`, as bytes (text formats in UTF-8).

    Raises:
        ValueError: an unknown format.
    """
    filters = filters or Filters()
    if fmt == "xlsx":
        about = {k: v for k, v in filters.params().items()}
        return render_xlsx(report, about)
    if fmt == "csv":
        return render_csv(report).encode("utf-8")
    if fmt == "text":
        return render_text(report, filters=filters).encode("utf-8")
    if fmt == "json":
        return (report_model(report, filters=filters).model_dump_json(indent=2) + "\n").encode("utf-8")
    if fmt == "html":
        return render_html(report, filters.severity, link_base, filters).encode("utf-8")
    return render(report, fmt, filters.severity, link_base).encode("utf-8")


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
