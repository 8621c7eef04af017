// The bulk bar of a case list: "select all on this page", how many are ticked, and only the
// actions common to the ticked rows (each row lists its own in data-actions). Without it the
// bar still works: the server refuses, with the reason, a record the action does not fit.
(function () {
  "use strict";
  document.querySelectorAll("[data-bulk]").forEach(function (bar) {
    var form = bar.form || bar.closest("form");
    var rows = Array.prototype.slice.call(form.querySelectorAll("input[name=record], input[name=letter_id]"));
    var all = form.querySelector("[data-bulk-all]");
    var count = form.querySelector("[data-bulk-count]");
    var action = form.querySelector("select[name=action]");
    var extras = Array.prototype.slice.call(form.querySelectorAll("[data-bulk-for]"));
    var unless = Array.prototype.slice.call(form.querySelectorAll("[data-bulk-unless]"));
    var none = form.querySelector("[data-bulk-none]");
    var first = count ? count.textContent : "";

    function ticked() { return rows.filter(function (box) { return box.checked; }); }

    function refresh() {
      var chosen = ticked();
      if (all) {
        all.checked = chosen.length > 0 && chosen.length === rows.length;
        all.indeterminate = chosen.length > 0 && chosen.length < rows.length;
      }
      if (count) {
        count.textContent = chosen.length ? count.dataset.chosen.replace("{chosen}", chosen.length)
          .replace("{shown}", rows.length) : first;
      }
      var common = null;
      chosen.forEach(function (box) {
        var own = (box.dataset.actions || "").split(" ").filter(Boolean);  // none listed: none allowed
        common = common === null ? own : common.filter(function (value) { return own.indexOf(value) >= 0; });
      });
      if (action) {
        Array.prototype.forEach.call(action.options, function (option) {
          option.disabled = common !== null && common.indexOf(option.value) < 0;
        });
        if (action.selectedOptions[0] && action.selectedOptions[0].disabled) {
          var usable = Array.prototype.find.call(action.options, function (option) { return !option.disabled; });
          if (usable) { action.value = usable.value; }
        }
      }
      extras.forEach(function (extra) { extra.hidden = action && action.value !== extra.dataset.bulkFor; });
      unless.forEach(function (group) { group.hidden = action && action.value === group.dataset.bulkUnless; });
      if (none) { none.hidden = !(common !== null && common.length === 0); }
    }

    if (all) {
      all.addEventListener("change", function () {
        rows.forEach(function (box) { box.checked = all.checked; });
        refresh();
      });
    }
    rows.forEach(function (box) { box.addEventListener("change", refresh); });
    if (action) { action.addEventListener("change", refresh); }
    refresh();
  });
}());
