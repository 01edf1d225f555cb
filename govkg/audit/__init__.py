"""The completeness and integrity audit: SHACL shapes over the dataset, as typed findings.

``run_audit(store, lang)`` is the entry point; the modules of this package are the model
(:mod:`.model`), the validation (:mod:`.validate`, :mod:`.shacl`, :mod:`.rules`, :mod:`.cycles`),
the wording (:mod:`.describe`, :mod:`.i18n`) and the renderings (:mod:`.render`, :mod:`.html`,
:mod:`.schema`), plus the ``govkg audit`` command (:mod:`.cli`).
"""

from govkg.audit.describe import GSH
from govkg.audit.model import (
    LANGUAGES,
    SEVERITIES,
    AuditError,
    AuditReport,
    Finding,
    Severity,
    SourceRef,
    at_least,
    severities_by_focus,
)
from govkg.audit.validate import (
    DATA_KINDS,
    SHAPES_KINDS,
    AuditCache,
    Validation,
    audit_graphs,
    cached_audit,
    in_language,
    run_audit,
    validate_graphs,
    validate_store,
)

__all__ = [
    "DATA_KINDS",
    "GSH",
    "LANGUAGES",
    "SEVERITIES",
    "SHAPES_KINDS",
    "AuditCache",
    "AuditError",
    "AuditReport",
    "Finding",
    "Severity",
    "SourceRef",
    "Validation",
    "at_least",
    "audit_graphs",
    "cached_audit",
    "in_language",
    "run_audit",
    "severities_by_focus",
    "validate_graphs",
    "validate_store",
]
