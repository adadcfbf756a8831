// The coverage page, enhanced: the origin box and the country list filter the heat map and
// the table as one types (the form still filters on the server without this file), and the
// table's headers sort it in place instead of loading the page again.
(function () {
  "use strict";

  var originBox = document.getElementById("origin-filter");
  var countryList = document.getElementById("country-filter");
  var regionList = document.getElementById("region-filter");
  var shown = document.getElementById("origins-shown");
  var table = document.getElementById("coverage-table");

  function rows() {
    return Array.prototype.slice.call(
      document.querySelectorAll("#heatmap tbody tr, #coverage-table tbody tr")
    );
  }

  function applyFilter() {
    var words = (originBox ? originBox.value : "").trim().toLowerCase();
    var country = (countryList ? countryList.value : "").toLowerCase();
    var region = (regionList ? regionList.value : "").toLowerCase();
    var origins = {};
    rows().forEach(function (row) {
      var name = (row.getAttribute("data-origin") || "").toLowerCase();
      var place = (row.getAttribute("data-country") || "").toLowerCase();
      var area = (row.getAttribute("data-region") || "").toLowerCase();
      var keep = (!words || name.indexOf(words) !== -1) && (!country || place === country) &&
        (!region || area === region);
      row.classList.toggle("filtered-out", !keep);
      if (keep) origins[name] = true;
    });
    if (shown) shown.textContent = String(Object.keys(origins).length);
    document.body.setAttribute("data-filtered", words + "|" + country + "|" + region);
  }

  if (originBox) originBox.addEventListener("input", applyFilter);
  if (countryList) countryList.addEventListener("change", applyFilter);
  if (regionList) regionList.addEventListener("change", applyFilter);

  function sortBy(header) {
    var key = header.getAttribute("data-key");
    var numeric = header.getAttribute("data-type") === "number";
    var column = Array.prototype.indexOf.call(header.parentNode.children, header);
    var current = header.getAttribute("aria-sort");
    // Numbers start largest first, names from A; a second click reverses.
    var descending = current ? current === "ascending" : numeric;
    var body = table.tBodies[0];
    var list = Array.prototype.slice.call(body.rows);
    list.sort(function (a, b) {
      var x = a.cells[column].getAttribute("data-value") || "";
      var y = b.cells[column].getAttribute("data-value") || "";
      var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return descending ? -order : order;
    });
    list.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    document.body.setAttribute("data-sorted", (descending ? "-" : "") + key);
  }

  if (table && table.tHead) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
      var link = header.querySelector("a.sort");
      if (!link) return;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        sortBy(header);
      });
    });
  }
  applyFilter();
})();
