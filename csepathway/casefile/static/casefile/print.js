// The "Print this page" button: shown only where JavaScript runs (without it, the browser's own
// print uses the same print styles).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
