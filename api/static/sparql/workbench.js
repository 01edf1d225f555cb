/* govkg SPARQL workbench: the vendored YASGUI, configured for this service.
 *
 * Loaded as a file (no inline script: the page runs under script-src 'self'). Everything it needs
 * comes from this server: /sparql/workbench.json (endpoint, prefixes, examples in da and en) and
 * /sparql/vocabulary.json (the graph's own classes and properties, for completion). YASGUI's
 * remote completers (Linked Open Vocabularies, prefix.cc) are switched off. The update token lives
 * in this page's memory only: it is never stored, never put in a shared link, and sent only with
 * updates, to this server.
 */
(function () {
  "use strict";

  const root = document.getElementById("workbench");
  const statusLine = document.getElementById("workbench-status");
  let token = "";
  const labels = new Map();

  function say(text, isError) {
    statusLine.textContent = text;
    statusLine.classList.toggle("error", Boolean(isError));
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  /* The message of the service's JSON error body ({"error": CODE, "message": ...}), else the text. */
  function serviceMessage(text) {
    try {
      const body = JSON.parse(text);
      if (body && body.message) return { code: body.error || "", message: body.message };
    } catch (e) {
      /* not JSON: shown as it is */
    }
    return { code: "", message: text || "no answer from the endpoint" };
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function start(config) {
    const Yasgui = window.Yasgui;
    const Yasqe = Yasgui.Yasqe;
    const Yasr = Yasgui.Yasr;
    const endpoint = new URL(config.endpoint, window.location.href).href;
    const entityBase = new URL(config.entityPath, window.location.href).pathname;
    /* the service's one rule: ?lang= if given, else the browser's languages (its Accept-Language), else Danish */
    const asked = new URLSearchParams(window.location.search).get("lang");
    const preferred = (navigator.languages || [navigator.language || ""]).map(function (l) { return String(l).slice(0, 2); });
    let lang = [asked].concat(preferred).find(function (l) { return config.languages.indexOf(l) >= 0; }) || "da";
    const vocabulary = getJson(config.vocabulary).catch(function () {
      return { classes: [], properties: [] };
    });

    /* Completion from this service only. */
    Yasqe.forkAutocompleter("class", { name: "govkg-classes", bulk: true, persistenceId: null, autoShow: true,
      get: function () { return vocabulary.then(function (v) { return v.classes; }); } }, false);
    Yasqe.forkAutocompleter("property", { name: "govkg-properties", bulk: true, persistenceId: null, autoShow: true,
      get: function () { return vocabulary.then(function (v) { return v.properties; }); } }, false);
    Yasqe.forkAutocompleter("prefixes", { name: "govkg-prefixes", persistenceId: null,
      get: function () {
        return Object.keys(config.prefixes).sort().map(function (p) { return p + ": <" + config.prefixes[p] + ">"; });
      } }, false);
    const completers = ["govkg-prefixes", "govkg-properties", "govkg-classes", "variables"];
    Yasqe.defaults.autocompleters = completers;

    /* IRIs of this graph's own things link to their pages, with their labels. */
    const Table = Yasr.plugins.table;
    class GovkgTable extends Table {
      getUriLinkFromBinding(binding, prefixes) {
        const iri = binding.value;
        const slug = iri.startsWith(config.dataNamespace) ? iri.slice(config.dataNamespace.length) : "";
        if (!slug || slug.indexOf("/") >= 0) return super.getUriLinkFromBinding(binding, prefixes);
        const label = labels.get(lang + " " + iri);
        const shown = label ? label : "id:" + slug;
        return "<a class='iri govkg-entity' href='" + escapeHtml(entityBase + encodeURIComponent(slug)) +
          "' title='" + escapeHtml(iri) + "'>" + escapeHtml(shown) + "</a>";
      }
      async draw(persistentConfig) {
        await fetchLabels(this.yasr.results);
        return super.draw(persistentConfig);
      }
    }
    Yasr.registerPlugin("table", GovkgTable);

    function fetchLabels(results) {
      const bindings = results && results.getBindings ? results.getBindings() || [] : [];
      const wanted = new Set();
      for (const row of bindings) {
        for (const name in row) {
          const term = row[name];
          if (term.type === "uri" && term.value.startsWith(config.dataNamespace) && !labels.has(lang + " " + term.value)) {
            wanted.add(term.value);
          }
          if (wanted.size >= config.labelBatch) break;
        }
        if (wanted.size >= config.labelBatch) break;
      }
      if (!wanted.size) return Promise.resolve();
      const values = Array.from(wanted).map(function (iri) { return "<" + iri + ">"; }).join(" ");
      const query = "SELECT ?s (SAMPLE(?l) AS ?label) WHERE { VALUES ?s { " + values + " } " +
        "?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(LANG(?l) = \"" + lang + "\") } GROUP BY ?s";
      return fetch(endpoint, { method: "POST", body: new URLSearchParams({ query: query }),
        headers: { Accept: "application/sparql-results+json" } })
        .then(function (response) { return response.ok ? response.json() : { results: { bindings: [] } }; })
        .then(function (data) {
          for (const iri of wanted) labels.set(lang + " " + iri, "");
          for (const row of data.results.bindings) labels.set(lang + " " + row.s.value, row.label.value);
        })
        .catch(function () { /* links without labels, then */ });
    }

    /* The service's own error message, on one line, as the page shows it. */
    function renderError(error) {
      const found = serviceMessage(error.text);
      const box = document.createElement("div");
      box.className = "govkg-error";
      const message = document.createElement("p");
      message.className = "govkg-error-message";
      message.textContent = found.message;
      box.appendChild(message);
      if (found.code === "UNAUTHORIZED" || found.code === "FORBIDDEN") {
        const hint = document.createElement("p");
        hint.textContent = config.updates
          ? "Updates need the update token: enter it in the field above the editor."
          : "Updates are switched off on this service.";
        box.appendChild(hint);
      }
      return Promise.resolve(box);
    }

    Yasr.defaults.errorRenderers = [renderError]; /* each tab's results read the defaults */
    const yasgui = new Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: function () { return endpoint; }, method: "POST" },
      copyEndpointOnNewTab: false,
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
      persistenceId: "govkg-sparql",
      tabName: config.tabName,
      yasqe: { value: example(config.examples[0]).query, autocompleters: completers, prefixCcApi: null },
      yasr: {
        prefixes: config.prefixes,
        defaultPlugin: "table",
        pluginOrder: ["table", "response"],
      },
    });
    window.govkgWorkbench = { yasgui: yasgui, labels: labels };

    /* The token, when there is one, goes with updates only (the request is still ours to change here). */
    const hooked = new WeakSet();
    yasgui.on("queryBefore", function (instance, tab) {
      const editor = tab.getYasqe();
      if (!editor || hooked.has(editor)) return;
      hooked.add(editor);
      editor.on("query", function (sender, request) {
        if (token && sender.getQueryMode() === "update") request.headers.set("Authorization", "Bearer " + token);
      });
    });
    yasgui.on("queryResponse", function () { say(""); });

    /* Examples in the chosen language, each opened in a tab of its own. */
    function example(item) {
      return { name: item.name[lang] || item.name.en, query: item.query[lang] || item.query.en };
    }
    const menu = document.getElementById("examples");
    function drawExamples() {
      menu.replaceChildren();
      for (const item of config.examples) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "example";
        button.dataset.example = item.id;
        button.textContent = example(item).name;
        button.addEventListener("click", function () {
          const chosen = example(item);
          const tab = yasgui.addTab(true, { name: chosen.name, yasqe: { value: chosen.query } });
          tab.query().catch(function () {});
        });
        menu.appendChild(button);
      }
      for (const button of document.querySelectorAll("button[data-lang]")) {
        button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
      }
    }
    for (const button of document.querySelectorAll("button[data-lang]")) {
      button.addEventListener("click", function () {
        lang = button.dataset.lang;
        drawExamples();
      });
    }
    drawExamples();

    const tokenField = document.getElementById("token");
    if (tokenField) tokenField.addEventListener("input", function () { token = tokenField.value; });

    /* Downloads: the current tab's query again, in the format asked for, saved from memory. */
    for (const link of document.querySelectorAll("button[data-download]")) {
      link.addEventListener("click", function () {
        const tab = yasgui.getTab();
        const accept = link.dataset.download;
        say("Downloading…");
        fetch(endpoint, { method: "POST", body: new URLSearchParams({ query: tab.getQuery() }), headers: { Accept: accept } })
          .then(function (response) {
            if (!response.ok) return response.text().then(function (text) { throw new Error(serviceMessage(text).message); });
            return response.blob();
          })
          .then(function (blob) {
            const anchor = document.createElement("a");
            anchor.href = URL.createObjectURL(blob);
            anchor.download = "govkg-query." + link.dataset.extension;
            document.body.appendChild(anchor);
            anchor.click();
            anchor.remove();
            setTimeout(function () { URL.revokeObjectURL(anchor.href); }, 10000);
            say("");
          })
          .catch(function (error) { say(error.message, true); });
      });
    }
    root.dataset.ready = "true";
  }

  getJson(root.dataset.config).then(start).catch(function (error) {
    say("The workbench could not start: " + error.message, true);
  });
})();
