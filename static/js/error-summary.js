// The error summary (templates/includes/error_summary.html), for keyboard and screen
// reader users. An external file: the Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  // Read first: focus moves to the summary when the page loads.
  summary.focus();
  // Each link moves focus to its field: the browser does so for a field that can take
  // focus. A group of radios or checkboxes is a box that cannot: let it (tabindex -1
  // keeps it out of the tab order) before the browser follows the link, so focus lands
  // on the question rather than staying on the link. The address still gets its #id.
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (target && !target.matches("a[href], button, input, select, textarea, [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
  });
});
