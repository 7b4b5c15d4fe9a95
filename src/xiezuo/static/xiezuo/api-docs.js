// Starts swagger-ui on /api/docs (vendor/swagger-ui, served from this site; nothing inline: CSP).
// The settings come from a json block; the session's CSRF token goes with each request made
// from the page, as django-ninja's own initialiser does.
(function () {
  "use strict";
  var body = document.querySelector("body").dataset;
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis];
  if (body.csrfToken) {
    config.requestInterceptor = function (req) {
      req.headers["X-CSRFToken"] = body.csrfToken;
      return req;
    };
  }
  window.ui = SwaggerUIBundle(config);
})();
