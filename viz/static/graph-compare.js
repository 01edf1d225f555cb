/* Compare mode of the org graph (/graph?compare=FROM..TO): the legend of the change colours, and in the
   side panel what changes for the selected node, with the passages of both states. Loaded after graph.js,
   whose hooks (onLanguage, onPanel) it sets; every string reaches the page through textContent. */
(function () {
  "use strict";
  var api = window.govkgGraph, DATA = api.data, C = DATA.compare;
  var STATUSES = ["added", "removed", "changed", "unchanged"];

  function lang() { return api.state.lang; }
  function t(key) { return C.i18n[lang()][key] || key; }
  var el = api.el, clear = api.clear;  /* graph.js's own: text only through textContent */
  function swatch(status) {
    var s = el("span", null, "swatch change " + status);
    s.style.background = C.colours[status].fill; s.style.borderColor = C.colours[status].border;
    return s;
  }
  function section(id, after) {
    var box = document.getElementById(id);
    if (!box) { box = el("section"); box.id = id; after.parentNode.insertBefore(box, after.nextSibling); }
    clear(box);
    return box;
  }

  function legend() {
    var box = section("compare-legend", document.getElementById("legend-title"));
    box.append(el("h3", t("compare")), el("p", C.from[lang()] + " → " + C.to[lang()], "compare-states"));
    STATUSES.forEach(function (status) {
      var row = el("p", null, "compare-key"); row.setAttribute("data-status", status);
      row.append(swatch(status), el("span", t("change_" + status)), el("span", C.counts[status] || 0, "count"));
      box.appendChild(row);
    });
    ["added", "removed"].forEach(function (status) {
      var row = el("p", null, "compare-key"), line = el("span", null, "swatch line change-line " + status);
      row.setAttribute("data-lines", status);
      line.style.borderTopColor = C.colours[status].border;
      row.append(line, el("span", t("change_" + status) + " " + t("lines")), el("span", C.lineCounts[status] || 0, "count"));
      box.appendChild(row);
    });
  }

  function quotes(list, stateLabel) {
    var box = el("div", null, "compare-quotes");
    box.appendChild(el("p", t(stateLabel === C.from ? "in_from" : "in_to") + " " + stateLabel[lang()] + ":", "compare-side"));
    if (!list.length) { box.appendChild(el("p", t("no_passage"), "muted")); }
    list.forEach(function (p) {
      var quote = el("blockquote", p.quote), doc = p.doc && DATA.documents[p.doc];
      quote.lang = "da";
      if (doc) { quote.appendChild(el("cite", doc.title + (doc.date ? " (" + doc.date + ")" : ""))); }
      box.appendChild(quote);
    });
    return box;
  }

  function panel(id) {
    var info = C.nodes[id];
    var box = section("panel-change", document.getElementById("panel-type"));
    if (!info) { box.hidden = true; return; }
    box.hidden = false;
    var badge = el("span", t("change_" + info.status), "badge change " + info.status);
    badge.style.background = C.colours[info.status].border;
    box.append(el("h3", t("what_changed")), badge);
    if (info.from.length) { box.appendChild(quotes(info.from, C.from)); }
    if (info.to.length) { box.appendChild(quotes(info.to, C.to)); }
    var list = el("ul", null, "compare-items");
    info.items.forEach(function (item) {
      var row = el("li", null, "compare-item"); row.setAttribute("data-sign", item.sign);
      row.appendChild(el("strong", item.sign + " " + (item.text[lang()] || item.text.da)));
      if (item.from.length || item.sign !== "+") { row.appendChild(quotes(item.from, C.from)); }
      if (item.to.length || item.sign !== "−") { row.appendChild(quotes(item.to, C.to)); }
      list.appendChild(row);
    });
    if (!info.items.length && info.status === "unchanged") { box.appendChild(el("p", t("nothing_changed"), "muted")); }
    box.appendChild(list);
  }

  document.body.classList.add("compare");
  api.onLanguage = legend;
  api.onPanel = panel;
  legend();
  if (api.state.selected) { panel(api.state.selected); }
})();
