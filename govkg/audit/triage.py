"""What an auditor looks at: the audit with accepted exceptions applied, cut to a scope and filters.

:func:`triage` is the one pipeline the command line, the API and the page share: findings (from any
engine) → accepted exceptions marked (:mod:`.accepted`) → scope (:mod:`.scope`) → severity and
accepted filters. ``--fail-on`` looks at the scoped findings before the display filters.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal, get_args

from govkg.audit.accepted import apply_accepted, exceptions_for
from govkg.audit.model import AuditReport, Severity
from govkg.audit.scope import Scope, apply_scope, resolve
from govkg.audit.validate import cached_audit
from govkg.store import Store

AcceptedFilter = Literal["all", "open", "accepted"]
ACCEPTED_FILTERS: tuple[AcceptedFilter, ...] = get_args(AcceptedFilter)


def parse_accepted(text: str) -> AcceptedFilter:
    """``all``, ``open`` or ``accepted`` as an :data:`AcceptedFilter`.

    Raises:
        ValueError: any other text.
    """
    for choice in ACCEPTED_FILTERS:
        if choice == text:
            return choice
    raise ValueError(f"accepted must be one of {', '.join(ACCEPTED_FILTERS)}, not {text!r}")


@dataclass(frozen=True)
class Filters:
    """A scope plus what to show of it: the mildest severity, and open or accepted findings or both."""

    scope: Scope = field(default_factory=Scope)
    severity: Severity = "info"
    accepted: AcceptedFilter = "all"

    def params(self) -> dict[str, str]:
        """The filters as query parameters (only those that limit anything)."""
        pairs = {
            "under": self.scope.under,
            "document": self.scope.document,
            "scenario": self.scope.scenario,
            "rule": self.scope.rule,
            "severity": None if self.severity == "info" else self.severity,
            "accepted": None if self.accepted == "all" else self.accepted,
        }
        return {k: v for k, v in pairs.items() if v is not None}


def scoped(report: AuditReport, store: Store, scope: Scope, today: date | None = None) -> AuditReport:
    """The report with accepted exceptions applied and cut to the scope (every severity kept).

    Raises:
        NotFound: the scope names an entity, document, scenario or rule the dataset does not have.
        AuditError: the exceptions' check shapes cannot be run.
    """
    exceptions = exceptions_for(store)
    marked = apply_accepted(report, exceptions, today or date.today())
    return apply_scope(marked, resolve(store, scope), exceptions)


def shown(report: AuditReport, filters: Filters) -> AuditReport:
    """The scoped report cut to what the reader asked to see."""
    report = report.filtered(filters.severity)
    if filters.accepted == "all":
        return report
    want = filters.accepted == "accepted"
    return replace(report, findings=[f for f in report.findings if (f.accepted is not None) == want])


def triage(store: Store, lang: str, filters: Filters, today: date | None = None) -> AuditReport:
    """The cached audit of the store's current version, as the reader asked to see it.

    Raises:
        ValueError: ``lang`` is neither ``da`` nor ``en``.
        NotFound: the scope names something the dataset does not have.
        AuditError: the shapes cannot be run.
    """
    return shown(scoped(cached_audit(store, lang), store, filters.scope, today), filters)
