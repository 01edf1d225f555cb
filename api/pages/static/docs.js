/* Starts Swagger UI on /docs from a file (no inline script), with nothing fetched beyond this service. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    onComplete: function () { document.body.setAttribute("data-ready", "docs"); }
  });
})();
