"use strict";
(function () {
  document.documentElement.setAttribute("data-report-ready", "yes");
  var toggle = document.getElementById("toggle-all");
  var filter = document.getElementById("only-action");
  var changes = Array.prototype.slice.call(document.querySelectorAll("details.change"));
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = changes.some(function (item) { return !item.open; });
      changes.forEach(function (item) { item.open = open; });
      toggle.textContent = open ? "Collapse all" : "Expand all";
    });
  }
  if (filter) {
    filter.addEventListener("change", function () {
      changes.forEach(function (item) {
        item.hidden = filter.checked && item.getAttribute("data-action") !== "yes";
      });
    });
  }
})();
