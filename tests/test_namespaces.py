"""The closed ``GOV`` namespace in code and the terms of ``ontology/govkg.ttl`` stay one list."""

from __future__ import annotations

from pathlib import Path

import rdflib

from govkg.namespaces import GOV, GOV_ONTOLOGY, RDFS

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "govkg.ttl"


def ontology_terms() -> set[str]:
    graph = rdflib.Graph().parse(ONTOLOGY)
    return {str(s) for s in graph.subjects(RDFS.isDefinedBy, GOV_ONTOLOGY) if str(s).startswith(str(GOV))}


def test_every_ontology_term_is_in_the_code_namespace() -> None:
    missing = sorted(t for t in ontology_terms() if not hasattr(GOV, t.removeprefix(str(GOV))))
    assert not missing, f"add these terms to govkg.namespaces.GOV: {missing}"


def test_every_code_term_is_defined_in_the_ontology() -> None:
    declared = {str(GOV[name]) for name in GOV.__annotations__}
    undefined = sorted(declared - ontology_terms())
    assert not undefined, f"GOV names terms the ontology does not define: {undefined}"
