// The "most cited" panel of a result page, filled from the JSON twin of /most-cited after the
// results are on screen (counting what the hits cite costs more than the other facets).
// Each entry opens the cited cable (or its graph when the archive lacks it); its count adds
// `cites:ID` to the search as a filter, like any facet.
(function () {
  "use strict";

  var panel = document.querySelector(".most-cited[data-src]");
  if (!panel) return;

  function filterUrl(clause) {
    var url = new URL(window.location.href);
    url.searchParams.delete("cursor");
    url.searchParams.append("f", clause);
    return url.pathname + url.search;
  }

  function link(href, text, className, title) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (className) a.className = className;
    if (title) a.title = title;
    return a;
  }

  var NOT_HERE = { absent: "a Cablegate cable not in this archive", outside: "a cable Cablegate does not hold" };

  function fill(data) {
    var list = document.createElement("ol");
    var active = new URL(window.location.href).searchParams.getAll("f");
    data.most_cited.forEach(function (cited) {
      var item = document.createElement("li");
      if (cited.url) item.appendChild(link(cited.url, cited.reference_id, "cited", cited.subject || ""));
      else item.appendChild(link(cited.graph_url, cited.reference_id, "cited not-here", NOT_HERE[cited.status] || ""));
      item.appendChild(document.createTextNode(" "));
      var on = active.indexOf(cited.filter) >= 0;
      var count = link(filterUrl(cited.filter), cited.within.toLocaleString("en"), on ? "facet-value active" : "facet-value", "The hits that cite it");
      count.setAttribute("data-filter", cited.filter);
      item.appendChild(count);
      var overall = document.createElement("span");
      overall.className = "count";
      overall.title = "Cables of the archive that cite it";
      overall.textContent = " of " + cited.overall.toLocaleString("en");
      item.appendChild(overall);
      list.appendChild(item);
    });
    if (data.most_cited.length) panel.insertBefore(list, panel.querySelector(".most-cited-link"));
    else panel.hidden = true;
    panel.setAttribute("data-state", "ready");
  }

  fetch(panel.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(fill)
    .catch(function () {
      panel.setAttribute("data-state", "failed"); // the link to the full list stays
    });
})();
