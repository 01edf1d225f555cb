"""Answers to the common questions about the graph, as typed models; the REST API serves these.

Each function takes a store and plain parameters (slugs, names, a language) and runs named
questions (:mod:`govkg.questions`); none of them knows about HTTP.
"""

from __future__ import annotations

from govkg.answers.describe import describe_entity
from govkg.answers.documents import documents
from govkg.answers.lines import chain_up, path_between
from govkg.answers.obligations import obligations
from govkg.answers.search import search_entities
from govkg.errors import InvalidParameter

__all__ = [
    "InvalidParameter",
    "chain_up",
    "describe_entity",
    "documents",
    "obligations",
    "path_between",
    "search_entities",
]
