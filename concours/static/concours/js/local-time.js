// Shows times also in the visitor's own time zone: every <time data-local datetime="…"> gets
// "(your time: …)" after it, formatted in the page's language. No inline script (strict CSP).
(function () {
  "use strict";
  function show() {
    var lang = document.documentElement.lang || "en";
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var format = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short", timeZone: zone });
    var label = document.body.dataset.yourTime || "your time";
    document.querySelectorAll("time[data-local]").forEach(function (element) {
      if (element.dataset.localShown) { return; }
      var moment = new Date(element.getAttribute("datetime"));
      if (isNaN(moment)) { return; }
      var note = document.createElement("span");
      note.className = "local-time";
      note.textContent = " (" + label + ": " + format.format(moment) + ", " + zone + ")";
      element.after(note);
      element.dataset.localShown = "1";
    });
  }
  document.addEventListener("DOMContentLoaded", show);
  document.addEventListener("htmx:afterSwap", show);
})();
