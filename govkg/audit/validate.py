"""The completeness and integrity audit: SHACL shapes over the dataset, as typed findings.

``run_audit(store, lang)`` validates the store's ontology and data against its shapes with one of two
engines. ``sparql`` (the default) runs each rule as SPARQL queries on the store itself
(:mod:`govkg.audit.engine_sparql`), pyshacl only for rules it cannot translate, and fetches just the
labels and passages of the findings' nodes (:mod:`govkg.audit.facts`). ``pyshacl``, the reference,
validates an rdflib copy of the data with pyshacl. Both add what is checked once for the whole
graph (the SHACL-SPARQL rules of :mod:`govkg.audit.rules` and the reporting cycles of
:mod:`govkg.audit.cycles`) and return an :class:`AuditReport` whose findings name the entity, the
rule, the severity, a message in Danish or English and the passages the entity rests on.
``cached_audit`` runs the validation once per dataset version and builds each language's report
once. Rendering lives in :mod:`govkg.audit.render`; this module knows nothing of HTTP or the
command line.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import rdflib
from rdflib.term import Node

from govkg.audit.compile import rule_shapes
from govkg.audit.cycles import CYCLE_RULE, add_cycle_results
from govkg.audit.describe import GSH, Describer, Facts, first_step
from govkg.audit.engine_sparql import NETWORKX, PYSHACL, SPARQL, run_sparql_engine
from govkg.audit.facts import fetch_facts
from govkg.audit.fallback import graph_fallback, store_fallback
from govkg.audit.model import (
    LANGUAGES,
    AuditReport,
    DeferredGraph,
    sort_key,
)
from govkg.audit.oxselect import oxigraph_select
from govkg.audit.per_store import PerStore
from govkg.audit.results import Result, add_rule_runs, findings, report_graph, results_from_report
from govkg.audit.rules import Select, graph_select, run_sparql_rules, sparql_rules, store_select
from govkg.audit.shacl import no_remote_graphs, paused_gc, run_pyshacl
from govkg.namespaces import PREFIXES
from govkg.store import Store

DATA_KINDS = frozenset({"ontology", "data"})
SHAPES_KINDS = frozenset({"shapes"})
Engine = Literal["sparql", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("sparql", "pyshacl")


@dataclass(frozen=True)
class Validation:
    """One validation run, before it is put into words: the report graph and the graphs it is about.

    ``results`` and ``paths`` are the SPARQL engine's records (None: read them from ``report``);
    ``engines`` says which engine ran each rule.
    """

    report: rdflib.Graph
    data: Facts
    shapes: rdflib.Graph
    version: str
    results: tuple[Result, ...] | None = None
    paths: rdflib.Graph | None = None
    engines: Mapping[Node, str] = field(default_factory=dict)


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
    _bind(report)
    engines: dict[Node, str] = {shape: PYSHACL for shape in rule_shapes(shapes)}
    engines |= {rule.shape: SPARQL for rule in sparql_rules(shapes)}
    if (CYCLE_RULE, None, None) in shapes:
        engines[CYCLE_RULE] = NETWORKX
    add_rule_runs(report, engines)
    return Validation(report, data, shapes, version, engines=engines)


def validate_sparql(
    shapes: rdflib.Graph,
    select: Select,
    fallback_for: Store | rdflib.Graph,
    version: str = "",
    graph_names: list[str] | None = None,
) -> Validation:
    """Run the shapes as SPARQL through ``select``; untranslated rules in pyshacl on a copy from ``fallback_for``.

    Raises:
        AuditError: the shapes cannot be run.
    """
    no_remote_graphs()  # the fallback's pyshacl may run SPARQL in rdflib
    if isinstance(fallback_for, rdflib.Graph):
        fallback = graph_fallback(fallback_for)
    else:
        fallback = store_fallback(fallback_for, graph_names or [])
    outcome = run_sparql_engine(shapes, select, fallback)
    steps = {first_step(outcome.paths, r.path) for r in outcome.results if isinstance(r.path, rdflib.BNode)}
    first_steps = {step for step in steps if isinstance(step, rdflib.URIRef)}
    facts = fetch_facts(select, {r.focus for r in outcome.results}, first_steps)

    def build() -> rdflib.Graph:
        return _bind(report_graph(outcome.results, outcome.paths, outcome.engines))

    report = DeferredGraph(build)
    return Validation(report, facts, shapes, version, tuple(outcome.results), outcome.paths, outcome.engines)


def _bind(report: rdflib.Graph) -> rdflib.Graph:
    for prefix, namespace in {**PREFIXES, "gsh": str(GSH)}.items():
        report.bind(prefix, namespace)
    return report


def in_language(validation: Validation, lang: str) -> AuditReport:
    """The findings of a validation, worded in ``lang`` (``da`` or ``en``), worst first.

    Raises:
        ValueError: ``lang`` is neither ``da`` nor ``en``.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    describe = Describer(validation.data, validation.shapes, lang)
    results = results_from_report(validation.report) if validation.results is None else validation.results
    paths = validation.report if validation.paths is None else validation.paths
    worded = sorted(findings(results, paths, describe), key=sort_key)
    engines = {str(shape): engine for shape, engine in validation.engines.items()}
    return AuditReport(worded, not results, validation.version, validation.report, lang, engines)


