"""The reference graph in the reading room: its JSON, its page, and cytoscape in a real Chromium."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from cablebase.graph.style import HOLLOW, LEVEL_COLOURS
from tests.web.hostile import HOSTILE_ID, MARKER

PARIS = "05PARIS2333"  # in the archive; the hostile cable cites it
STATE = "09STATE77"  # cited by the hostile cable; Cablegate does not hold it
SCREENSHOTS = os.environ.get("CABLEBASE_SCREENSHOTS")


def test_graph_json_of_the_hostile_cable(client: TestClient) -> None:
    data = client.get(f"/cable/{HOSTILE_ID}/graph.json").json()
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == {HOSTILE_ID, PARIS, STATE}
    assert nodes[HOSTILE_ID]["depth"] == 0 and nodes[HOSTILE_ID]["url"] == f"/cable/{HOSTILE_ID}"
    assert nodes[PARIS]["status"] == "resolved" and nodes[PARIS]["in_cablegate"] is True
    assert nodes[PARIS]["fill"] == LEVEL_COLOURS[nodes[PARIS]["level"]]
    assert nodes[STATE] | {"status": "outside", "url": None, "in_archive": False} == nodes[STATE]
    assert nodes[STATE]["fill"] == HOLLOW
    assert {(e["source"], e["target"], e["label"]) for e in data["edges"]} == {
        (HOSTILE_ID, PARIS, "A"),
        (HOSTILE_ID, STATE, "B"),
    }
    assert data["cable_url"] == f"/cable/{HOSTILE_ID}" and data["truncated"] is False
    back = client.get(f"/cable/{PARIS}/graph.json?direction=cited-by").json()
    assert HOSTILE_ID in {n["id"] for n in back["nodes"]}
    assert client.get(f"/cable/{PARIS.lower()}/graph.json", follow_redirects=False).headers[
        "location"
    ] == (f"/cable/{PARIS}/graph.json")


def test_graph_errors_have_the_one_shape(client: TestClient) -> None:
    missing = client.get("/cable/99NOWHERE1/graph.json")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    deep = client.get(f"/cable/{PARIS}/graph.json?depth=9")
    assert deep.status_code == 400 and deep.json()["error"]["code"] == "bad_parameter"
    sideways = client.get(f"/cable/{PARIS}/graph?direction=sideways")
    assert sideways.status_code == 400 and "text/html" in sideways.headers["content-type"]


def test_graph_page_works_without_script(client: TestClient) -> None:
    html = client.get(f"/cable/{HOSTILE_ID}/graph?depth=2").text
    assert f'<a href="/cable/{PARIS}">{PARIS}</a>' in html
    assert 'data-src="/cable/09PARIS9901/graph.json?depth=2"' in html
    assert "<script>" not in html and " style=" not in html
    assert "a cable Cablegate does not hold" in html
    assert '<strong aria-current="true">2</strong>' in html


def test_most_cited_json_and_page(client: TestClient) -> None:
    data = client.get(f"/most-cited.json?q={MARKER}").json()
    assert data["total"] == 1 and data["effective_query"] == MARKER
    assert {c["reference_id"] for c in data["most_cited"]} == {PARIS, STATE}
    paris = next(c for c in data["most_cited"] if c["reference_id"] == PARIS)
    assert paris["within"] == 1 and paris["overall"] >= 1 and paris["url"] == f"/cable/{PARIS}"
    assert paris["filter"] == f"cites:{PARIS}"
    assert paris["filter_url"] == f"/search?q={MARKER}&f=cites%3A{PARIS}"
    state = next(c for c in data["most_cited"] if c["reference_id"] == STATE)
    assert state["status"] == "outside" and state["url"] is None
    html = client.get(f"/most-cited?q={MARKER}").text
    assert (
        f'<a href="/cable/{PARIS}">{PARIS}</a>' in html
        and "a cable Cablegate does not hold" in html
    )
    search = client.get(f"/search.json?q={MARKER}").json()
    assert search["most_cited_url"] == f"/most-cited?q={MARKER}"
    bad = client.get("/most-cited.json?q=%22unclosed")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_query"


def _ready(page: Any) -> None:
    page.wait_for_selector('#ref-graph[data-state="ready"]', timeout=15_000)


def test_the_graph_draws_the_neighbourhood_and_a_click_opens_a_cable(
    page: Any, server_url: str
) -> None:
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on(
        "console",
        lambda m: (
            problems.append(f"{m.text} {m.location.get('url')}") if m.type == "error" else None
        ),
    )
    page.goto(f"{server_url}/cable/{HOSTILE_ID}")
    _ready(page)
    ids = page.evaluate("document.getElementById('ref-graph').cy.nodes().map(n => n.id())")
    assert sorted(ids) == sorted([HOSTILE_ID, PARIS, STATE])
    fills = page.evaluate(
        "Object.fromEntries(document.getElementById('ref-graph').cy.nodes()"
        ".map(n => [n.id(), n.style('background-color')]))"
    )
    assert fills[STATE] == "rgb(255,255,255)"
    assert fills[PARIS] != fills[STATE]
    assert page.locator(".ref-graph-legend li").count() == len(LEVEL_COLOURS) + 1 + 4
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # No CSP refusal, no script error; the browser's own favicon request is no concern.
    assert [p for p in problems if not p.endswith("/favicon.ico")] == []
    # A node that is not in the archive says so and goes nowhere.
    _click_node(page, STATE)
    assert "not in this archive" in page.inner_text(".ref-graph-info")
    assert page.url.endswith(f"/cable/{HOSTILE_ID}")
    _click_node(page, PARIS)
    page.wait_for_url(f"**/cable/{PARIS}")
    _ready(page)  # the cited cable has its own graph, in which the hostile cable cites it
    ids = page.evaluate("document.getElementById('ref-graph').cy.nodes().map(n => n.id())")
    assert HOSTILE_ID in ids


def _click_node(page: Any, node_id: str) -> None:
    canvas = page.locator("#ref-graph")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    where = page.evaluate(
        "id => document.getElementById('ref-graph').cy.getElementById(id).renderedPosition()",
        node_id,
    )
    page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])


def test_the_graph_page_and_its_screenshot(page: Any, server_url: str) -> None:
    page.goto(f"{server_url}/cable/09BERLIN1167/graph?depth=2")
    _ready(page)
    count = int(page.get_attribute("#ref-graph", "data-nodes"))
    assert count == page.locator(".graph-nodes tbody tr").count() > 5
    page.click(".graph-controls a:text('cites')")
    page.wait_for_url("**direction=cites**")
    _ready(page)
    if SCREENSHOTS:
        page.goto(f"{server_url}/cable/09BERLIN1167/graph?depth=2")
        _ready(page)
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / "graph.png"), full_page=False)


def test_the_most_cited_panel_filters_the_search(page: Any, server_url: str) -> None:
    page.goto(f"{server_url}/search?q=germany")
    page.wait_for_selector('.most-cited[data-state="ready"]', timeout=15_000)
    panel = page.locator(".most-cited")
    expected = page.request.get(f"{server_url}/most-cited.json?q=germany").json()["most_cited"]
    assert panel.locator("li").count() == len(expected) >= 3
    assert panel.locator("a.cited").all_inner_texts() == [c["reference_id"] for c in expected]
    first = panel.locator("a.facet-value").first
    clause = first.get_attribute("data-filter")
    within = int(first.inner_text().replace(",", ""))
    first.click()
    page.wait_for_url("**f=cites%3A**")
    assert int(page.inner_text(".total strong").replace(",", "")) == within
    assert page.locator(".active-filters .remove-filter").inner_text().startswith(clause)
    page.wait_for_selector('.most-cited[data-state="ready"]', timeout=15_000)
    assert page.locator(".most-cited a.facet-value.active").count() == 1


def test_graph_pages_are_safe_and_fit_a_phone(browser: Any, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    for path in (f"/cable/{HOSTILE_ID}/graph?depth=2", f"/most-cited?q={MARKER}"):
        tab.goto(server_url + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    tab.goto(f"{server_url}/cable/{HOSTILE_ID}/graph")
    _ready(tab)
    # The hostile subject is in the table as text, and in the graph's hover line as text.
    assert "<script>window.__pwned=1</script>" in tab.inner_text(".graph-nodes")
    assert tab.locator("main script, main img").count() == 0
    assert tab.evaluate("typeof window.__pwned") == "undefined"
    context.close()
