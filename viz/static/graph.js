/* govkg org graph page. Data arrives as JSON in #govkg-data; every string from it reaches the page
   through textContent or vis-network's canvas, never innerHTML. Nothing here loads anything. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("govkg-data").textContent);
  var config = DATA.config;
  var state = {
    lang: config.lang, mode: config.mode, ready: false, stableAt: null,
    hiddenKinds: new Set(), hiddenRelations: new Set(), doc: "", focusSet: null, focusId: null, selected: null,
    expanded: []
  };
  var F = DATA.folding;
  var parentOf = {};
  Object.keys(F.children).forEach(function (p) { F.children[p].forEach(function (k) { parentOf[k] = p; }); });
  var NAV = 48;  /* px at the foot of the graph that vis-network's zoom buttons take */
  var CLUSTER = "cluster:", GROUPS = F.groups || {}, FOLD_LINE = { color: "#607d8b" };
  DATA.nodes.forEach(function (n) { n.baseShape = n.shape; });
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  Object.keys(F.clusters).forEach(function (p) {
    nodes.add({ id: CLUSTER + p, kind: "cluster", parent: p, count: F.clusters[p], shape: "box", group: undefined,
      color: { background: "#eef2f6", border: "#607d8b", highlight: { background: "#dfe7ef", border: "#000" } },
      font: { color: "#1d2733" }, shapeProperties: { borderDashes: [4, 3] }, label_da: "", label_en: "" });
    edges.add({ id: CLUSTER + p + "|edge", from: p, to: CLUSTER + p, relation: "_fold", hierarchical: true,
      color: FOLD_LINE, width: 1, dashes: [4, 3], smooth: false, label_da: "", label_en: "" });
  });
  Object.keys(GROUPS).forEach(function (g) {
    /* top-level entities folded into one box per source document (or kind): a click shows or hides them */
    nodes.add({ id: g, kind: "group", count: GROUPS[g].count, shape: "box", label_da: GROUPS[g].da, label_en: GROUPS[g].en,
      color: { background: "#fff8e1", border: "#8a6d00", highlight: { background: "#ffecb3", border: "#000" } },
      font: { color: "#1d2733" }, borderWidth: 2, shapeProperties: { borderDashes: [4, 3] } });
    F.children[g].forEach(function (m) {
      edges.add({ id: g + "|" + m, from: g, to: m, relation: "_fold", hierarchical: true, color: FOLD_LINE, width: 1,
        dashes: [4, 3], smooth: false, label_da: "", label_en: "" });
    });
  });
  var visible = new Set();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible.has(n.id); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return !state.hiddenRelations.has(e.relation) && visible.has(e.from) && visible.has(e.to); }
  });
  var container = document.getElementById("graph");
  var network = null;
  var api = window.govkgGraph = { nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, state: state, data: DATA };

  function t(key) { return DATA.i18n[state.lang][key] || key; }
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function label(n) { return n["label_" + state.lang]; }
  function otherLabel(n) { return n[state.lang === "da" ? "label_en" : "label_da"]; }

  /* --- what is visible: kind and document filters, client-side focus ------------------------ */
  function folding() {
    return state.mode === "org" && !state.focusSet && Object.keys(F.clusters).length + Object.keys(GROUPS).length > 0;
  }
  function opened(p) { return F.children[p] || []; }  /* a click opens one level */
  var depths = {};
  function depth(id) {
    if (depths[id] === undefined) { depths[id] = parentOf[id] === undefined ? 0 : depth(parentOf[id]) + 1; }
    return depths[id];
  }
  function below(id) {
    var out = [], stack = (F.children[id] || []).slice();
    while (stack.length) { var c = stack.pop(); out.push(c); stack.push.apply(stack, F.children[c] || []); }
    return out;
  }
  function openSet() {
    var open = new Set(F.shown), done = new Set(), more = true;
    while (more) {  /* a node opens what it holds once it is itself open, whatever order it was expanded in */
      more = false;
      state.expanded.forEach(function (p) {
        if (!done.has(p) && open.has(p)) { done.add(p); more = true; opened(p).forEach(function (d) { open.add(d); }); }
      });
    }
    return open;
  }
  function computeVisible() {
    visible = new Set();
    var fold = folding(), open = fold ? openSet() : null;
    nodes.forEach(function (n) {
      if (n.kind === "cluster") { return; }
      if (n.kind === "group") { if (fold) { visible.add(n.id); } return; }
      if (fold && !open.has(n.id) && n.id !== state.focusId) { return; }
      var byKind = !state.hiddenKinds.has(n.kind);
      var byDoc = !state.doc || (n.docs || []).indexOf(state.doc) >= 0;
      var byFocus = !state.focusSet || state.focusSet.has(n.id);
      if ((byKind && byDoc && byFocus) || n.id === state.focusId) { visible.add(n.id); }
    });
    if (fold) {
      nodes.forEach(function (n) {  /* a cluster stands for its parent's subordinates while any of them is folded */
        var hidden = (F.children[n.parent] || []).some(function (k) { return !open.has(k); });
        if (n.kind === "cluster" && visible.has(n.parent) && hidden) { visible.add(n.id); }
      });
    }
  }
  function foldPositions() {
    var pos = {};
    Object.keys(F.view).forEach(function (id) { pos[id] = F.view[id].slice(); });
    state.expanded.slice().sort(function (a, b) { return depth(a) - depth(b); }).forEach(function (p) {
      /* its children (and their clusters) as laid out under it, room made beside them */
      var base = pos[p], placed = {}, view = GROUPS[p] ? F.groupViews[p] : F.views[p];
      if (!base || !view) { return; }
      Object.keys(view).forEach(function (d) { placed[d] = view[d]; });
      var inside = new Set(Object.keys(placed)), xs = [base[0]];
      inside.forEach(function (d) { pos[d] = [base[0] + placed[d][0], base[1] + placed[d][1]]; xs.push(pos[d][0]); });
      var right = Math.max.apply(null, xs) - base[0], left = base[0] - Math.min.apply(null, xs);
      Object.keys(pos).forEach(function (id) {
        if (id === p || inside.has(id) || id === CLUSTER + p || pos[id][1] < base[1] - 1) { return; }
        if (pos[id][0] > base[0]) { pos[id][0] += right; } else if (pos[id][0] < base[0]) { pos[id][0] -= left; }
      });
    });
    return pos;
  }
  function place() {
    var pos = folding() ? foldPositions() : null, updates = [];
    nodes.forEach(function (n) {
      var xy = pos ? pos[n.id] : DATA.positions[n.id];
      if (xy) { updates.push({ id: n.id, x: xy[0], y: xy[1] }); }
    });
    nodes.update(updates);
  }
  function expand(id) {
    if (!F.children[id] || state.expanded.indexOf(id) >= 0) { return; }
    state.expanded.push(id);
    relabelGroups(); place(); refresh();
    var shown = opened(id);
    if (network) { fitNodes([id].concat(shown, shown.map(function (k) { return CLUSTER + k; })), false); }
  }
  function collapse(id) {
    var gone = new Set([id].concat(below(id)));
    state.expanded = state.expanded.filter(function (p) { return !gone.has(p); });
    relabelGroups(); place(); refresh();
    if (network) { fitNodes([id], false); }
  }
  function smallestLabel() {
    /* the smallest label on screen, in CSS px: vis-network's scale times the smallest font drawn */
    var sizes = [];
    nodeView.forEach(function (n) { sizes.push((n.font && n.font.size) || DATA.options[state.mode].nodes.font.size); });
    edgeView.forEach(function (e) { if (e.label) { sizes.push(DATA.options[state.mode].edges.font.size); } });
    return sizes.length ? network.getScale() * Math.min.apply(null, sizes) : null;
  }
  function near(want, low, high, room) {
    /* the camera coordinate closest to ``want`` that still shows all of [low, high] in ``room`` */
    var a = high - room / 2, b = low + room / 2;
    return Math.min(Math.max(want, Math.min(a, b)), Math.max(a, b));
  }
  function fitNodes(ids, initial) {
    /* fill the window with these boxes (centred on the focus when that still fits), but never zoom so far out
       that a label drops under config.minLabel px: then show the top left (first view) or the top of a subtree */
    var font = DATA.options[state.mode].nodes.font.size, minScale = config.minLabel / font, pad = 16;
    ids = ids.filter(function (id) { return visible.has(id); });
    network.fit({ nodes: ids.length ? ids : undefined, animation: false });  /* sizes every box */
    if (!ids.length) { return; }
    var b = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var box = network.getBoundingBox(id);
      b.left = Math.min(b.left, box.left); b.top = Math.min(b.top, box.top);
      b.right = Math.max(b.right, box.right); b.bottom = Math.max(b.bottom, box.bottom);
    });
    var rect = container.getBoundingClientRect(), w = rect.width - 2 * pad, h = rect.height - 2 * pad - NAV;
    var scale = Math.min(config.maxScale, w / (b.right - b.left), h / (b.bottom - b.top));
    var centre = { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 };
    function lifted(c) { return { x: c.x, y: c.y + NAV / 2 / scale }; }  /* keep the zoom buttons' strip free */
    var focus = initial && config.focus && visible.has(config.focus) ? network.getPositions([config.focus])[config.focus] : null;
    if (focus) {
      var centred = Math.min(config.maxScale, w / 2 / Math.max(focus.x - b.left, b.right - focus.x, 1),
        h / 2 / Math.max(focus.y - b.top, b.bottom - focus.y, 1));
      if (centred >= minScale) {
        scale = centred; centre = { x: focus.x, y: focus.y };
      } else if (scale >= minScale) {  /* as near the middle as the fitted view allows */
        centre = { x: near(focus.x, b.left, b.right, w / scale), y: near(focus.y, b.top, b.bottom, h / scale) };
      }
    }
    if (scale < minScale) {
      scale = minScale;
      var first = network.getPositions([ids[0]])[ids[0]];
      centre = focus || { x: initial ? b.left + w / 2 / scale : centre.x, y: (initial ? b.top : first.y - 40) + h / 2 / scale };
    }
    network.moveTo({ position: lifted(centre), scale: scale, animation: false });
  }
  function keepPositions() {
    /* Settled nodes keep their place when filters hide and show them again (physics is off by then). */
    var placed = network.getPositions();
    nodes.update(Object.keys(placed).map(function (id) { return { id: id, x: placed[id].x, y: placed[id].y }; }));
  }
  function refresh() {
    if (network && state.mode === "network") { keepPositions(); }
    computeVisible();
    nodeView.refresh();
    edgeView.refresh();
    $("counts").textContent = nodeView.length + " " + t("nodes") + " · " + edgeView.length + " " + t("edges");
    $("empty").hidden = nodeView.length > 0;
  }
  function neighbourhood(id, depth) {
    var seen = new Set([id]), frontier = [id];
    for (var d = 0; d < depth; d++) {
      var next = [];
      frontier.forEach(function (current) {
        edges.forEach(function (e) {
          if (state.hiddenRelations.has(e.relation)) { return; }
          var other = e.from === current ? e.to : (e.to === current ? e.from : null);
          if (other !== null && !seen.has(other)) { seen.add(other); next.push(other); }
        });
      });
      frontier = next;
    }
    return seen;
  }
  function focusOn(id, depth) {
    state.focusId = id;
    state.focusSet = neighbourhood(id, depth);
    $("focus-status").hidden = false;
    $("focus-label").textContent = label(nodes.get(id));
    refresh();
    if (network) { network.fit(); }
  }
  function showAll() {
    state.focusId = null; state.focusSet = null;
    $("focus-status").hidden = true;
    refresh();
    if (network) { network.fit(); }
  }

  /* --- language ------------------------------------------------------------------------------ */
  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach(function (e) { e.textContent = t(e.getAttribute("data-i18n")); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (e) {
      e.placeholder = t(e.getAttribute("data-i18n-placeholder"));
    });
    document.querySelectorAll("[data-i18n-title]").forEach(function (e) { e.title = t(e.getAttribute("data-i18n-title")); });
    document.querySelectorAll("#lang-switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === state.lang));
    });
    document.title = t("title");
    relabel();
    buildLegend();
    buildSearchOptions();
    if (state.selected) { showPanel(state.selected); }
    if (state.focusId) { $("focus-label").textContent = label(nodes.get(state.focusId)); }
    refreshCounts();
    if (api.onLanguage) { api.onLanguage(state.lang); }
  }
  function holders(id) {
    return edges.get({ filter: function (e) { return e.from === id && e.relation === "held_by"; } })
      .map(function (e) { return label(nodes.get(e.to)); });
  }
  function boxLabel(n, d) {
    /* org chart boxes: the name, and under it the kind (and who holds a post) */
    if (state.mode !== "org") { return (n.mark || "") + label(n); }
    var kind = d.type[state.lang], held = n.kind === "post" ? holders(n.id) : [];
    return (n.mark || "") + label(n) + "\n" + kind + (held.length ? " · " + held.join(", ") : "");
  }
  function relabel() {
    var kindFont = {};
    DATA.kinds.forEach(function (k) { kindFont[k.key] = k.font; });
    nodes.update(nodes.map(function (n) {
      if (n.kind === "cluster") {
        return { id: n.id, label: label(nodes.get(n.parent)) + ": " + n.count + " " + t("more"), title: t("expand_hint") };
      }
      if (n.kind === "group") { return groupLabel(n); }
      var d = DATA.details[n.id], org = state.mode === "org";
      var inside = org || n.baseShape === "box" || n.baseShape === "ellipse";
      return { id: n.id, label: boxLabel(n, d), title: label(n) + "\n" + d.type[state.lang],
        shape: org ? "box" : n.baseShape, font: { color: n.fontColor || (inside ? kindFont[n.kind] || "#1d2733" : "#1d2733") } };
    }));
    edges.update(edges.map(function (e) {
      if (e.relation === "_fold") { return { id: e.id }; }
      var text = e["label_" + state.lang];
      var record = { id: e.id, title: label(nodes.get(e.from)) + " → " + text + " → " + label(nodes.get(e.to)) };
      record.label = config.edgeLabels && !(state.mode === "org" && e.hierarchical) ? text : undefined;
      return record;
    }));
  }
  function groupLabel(n) {
    var open = state.expanded.indexOf(n.id) >= 0;
    return { id: n.id, label: label(n) + (open ? "" : ": " + n.count + " " + t("more")), title: t(open ? "collapse_hint" : "expand_hint") };
  }
  function relabelGroups() { nodes.update(Object.keys(GROUPS).map(function (g) { return groupLabel(nodes.get(g)); })); }
  function refreshCounts() {
    $("counts").textContent = nodeView.length + " " + t("nodes") + " · " + edgeView.length + " " + t("edges");
  }
  function setLanguage(lang) { state.lang = lang; applyLanguage(); }

  /* --- legend and filters -------------------------------------------------------------------- */
  function buildLegend() {
    var kinds = $("kind-filter");
    kinds.querySelectorAll("label").forEach(function (l) { kinds.removeChild(l); });
    DATA.kinds.forEach(function (k) {
      var box = el("input"); box.type = "checkbox"; box.checked = !state.hiddenKinds.has(k.key); box.value = k.key;
      box.addEventListener("change", function () {
        if (box.checked) { state.hiddenKinds.delete(k.key); } else { state.hiddenKinds.add(k.key); }
        refresh();
      });
      var swatch = el("span", null, "swatch " + k.shape);
      swatch.style.background = k.fill; swatch.style.borderColor = k.border;
      var count = nodes.get({ filter: function (n) { return n.kind === k.key; } }).length;
      var row = el("label"); row.setAttribute("data-kind", k.key);
      row.append(box, swatch, el("span", k[state.lang]), el("span", count, "count"));
      kinds.appendChild(row);
    });
    var relations = $("relation-filter"); clear(relations);
    DATA.relations.forEach(function (r) {
      var box = el("input"); box.type = "checkbox"; box.checked = !state.hiddenRelations.has(r.key); box.value = r.key;
      box.addEventListener("change", function () {
        if (box.checked) { state.hiddenRelations.delete(r.key); } else { state.hiddenRelations.add(r.key); }
        refresh();
      });
      var row = el("label"); row.setAttribute("data-relation", r.key);
      row.append(box, el("span", null, "swatch line" + (r.hierarchical ? "" : " dashed")), el("span", r[state.lang]));
      relations.appendChild(row);
    });
    var select = $("doc-filter");
    while (select.options.length > 1) { select.remove(1); }
    Object.keys(DATA.documents).sort().forEach(function (id) {
      var doc = DATA.documents[id];
      var option = el("option", doc.title + (doc.date ? " (" + doc.date + ")" : "")); option.value = id;
      select.appendChild(option);
    });
    select.value = state.doc;
    var flagged = nodes.get({ filter: function (n) { return !!n.severity; } }).length;
    $("finding-count").textContent = "(" + flagged + ")";
  }

  /* --- search -------------------------------------------------------------------------------- */
  function buildSearchOptions() {
    var list = $("search-options"); clear(list);
    drawn().forEach(function (n) { list.appendChild(el("option", null)).value = label(n); });
  }
  function drawn() { return nodes.get({ filter: function (n) { return n.kind !== "cluster" && n.kind !== "group"; } }); }
  /* Danish letters typed plainly, as the server's lookup takes them: æ as ae or a, ø as oe or o, å as aa or a;
     any case, accents dropped */
  var FOLDS = [{ "æ": "ae", "ø": "o", "å": "a" }, { "æ": "ae", "ø": "oe", "å": "aa" }, { "æ": "a", "ø": "o", "å": "a" }];
  var folded = {};
  function foldWith(text, table) {
    var lowered = String(text || "").toLocaleLowerCase().replace(/[æøå]/g, function (c) { return table[c]; });
    return lowered.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\u2019/g, "'").split(/\s+/)
      .filter(Boolean).join(" ");
  }
  function foldings(text) {
    if (!folded[text]) {
      var seen = {};
      FOLDS.forEach(function (table) { seen[foldWith(text, table)] = true; });
      folded[text] = Object.keys(seen);
    }
    return folded[text];
  }
  function matches(texts, wanted, whole) {
    return texts.some(function (text) {
      return foldings(text).some(function (f) {
        return wanted.some(function (q) { return whole ? f === q : f.indexOf(q) >= 0; });
      });
    });
  }
  function find(query) {
    var q = foldings(query.trim()).filter(Boolean);
    if (!q.length) { return null; }
    function others(n) { return [otherLabel(n)].concat(n.alt || []); }
    var all = drawn(), i, tests = [
      function (n) { return matches([label(n)], q, true); },
      function (n) { return matches(others(n), q, true); },
      function (n) { return matches([label(n)], q, false); },
      function (n) { return matches(others(n), q, false); }
    ];
    for (i = 0; i < tests.length; i++) {
      var hits = all.filter(tests[i]);
      if (hits.length) { return hits.sort(function (a, b) { return label(a).length - label(b).length; })[0]; }
    }
    return null;
  }
  function unfold(id) {
    /* open the folded subtree a node sits in, so search can show it */
    for (var step = 0; step < 50 && folding() && !visible.has(id); step++) {
      var open = openSet(), up = id;
      while (parentOf[up] !== undefined && !open.has(parentOf[up])) { up = parentOf[up]; }
      if (parentOf[up] === undefined || state.expanded.indexOf(parentOf[up]) >= 0) { return; }
      expand(parentOf[up]);
    }
  }
  function search(query) {
    var hit = find(query), status = $("search-status");
    if (!hit) { status.textContent = t("not_found") + " “" + query + "”"; return null; }
    unfold(hit.id);
    if (!visible.has(hit.id)) { status.textContent = label(hit) + " — " + t("hidden"); return null; }
    status.textContent = t("found") + ": " + label(hit);
    select(hit.id, true);
    return hit.id;
  }
  function select(id, move) {
    network.selectNodes([id]);
    showPanel(id);
    network.setSize("100%", "100%");  /* the panel took its room from the graph: measure again, then centre */
    if (move) { network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } }); }
  }

  /* --- side panel ---------------------------------------------------------------------------- */
  function relationItem(text, otherId) {
    var item = el("li"), button = el("button", label(nodes.get(otherId)));
    button.type = "button";
    button.addEventListener("click", function () { if (visible.has(otherId)) { select(otherId, true); } });
    item.append(el("span", text + " "), button);
    return item;
  }
  function showPanel(id) {
    var n = nodes.get(id), d = DATA.details[id];
    if (!n) { return; }
    state.selected = id;
    $("panel").hidden = false;
    document.querySelector("main").classList.add("panel-open");
    var foldButton = $("panel-fold");
    foldButton.hidden = !(F.children[id] && state.mode === "org" && !state.focusSet);
    foldButton.textContent = t(state.expanded.indexOf(id) >= 0 ? "collapse" : "expand");
    $("panel-title").textContent = label(n);
    $("panel-other").textContent = otherLabel(n) !== label(n) ? otherLabel(n) : "";
    var type = $("panel-type"); clear(type);
    type.append(el("span", t("type") + ": " + d.type[state.lang] + " "));
    if (n.severity) { type.append(el("span", t("severity_" + n.severity), "badge " + n.severity)); }
    $("panel-alt").textContent = (n.alt || []).length ? t("also_known_as") + ": " + n.alt.join(", ") : "";
    $("panel-description").textContent = d.description[state.lang] || "";
    var findings = document.querySelector("#panel-findings ul"); clear(findings); findings.className = "finding-list";
    d.findings.forEach(function (f) {
      var item = el("li");
      item.append(el("span", t("severity_" + f.severity), "badge " + f.severity), el("strong", " " + f["rule_" + state.lang]),
        el("div", f["message_" + state.lang]));
      findings.appendChild(item);
    });
    if (!d.findings.length) { findings.appendChild(el("li", t("no_findings"), "muted")); }
    var quotes = document.querySelector("#panel-passages .quotes"); clear(quotes);
    d.passages.forEach(function (p) {
      var quote = el("blockquote", p.quote), doc = p.doc && DATA.documents[p.doc];
      quote.lang = "da";
      if (doc) { quote.appendChild(el("cite", doc.title + (doc.date ? " (" + doc.date + ")" : ""))); }
      quotes.appendChild(quote);
    });
    if (!d.passages.length) { quotes.appendChild(el("p", t("no_passages"), "muted")); }
    var out = document.querySelector("#panel-out ul"), into = document.querySelector("#panel-in ul");
    clear(out); clear(into);
    edges.forEach(function (e) {
      if (e.relation === "_fold") { return; }
      if (e.from === id) { out.appendChild(relationItem("→ " + e["label_" + state.lang] + ":", e.to)); }
      if (e.to === id) { into.appendChild(relationItem("← " + e["label_" + state.lang] + ":", e.from)); }
    });
    $("panel-out").hidden = !out.children.length;
    $("panel-in").hidden = !into.children.length;
    $("panel-id").textContent = id;
    var page = $("panel-page");
    page.hidden = !(config.pageBase && id.indexOf("id:") === 0);
    /* a link the reader may follow (navigation on click, never a load): only on a served page */
    if (!page.hidden) { page.setAttribute("href", config.pageBase + encodeURIComponent(id.slice(3)) + "?lang=" + state.lang); }
    if (api.onPanel) { api.onPanel(id); }  /* compare mode adds what changed */
  }
  function hidePanel() {
    state.selected = null; $("panel").hidden = true;
    document.querySelector("main").classList.remove("panel-open");
  }
  function downloadPng() {
    var canvas = container.querySelector("canvas"), link = document.createElement("a");
    link.setAttribute("download", "govkg-org-chart.png");
    link.setAttribute("href", canvas.toDataURL("image/png"));
    document.body.appendChild(link); link.click(); document.body.removeChild(link);
  }
  function toggleOtherLines(show) {
    DATA.relations.forEach(function (r) {
      if (r.hierarchical) { return; }
      if (show) { state.hiddenRelations.delete(r.key); } else { state.hiddenRelations.add(r.key); }
    });
    buildLegend(); refresh();
  }

  /* --- the network itself -------------------------------------------------------------------- */
  function markReady() {
    if (config.focus && nodes.get(config.focus)) { network.selectNodes([config.focus]); }
    if (state.mode === "org") { fitNodes(nodeView.getIds(), true); }
    network.once("afterDrawing", function () {
      state.ready = true;
      state.stableAt = performance.now();
      document.body.setAttribute("data-ready", state.mode);
    });
    network.redraw();
  }
  function draw(mode) {
    state.mode = mode; state.ready = false;
    document.body.removeAttribute("data-ready");
    document.querySelectorAll("#mode-switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-mode") === mode));
    });
    if (network) { network.destroy(); }
    relabel();
    refresh();
    if (mode === "org") {
      place();
    } else if (config.seedNetwork && !state.seeded) {
      state.seeded = true;
      nodes.update(Object.keys(DATA.positions).map(function (id) {
        return { id: id, x: DATA.positions[id][0] * config.seedScale, y: DATA.positions[id][1] * config.seedScale };
      }));
    }
    var options = DATA.options[mode];
    network = api.network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
    network.on("click", function (params) {
      var id = params.nodes[0];
      if (id && id.indexOf(CLUSTER) === 0) { expand(nodes.get(id).parent); return; }
      if (id && GROUPS[id]) { if (state.expanded.indexOf(id) >= 0) { collapse(id); } else { expand(id); } return; }
      if (id) { showPanel(id); network.setSize("100%", "100%"); } else if (!params.edges.length) { hidePanel(); }
    });
    network.on("doubleClick", function (params) {
      var id = params.nodes[0];
      if (id && state.expanded.indexOf(id) >= 0) { collapse(id); }
    });
    network.on("beforeDrawing", function (ctx) {
      /* a white page under the chart, so a downloaded PNG is not transparent */
      ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
    });
    if (options.physics && options.physics.enabled && nodeView.length > 0) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        markReady();
      });
    } else {
      markReady();
    }
  }

  $("search").addEventListener("submit", function (event) { event.preventDefault(); search($("search-input").value); });
  $("neighbourhood").addEventListener("submit", function (event) {
    event.preventDefault();
    if (state.selected) { focusOn(state.selected, Number($("neighbourhood-depth").value)); }
  });
  $("show-all").addEventListener("click", showAll);
  $("panel-close").addEventListener("click", hidePanel);
  $("panel-fold").addEventListener("click", function () {
    var id = state.selected;
    if (state.expanded.indexOf(id) >= 0) { collapse(id); } else { expand(id); }
    showPanel(id);
  });
  $("download-png").addEventListener("click", downloadPng);
  $("other-lines").addEventListener("change", function () { toggleOtherLines(this.checked); });
  $("doc-filter").addEventListener("change", function () { state.doc = this.value; refresh(); });
  document.querySelectorAll("#lang-switch button").forEach(function (b) {
    b.addEventListener("click", function () { setLanguage(b.getAttribute("data-lang")); });
  });
  document.querySelectorAll("#mode-switch button").forEach(function (b) {
    b.addEventListener("click", function () { if (b.getAttribute("data-mode") !== state.mode) { draw(b.getAttribute("data-mode")); } });
  });

  api.el = el;
  api.clear = clear;
  api.search = search;
  api.select = function (id) { select(id, true); };
  api.setLanguage = setLanguage;
  api.focusOn = focusOn;
  api.showAll = showAll;
  api.draw = draw;
  api.expand = expand;
  api.unfold = unfold;
  api.expandAll = function () {
    Object.keys(GROUPS).concat(Object.keys(F.clusters)).forEach(function (id) {
      if (F.children[id] && state.expanded.indexOf(id) < 0) { state.expanded.push(id); }
    });
    relabelGroups(); place(); refresh();
  };
  api.collapse = collapse;
  api.members = function (g) { return (F.children[g] || []).slice(); };
  api.smallestLabel = function () { return smallestLabel(); };
  api.downloadPng = downloadPng;

  refresh();
  applyLanguage();
  draw(state.mode);
})();
