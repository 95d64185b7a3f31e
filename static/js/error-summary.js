// Move focus to the error summary when a page shows one, so a screen reader announces
// it first and a keyboard user starts from it (templates/includes/error_summary.html).
// An external file: the Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
