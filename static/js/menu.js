/* The main navigation behind a "Menu" button at small widths (the stylesheet decides when: the
   button shows only where .has-menu folds the navigation). Without this script the navigation
   simply wraps. No inline script (script-src 'self'). */
(function () {
  "use strict";

  var narrow = window.matchMedia("(max-width: 40rem)");

  function setUp() {
    var button = document.querySelector(".menu-button");
    var nav = document.getElementById("mainnav");
    if (!button || !nav) { return; }

    function fit() {
      button.hidden = !narrow.matches;
      document.documentElement.classList.toggle("has-menu", narrow.matches);
    }

    button.addEventListener("click", function () {
      var open = !nav.classList.contains("open");
      nav.classList.toggle("open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    if (narrow.addEventListener) { narrow.addEventListener("change", fit); }
    fit();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
