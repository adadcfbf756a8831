"""The charts page in a real Chromium: each chart is drawn, follows a filter, and shows the
numbers the search API reports for the same query (read from the Chart.js instance and
from the map's SVG paths)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx

# Set to a folder (docs/screenshots) to save the screenshots the docs show.
SCREENSHOTS = os.environ.get("CABLEBASE_SCREENSHOTS")

# Per dataset of the page's Chart.js chart: its label and the sum of its values.
_DATASETS = """() => Chart.getChart("chart").data.datasets.map(
    d => [d.label, d.data.reduce((a, b) => a + b, 0)])"""


def _get(server_url: str, path: str, **params: Any) -> Any:
    answer = httpx.get(server_url + path, params=params, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _total(server_url: str, q: str, filters: list[str]) -> int:
    return int(_get(server_url, "/search.json", q=q, f=filters, limit=1)["total"])


def _open(page: Any, url: str) -> list[str]:
    """Go to a charts page and wait for its chart; returns the console's complaints."""
    complaints: list[str] = []
    page.on("console", lambda m: complaints.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: complaints.append(str(e)))
    page.goto(url)
    _wait_drawn(page)
    return complaints


def _wait_drawn(page: Any) -> None:
    page.wait_for_selector("#chart-figure[data-state=drawn]", timeout=20_000)


def _choose(page: Any, facet: str, index: int = 1) -> str:
    """Pick a filter from a facet's menu; returns the clause and waits for the new chart."""
    select = page.locator(f'select.add-filter[data-facet="{facet}"]')
    clause = str(select.locator("option").nth(index).get_attribute("value"))
    before = page.get_attribute("#chart-figure", "data-total")
    select.select_option(clause)
    page.wait_for_function(
        "before => document.getElementById('chart-figure').dataset.state === 'drawn'"
        " && document.getElementById('chart-figure').dataset.total !== before",
        arg=before,
        timeout=20_000,
    )
    return clause


def _shot(page: Any, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"charts-{name}.png"), full_page=True)


def _csp_complaints(complaints: list[str]) -> list[str]:
    return [c for c in complaints if "Content Security Policy" in c or "Refused" in c]


def test_timeline_draws_the_search_counts_and_follows_a_filter(page: Any, server_url: str) -> None:
    complaints = _open(page, server_url + "/charts?q=iran")
    api = _get(server_url, "/api/chart/timeline", q="iran")
    drawn = dict(page.evaluate(_DATASETS))
    assert drawn == {s["name"]: s["total"] for s in api["series"]}
    assert sum(drawn.values()) + api["undated"] == _total(server_url, "iran", [])
    _shot(page, "timeline")
    clause = _choose(page, "year", 1)
    assert "f=" in page.url
    narrowed = _get(server_url, "/api/chart/timeline", q="iran", f=[clause])
    drawn = dict(page.evaluate(_DATASETS))
    assert sum(drawn.values()) + narrowed["undated"] == _total(server_url, "iran", [clause])
    assert page.locator("#active-filters .remove-filter").get_attribute("data-filter") == clause
    page.click("#active-filters .remove-filter")
    page.wait_for_function("() => !location.search.includes('f=')")
    _wait_drawn(page)
    assert sum(dict(page.evaluate(_DATASETS)).values()) == sum(api["month_totals"])
    assert _csp_complaints(complaints) == []


