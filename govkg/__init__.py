"""govkg: a knowledge graph of public-sector governance agreements.

The core package knows nothing of HTTP or pictures: it loads Turtle into a store, answers
named questions, audits completeness with SHACL, and offers a command line.

Importing it switches off rdflib's habit of fetching ``FROM`` graphs over HTTP when it evaluates
SPARQL (pyshacl's SPARQL constraints included): nothing in govkg reaches the network on its own.
"""

from __future__ import annotations

import rdflib.plugins.sparql

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

__version__ = "0.1.0"
