"""An audit against a baseline: which findings are new since a report signed off earlier, and which are resolved.

The baseline is a JSON report saved before (``govkg audit --format json -o audit.json``, or
``/api/audit``). A finding is the same finding when its entity, rule, constraint, path and value
are: its wording, language, severity and acceptance may change without making it new. A pipeline
can then fail only on gaps introduced since sign-off (``--fail-on-new``).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from pydantic import ValidationError

from govkg.audit.model import AuditReport, Finding, Since, SourceRef
from govkg.audit.per_store import PerStore
from govkg.audit.schema import AuditReportModel, FindingModel, ScopeModel
from govkg.errors import InvalidParameter, NotFound
from govkg.store import Store


class BaselineError(InvalidParameter):
    """A baseline that cannot be compared with: not a full JSON audit report, or of another scope."""

    code = "INVALID_BASELINE"

    def __init__(self, message: str) -> None:
        super().__init__("baseline", message)


FindingKey = tuple[str, str, str, str | None, str | None]


def key_of(finding: Finding) -> FindingKey:
    """What makes two findings the same finding across runs."""
    return (finding.focus, finding.rule, finding.constraint, finding.path, finding.value)


@dataclass(frozen=True)
class Baseline:
    """The findings of a report signed off earlier, by key, and the part of the audit it covered."""

    version: str
    findings: dict[FindingKey, Finding]
    scope: ScopeModel = field(default_factory=ScopeModel)


def read_baseline(text: str | bytes, source: str = "baseline") -> Baseline:
    """A baseline from a saved JSON report of every severity.

    Raises:
        BaselineError: the text is not a govkg JSON audit report, or holds only some severities or
            only open or accepted findings (the message names ``source``).
    """
    try:
        model = AuditReportModel.model_validate(json.loads(text))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = f" at {'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        raise BaselineError(f"{source} is not a govkg JSON audit report{where}") from None
    except ValueError as exc:
        raise BaselineError(f"{source} is not a govkg JSON audit report: {exc}") from None
    return baseline_from(model, source)


def baseline_from(model: AuditReportModel, source: str = "baseline") -> Baseline:
    """A baseline from a report already parsed (an upload to ``POST /api/audit``).

    Raises:
        BaselineError: the report holds only some severities, or only open or accepted findings.
    """
    if model.min_severity != "info":
        raise BaselineError(
            f"{source} holds only findings at {model.min_severity} or worse: save it with --severity info"
        )
    if model.scope.findings != "all":
        raise BaselineError(f"{source} holds only {model.scope.findings} findings: save it with --findings all")
    findings = [_finding(f) for f in model.findings]
    return Baseline(model.version, {key_of(f): f for f in findings}, model.scope)


class Remembered:
    """The reports a service has served, per dataset version and scope, to compare later ones with (bounded)."""

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._reports: OrderedDict[tuple[str, tuple[str | None, ...]], Baseline] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, report: AuditReport, scope: ScopeModel) -> None:
        key = (report.version.strip('"'), _limits(scope))
        with self._lock:
            if key not in self._reports:
                self._reports[key] = Baseline(key[0], {key_of(f): f for f in report.findings}, scope)
            self._reports.move_to_end(key)
            while len(self._reports) > self._size:
                self._reports.popitem(last=False)

    def recall(self, version: str, scope: ScopeModel) -> Baseline:
        """The report served for that version and scope.

        Raises:
            NotFound: no such report was served since the service started (or it was forgotten).
        """
        with self._lock:
            found = self._reports.get((version.strip('"'), _limits(scope)))
        if found is None:
            raise NotFound(
                f"no audit of dataset version {version} with this scope is remembered: "
                "POST a saved JSON report to /api/audit instead"
            )
        return found


def against_baseline(report: AuditReport, baseline: Baseline, scope: ScopeModel | None = None) -> AuditReport:
    """The report with each finding marked new or unchanged, and the baseline's gone findings as resolved.

    Mark the report before cutting it to severities or open/accepted findings, so that nothing
    hidden counts as resolved.

    Raises:
        BaselineError: the baseline covered another part of the audit (another scope) than this run.
    """
    scope = scope or ScopeModel()
    if _limits(baseline.scope) != _limits(scope):
        theirs = ", ".join(f"{k}={getattr(baseline.scope, k)}" for k in LIMITS if getattr(baseline.scope, k))
        raise BaselineError(
            f"the baseline covers another part of the audit ({theirs or 'all of it'}): use the same scope"
        )
    current = {key_of(f) for f in report.findings}
    marked = [replace(f, baseline="unchanged" if key_of(f) in baseline.findings else "new") for f in report.findings]
    resolved = tuple(f for k, f in baseline.findings.items() if k not in current)
    return replace(report, findings=marked, since=Since(baseline.version, resolved))


LIMITS = ("under", "document", "scenario", "rule")


def _limits(scope: ScopeModel) -> tuple[str | None, ...]:
    """What a scope limits, comparable and hashable (which findings it shows is not a limit)."""
    return tuple(getattr(scope, k) for k in LIMITS)


def _finding(model: FindingModel) -> Finding:
    sources = tuple(SourceRef(s.document, s.title, s.quote) for s in model.sources)
    return Finding(
        focus=model.focus,
        focus_label=model.focus_label,
        rule=model.rule,
        rule_name=model.rule_name,
        constraint=model.constraint,
        severity=model.severity,
        message=model.message,
        path=model.path,
        value=model.value,
        sources=sources,
    )


_REMEMBERED: PerStore[Remembered] = PerStore(Remembered)


def remembered_for(store: Store) -> Remembered:
    """The reports served over this store; they go away with the store."""
    return _REMEMBERED.get(store)
