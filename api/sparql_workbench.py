"""What the SPARQL workbench (YASGUI at ``/sparql``) is told: endpoint, prefixes, examples, vocabulary.

Served as JSON (``/sparql/workbench.json``, ``/sparql/vocabulary.json``) and read by the page's own
script file, so the page needs no inline script. The examples are the questions governance designers
ask most, in Danish and English (the same query, labels in the language asked for). The vocabulary
is what completion offers: every class and property the ontology declares or the data uses, with
its English label, read from the store once per dataset version.
"""

from __future__ import annotations

import pyoxigraph as ox

from govkg.answers.cache import per_version
from govkg.namespaces import ID, PREFIXES
from govkg.store import Store

LANGUAGES = ("da", "en")
LABEL_BATCH = 400
"""At most this many IRIs per result get their label looked up for the table."""

_PROLOGUE = "".join(
    f"PREFIX {prefix}: <{PREFIXES[prefix]}>\n" for prefix in ("org", "gov", "id", "skos", "rdfs", "dct")
)

# (id, Danish name, English name, query with {lang} for the label language)
_EXAMPLES = [
    (
        "reports-to",
        "Hvem rapporterer til hvem",
        "Who reports to whom",
        """SELECT ?from ?line ?to WHERE {
  VALUES ?relation { org:reportsTo gov:preparesCasesFor gov:informs gov:advises gov:approves }
  ?a ?relation ?b .
  BIND(STRAFTER(STR(?relation), "#") AS ?line)
  OPTIONAL { ?a skos:prefLabel ?fromLabel FILTER(LANG(?fromLabel) = "{lang}") }
  OPTIONAL { ?b skos:prefLabel ?toLabel FILTER(LANG(?toLabel) = "{lang}") }
  BIND(COALESCE(?fromLabel, STR(?a)) AS ?from)
  BIND(COALESCE(?toLabel, STR(?b)) AS ?to)
}
ORDER BY ?from ?line""",
    ),
    (
        "chain-up",
        "Kæden op fra et organ",
        "The chain up from a body",
        """SELECT ?above ?name WHERE {
  id:ad-hoc-gruppe-forloebsprogram
    (org:reportsTo|gov:preparesCasesFor|gov:establishedBy|org:subOrganizationOf)+ ?above .
  OPTIONAL { ?above skos:prefLabel ?name FILTER(LANG(?name) = "{lang}") }
}""",
    ),
    (
        "duties",
        "En parts forpligtelser",
        "Duties of a party",
        """SELECT ?action ?counterparty ?frequency ?agreement WHERE {
  ?obligation a gov:Obligation ;
    gov:obligedParty id:region-sjaelland ;
    gov:action ?action .
  FILTER(LANG(?action) = "{lang}")
  OPTIONAL { ?obligation gov:counterparty/skos:prefLabel ?counterparty FILTER(LANG(?counterparty) = "{lang}") }
  OPTIONAL { ?obligation gov:frequency/skos:prefLabel ?frequency FILTER(LANG(?frequency) = "{lang}") }
  OPTIONAL { ?obligation gov:statedIn ?agreement }
}
ORDER BY ?counterparty""",
    ),
    (
        "no-mandate",
        "Organer uden mandat",
        "Bodies without a mandate",
        """# Every kind of body counts: its types up to gov:Body are in the inferred graph.
SELECT ?body ?name WHERE {
  ?body a gov:Body .
  FILTER NOT EXISTS { ?body gov:hasMandate ?mandate }
  OPTIONAL { ?body skos:prefLabel ?name FILTER(LANG(?name) = "{lang}") }
}
ORDER BY ?name""",
    ),
    (
        "proposal-changes",
        "Hvad et forslag ændrer",
        "What a proposal changes",
        """# The duties that agreements still at the proposal stage would lay down, and on whom.
SELECT ?proposal ?party ?action WHERE {
  ?agreement gov:status gov:Proposal ;
    skos:prefLabel ?proposal FILTER(LANG(?proposal) = "{lang}")
  ?obligation gov:statedIn ?agreement ;
    gov:action ?action FILTER(LANG(?action) = "{lang}")
  OPTIONAL { ?obligation gov:obligedParty/skos:prefLabel ?party FILTER(LANG(?party) = "{lang}") }
}
ORDER BY ?party""",
    ),
]


def example_query(template: str, lang: str) -> str:
    """An example's full text (prefixes included) with labels in ``lang``."""
    return _PROLOGUE + template.replace("{lang}", lang)


def examples() -> list[dict[str, object]]:
    """The examples as the page gets them: id, name and query per language."""
    return [
        {
            "id": key,
            "name": {"da": da, "en": en},
            "query": {lang: example_query(template, lang) for lang in LANGUAGES},
        }
        for key, da, en, template in _EXAMPLES
    ]


def workbench_config(endpoint: str, updates: bool) -> dict[str, object]:
    """Everything the page's script needs to set YASGUI up for this service."""
    return {
        "endpoint": endpoint,
        "vocabulary": f"{endpoint}/vocabulary.json",
        "prefixes": PREFIXES,
        "dataNamespace": str(ID),
        "entityPath": "/id/",
        "languages": list(LANGUAGES),
        "examples": examples(),
        "updates": updates,
        "labelBatch": LABEL_BATCH,
        "tabName": "Query",
    }


VOCABULARY_QUERY = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?term ?kind WHERE {
  {
    VALUES (?declared ?kind) {
      (owl:Class "class") (rdfs:Class "class") (owl:ObjectProperty "property")
      (owl:DatatypeProperty "property") (owl:AnnotationProperty "property") (rdf:Property "property")
    }
    ?term a ?declared .
  }
  UNION { { SELECT DISTINCT ?term WHERE { [] a ?term } } BIND("class" AS ?kind) }
  UNION { { SELECT DISTINCT ?term WHERE { [] ?term [] } } BIND("property" AS ?kind) }
  FILTER(isIRI(?term))
}
"""


def _build(store: Store) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {"class": set(), "property": set()}
    for row in store.query(VOCABULARY_QUERY).records():
        term, kind = row.get("term"), row.get("kind")
        if isinstance(term, ox.NamedNode) and isinstance(kind, ox.Literal):
            found[kind.value].add(term.value)
    return {"classes": sorted(found["class"]), "properties": sorted(found["property"])}


def vocabulary(store: Store) -> dict[str, list[str]]:
    """The classes and properties completion offers (full IRIs), kept per dataset version."""
    return per_version(store, "sparql-vocabulary", _build)
