// The import review (keikaku/web/review.py): say that an upload is under way, and wait for the reading to end.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var script = document.currentScript;
  if (form) {
    form.addEventListener("submit", function () {
      var status = document.getElementById("upload-status");
      var button = form.querySelector("button[type=submit]");
      if (status && script) { status.textContent = script.getAttribute("data-sending") || "…"; }
      if (button) { button.disabled = true; }
    });
  }
  var reading = document.getElementById("reading");
  if (reading) {
    var url = reading.getAttribute("data-status");
    var every = 1000 * (parseInt(reading.getAttribute("data-every"), 10) || 2);
    var poll = function () {
      fetch(url, {credentials: "same-origin", cache: "no-store"})
        .then(function (r) { return r.ok ? r.json() : {state: "gone"}; })
        .then(function (s) { if (s.state === "reading") { setTimeout(poll, every); } else { window.location.reload(); } })
        .catch(function () { setTimeout(poll, every); });
    };
    setTimeout(poll, every);
  }
})();
