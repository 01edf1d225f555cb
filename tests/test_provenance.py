"""Every quote is verbatim from its seed document, and every node in data/ says where it came from.

Quotes are compared after undoing only line breaks (whitespace runs become one space) and
end-of-line hyphenation; nothing else in the seed text is normalised.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal
from rdflib.namespace import DCTERMS, PROV, RDF
from rdflib.term import Node

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
DATA_FILES = sorted((ROOT / "data").rglob("*.ttl"))
DATA_IDS = [p.relative_to(ROOT / "data").with_suffix("").as_posix() for p in DATA_FILES]

GOV = rdflib.Namespace("https://w3id.org/govkg/ontology#")
NOT_DERIVED = {GOV.Passage, GOV.SourceDocument}


@pytest.fixture(scope="module")
def union() -> rdflib.Graph:
    """All data files in one graph: passages, documents and entities may live in different files."""
    graph = rdflib.Graph()
    for path in DATA_FILES:
        graph.parse(path, format="turtle")
    return graph


def normalise(text: str, *, keep_hyphen: bool) -> str:
    """Join lines; an end-of-line hyphen is dropped (or kept, for compounds such as "MDT-model")."""
    joined = re.sub(r"-[ \t]*\r?\n\s*", "-" if keep_hyphen else "", text)
    return re.sub(r"\s+", " ", joined).strip()


@cache
def seed_texts(name: str) -> tuple[str, str]:
    raw = (SEEDS / name).read_text(encoding="utf-8")
    return normalise(raw, keep_hyphen=False), normalise(raw, keep_hyphen=True)


def source_identifier(union: rdflib.Graph, passage: Node) -> str | None:
    document = union.value(passage, DCTERMS.isPartOf)
    identifier = union.value(document, DCTERMS.identifier) if document is not None else None
    return str(identifier) if identifier is not None else None


@pytest.mark.parametrize("path", [pytest.param(p, id=i) for p, i in zip(DATA_FILES, DATA_IDS, strict=True)])
def test_every_quote_occurs_in_its_seed(union: rdflib.Graph, path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS}: cannot check quotes against them")
    graph = rdflib.Graph().parse(path, format="turtle")
    problems = []
    for passage, quote in graph.subject_objects(GOV.quote):
        name = source_identifier(union, passage)
        if name is None or not (SEEDS / name).is_file():
            problems.append(f"{passage}: no seed document ({name})")
            continue
        wanted = re.sub(r"\s+", " ", str(quote)).strip()
        if not any(wanted in text for text in seed_texts(name)):
            problems.append(f"{passage}: not in {name}: {wanted!r}")
    assert not problems, "quotes that are not verbatim:\n" + "\n".join(problems)


def test_passages_have_a_danish_quote_and_a_source_document(union: rdflib.Graph) -> None:
    problems = []
    for passage in union.subjects(RDF.type, GOV.Passage):
        quotes = list(union.objects(passage, GOV.quote))
        if len(quotes) != 1 or not isinstance(quotes[0], Literal) or quotes[0].language != "da":
            problems.append(f"{passage}: needs exactly one gov:quote @da")
        document = union.value(passage, DCTERMS.isPartOf)
        if document is None or (document, RDF.type, GOV.SourceDocument) not in union:
            problems.append(f"{passage}: dct:isPartOf is not a gov:SourceDocument")
        elif union.value(document, DCTERMS.identifier) is None:
            problems.append(f"{document}: source document without dct:identifier")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", [pytest.param(p, id=i) for p, i in zip(DATA_FILES, DATA_IDS, strict=True)])
def test_every_node_is_derived_from_a_passage(union: rdflib.Graph, path: Path) -> None:
    graph = rdflib.Graph().parse(path, format="turtle")
    problems = []
    for node in set(graph.subjects(RDF.type, None)):
        if set(graph.objects(node, RDF.type)) & NOT_DERIVED:
            continue
        passages = list(union.objects(node, PROV.wasDerivedFrom))
        if not passages:
            problems.append(f"{node}: no prov:wasDerivedFrom")
        for passage in passages:
            if union.value(passage, GOV.quote) is None or union.value(passage, DCTERMS.isPartOf) is None:
                problems.append(f"{node}: derived from {passage}, which has no quote or no source document")
    assert not problems, "\n".join(problems)
