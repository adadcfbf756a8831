// Copy buttons for the citations on a cable page. Without this file the citations are still
// there to select; with it, one click puts a citation on the clipboard and says so.
(function () {
  "use strict";

  var status = document.querySelector(".copy-status");

  function say(text) {
    if (status) status.textContent = text;
  }

  function fallbackCopy(text) {
    // Older browsers and pages not served over a secure context: copy a selected textarea.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (e) {
      done = false;
    }
    document.body.removeChild(area);
    return done;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".copy-citation"), function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      var label = button.textContent.replace(/^Copy /, "");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { say(label + " citation copied."); },
          function () { say(fallbackCopy(text) ? label + " citation copied." : "Select the citation and copy it."); }
        );
      } else {
        say(fallbackCopy(text) ? label + " citation copied." : "Select the citation and copy it.");
      }
    });
  });
})();
