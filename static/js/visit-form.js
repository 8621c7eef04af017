/* The visit form: shows the occupancy rate as capacity and population are typed (the server
   computes the same figure from what is saved). No inline script: fits the CSP. */
(function () {
  "use strict";
  var form = document.getElementById("visit-form");
  var output = document.getElementById("occupancy");
  if (!form || !output) { return; }
  var capacity = form.elements.namedItem("capacity");
  var total = form.elements.namedItem("pop_total");

  function show() {
    var places = parseInt(capacity.value, 10), held = parseInt(total.value, 10);
    if (places > 0 && held >= 0) {
      var rate = Math.round(held * 100 / places);
      output.textContent = rate + "%";
      output.classList.toggle("over", rate > 100);
    } else {
      output.textContent = "—";
      output.classList.remove("over");
    }
  }

  form.addEventListener("input", show);
  show();
}());
