// The charts page: fetches the counts of the chosen chart from /api/chart/KIND and draws
// them, with Chart.js (bars and lines) or d3-geo and topojson (the world map). The address
// holds the whole state (q, f filters, kind, q2): a filter chosen here changes it, fetches
// the counts again and redraws, without leaving the page.
(function () {
  "use strict";

  // The colours come from chart-colours.json, shared with `cablebase plot`.
  var CLASS_COLOURS = {}, PALETTE = ["#7a2e1b"], MAP_STEPS = ["#c46f4f"];
  var colours = fetch("/static/chart-colours.json").then(function (answer) {
    return answer.ok ? answer.json() : null;
  }).then(function (table) {
    if (!table) return;
    CLASS_COLOURS = table.classification;
    PALETTE = table.palette;
    MAP_STEPS = table.map_steps;
  });

  var figure = document.getElementById("chart-figure");
  if (!figure) return;
  var problem = document.getElementById("chart-problem");
  var chart = null;
  var world = null; // the map's features, fetched once

  function show(el, visible) { el.classList.toggle("hidden", !visible); }

  function fail(message) {
    problem.textContent = message;
    show(problem, true);
    figure.setAttribute("data-state", "failed");
  }

  function params() { return new URLSearchParams(window.location.search); }

  function kindOf(p) { return p.get("kind") || "timeline"; }

  function number(n) { return n.toLocaleString("en-US"); }

  function searchUrl(data, extra) {
    var url = new URL(data.search, window.location.href);
    extra.forEach(function (clause) { if (clause) url.searchParams.append("f", clause); });
    return url.pathname + url.search;
  }

  function colourOf(name, i) { return CLASS_COLOURS[name] || PALETTE[i % PALETTE.length]; }

  // -- Chart.js charts ------------------------------------------------------------------

  function draw(config, onPick) {
    if (chart) chart.destroy();
    config.options = Object.assign({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "nearest", intersect: true },
      onClick: function (event, elements) {
        if (elements.length) window.location.href = onPick(elements[0]);
      }
    }, config.options || {});
    chart = new window.Chart(document.getElementById("chart"), config);
  }

  function stackedScales(horizontal) {
    var scales = { x: { stacked: true }, y: { stacked: true, beginAtZero: true } };
    if (horizontal) scales = { x: { stacked: true, beginAtZero: true }, y: { stacked: true } };
    return scales;
  }

  function timeline(data) {
    draw({
      type: "bar",
      data: {
        labels: data.months,
        datasets: data.series.map(function (s, i) {
          return { label: s.name, data: s.counts, backgroundColor: colourOf(s.name, i),
                   filter: s.filter, barPercentage: 1, categoryPercentage: 1 };
        })
      },
      options: { scales: stackedScales(false) }
    }, function (el) {
      var s = data.series[el.datasetIndex];
      return searchUrl(data, ["date:" + data.months[el.index], s.filter]);
    });
    table(["Classification", "Cables"], data.series.map(function (s) {
      return [s.name, s.total];
    }).concat([["undated", data.undated], ["all", data.total]]));
  }

  function tags(data) {
    draw({
      type: "line",
      data: {
        labels: data.years.map(String),
        datasets: data.series.map(function (s, i) {
          return { label: s.tag, data: s.counts, borderColor: PALETTE[i % PALETTE.length],
                   backgroundColor: PALETTE[i % PALETTE.length], tension: 0.2, pointRadius: 2 };
        })
      },
      options: {
        plugins: { tooltip: { callbacks: { afterLabel: function (item) {
          return data.series[item.datasetIndex].label || "";
        } } } },
        scales: { y: { beginAtZero: true } }
      }
    }, function (el) {
      var s = data.series[el.datasetIndex];
      return searchUrl(data, [s.filter, "date:" + data.years[el.index]]);
    });
    table(["Tag", "Meaning", "Cables"], data.series.map(function (s) {
      return [s.tag, s.label, s.total];
    }));
  }

  function mix(data) {
    var classes = data.classifications;
    draw({
      type: "bar",
      data: {
        labels: data.origins.map(function (o) { return o.origin; }),
        datasets: classes.map(function (c, i) {
          return { label: c, backgroundColor: colourOf(c, i),
                   data: data.origins.map(function (o) { return o.counts[c] || 0; }) };
        })
      },
      options: {
        indexAxis: "y",
        scales: stackedScales(true),
        plugins: { tooltip: { callbacks: { afterLabel: function (item) {
          var o = data.origins[item.dataIndex];
          return Math.round(100 * item.raw / o.total) + "% of " + number(o.total);
        } } } }
      }
    }, function (el) {
      var o = data.origins[el.index];
      return searchUrl(data, [o.filter, data.class_filters[classes[el.datasetIndex]] || ""]);
    });
    table(["Origin", "Cables"].concat(classes), data.origins.map(function (o) {
      return [o.origin, o.total].concat(classes.map(function (c) { return o.counts[c] || 0; }));
    }));
  }

  function compare(data) {
    draw({
      type: "line",
      data: {
        labels: data.months,
        datasets: data.queries.map(function (side, i) {
          return { label: side.understood || "every cable", data: side.counts,
                   borderColor: PALETTE[i], backgroundColor: PALETTE[i],
                   pointRadius: 0, borderWidth: 1.5, tension: 0.1 };
        })
      },
      options: { interaction: { mode: "nearest", intersect: false },
                 scales: { y: { beginAtZero: true } } }
    }, function (el) {
      var side = data.queries[el.datasetIndex];
      return searchUrl({ search: side.search }, ["date:" + data.months[el.index]]);
    });
    table(["Query", "Cables", "Undated"], data.queries.map(function (side) {
      return [side.understood || "every cable", side.total, side.undated];
    }));
  }

  // -- the world map --------------------------------------------------------------------

  function loadWorld() {
    if (world) return Promise.resolve(world);
    return fetch("/static/vendor/countries-110m.json").then(function (answer) {
      if (!answer.ok) throw new Error("the world map is missing: run make vendor");
      return answer.json();
    }).then(function (topology) {
      world = window.topojson.feature(topology, topology.objects.countries).features;
      return world;
    });
  }

  function steps(largest) {
    // Six classes on a log scale: a few posts send most cables.
    var out = [];
    for (var i = 1; i <= MAP_STEPS.length; i++) {
      out.push(Math.max(1, Math.round(Math.pow(largest, i / MAP_STEPS.length))));
    }
    return out;
  }

  function svgNode(name, attrs) {
    var el = document.createElementNS("http://www.w3.org/2000/svg", name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }

  function drawMap(data, features) {
    var svg = document.getElementById("map");
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var byKey = {}, byName = {};
    data.countries.forEach(function (c) { byKey[c.key] = c; byName[c.name] = c; });
    var projection = window.d3.geoNaturalEarth1().fitSize([960, 500], { type: "Sphere" });
    var path = window.d3.geoPath(projection);
    svg.appendChild(svgNode("path", { "class": "sphere", d: path({ type: "Sphere" }) }));
    var largest = data.countries.length ? data.countries[0].count : 0;
    var breaks = steps(largest);
    var tooltip = document.getElementById("map-tooltip");
    features.forEach(function (feature) {
      var c = byKey[feature.id] || byName[feature.properties.name];
      var attrs = { "class": "country", d: path(feature) || "" };
      if (c) {
        var step = breaks.findIndex(function (b) { return c.count <= b; });
        attrs["class"] = "country has-cables";
        attrs.fill = MAP_STEPS[step < 0 ? MAP_STEPS.length - 1 : step];
        attrs["data-key"] = c.key;
        attrs["data-count"] = String(c.count);
        attrs.tabindex = "0";
      }
      var shape = svgNode("path", attrs);
      var title = svgNode("title", {});
      title.textContent = (c ? c.name : feature.properties.name) + ": " + number(c ? c.count : 0);
      shape.appendChild(title);
      if (c) {
        shape.addEventListener("mousemove", function (event) {
          tooltip.textContent = c.name + ": " + number(c.count) + " cables (" +
            c.origins.map(function (o) { return o.origin + " " + number(o.count); }).join(", ") + ")";
          var box = svg.parentNode.getBoundingClientRect();
          tooltip.style.left = (event.clientX - box.left + 12) + "px";
          tooltip.style.top = (event.clientY - box.top + 12) + "px";
          show(tooltip, true);
        });
        shape.addEventListener("mouseleave", function () { show(tooltip, false); });
        var go = function () { window.location.href = searchUrl(data, [c.filter]); };
        shape.addEventListener("click", go);
        shape.addEventListener("keydown", function (event) { if (event.key === "Enter") go(); });
      }
      svg.appendChild(shape);
    });
    legend(breaks);
    table(["Country", "Cables", "Posts"], data.countries.map(function (c) {
      return [c.name, c.count, c.origins.map(function (o) { return o.origin; }).join(", ")];
    }).concat(data.unplaced.map(function (o) {
      return ["(not placed) " + o.origin, o.count, o.origin];
    })).concat(data.no_origin ? [["(no origin)", data.no_origin, ""]] : []));
  }

  function legend(breaks) {
    var box = document.getElementById("map-legend");
    while (box.firstChild) box.removeChild(box.firstChild);
    var low = 1;
    breaks.forEach(function (high, i) {
      if (high < low) return;
      var item = document.createElement("span");
      item.className = "legend-item";
      var swatch = svgNode("svg", { width: "14", height: "14", "aria-hidden": "true" });
      swatch.appendChild(svgNode("rect", { width: "14", height: "14", fill: MAP_STEPS[i] }));
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(low === high ? number(low) : number(low) + "–" + number(high)));
      box.appendChild(item);
      low = high + 1;
    });
  }

  // -- the numbers as a table -----------------------------------------------------------

  function table(head, rows) {
    var el = document.getElementById("chart-table");
    while (el.firstChild) el.removeChild(el.firstChild);
    var tr = document.createElement("tr");
    head.forEach(function (h) {
      var th = document.createElement("th");
      th.textContent = h;
      tr.appendChild(th);
    });
    el.appendChild(tr);
    rows.forEach(function (row) {
      var line = document.createElement("tr");
      row.forEach(function (cell) {
        var td = document.createElement("td");
        td.textContent = typeof cell === "number" ? number(cell) : cell;
        if (typeof cell === "number") td.className = "count";
        line.appendChild(td);
      });
      el.appendChild(line);
    });
  }

  // -- state: the address, the filters, the summary -------------------------------------

  function summary(data) {
    var el = document.getElementById("chart-summary");
    var link = document.getElementById("chart-search");
    link.href = data.search;
    var text = data.kind === "compare"
      ? number(data.queries[0].total) + " and " + number(data.queries[1].total) + " cables"
      : number(data.total) + (data.total === 1 ? " cable" : " cables") +
        (data.understood ? " for " + data.understood : "");
    el.textContent = text + " · ";
    el.appendChild(link);
  }

  function activeFilters(p) {
    var list = document.getElementById("active-filters");
    while (list.firstChild) list.removeChild(list.firstChild);
    p.getAll("f").forEach(function (clause) {
      var rest = new URLSearchParams(p);
      rest.delete("f");
      p.getAll("f").forEach(function (g) { if (g !== clause) rest.append("f", g); });
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.className = "remove-filter";
      a.href = "/charts?" + rest.toString();
      a.setAttribute("data-filter", clause);
      a.textContent = clause + " ×";
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function choices(p) {
    // The filters offered are the search API's facets of the cables now charted.
    var ask = new URLSearchParams();
    if (p.get("q")) ask.set("q", p.get("q"));
    p.getAll("f").forEach(function (f) { ask.append("f", f); });
    ask.set("limit", "1");
    return fetch("/search.json?" + ask.toString()).then(function (answer) {
      return answer.ok ? answer.json() : null;
    }).then(function (found) {
      if (!found) return;
      document.querySelectorAll("select.add-filter").forEach(function (select) {
        var facet = select.getAttribute("data-facet");
        while (select.options.length > 1) select.remove(1);
        (found.facets[facet] || []).forEach(function (entry) {
          if (entry.active) return;
          select.add(new Option(entry.value + " (" + number(entry.count) + ")", entry.filter));
        });
        select.value = "";
      });
    });
  }

  function endpoint(p) {
    var kind = kindOf(p);
    var ask = new URLSearchParams();
    ["q", "q2"].forEach(function (k) { if (p.get(k) && (k === "q" || kind === "compare")) ask.set(k, p.get(k)); });
    p.getAll("f").forEach(function (f) { ask.append("f", f); });
    return "/api/chart/" + kind + "?" + ask.toString();
  }

  function render(p) {
    var kind = kindOf(p);
    figure.setAttribute("data-state", "loading");
    show(problem, false);
    show(document.getElementById("chart-box"), kind !== "map");
    show(document.getElementById("map-box"), kind === "map");
    var asked = fetch(endpoint(p), { headers: { Accept: "application/json" } });
    return Promise.all([asked, colours]).then(function (both) {
      var answer = both[0];
      return answer.json().then(function (data) {
        if (!answer.ok) throw new Error(data.error ? data.error.message + "; " + data.error.hint : "failed");
        return data;
      });
    }).then(function (data) {
      if (kind === "map") {
        if (!window.d3 || !window.topojson) throw new Error("the map libraries are missing: run make vendor");
        if (chart) { chart.destroy(); chart = null; }
        return loadWorld().then(function (features) { drawMap(data, features); return data; });
      }
      if (!window.Chart) throw new Error("the chart library is missing: run make vendor");
      ({ timeline: timeline, tags: tags, mix: mix, compare: compare })[kind](data);
      return data;
    }).then(function (data) {
      summary(data);
      figure.setAttribute("data-state", "drawn");
      figure.setAttribute("data-total", String(data.kind === "compare" ? data.queries[0].total : data.total));
    }).catch(function (error) { fail(error.message); });
  }

  function go(p) {
    window.history.pushState(null, "", "/charts?" + p.toString());
    activeFilters(p);
    return Promise.all([render(p), choices(p)]);
  }

  document.querySelectorAll("select.add-filter").forEach(function (select) {
    select.addEventListener("change", function () {
      if (!select.value) return;
      var p = params();
      if (p.getAll("f").indexOf(select.value) < 0) p.append("f", select.value);
      go(p);
    });
  });
  document.getElementById("active-filters").addEventListener("click", function (event) {
    var link = event.target.closest("a.remove-filter");
    if (!link) return;
    event.preventDefault();
    go(new URL(link.href).searchParams);
  });
  var kindSelect = document.getElementById("chart-kind");
  kindSelect.addEventListener("change", function () {
    var p = params();
    p.set("kind", kindSelect.value);
    show(document.querySelector(".compare-only"), kindSelect.value === "compare");
    if (kindSelect.value !== "compare") p.delete("q2");
    go(p);
  });
  window.addEventListener("popstate", function () {
    activeFilters(params());
    render(params());
  });
  document.querySelectorAll(".no-script").forEach(function (el) { show(el, false); });
  render(params());
})();
