// The reference graph of a cable, drawn with cytoscape from the graph's JSON twin.
// Cables of the archive are filled in their classification's colour; cited cables the
// archive lacks are hollow (dashed: Cablegate has them; dotted: it does not); emails, reports
// and other documents are pale rectangles. Clicking a cable of the archive opens it.
// The page states everything in text too, so nothing here is needed to read it.
(function () {
  "use strict";

  var container = document.getElementById("ref-graph");
  if (!container || typeof window.cytoscape !== "function") return;
  var info = document.querySelector(".ref-graph-info");
  var legendList = document.querySelector(".ref-graph-legend");
  var SVG = "http://www.w3.org/2000/svg";

  function say(text) {
    if (info) info.textContent = text;
  }

  function swatch(colour, dashed) {
    // SVG presentation attributes, not inline style: the page's CSP forbids the latter.
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("aria-hidden", "true");
    var dot = document.createElementNS(SVG, "circle");
    dot.setAttribute("cx", "7");
    dot.setAttribute("cy", "7");
    dot.setAttribute("r", "6");
    dot.setAttribute("fill", colour);
    dot.setAttribute("stroke", "#555");
    if (dashed) dot.setAttribute("stroke-dasharray", dashed);
    svg.appendChild(dot);
    return svg;
  }

  var DASHES = { absent: "3 2", outside: "1 2", unidentified: "1 2" };

  function drawLegend(legend) {
    if (!legendList || !legend) return;
    legendList.textContent = "";
    function add(colour, dashed, text) {
      var item = document.createElement("li");
      item.appendChild(swatch(colour, dashed));
      item.appendChild(document.createTextNode(" " + text));
      legendList.appendChild(item);
    }
    legend.levels.forEach(function (entry) {
      add(entry.colour, null, entry.level.toLowerCase());
    });
    legend.statuses.forEach(function (entry) {
      add(entry.colour, DASHES[entry.status] || null, entry.note);
    });
  }

  function label(node) {
    if (node.kind === "cable") return node.id;
    var text = node.kind + ": " + (node.text || "");
    return text.length > 28 ? text.slice(0, 27) + "…" : text;
  }

  function elements(data) {
    var out = [];
    data.nodes.forEach(function (node) {
      out.push({
        group: "nodes",
        data: {
          id: node.id,
          label: label(node),
          fill: node.fill,
          status: node.status,
          kind: node.kind,
          depth: node.depth,
          url: node.url || "",
          centre: node.id === data.centre ? "yes" : "no",
          about: [node.id, node.note, node.classification, (node.created || "").slice(0, 10), node.subject || node.text]
            .filter(Boolean)
            .join(" · "),
        },
      });
    });
    data.edges.forEach(function (edge, i) {
      out.push({ group: "edges", data: { id: "e" + i, source: edge.source, target: edge.target, status: edge.status } });
    });
    return out;
  }

  var STYLE = [
    {
      selector: "node",
      style: {
        "background-color": "data(fill)",
        "border-width": 1,
        "border-color": "#555",
        label: "data(label)",
        "font-size": 9,
        "font-family": "system-ui, sans-serif",
        color: "#222",
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.75,
        "text-background-padding": 1,
        width: 18,
        height: 18,
      },
    },
    { selector: 'node[status = "absent"]', style: { "border-style": "dashed", "border-width": 2 } },
    { selector: 'node[status = "outside"], node[status = "unidentified"]', style: { "border-style": "dotted", "border-width": 2 } },
    { selector: 'node[status = "non-cable"]', style: { shape: "round-rectangle", width: 22, height: 14 } },
    { selector: 'node[centre = "yes"]', style: { "border-width": 4, "border-color": "#111", width: 26, height: 26, "font-weight": "bold" } },
    { selector: 'node[url != ""]', style: { "underlay-color": "#7a2e1b", "underlay-padding": 0, "underlay-opacity": 0 } },
    {
      selector: "edge",
      style: {
        width: 1.2,
        "line-color": "#9a968c",
        "target-arrow-color": "#9a968c",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.8,
        "curve-style": "bezier",
      },
    },
  ];

  function draw(data) {
    drawLegend(data.legend);
    var deepest = data.nodes.reduce(function (m, n) {
      return Math.max(m, n.depth);
    }, 0);
    var cy = window.cytoscape({
      container: container,
      elements: elements(data),
      style: STYLE,
      // Rings by step: the cable in the middle, what is one citation away around it.
      layout: {
        name: "concentric",
        concentric: function (node) {
          return deepest - node.data("depth");
        },
        levelWidth: function () {
          return 1;
        },
        minNodeSpacing: 28,
        animate: false,
      },
      wheelSensitivity: 0.2,
      maxZoom: 3,
    });
    cy.on("tap", "node", function (event) {
      var url = event.target.data("url");
      if (url) window.location.href = url;
      else say(event.target.data("about") + " — not in this archive");
    });
    cy.on("mouseover", "node", function (event) {
      say(event.target.data("about"));
      container.classList.toggle("over-link", !!event.target.data("url"));
    });
    cy.on("mouseout", "node", function () {
      container.classList.remove("over-link");
    });
    container.cy = cy; // for the browser tests and the curious, from the console
    container.setAttribute("data-nodes", String(data.nodes.length));
    container.setAttribute("data-state", "ready");
    if (data.truncated) say(data.notes.join(" "));
  }

  fetch(container.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error("the graph could not be loaded (" + response.status + ")");
      return response.json();
    })
    .then(draw)
    .catch(function (error) {
      container.setAttribute("data-state", "failed");
      say(String(error.message || error));
    });
})();
