"""Every name a document gives a body, organisation, post or partner is in the graph, with its standing.

The names were read off the five documents paragraph by paragraph into ``tests/data/names/<seed>.tsv``
(name as written, slug, standing). Each row is checked against the product's store: the entity has one
Danish and one English name, a kind (a class of organisation or post), exactly the standing the row gives,
and a passage of that document whose verbatim quote holds the name. The count per document is printed
by ``test_the_name_lists_cover_every_document`` and pinned there, so a held-out count can be compared.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from govkg.store import Store

NAMES = Path(__file__).resolve().parent / "data" / "names"
ID = "https://w3id.org/govkg/id/"
GOV = "https://w3id.org/govkg/ontology#"
PREFIXES = """
PREFIX dct:  <http://purl.org/dc/terms/>
PREFIX gov:  <https://w3id.org/govkg/ontology#>
PREFIX org:  <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# Entities per document, as read (a name used twice for one entity counts once).
EXPECTED_COUNTS = {
    "000_11c072360ca85c81.txt": 23,
    "001_46e8b5131ab1d425.txt": 11,
    "002_290ce6b5839752f9.txt": 41,
    "003_f2e2ef14e37e1c26.txt": 43,
    "004_f4a4dfacb4a3f334.txt": 11,
}

AskSeed = Callable[[str], list[dict[str, str]]]


def rows() -> list[tuple[str, str, str, str]]:
    """(seed file, name, slug, standing) for every line of every name list."""
    found = []
    for path in sorted(NAMES.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                name, slug, standing = line.split("\t")
                found.append((f"{path.stem}.txt", name, slug, standing))
    return found


ROWS = rows()


def test_the_name_lists_cover_every_document() -> None:
    counts = {seed: len({slug for s, _, slug, _ in ROWS if s == seed}) for seed in EXPECTED_COUNTS}
    print("entities named per document:", counts)
    assert counts == EXPECTED_COUNTS


@pytest.mark.parametrize(
    ("seed", "name", "slug", "standing"), [pytest.param(*r, id=f"{r[0][:3]}-{r[2]}-{r[1][:30]}") for r in ROWS]
)
def test_every_name_is_an_entity_with_its_standing_and_passage(
    ask_seed: AskSeed, seed: str, name: str, slug: str, standing: str
) -> None:
    entity = f"<{ID}{slug}>"
    labels = ask_seed(PREFIXES + f"SELECT DISTINCT ?l WHERE {{ {entity} skos:prefLabel ?l }}")
    assert len(labels) == 2, f"{slug}: one Danish and one English skos:prefLabel, found {labels}"
    kinds = ask_seed(
        PREFIXES
        + f"""SELECT DISTINCT ?kind WHERE {{ {entity} a ?kind .
               {{ ?kind rdfs:subClassOf* org:Organization }} UNION {{ ?kind rdfs:subClassOf* org:Post }} }}"""
    )
    assert kinds, f"{slug}: no kind of organisation, body or post"
    standings = {r["s"] for r in ask_seed(PREFIXES + f"SELECT DISTINCT ?s WHERE {{ {entity} gov:standing ?s }}")}
    assert standings == {GOV + standing}, f"{slug}: standing {standings}, the document gives {standing}"
    quotes = ask_seed(
        PREFIXES
        + f"""SELECT DISTINCT ?q WHERE {{ {entity} prov:wasDerivedFrom ?p . ?p gov:quote ?q ;
               dct:isPartOf/dct:identifier "{seed}" }}"""
    )
    assert any(name.casefold() in r["q"].casefold() for r in quotes), f"{slug}: no passage of {seed} says {name!r}"


def test_every_body_organisation_and_post_has_exactly_one_standing(ask_seed: AskSeed) -> None:
    wrong = ask_seed(
        PREFIXES
        + """SELECT ?x (COUNT(DISTINCT ?s) AS ?n) WHERE {
               ?x a ?kind . { ?kind rdfs:subClassOf* org:Organization } UNION { ?kind rdfs:subClassOf* org:Post }
               FILTER(isIRI(?x))
               OPTIONAL { ?x gov:standing ?s }
             } GROUP BY ?x HAVING (COUNT(DISTINCT ?s) != 1)"""
    )
    assert not wrong, f"entities without exactly one gov:standing: {wrong}"


def test_every_entity_the_documents_name_is_on_a_list(ask_seed: AskSeed) -> None:
    """Nothing with a standing is left off the name lists (the lists are the complete count)."""
    listed = {slug for _, _, slug, _ in ROWS}
    standing = {r["x"].removeprefix(ID) for r in ask_seed(PREFIXES + "SELECT DISTINCT ?x WHERE { ?x gov:standing ?s }")}
    assert standing - listed == set(), "entities with a standing that no name list holds"


def test_the_standing_scheme_answers_what_exists_today(seed_store: Store) -> None:
    """'Under revision' is narrower than 'established': the CCC bodies exist, and are being revised."""
    query = PREFIXES + f"ASK {{ <{ID}ccc-forum> gov:standing/skos:broader* gov:Established }}"
    assert seed_store.query(query).boolean
