// Follows a background export: polls its status and fills the progress bar until the file is ready.
(function () {
  "use strict";
  var panel = document.querySelector("[data-status-url]");
  if (!panel) { return; }
  var bar = document.getElementById("export-progress");
  var rows = document.getElementById("export-rows");
  var state = document.getElementById("export-status");
  var words = { queued: "waiting to start", running: "writing the file", done: "ready", failed: "failed" };

  function show(data) {
    bar.max = data.rows_total || 1;
    bar.value = data.rows_total ? data.rows_done : (data.status === "done" ? 1 : 0);
    bar.textContent = data.percent + " %";
    rows.textContent = data.rows_done.toLocaleString() + " of " + data.rows_total.toLocaleString() + " rows";
    state.textContent = words[data.status] || data.status;
  }

  function poll() {
    fetch(panel.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        show(data);
        if (data.status === "queued" || data.status === "running") {
          window.setTimeout(poll, 1000);
        } else {
          window.location.reload(); // the finished page: download link, or the error and a retry button
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 500);
})();
