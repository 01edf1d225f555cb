"""govkg: a knowledge graph of public-sector governance agreements.

The core package knows nothing of HTTP or pictures: it loads Turtle into a store, answers
named questions, audits completeness with SHACL, and offers a command line.
"""

from __future__ import annotations

__version__ = "0.1.0"
