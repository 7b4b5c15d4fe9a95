// The 打印 button: opens the browser's print dialogue (the print stylesheet in site.css hides the
// menu, buttons and forms). Kept in a static file: the site's CSP allows no inline script.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) { event.preventDefault(); window.print(); }
  var back = event.target.closest("[data-back]");
  if (back && window.history.length > 1) { event.preventDefault(); window.history.back(); }
});
