// Keeps a form's "Dette mangler" box true while the caseworker types: on each change it
// sends the form, unsaved, to the form's data-check-url and puts the answer (an HTML
// fragment) into the element with the id data-check-target + "-live"; the page's status
// line (data-check-target + "-status") reads out the new count. Without this script the box
// is the one the page was served with, and saving updates it.
(function () {
  "use strict";
  document.querySelectorAll("form[data-check-url]").forEach(function (form) {
    var target = form.dataset.checkTarget;
    var box = document.getElementById(target + "-live");
    var status = document.getElementById(target + "-status");
    if (!box) {
      return;
    }
    var timer = null;
    var asked = 0;
    function check() {
      var mine = ++asked;
      fetch(form.dataset.checkUrl, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html === null || mine !== asked) {
            return; // an error leaves the box as it was; a later answer wins
          }
          box.innerHTML = html;
          var answer = box.querySelector("[data-status]");
          if (status && answer) {
            status.textContent = answer.dataset.status;
          }
        })
        .catch(function () {});
    }
    form.addEventListener("change", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 300);
    });
  });
})();
