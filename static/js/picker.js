/* Type-ahead picker, for any form field that names a record by its number or reference.

   A field opts in with data-picker="<URL>": as the user types, the URL is asked (?q=...) for the
   records that match, as JSON [{value, label}], and they are offered below the field; choosing one
   puts its value (a person's number, a case's reference) in the field and shows its label beside.
   Without JavaScript the field is a plain one that takes the number or the reference.
   Keyboard: arrows to move, Enter to choose, Escape to close. No inline script (script-src 'self'). */
(function () {
  "use strict";

  if (!window.fetch) { return; }
  var DELAY = 250, MIN_TYPED = 2;

  function setUp(input) {
    var list = document.createElement("ul");
    var chosen = document.createElement("p");
    var timer = null, asked = 0, active = -1, items = [];

    if (input.type === "number") { input.type = "text"; }  // so a name can be typed to search
    input.setAttribute("autocomplete", "off");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    list.id = input.id + "-options";
    list.className = "picker-options";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    chosen.className = "picker-chosen";
    chosen.setAttribute("aria-live", "polite");
    input.parentNode.insertBefore(list, input.nextSibling);
    input.parentNode.insertBefore(chosen, list.nextSibling);

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function mark(index) {
      var options = list.children;
      active = index;
      for (var i = 0; i < options.length; i += 1) {
        options[i].setAttribute("aria-selected", String(i === index));
      }
      if (index >= 0) { input.setAttribute("aria-activedescendant", options[index].id); }
    }

    function choose(index) {
      var item = items[index];
      if (!item) { return; }
      input.value = item.value;
      chosen.textContent = item.label;
      close();
    }

    function show(found) {
      items = Array.isArray(found) ? found : [];
      list.textContent = "";
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.textContent = item.label;
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(index); });
        list.appendChild(option);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", String(items.length > 0));
      mark(-1);
    }

    function search() {
      var typed = input.value.trim();
      var url = input.getAttribute("data-picker");
      var mine = asked += 1;
      chosen.textContent = "";
      if (typed.length < MIN_TYPED) { close(); return; }
      url += (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(typed);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) { if (mine === asked) { show(found); } })
        .catch(close);
    }

    function name() {  // a value the page was drawn with (a form shown again): say whom it names
      var url = input.getAttribute("data-picker"), value = input.value.trim();
      if (!value) { return; }
      url += (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(value);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) {
          if (Array.isArray(found) && found.length === 1 && String(found[0].value) === value &&
              found[0].label !== value && input.value.trim() === value) {
            chosen.textContent = found[0].label;
          }
        })
        .catch(function () { return null; });
    }

    name();
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        mark((active + step + items.length) % items.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-picker]"), setUp);
}());
