"""The SPARQL query page a browser gets at ``/sparql``: an editor, example questions and a results table.

Everything is in the one page (no CDN, no web fonts): hospital networks are closed. The examples
are the questions governance designers ask most. Results are put in the table with ``textContent``,
never as HTML, so text from the data cannot become markup; the examples reach the script as JSON
with ``<`` escaped, so they cannot close the script element either.
"""

from __future__ import annotations

import json
from html import escape

PREFIXES = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX id: <https://w3id.org/govkg/id/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

EXAMPLES: dict[str, str] = {
    "Who reports to whom": """SELECT ?from ?line ?to WHERE {
  VALUES ?relation { org:reportsTo gov:preparesCasesFor gov:informs gov:advises gov:approves }
  ?a ?relation ?b .
  BIND(STRAFTER(STR(?relation), "#") AS ?line)
  OPTIONAL { ?a skos:prefLabel ?fromLabel FILTER(LANG(?fromLabel) = "en") }
  OPTIONAL { ?b skos:prefLabel ?toLabel FILTER(LANG(?toLabel) = "en") }
  BIND(COALESCE(?fromLabel, STR(?a)) AS ?from)
  BIND(COALESCE(?toLabel, STR(?b)) AS ?to)
}
ORDER BY ?from ?line""",
    "The chain up from a body": """SELECT ?above ?name WHERE {
  id:ad-hoc-gruppe-forloebsprogram
    (org:reportsTo|gov:preparesCasesFor|gov:establishedBy|org:subOrganizationOf|org:unitOf)+ ?above .
  OPTIONAL { ?above skos:prefLabel ?name FILTER(LANG(?name) = "en") }
}""",
    "Obligations of a party": """SELECT ?action ?counterparty ?frequency ?agreement WHERE {
  ?obligation a gov:Obligation ;
    gov:obligedParty id:region-sjaelland ;
    gov:action ?action .
  FILTER(LANG(?action) = "en")
  OPTIONAL { ?obligation gov:counterparty/skos:prefLabel ?counterparty FILTER(LANG(?counterparty) = "en") }
  OPTIONAL { ?obligation gov:frequency/skos:prefLabel ?frequency FILTER(LANG(?frequency) = "en") }
  OPTIONAL { ?obligation gov:statedIn ?agreement }
}
ORDER BY ?counterparty""",
    "Bodies without a mandate": """SELECT ?body ?name ?kind WHERE {
  ?body a ?class .
  ?class rdfs:subClassOf* gov:Body .
  FILTER NOT EXISTS { ?body gov:hasMandate ?mandate }
  OPTIONAL { ?body skos:prefLabel ?name FILTER(LANG(?name) = "en") }
  OPTIONAL { ?class rdfs:label ?kind FILTER(LANG(?kind) = "en") }
}
ORDER BY ?name""",
}

STYLE = """
body{font-family:system-ui,sans-serif;max-width:72rem;margin:1.5rem auto;padding:0 1rem;color:#1d2733}
h1{margin:.2rem 0} .lead{color:#4a5866;margin-top:0} textarea{width:100%;min-height:16rem;
font:13px/1.4 ui-monospace,monospace;box-sizing:border-box;padding:.5rem;border:1px solid #b8c2cc;border-radius:4px}
.bar{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin:.6rem 0}
button{padding:.45rem .9rem;border:1px solid #0b5cad;background:#fff;color:#0b5cad;border-radius:4px;cursor:pointer}
button.run{background:#0b5cad;color:#fff} #status{color:#4a5866} #status.error{color:#a3161b;white-space:pre-wrap}
table{border-collapse:collapse;margin:1rem 0;font-size:14px} td,th{padding:.3rem .7rem;border-bottom:1px solid #dde3ea;
text-align:left;vertical-align:top} th{background:#f3f6f9} pre{background:#f3f6f9;padding:.7rem;overflow:auto}
"""

