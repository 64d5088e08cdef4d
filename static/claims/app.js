// Small progressive enhancements on top of htmx; every page works without them.
(function () {
  "use strict";
  // Story tabs: mark the tab whose rows were just loaded as current.
  document.addEventListener("htmx:afterRequest", function (event) {
    var tab = event.detail.elt;
    if (!tab.classList || !tab.classList.contains("tab") || !event.detail.successful) return;
    tab.parentElement.querySelectorAll(".tab").forEach(function (t) {
      t.removeAttribute("aria-current");
    });
    tab.setAttribute("aria-current", "true");
  });
  // After an in-place decision, move focus to its status message for screen readers.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var fresh = target && target.id ? document.getElementById(target.id) : null;
    var message = fresh ? fresh.querySelector("[role=status], [role=alert]") : null;
    if (message) {
      message.setAttribute("tabindex", "-1");
      message.focus({ preventScroll: false });
    }
  });
})();
