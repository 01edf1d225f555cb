"""viz: the org graph as a picture. RDF → networkx (:mod:`viz.projection`) → self-contained HTML (:mod:`viz.render`).

Knows nothing of HTTP: the API and the CLI call it. Never imports ``api``.
"""

from __future__ import annotations
