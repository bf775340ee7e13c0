// Warns before a staff session ends when the page has unsaved changes (docs/security.md).
// The server decides when a session ends (SessionTimeoutMiddleware); this script only asks
// how long is left (which does not count as activity) and offers to continue, which does.
(function () {
  "use strict";
  var dialog = document.getElementById("navet-session-warning");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var text = document.getElementById("navet-session-warning-text");
  var extendButton = dialog.querySelector("[data-session-action='extend']");
  var idleSeconds = parseInt(dialog.dataset.idleSeconds, 10);
  var warningSeconds = parseInt(dialog.dataset.warningSeconds, 10);
  var dirty = false;
  var timer = null;

  function markDirty(event) {
    var form = event.target && event.target.form;
    if (form && (form.method || "").toLowerCase() === "post") {
      dirty = true;
    }
  }
  document.addEventListener("input", markDirty);
  document.addEventListener("change", markDirty);
  document.addEventListener("submit", function (event) {
    if (event.target !== dialog.querySelector("form")) {
      dirty = false;
    }
  });

  function csrfToken() {
    var field = document.querySelector("input[name='csrfmiddlewaretoken']");
    return field ? field.value : "";
  }

  function schedule(seconds) {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, Math.max(1, seconds) * 1000);
  }

  function show(message) {
    text.textContent = message;
    if (!dialog.open) {
      dialog.showModal();
    }
  }

  function minutes(seconds) {
    return String(Math.max(1, Math.ceil(seconds / 60)));
  }

  function check() {
    fetch(dialog.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (!status.logged_in) {
          if (dirty) {
            extendButton.hidden = true;
            show(dialog.dataset.endedText);
          }
          return;
        }
        var idleLeft = status.idle_seconds_left;
        var absoluteLeft = status.absolute_seconds_left;
        var left = Math.min(idleLeft, absoluteLeft);
        if (left > warningSeconds) {
          schedule(left - warningSeconds);
          return;
        }
        if (dirty) {
          var absolute = absoluteLeft <= idleLeft;
          extendButton.hidden = absolute;
          var template = absolute ? dialog.dataset.absoluteText : dialog.dataset.idleText;
          show(template.replace("{minutes}", minutes(left)));
        }
        // Look again when the minute shown may have changed, and after the end.
        schedule(Math.min(30, left + 1));
      })
      .catch(function () { schedule(60); });
  }

  dialog.addEventListener("close", function () {
    if (dialog.returnValue !== "extend") {
      return;
    }
    fetch(dialog.dataset.extendUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    })
      .then(function (response) { return response.json(); })
      .then(function () { schedule(idleSeconds - warningSeconds); })
      .catch(function () { schedule(30); });
  });

  schedule(idleSeconds - warningSeconds);
})();
