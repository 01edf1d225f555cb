"""The audit report's fixed words in Danish and English (the findings' own texts come from the shapes)."""

from __future__ import annotations

from govkg.audit.model import SEVERITIES, AuditReport, Severity

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "govkg audit",
        "dataset": "dataset",
        "language": "language",
        "showing": "showing",
        "and_worse": "and worse",
        "finding": "finding",
        "findings": "findings",
        "none": "No findings: the graph conforms to every rule.",
        "rule": "Rule",
        "severity": "Severity",
        "count": "Count",
        "path": "path",
        "value": "value",
        "violation": "violation",
        "warning": "warning",
        "info": "info",
        "violations": "violations",
        "warnings": "warnings",
        "infos": "info",
        "page_title": "Audit report",
        "lead": "Gaps in the paper trail and defects in the graph, each with the passage it rests on.",
        "home": "Home",
        "show": "Show",
        "all": "all",
        "only_violations": "violations only",
        "warnings_up": "warnings and worse",
        "summary": "Summary",
        "by_rule": "Findings by rule",
        "entity": "entity",
        "in_graph": "in the org graph",
        "no_source": "No source passage.",
        "formats": "Also as",
        "conforms": "conforms",
        "not_conforms": "does not conform",
        "accepted": "accepted",
        "accepted_by": "accepted by",
        "until": "until",
        "new": "new",
        "since": "since the baseline of dataset {version}: {new} new, {unchanged} unchanged, {resolved} resolved",
        "resolved": "Resolved since the baseline",
        "expired_rule": "Accepted exception that has expired",
        "expired_message": "The exception expired on {expires}: the finding it covered counts again.",
        "stale_rule": "Accepted exception that matches no finding",
        "stale_message": "No finding matches this exception any more: remove it or correct it.",
        "any": "any",
        "document": "Document",
        "scenario": "Scenario",
        "under": "Under (entity)",
        "findings_filter": "Findings",
        "findings_open": "open only",
        "findings_accepted": "accepted only",
        "apply": "Apply",
        "clear": "Clear filters",
        "limited_to": "Limited to",
        "only_this": "only this",
        "below_it": "everything below it",
        "only_document": "only this document",
    },
    "da": {
        "title": "govkg-revision",
        "dataset": "datasæt",
        "language": "sprog",
        "showing": "viser",
        "and_worse": "og værre",
        "finding": "fund",
        "findings": "fund",
        "none": "Ingen fund: grafen overholder alle regler.",
        "rule": "Regel",
        "severity": "Alvor",
        "count": "Antal",
        "path": "sti",
        "value": "værdi",
        "violation": "overtrædelse",
        "warning": "advarsel",
        "info": "information",
        "violations": "overtrædelser",
        "warnings": "advarsler",
        "infos": "information",
        "page_title": "Revisionsrapport",
        "lead": "Huller i dokumentationen og fejl i grafen, hver med det tekststed, den bygger på.",
        "home": "Forside",
        "show": "Vis",
        "all": "alle",
        "only_violations": "kun overtrædelser",
        "warnings_up": "advarsler og værre",
        "summary": "Overblik",
        "by_rule": "Fund pr. regel",
        "entity": "enhed",
        "in_graph": "i organisationsgrafen",
        "no_source": "Intet tekststed.",
        "formats": "Også som",
        "conforms": "overholder reglerne",
        "not_conforms": "overholder ikke reglerne",
        "accepted": "accepteret",
        "accepted_by": "accepteret af",
        "until": "indtil",
        "new": "ny",
        "since": "siden grundlinjen fra datasæt {version}: {new} nye, {unchanged} uændrede, {resolved} løst",
        "resolved": "Løst siden grundlinjen",
        "expired_rule": "Accepteret undtagelse, der er udløbet",
        "expired_message": "Undtagelsen udløb {expires}: det fund, den dækkede, tæller igen.",
        "stale_rule": "Accepteret undtagelse uden fund",
        "stale_message": "Intet fund svarer længere til undtagelsen: fjern eller ret den.",
        "any": "alle",
        "document": "Dokument",
        "scenario": "Scenarie",
        "under": "Under (enhed)",
        "findings_filter": "Fund",
        "findings_open": "kun åbne",
        "findings_accepted": "kun accepterede",
        "apply": "Anvend",
        "clear": "Ryd filtre",
        "limited_to": "Afgrænset til",
        "only_this": "kun denne",
        "below_it": "alt under den",
        "only_document": "kun dette dokument",
    },
}


def words(lang: str) -> dict[str, str]:
    """The report's fixed words in ``da`` or ``en``."""
    return WORDS.get(lang, WORDS["en"])


def severity_count(count: int, severity: Severity, w: dict[str, str]) -> str:
    """``1 violation``, ``3 violations``, ``2 advarsler``."""
    return f"{count} {w[severity] if count == 1 else w[severity + 's']}"


def counts_line(report: AuditReport) -> str:
    """``82 findings: 38 violations, 31 warnings, 13 info`` in the report's language."""
    w = words(report.lang)
    counts = report.counts_by_severity()
    parts = ", ".join(severity_count(counts[s], s, w) for s in SEVERITIES)
    total = len(report.findings)
    accepted = sum(report.counts_accepted().values())
    tail = f" · {accepted} {w['accepted']}" if accepted else ""
    return f"{total} {w['finding'] if total == 1 else w['findings']}: {parts}{tail}"


def showing(min_severity: Severity, w: dict[str, str]) -> str:
    """``showing warning and worse`` (or just ``showing violation``)."""
    return f"{w['showing']} {w[min_severity]}" + ("" if min_severity == "violation" else f" {w['and_worse']}")
