"""The typed answers to the common questions; the API serves them as they are (JSON, OpenAPI schemas).

Every human-readable string is in the language asked for, falling back to the other language and
then to the IRI's local name, so a field is never empty because a translation is missing.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, computed_field

Lang = Literal["da", "en"]
Direction = Literal["forward", "backward"]


class Answer(BaseModel):
    """Base of all answer models: immutable, and ``from_`` fields serialise as ``from``."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, serialize_by_alias=True)


PAGE_PATH = "/id/"


def page_of(slug: str | None) -> str | None:
    """The path of an entity's page on the service (``/id/{slug}``), or None for things not ours."""
    return PAGE_PATH + quote(slug, safe="") if slug else None


class Linked(Answer):
    """An answer about one of our entities, with a link to its page."""

    @computed_field(description="The entity's page on this service, /id/{slug} (HTML, or RDF by conneg)")  # type: ignore[prop-decorator]
    @property
    def page(self) -> str | None:
        slug = getattr(self, "slug", None)
        return page_of(slug if isinstance(slug, str) else None)


class Ref(Linked):
    """Another thing in the graph: its IRI, its slug when it is one of ours (``id:``), and a label."""

    iri: str
    slug: str | None = Field(None, description="The part after https://w3id.org/govkg/id/, for /api/entities/{slug}")
    label: str


class Term(Answer):
    """A vocabulary term (class, property, concept) by IRI, CURIE and label."""

    iri: str
    curie: str = Field(description="Prefixed name, e.g. gov:preparesCasesFor")
    label: str


class Text(Answer):
    """A literal with its language tag (None when untagged) or datatype."""

    value: str
    lang: str | None = None
    datatype: str | None = Field(None, description="Datatype CURIE for typed literals such as dates")


class Labels(Answer):
    """An entity's names: preferred in Danish and English, plus alternatives (abbreviations)."""

    da: str | None = None
    en: str | None = None
    alt: list[Text] = Field(default_factory=list)


class DocumentRef(Linked):
    """A source document: its node, the seed file name and the title."""

    iri: str
    slug: str | None = None
    identifier: str | None = Field(None, description="The seed file's name (dct:identifier)")
    title: str | None = None


class Passage(Answer):
    """A verbatim Danish quote from a source document on which a statement rests."""

    iri: str
    quote: str | None = None
    document: DocumentRef | None = None


class EntityHit(Linked):
    """One search result: the entity, the label that matched, and its types."""

    iri: str
    slug: str
    label: str
    matched: str = Field(description="The label (preferred or alternative, any language) the query matched")
    types: list[Term] = Field(default_factory=list)


class SearchResult(Answer):
    """Entities whose labels match, best match first."""

    q: str | None
    type: Term | None = Field(None, description="The type filter as understood (subclasses included)")
    lang: Lang
    total: int = Field(description="How many matched before the limit was applied")
    items: list[EntityHit]


class Relation(Answer):
    """A line from or to the entity: the predicate and the thing at the other end."""

    predicate: Term
    other: Ref


class Attribute(Answer):
    """A literal-valued statement (date, identifier, description ...)."""

    predicate: Term
    value: Text


class Membership(Answer):
    """A seat: a member in an organisation or body, in a role."""

    iri: str
    member: Ref | None = None
    organization: Ref | None = None
    role: Term | None = None


class Post(Answer):
    """A post (chair, leader, representative ...): where it sits, who holds it, its role, whom it reports to."""

    post: Ref
    post_in: list[Ref] = Field(default_factory=list)
    held_by: list[Ref] = Field(default_factory=list)
    role: Term | None = None
    reports_to: list[Ref] = Field(default_factory=list)


class Mandate(Answer):
    """A body's mandate (kommissorium) and what the documents say about its state."""

    iri: str
    description: str | None = None
    status: Term | None = Field(None, description="A concept of gov:MandateStatusScheme, e.g. gov:MandateUnclear")
    passages: list[Passage] = Field(default_factory=list)


class ContactPoint(Answer):
    """A contact point (CPOV) and its details."""

    iri: str
    label: str
    details: list[Attribute] = Field(default_factory=list)


class Agreement(Linked):
    """An agreement an obligation is laid down in, with its status."""

    iri: str
    slug: str | None = None
    label: str
    status: Term | None = None


class Obligation(Linked):
    """Who must do what for whom, how often, under which agreement, and where it says so."""

    iri: str
    slug: str | None = None
    label: str
    action: str | None = Field(None, description="What the obliged party must do, in the language asked for")
    obliged_parties: list[Ref] = Field(default_factory=list)
    counterparties: list[Ref] = Field(default_factory=list)
    frequency: Term | None = None
    agreement: Agreement | None = None
    passages: list[Passage] = Field(default_factory=list)


class Entity(Linked):
    """Everything the graph says about one entity, grouped for a reader."""

    iri: str
    slug: str
    label: str
    labels: Labels
    types: list[Term]
    description: str | None = Field(None, description="skos:definition or rdfs:comment in the language asked for")
    attributes: list[Attribute] = Field(default_factory=list, description="Other literal-valued statements")
    outgoing: list[Relation] = Field(
        default_factory=list, description="Lines from this entity (types, sources and the sections below left out)"
    )
    incoming: list[Relation] = Field(default_factory=list, description="Lines to this entity")
    memberships: list[Membership] = Field(default_factory=list)
    posts: list[Post] = Field(default_factory=list)
    obligations: list[Obligation] = Field(
        default_factory=list, description="Obligations where it is the obliged party or the counterparty"
    )
    mandates: list[Mandate] = Field(default_factory=list)
    contact_points: list[ContactPoint] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list, description="Where the documents say so")


class Step(Answer):
    """One line between two entities, as traversed."""

    from_: Ref = Field(alias="from")
    to: Ref
    relation: str = Field(description="Predicate CURIE, e.g. org:reportsTo")
    relation_label: str
    direction: Direction = Field(
        "forward",
        description="forward: the graph states <from> relation <to>; backward: it states <to> relation <from>",
    )


class Alternative(Answer):
    """Another way up from the same entity that the chain did not take."""

    to: Ref
    relation: str
    relation_label: str
    direction: Direction = "forward"


class ChainStep(Step):
    """A step up the chain, with the other parents it could have taken."""

    alternatives: list[Alternative] = Field(default_factory=list)


class Chain(Answer):
    """The line from an entity upward to the top."""

    entity: Ref
    steps: list[ChainStep]
    top: Ref = Field(description="Where the chain ends: the last entity with no line further up")
    cycle: Step | None = Field(None, description="The step that would lead back into the chain, if the lines loop")


class Path(Answer):
    """The shortest way between two entities over the governance lines."""

    from_: Ref = Field(alias="from")
    to: Ref
    length: int
    steps: list[Step]


class AgreementSummary(Linked):
    """An agreement in a source document, with its status and sizes."""

    iri: str
    slug: str | None = None
    label: str
    status: Term | None = None
    date: str | None = None
    parties: int = 0
    obligations: int = 0


class Document(Linked):
    """A loaded source document and the agreements drawn from it."""

    iri: str
    slug: str | None = None
    identifier: str | None = None
    title: str | None = None
    date: str | None = None
    graph: str = Field(description="The named graph holding the document's data")
    triples: int = Field(description="Triples in that named graph")
    passages: int = Field(description="Passages quoted from the document")
    sourced: int = Field(description="Things whose provenance points into the document")
    agreements: list[AgreementSummary] = Field(default_factory=list)
