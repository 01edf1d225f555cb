"""One router per resource: health, sparql, entities, audit, graph."""
