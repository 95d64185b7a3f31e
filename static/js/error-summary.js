// The error summary (templates/includes/error_summary.html), for keyboard and screen
// reader users. An external file: the Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  // Read first: focus moves to the summary when the page loads.
  summary.focus();
  // Each link moves focus to its field. A group of radios or checkboxes is a box that
  // cannot take focus by itself: let it (tabindex -1 keeps it out of the tab order), so
  // focus lands on the question rather than staying on the link.
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!target) {
      return;
    }
    event.preventDefault();
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  });
});