def test_map_paints_each_country_with_its_count_and_follows_a_filter(
    page: Any, server_url: str
) -> None:
    complaints = _open(page, server_url + "/charts?q=iran&kind=map")

    def painted() -> dict[str, int]:
        paths = page.locator("#map path.has-cables")
        keys = paths.evaluate_all("ps => ps.map(p => [p.dataset.key, Number(p.dataset.count)])")
        return dict(keys)

    api = _get(server_url, "/api/chart/map", q="iran")
    shown = painted()
    assert len(shown) >= len(api["countries"]) - 2  # a few posts have no shape at 1:110m
    for country in api["countries"]:
        if country["key"] in shown:
            assert shown[country["key"]] == country["count"]
    top = api["countries"][0]
    assert shown[top["key"]] == _total(server_url, "iran", [top["filter"]])
    assert page.locator("#map-legend .legend-item").count() >= 2
    _shot(page, "map")
    clause = _choose(page, "classification", 1)
    narrowed = _get(server_url, "/api/chart/map", q="iran", f=[clause])
    shown = painted()
    assert shown == {c["key"]: c["count"] for c in narrowed["countries"] if c["key"] in shown}
    first = narrowed["countries"][0]
    assert shown[first["key"]] == _total(server_url, "iran", [clause, first["filter"]])
    # A country leads to the search for its posts, with the same number of cables (by key:
    # a country's middle may be sea, France's lies between Europe and Guiana).
    page.locator(f'#map path[data-key="{first["key"]}"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?**")
    assert int(page.inner_text(".total strong").replace(",", "")) == first["count"]
    assert _csp_complaints(complaints) == []


def test_tags_chart_draws_each_tag_per_year(page: Any, server_url: str) -> None:
    _open(page, server_url + "/charts?q=iran&kind=tags")
    api = _get(server_url, "/api/chart/tags", q="iran")
    drawn = page.evaluate(_DATASETS)
    assert [label for label, _ in drawn] == [s["tag"] for s in api["series"]]
    for (tag, n), series in zip(drawn, api["series"], strict=True):
        assert n + series["undated"] == _total(server_url, "iran", [f"tag:{tag}"])
    _shot(page, "tags")
    clause = _choose(page, "origin", 1)
    for (tag, n), series in zip(
        page.evaluate(_DATASETS),
        _get(server_url, "/api/chart/tags", q="iran", f=[clause])["series"],
        strict=True,
    ):
        assert n + series["undated"] == _total(server_url, "iran", [clause, f"tag:{tag}"])


def test_mix_chart_draws_each_origin_by_classification(page: Any, server_url: str) -> None:
    _open(page, server_url + "/charts?kind=mix")
    api = _get(server_url, "/api/chart/mix")
    per_origin = page.evaluate(
        """() => { const c = Chart.getChart("chart");
            return c.data.labels.map((label, i) =>
                [label, c.data.datasets.reduce((a, d) => a + d.data[i], 0)]); }"""
    )
    assert [o for o, _ in per_origin] == [o["origin"] for o in api["origins"]]
    for (_, n), origin in zip(per_origin[:3], api["origins"], strict=False):
        assert n == _total(server_url, "", [origin["filter"]])
    _shot(page, "mix")


def test_compare_draws_two_queries_on_one_timeline(page: Any, server_url: str) -> None:
    _open(page, server_url + "/charts?kind=compare&q=iran&q2=iraq")
    api = _get(server_url, "/api/chart/compare", q="iran", q2="iraq")
    drawn = page.evaluate(_DATASETS)
    assert len(drawn) == 2
    for (_, n), side, q in zip(drawn, api["queries"], ("iran", "iraq"), strict=True):
        assert n + side["undated"] == _total(server_url, q, [])
    _shot(page, "compare")
    clause = _choose(page, "year", 1)
    for (_, n), q in zip(page.evaluate(_DATASETS), ("iran", "iraq"), strict=True):
        assert n == _total(server_url, q, [clause])  # a year filter leaves nothing undated


def test_search_page_links_to_the_chart_of_its_results(page: Any, server_url: str) -> None:
    page.goto(server_url + "/search?q=iran&f=tag%3APREL")
    page.click("a.chart-link")
    page.wait_for_url("**/charts?q=iran&f=tag%3APREL")
    _wait_drawn(page)
    assert page.get_attribute("#chart-figure", "data-total") == str(
        _total(server_url, "iran", ["tag:PREL"])
    )


def test_charts_fit_a_phone(browser: Any, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        for kind in ("map", "timeline"):
            _open(tab, f"{server_url}/charts?q=iran&kind={kind}")
            assert tab.evaluate("() => document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
