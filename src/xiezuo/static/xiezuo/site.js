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

// Irreversible actions (冲销, 定稿, 登记离职) ask first: a form with data-confirm submits only
// after the user confirms its message.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form && form.getAttribute && form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
});