SCRIPT = """
const examples = JSON.parse(document.getElementById('examples').textContent);
const form = document.getElementById('query-form'), editor = document.getElementById('query');
const statusLine = document.getElementById('status'), output = document.getElementById('results');
const prefixes = Object.fromEntries([...examples.__prefixes__.matchAll(/PREFIX (\\w*): <([^>]*)>/g)]
  .map(m => [m[2], m[1]]));
function short(iri) {
  for (const [ns, p] of Object.entries(prefixes)) if (iri.startsWith(ns)) return p + ':' + iri.slice(ns.length);
  return iri;
}
function cell(term) {
  const td = document.createElement('td');
  if (!term) return td;
  if (term.type === 'uri') { td.textContent = short(term.value); td.title = term.value; }
  else if (term.type === 'bnode') td.textContent = '_:' + term.value;
  else { td.textContent = term.value; if (term['xml:lang']) { td.lang = term['xml:lang']; td.title = '@' + td.lang; } }
  return td;
}
function table(data) {
  const t = document.createElement('table'), head = t.createTHead().insertRow();
  for (const v of data.head.vars) { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); }
  const body = t.createTBody();
  for (const b of data.results.bindings) {
    const row = body.insertRow();
    for (const v of data.head.vars) row.appendChild(cell(b[v]));
  }
  return t;
}
async function run(event) {
  event.preventDefault();
  output.replaceChildren();
  statusLine.className = ''; statusLine.textContent = 'Running…';
  const started = performance.now();
  try {
    const response = await fetch(form.action, {method: 'POST', body: editor.value, headers: {
      'Content-Type': 'application/sparql-query',
      'Accept': 'application/sparql-results+json, text/turtle;q=0.9'}});
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok) {
      const text = await response.text();
      let message = text;
      try { message = JSON.parse(text).message || text; } catch (e) {}
      throw new Error(response.status + ' ' + response.statusText + ': ' + message);
    }
    const ms = Math.round(performance.now() - started);
    if (type.startsWith('text/turtle')) {
      const pre = document.createElement('pre'); pre.textContent = await response.text(); output.appendChild(pre);
      statusLine.textContent = `Graph answer (${ms} ms)`;
    } else {
      const data = await response.json();
      if ('boolean' in data) { statusLine.textContent = `Answer: ${data.boolean} (${ms} ms)`; return; }
      output.appendChild(table(data));
      const n = data.results.bindings.length;
      statusLine.textContent = `${n} row${n === 1 ? '' : 's'} (${ms} ms)`;
    }
  } catch (error) {
    statusLine.className = 'error'; statusLine.textContent = error.message;
  }
}
form.addEventListener('submit', run);
for (const button of document.querySelectorAll('button[data-example]')) {
  button.addEventListener('click', () => {
    editor.value = examples.__prefixes__ + '\\n' + examples[button.dataset.example]; form.requestSubmit();
  });
}
"""


def _script_json(value: object) -> str:
    """JSON safe to put inside a script element."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(endpoint_path: str, updates: bool) -> str:
    """The query page posting to ``endpoint_path``."""
    initial = escape(PREFIXES + "\n" + next(iter(EXAMPLES.values())))
    buttons = "".join(
        f'<button type="button" data-example="{escape(name)}">{escape(name)}</button>' for name in EXAMPLES
    )
    note = " Updates are enabled for holders of the token." if updates else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>govkg SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>
<body><p><a href="/">govkg</a></p><h1>SPARQL query</h1>
<p class="lead">Ask the governance graph directly. The default graph is the union of all documents.{note}</p>
<div class="bar"><span>Examples:</span>{buttons}</div>
<form id="query-form" method="post" action="{escape(endpoint_path)}">
<textarea id="query" name="query" spellcheck="false" aria-label="SPARQL query">{initial}</textarea>
<div class="bar"><button class="run" type="submit">Run query</button><span id="status" role="status"></span></div>
</form>
<div id="results"></div>
<script type="application/json" id="examples">{_script_json({**EXAMPLES, "__prefixes__": PREFIXES})}</script>
<script>{SCRIPT}</script>
</body></html>"""
