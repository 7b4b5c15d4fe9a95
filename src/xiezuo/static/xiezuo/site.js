// The site's own script (no inline scripts: the Content-Security-Policy allows only files
// from this site).
(function () {
  "use strict";
  // On a phone the chapter menu starts folded, so the page's content comes first.
  if (window.matchMedia("(max-width: 760px)").matches) {
    var toggle = document.querySelector(".nav-toggle");
    if (toggle) toggle.removeAttribute("open");
  }
})();