def audit_graphs(
    data: rdflib.Graph, shapes: rdflib.Graph, lang: str = "en", *, meta_shacl: bool = False, engine: Engine = "sparql"
) -> AuditReport:
    """Audit a data graph against a shapes graph directly (no store; for fixtures and tools).

    The SPARQL engine runs on an in-memory pyoxigraph copy of ``data``; ``meta_shacl`` first checks
    the shapes against SHACL-SHACL with pyshacl.
    """
    if engine == "pyshacl":
        return in_language(validate_graphs(data, shapes, meta_shacl=meta_shacl), lang)
    if meta_shacl:
        run_pyshacl(rdflib.Graph(), shapes, meta_shacl=True)
    return in_language(validate_sparql(shapes, oxigraph_select(data), data), lang)


def validate_store(store: Store, attempts: int = 3, engine: Engine = "sparql") -> Validation:
    """Validate the store's ontology and data graphs against its shapes graphs with ``engine``.

    The SPARQL rules run on the store itself; with the pyshacl engine the rest runs on the store's
    rdflib view. Should the dataset change during the run, the run is repeated (up to ``attempts``
    times) so that all parts see one version.
    """
    validation = _validate_once(store, engine)
    for _ in range(attempts - 1):
        if store.version.etag == validation.version:
            break
        validation = _validate_once(store, engine)
    return validation


def _validate_once(store: Store, engine: Engine) -> Validation:
    version = store.version.etag
    names = [name for name, info in store.catalog.items() if info.kind in DATA_KINDS]
    with paused_gc():
        shapes = store.rdflib_graph(SHAPES_KINDS)
        if engine == "sparql":
            return validate_sparql(shapes, store_select(store, names), store, version, names)
        data = store.rdflib_graph(DATA_KINDS)
        return validate_graphs(data, shapes, version, select=store_select(store, names))


def run_audit(store: Store, lang: str = "en", engine: Engine = "sparql") -> AuditReport:
    """Audit the store's current dataset, uncached, with the ``sparql`` engine or the ``pyshacl`` reference.

    Raises:
        ValueError: ``lang`` is neither ``da`` nor ``en``, or an unknown engine.
        AuditError: the shapes cannot be run.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    validation = validate_store(store, engine=engine)
    with paused_gc():
        return in_language(validation, lang)


class AuditCache:
    """Audit results for one store's current dataset version: one validation per engine, worded in every
    language.

    A new dataset version (any load or update) drops what was cached. Both languages are worded right
    after the validation, so the cache keeps no reference to the (large) rdflib view of the data.
    Requests that arrive while the audit runs wait for it instead of starting another run.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: str | None = None
        self._reports: dict[tuple[Engine, str], AuditReport] = {}

    def get(self, store: Store, lang: str = "en", engine: Engine = "sparql") -> AuditReport:
        """The report for the store's current version in ``lang`` by ``engine``, computed at most once.

        Raises:
            ValueError: ``lang`` is neither ``da`` nor ``en``, or an unknown engine.
            AuditError: the shapes cannot be run.
        """
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        with self._lock:
            if store.version.etag != self._version:
                self._reports = {}
            if (engine, lang) not in self._reports:
                validation = validate_store(store, engine=engine)
                if validation.version != self._version:  # newer than asked for if the data changed meanwhile
                    self._version, self._reports = validation.version, {}
                with paused_gc():
                    self._reports |= {(engine, language): in_language(validation, language) for language in LANGUAGES}
            return self._reports[engine, lang]


_CACHES: PerStore[AuditCache] = PerStore(AuditCache)


def audit_cache_for(store: Store) -> AuditCache:
    """The cache that belongs to this store; it goes away with the store."""
    return _CACHES.get(store)


def cached_audit(store: Store, lang: str = "en", engine: Engine = "sparql") -> AuditReport:
    """Audit the store's current dataset with ``engine``, reusing the result while its version stays the same.

    Raises:
        ValueError: ``lang`` is neither ``da`` nor ``en``, or an unknown engine.
        AuditError: the shapes cannot be run.
    """
    return audit_cache_for(store).get(store, lang, engine)
