/* Autosave: what is typed in a form is kept on the server as the user goes, so nothing is lost
   to a closed tab, a dropped connection or an expired session.

   A form opts in with:
     data-autosave-url       where its fields are POSTed (the server keeps them as the user's draft)
     data-autosave-key       names this form's stash in the tab (sessionStorage)
     data-autosave-saved-at  when the server's draft was saved (ISO 8601), empty if there is none
     data-login-url          the sign-in page
   and a status line #autosave-status whose data-* attributes hold the messages, translated.

   - A change is posted two seconds after the user stops typing, and at least every twenty seconds
     while they keep typing; one request at a time.
   - When the server cannot be reached (offline) or the session has ended (401), the fields are
     stashed in this tab and the status says so, with a link to sign in again that comes back
     here. On return the stash, being newer than the server's draft, is put back and saved.
     (sessionStorage: it stays in this tab and is cleared as soon as the server has the fields.)
   - Submitting first saves: if that fails the submit is held back, since the server would refuse
     it and what was typed would be lost; the status says why.
   - Repeated rows ([data-rows] holding [data-row] elements, fields named ROWS-<n>-FIELD) get an
     "add" button ([data-add-row]); a restore adds the rows it needs.
   No inline script, no eval: fits the Content-Security-Policy (script-src 'self'). */
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch || !window.FormData) { return; }

  var url = form.getAttribute("data-autosave-url");
  var key = "casework-autosave:" + form.getAttribute("data-autosave-key");
  var serverSavedAt = Date.parse(form.getAttribute("data-autosave-saved-at") || "") || 0;
  var loginUrl = form.getAttribute("data-login-url") || "/login";
  var status = document.getElementById("autosave-status");
  var DELAY = 2000, MAX_WAIT = 20000, RETRY = 30000;
  var NOT_RESTORED = { csrf_token: true, version: true };
  var dirty = false, inFlight = null, timer = null, firstChange = 0, submitting = false, blocked = false;
  var leaving = false;  // to sign in again from the status line: the stash goes along, no need to ask

  function message(name, fallback) {
    return (status && status.getAttribute("data-" + name)) || fallback;
  }

  function say(text, kind, link) {
    if (!status) { return; }
    status.textContent = text;
    status.className = "autosave-status" + (kind ? " " + kind : "");
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      a.addEventListener("click", function () { stash(); leaving = true; });
      status.appendChild(document.createTextNode(" "));
      status.appendChild(a);
    }
  }

  function clock(date) {
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function entries() {
    var list = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && !NOT_RESTORED[name]) { list.push([name, value]); }
    });
    return list;
  }

  function stash() {
    try {
      sessionStorage.setItem(key, JSON.stringify({ at: new Date().toISOString(), fields: entries() }));
    } catch (e) { /* storage full or disabled: the status already says the changes are not saved */ }
  }

  function unstash() {
    try { sessionStorage.removeItem(key); } catch (e) { /* nothing to clear */ }
  }

  function signInLink() {
    return { href: loginUrl + "?next=" + encodeURIComponent(location.pathname + location.search),
             text: message("sign-in", "Sign in again") };
  }

  // ---- Saving ------------------------------------------------------------------------------------

  function failed(response) {
    stash();
    dirty = true;
    if (response.status === 401 || response.type === "opaqueredirect") {
      blocked = true;  // nothing more can be saved until the user signs in again
      say(message("signed-out", "Your session has ended. What you typed is kept in this tab."), "error", signInLink());
      return false;
    }
    return response.json().catch(function () { return {}; }).then(function (body) {
      say((body.message || message("failed", "Not saved.")) + " " + message("kept", "What you typed is kept in this tab."),
          "error");
      return false;
    });
  }

  function offline() {
    stash();
    dirty = true;
    say(message("offline", "No connection: what you typed is kept in this tab and saved when the connection is back."),
        "offline");
    setTimeout(function () { if (dirty && !blocked) { save(); } }, RETRY);
    return false;
  }

  function save() {
    if (inFlight) {
      return inFlight.then(function () { return dirty && !blocked ? save() : !dirty; });
    }
    clearTimeout(timer);
    timer = null;
    dirty = false;
    firstChange = 0;
    say(message("saving", "Saving…"), "saving");
    inFlight = fetch(url, {
      method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { return failed(response); }
      return response.json().then(function (body) {
        if (!dirty) { unstash(); }
        serverSavedAt = Date.parse(body.saved_at) || Date.now();
        say(message("saved", "Draft saved at") + " " + clock(new Date(serverSavedAt)), "saved");
        return true;
      });
    }, offline).then(function (ok) {
      inFlight = null;
      return ok;
    });
    return inFlight;
  }

  function changed() {
    dirty = true;
    if (blocked) { stash(); return; }
    var now = Date.now();
    firstChange = firstChange || now;
    clearTimeout(timer);
    timer = setTimeout(save, Math.max(0, Math.min(DELAY, MAX_WAIT - (now - firstChange))));
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("online", function () { if (dirty && !blocked) { save(); } });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting && !leaving) {
      stash();
      event.preventDefault();
      event.returnValue = "";
    }
  });

  form.addEventListener("submit", function (event) {
    if (submitting) { return; }
    event.preventDefault();
    var submitter = event.submitter;
    save().then(function (ok) {
      if (!ok) { return; }
      submitting = true;
      if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
    });
  });

  // ---- Repeated rows -----------------------------------------------------------------------------

  function rowsOf(name) {
    return form.querySelector('[data-rows="' + name + '"]');
  }

  function addRow(name) {
    var box = rowsOf(name);
    var rows = box ? box.querySelectorAll("[data-row]") : [];
    if (!rows.length) { return; }
    var copy = rows[rows.length - 1].cloneNode(true);
    var pattern = new RegExp("^" + name + "-\\d+-");
    var prefix = name + "-" + rows.length + "-";
    Array.prototype.forEach.call(copy.querySelectorAll("[name], [id], [for], [aria-describedby]"), function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attribute) {
        var value = el.getAttribute(attribute);
        if (value) { el.setAttribute(attribute, value.replace(pattern, prefix)); }
      });
      if (el.tagName === "SELECT") { el.selectedIndex = 0; }
      else if (el.type === "checkbox" || el.type === "radio") { el.checked = false; }
      else if ("value" in el && el.tagName !== "BUTTON") { el.value = ""; }
      el.removeAttribute("aria-invalid");
    });
    Array.prototype.forEach.call(copy.querySelectorAll(".error"), function (el) { el.remove(); });
    Array.prototype.forEach.call(copy.querySelectorAll(".has-error"), function (el) { el.classList.remove("has-error"); });
    box.appendChild(copy);
    return copy;
  }

  Array.prototype.forEach.call(form.querySelectorAll("[data-add-row]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var row = addRow(button.getAttribute("data-add-row"));
      var first = row && row.querySelector("input:not([type=hidden]), textarea, select");
      if (first) { first.focus(); }
    });
  });

  // ---- Putting back what was typed while the server could not be reached ---------------------------

  function restore(list) {
    var values = {};
    list.forEach(function (pair) {
      var match = /^([\w]+)-(\d+)-/.exec(pair[0]);
      if (match && rowsOf(match[1])) {
        while (rowsOf(match[1]).querySelectorAll("[data-row]").length <= Number(match[2])) {
          if (!addRow(match[1])) { break; }
        }
      }
      (values[pair[0]] = values[pair[0]] || []).push(pair[1]);
    });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || NOT_RESTORED[el.name] || el.type === "file" || el.type === "submit" || el.type === "button") {
        return;
      }
      var given = values[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = given.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (option) { option.selected = given.indexOf(option.value) !== -1; });
      } else if (given.length) {
        el.value = given[0];
      }
    });
    form.dispatchEvent(new Event("input", { bubbles: true }));
  }

  var stashed = null;
  try { stashed = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { stashed = null; }
  if (stashed && stashed.fields) {
    if ((Date.parse(stashed.at) || 0) > serverSavedAt) {
      restore(stashed.fields);
      say(message("restored", "What you typed while the server could not be reached is back; saving it…"), "saving");
      save();
    } else {
      unstash();  // the server has newer work (saved from another tab or after a sign-in elsewhere)
    }
  }
}());
