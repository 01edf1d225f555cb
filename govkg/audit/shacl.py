"""The pyshacl run and the translation of its ``sh:ValidationReport`` into typed findings.

pyshacl runs with no inference: ``sh:targetClass`` and ``sh:class`` already follow
``rdfs:subClassOf*`` in the data graph (which includes the ontology), and RDFS domain/range
inference would type every subject of ``gov:hasMandate`` an organisation and so hide exactly the
type errors the integrity shapes look for. rdflib's SPARQL engine is told never to fetch graphs.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import rdflib
import rdflib.plugins.sparql
from pyshacl import validate
from pyshacl.errors import ReportableRuntimeError
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from govkg.audit.describe import Describer, compact, first_step, path_text, pick_text
from govkg.audit.model import AuditError, Finding, severity_of

INFERENCE = "none"
_gc_lock = threading.Lock()
_gc_pauses = 0


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large graph is built and validated.

    Building a million-triple rdflib graph and validating it allocates millions of objects; every
    full collection then walks all of them, which costs ~10% of the audit at 1M triples. Reference
    counting still frees memory meanwhile; the collector resumes when the last pause ends.
    """
    global _gc_pauses
    with _gc_lock:
        if _gc_pauses == 0 and not gc.isenabled():
            paused_here = False
        else:
            paused_here = True
            _gc_pauses += 1
            gc.disable()
    try:
        yield
    finally:
        if paused_here:
            with _gc_lock:
                _gc_pauses -= 1
                if _gc_pauses == 0:
                    gc.enable()


def no_remote_graphs() -> None:
    """Stop rdflib's SPARQL engine from fetching FROM/FROM NAMED IRIs over HTTP."""
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


def run_pyshacl(
    data: rdflib.Graph, shapes: rdflib.Graph, *, meta_shacl: bool = False, inference: str = INFERENCE
) -> rdflib.Graph:
    """Validate ``data`` against ``shapes`` and return pyshacl's report graph.

    Args:
        data: the data graph (ontology and data); read, never changed.
        shapes: the shapes graph.
        meta_shacl: also validate the shapes graph against SHACL-SHACL first (tests use this).
        inference: pyshacl's inference option; only ``bench/audit.py`` changes it, to compare.

    Raises:
        AuditError: the shapes are not valid SHACL (with ``meta_shacl``) or use a feature pyshacl
            cannot run; the message is pyshacl's.
    """
    no_remote_graphs()
    try:
        _conforms, report, _text = validate(
            data,
            shacl_graph=shapes,
            inference=inference,
            meta_shacl=meta_shacl,
            advanced=False,
            js=False,
            inplace=False,
            allow_infos=False,
            allow_warnings=False,
        )
    except ReportableRuntimeError as exc:
        raise AuditError(f"the shapes cannot be run: {exc}") from None
    assert isinstance(report, rdflib.Graph)
    return report


def top_results(report: rdflib.Graph) -> list[Node]:
    """The report's own results (``sh:result``), not the nested ones pyshacl adds as ``sh:detail``."""
    return [
        result for node in report.subjects(RDF.type, SH.ValidationReport) for result in report.objects(node, SH.result)
    ]


def findings_from_report(report: rdflib.Graph, describe: Describer) -> list[Finding]:
    """One finding per top-level ``sh:ValidationResult`` of a report graph."""
    return [_finding(report, result, describe) for result in top_results(report)]


def _finding(report: rdflib.Graph, result: Node, describe: Describer) -> Finding:
    focus = report.value(result, SH.focusNode)
    shape = report.value(result, SH.sourceShape)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    component = report.value(result, SH.sourceConstraintComponent)
    severity = report.value(result, SH.resultSeverity)
    assert focus is not None and shape is not None, "pyshacl results always name a focus node and a shape"
    messages = report.objects(result, SH.resultMessage)
    return Finding(
        focus=str(focus),
        focus_label=describe.label(focus),
        rule=str(shape),
        rule_name=describe.rule_name(shape),
        constraint=compact(str(component)) if component is not None else "",
        severity=severity_of(severity),
        message=pick_text(messages, describe.lang) or describe.shape_message(shape) or "",
        path=path_text(report, path) if path is not None else None,
        value=None if value is None or (path is None and value == focus) else str(value),
        sources=describe.sources(focus, first_step(report, path)),
    )
