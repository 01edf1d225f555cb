"""The completeness and integrity audit: SHACL shapes over the dataset, as typed findings.

``run_audit(store, lang)`` validates the store's ontology and data against its shapes with pyshacl,
adds what is checked once for the whole graph (the SHACL-SPARQL rules, run on the store by
:mod:`govkg.audit.rules`, and the reporting cycles of :mod:`govkg.audit.cycles`), and returns an
:class:`AuditReport` whose findings name the entity, the rule, the severity, a message in Danish or
English and the passages the entity rests on. ``cached_audit`` runs the validation once per dataset
version and builds each language's report once. Rendering lives in :mod:`govkg.audit.render`; this
module knows nothing of HTTP or the command line.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

import rdflib

from govkg.audit.cycles import add_cycle_results
from govkg.audit.describe import GSH, Describer
from govkg.audit.model import (
    LANGUAGES,
    AuditReport,
    severity_rank,
)
from govkg.audit.rules import Select, graph_select, run_sparql_rules, store_select
from govkg.audit.shacl import findings_from_report, paused_gc, run_pyshacl, top_results
from govkg.namespaces import PREFIXES
from govkg.store import Store

DATA_KINDS = frozenset({"ontology", "data"})
SHAPES_KINDS = frozenset({"shapes"})


@dataclass(frozen=True)
class Validation:
    """One validation run, before it is put into words: the report graph and the graphs it is about."""

    report: rdflib.Graph
    data: rdflib.Graph
    shapes: rdflib.Graph
    version: str


def validate_graphs(
    data: rdflib.Graph,
    shapes: rdflib.Graph,
    version: str = "",
    *,
    select: Select | None = None,
    meta_shacl: bool = False,
) -> Validation:
    """Run the shapes over a data graph: pyshacl, then the whole-graph rules (SPARQL and cycles).

    Args:
        data: ontology and data as one rdflib graph; read, never changed.
        shapes: the shapes graph.
        version: the dataset version the graphs are of.
        select: runs the SPARQL rules' queries (on the store); rdflib on ``data`` when omitted.
        meta_shacl: validate the shapes against SHACL-SHACL first.

    Raises:
        AuditError: the shapes cannot be run (invalid SHACL with ``meta_shacl``, or a cycle rule whose
            path is not a list of predicates).
    """
    report = run_pyshacl(data, shapes, meta_shacl=meta_shacl)
    run_sparql_rules(report, shapes, select or graph_select(data))
    add_cycle_results(report, shapes, data)
    for prefix, namespace in {**PREFIXES, "gsh": str(GSH)}.items():
        report.bind(prefix, namespace)
    return Validation(report, data, shapes, version)


def in_language(validation: Validation, lang: str) -> AuditReport:
    """The findings of a validation, worded in ``lang`` (``da`` or ``en``), worst first.

    Raises:
        ValueError: ``lang`` is neither ``da`` nor ``en``.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    describe = Describer(validation.data, validation.shapes, lang)
    findings = sorted(
        findings_from_report(validation.report, describe),
        key=lambda f: (
            severity_rank(f.severity),
            f.rule_name.casefold(),
            f.focus_label.casefold(),
            f.focus,
            f.path or "",
            f.value or "",
        ),
    )
    conforms = not top_results(validation.report)
    return AuditReport(findings, conforms, validation.version, validation.report, lang)


def audit_graphs(
    data: rdflib.Graph, shapes: rdflib.Graph, lang: str = "en", *, meta_shacl: bool = False
) -> AuditReport:
    """Audit a data graph against a shapes graph directly (no store; for fixtures and tools)."""
    return in_language(validate_graphs(data, shapes, meta_shacl=meta_shacl), lang)


def validate_store(store: Store, attempts: int = 3) -> Validation:
    """Validate the store's ontology and data graphs against its shapes graphs.

    The SPARQL rules run on the store itself, the rest on its rdflib view; should the dataset change
    during the run, the run is repeated (up to ``attempts`` times) so that all parts see one version.
    """
    validation = _validate_once(store)
    for _ in range(attempts - 1):
        if store.version.etag == validation.version:
            break
        validation = _validate_once(store)
    return validation


def _validate_once(store: Store) -> Validation:
    version = store.version.etag
    names = [name for name, info in store.catalog.items() if info.kind in DATA_KINDS]
    with paused_gc():
        data, shapes = store.rdflib_graph(DATA_KINDS), store.rdflib_graph(SHAPES_KINDS)
        return validate_graphs(data, shapes, version, select=store_select(store, names))


def run_audit(store: Store, lang: str = "en") -> AuditReport:
    """Audit the store's current dataset, uncached.

    Raises:
        ValueError: ``lang`` is neither ``da`` nor ``en``.
        AuditError: the shapes cannot be run.
    """
    return in_language(validate_store(store), lang)


class AuditCache:
    """Audit results for one store's current dataset version: one validation, worded in every language.

    A new dataset version (any load or update) drops what was cached. Both languages are worded right
    after the validation, so the cache keeps no reference to the (large) rdflib view of the data.
    Requests that arrive while the audit runs wait for it instead of starting another run.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: str | None = None
        self._reports: dict[str, AuditReport] = {}

    def get(self, store: Store, lang: str = "en") -> AuditReport:
        """The report for the store's current version in ``lang``, computed at most once.

        Raises:
            ValueError: ``lang`` is neither ``da`` nor ``en``.
            AuditError: the shapes cannot be run.
        """
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        with self._lock:
            if store.version.etag != self._version or lang not in self._reports:
                validation = validate_store(store)
                self._version = validation.version  # newer than asked for if the data changed meanwhile
                self._reports = {language: in_language(validation, language) for language in LANGUAGES}
            return self._reports[lang]


_CACHES: weakref.WeakKeyDictionary[Store, AuditCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def audit_cache_for(store: Store) -> AuditCache:
    """The cache that belongs to this store; it goes away with the store."""
    with _CACHES_LOCK:
        cache = _CACHES.get(store)
        if cache is None:
            cache = _CACHES[store] = AuditCache()
        return cache


def cached_audit(store: Store, lang: str = "en") -> AuditReport:
    """Audit the store's current dataset, reusing the result while its version stays the same.

    Raises:
        ValueError: ``lang`` is neither ``da`` nor ``en``.
        AuditError: the shapes cannot be run.
    """
    return audit_cache_for(store).get(store, lang)
