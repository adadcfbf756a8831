// Progressive enhancement for the reading room. Every page works without this file:
// it only adds keys. "/" focuses the search box; j and k move through the results and
// Enter (or o) opens the current one. Keys typed into a field are left alone.
(function () {
  "use strict";

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  var current = -1;

  function hits() {
    return Array.prototype.slice.call(document.querySelectorAll(".hits .hit"));
  }

  function select(index) {
    var list = hits();
    if (!list.length) return;
    index = Math.max(0, Math.min(list.length - 1, index));
    if (current >= 0 && list[current]) list[current].classList.remove("current");
    current = index;
    var hit = list[current];
    hit.classList.add("current");
    var link = hit.querySelector(".hit-title");
    if (link) link.focus({ preventScroll: true });
    hit.scrollIntoView({ block: "nearest" });
    document.body.setAttribute("data-current-hit", String(current));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (event.key === "/") {
      var box = document.getElementById("q");
      if (box) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    } else if (event.key === "j") {
      select(current + 1);
    } else if (event.key === "k") {
      select(current < 0 ? 0 : current - 1);
    } else if (event.key === "o" && current >= 0) {
      var link = hits()[current].querySelector(".hit-title");
      if (link) window.location.href = link.href;
    }
  });
})();
