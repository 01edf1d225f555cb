/* govkg org graph page. Data arrives as JSON in #govkg-data; every string from it reaches the page
   through textContent or vis-network's canvas, never innerHTML. Nothing here loads anything. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("govkg-data").textContent);
  var config = DATA.config;
  var state = {
    lang: config.lang, mode: config.mode, ready: false, stableAt: null,
    hiddenKinds: new Set(), hiddenRelations: new Set(), doc: "", focusSet: null, focusId: null, selected: null
  };
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var visible = new Set();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible.has(n.id); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return !state.hiddenRelations.has(e.relation) && visible.has(e.from) && visible.has(e.to); }
  });
  var container = document.getElementById("graph");
  var network = null;
  var api = window.govkgGraph = { nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, state: state };

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
  function computeVisible() {
    visible = new Set();
    nodes.forEach(function (n) {
      var byKind = !state.hiddenKinds.has(n.kind);
      var byDoc = !state.doc || (n.docs || []).indexOf(state.doc) >= 0;
      var byFocus = !state.focusSet || state.focusSet.has(n.id);
      if ((byKind && byDoc && byFocus) || n.id === state.focusId) { visible.add(n.id); }
    });
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
    nodes.update(nodes.map(function (n) {
      var d = DATA.details[n.id];
      return { id: n.id, label: label(n), title: label(n) + "\n" + d.type[state.lang] };
    }));
    edges.update(edges.map(function (e) {
      var text = e["label_" + state.lang];
      var record = { id: e.id, title: label(nodes.get(e.from)) + " → " + text + " → " + label(nodes.get(e.to)) };
      record.label = config.edgeLabels ? text : undefined;
      return record;
    }));
    buildLegend();
    buildSearchOptions();
    if (state.selected) { showPanel(state.selected); }
    if (state.focusId) { $("focus-label").textContent = label(nodes.get(state.focusId)); }
    refreshCounts();
  }
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
    nodes.forEach(function (n) { list.appendChild(el("option", null)).value = label(n); });
  }
  function find(query) {
    var q = query.trim().toLocaleLowerCase();
    if (!q) { return null; }
    var all = nodes.get(), i, tests = [
      function (n) { return label(n).toLocaleLowerCase() === q; },
      function (n) { return otherLabel(n).toLocaleLowerCase() === q || (n.alt || []).some(function (a) {
        return a.toLocaleLowerCase() === q; }); },
      function (n) { return label(n).toLocaleLowerCase().indexOf(q) >= 0; },
      function (n) { return otherLabel(n).toLocaleLowerCase().indexOf(q) >= 0 || (n.alt || []).some(function (a) {
        return a.toLocaleLowerCase().indexOf(q) >= 0; }); }
    ];
    for (i = 0; i < tests.length; i++) {
      var hits = all.filter(tests[i]);
      if (hits.length) { return hits.sort(function (a, b) { return label(a).length - label(b).length; })[0]; }
    }
    return null;
  }
  function search(query) {
    var hit = find(query), status = $("search-status");
    if (!hit) { status.textContent = t("not_found") + " “" + query + "”"; return null; }
    if (!visible.has(hit.id)) { status.textContent = label(hit) + " — " + t("hidden"); return null; }
    status.textContent = t("found") + ": " + label(hit);
    select(hit.id, true);
    return hit.id;
  }
  function select(id, move) {
    network.selectNodes([id]);
    if (move) { network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } }); }
    showPanel(id);
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
      if (e.from === id) { out.appendChild(relationItem("→ " + e["label_" + state.lang] + ":", e.to)); }
      if (e.to === id) { into.appendChild(relationItem("← " + e["label_" + state.lang] + ":", e.from)); }
    });
    $("panel-out").hidden = !out.children.length;
    $("panel-in").hidden = !into.children.length;
    $("panel-id").textContent = id;
  }
  function hidePanel() { state.selected = null; $("panel").hidden = true; }

  /* --- the network itself -------------------------------------------------------------------- */
  function markReady() {
    if (config.focus && nodes.get(config.focus)) { network.selectNodes([config.focus]); }
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
    if (mode === "org" || (config.seedNetwork && !state.seeded)) {
      var scale = mode === "org" ? 1 : config.seedScale;
      state.seeded = true;
      nodes.update(Object.keys(DATA.positions).map(function (id) {
        return { id: id, x: DATA.positions[id][0] * scale, y: DATA.positions[id][1] * scale };
      }));
    }
    var options = DATA.options[mode];
    network = api.network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
    network.on("click", function (params) {
      if (params.nodes.length) { showPanel(params.nodes[0]); } else if (!params.edges.length) { hidePanel(); }
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
  $("doc-filter").addEventListener("change", function () { state.doc = this.value; refresh(); });
  document.querySelectorAll("#lang-switch button").forEach(function (b) {
    b.addEventListener("click", function () { setLanguage(b.getAttribute("data-lang")); });
  });
  document.querySelectorAll("#mode-switch button").forEach(function (b) {
    b.addEventListener("click", function () { if (b.getAttribute("data-mode") !== state.mode) { draw(b.getAttribute("data-mode")); } });
  });

  api.search = search;
  api.select = function (id) { select(id, true); };
  api.setLanguage = setLanguage;
  api.focusOn = focusOn;
  api.showAll = showAll;
  api.draw = draw;

  refresh();
  applyLanguage();
  draw(state.mode);
})();
