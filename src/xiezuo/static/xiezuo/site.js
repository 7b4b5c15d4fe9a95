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

// A box with data-tick-all="<name>" (a table's header) ticks or clears every box of that name in
// its form, and is ticked itself while they all are. Without the script the boxes are ticked one
// by one, and the header's box, sent with the form, means all of them.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.form || box.type !== "checkbox") return;
  var name = box.getAttribute("data-tick-all");
  var boxes = function (n) {
    return box.form.querySelectorAll('input[type="checkbox"][name="' + n + '"]');
  };
  if (name) {
    boxes(name).forEach(function (b) { b.checked = box.checked; });
    return;
  }
  var all = box.form.querySelector('[data-tick-all="' + box.name + '"]');
  if (all) all.checked = Array.prototype.every.call(boxes(box.name), function (b) {
    return b.checked;
  });
});
