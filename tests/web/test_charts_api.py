"""The chart endpoints count what the search API counts, for the same query and filters.

Every number a chart shows is checked against an independent count: the search API's
``total`` for the query narrowed by the clause the chart gives that number (the link a
reader follows from the bar or country), or its facet counts.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

# A word, a phrase, a tag filter, a year filter, a query that matches most cables (counted
# from its complement), and every cable.
QUERIES: list[tuple[str, list[str]]] = [
    ("iran", []),
    ('"human rights"', []),
    ("", ["tag:PREL"]),
    ("military", ["date:2009"]),
    ("NOT tag:PREL", []),
    ("", []),
]


def _search(client: TestClient, q: str, filters: list[str]) -> dict[str, Any]:
    answer = client.get("/search.json", params={"q": q, "f": filters, "limit": 1})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _total(client: TestClient, q: str, filters: list[str]) -> int:
    return int(_search(client, q, filters)["total"])


def _chart(client: TestClient, kind: str, q: str, filters: list[str], **extra: Any) -> Any:
    answer = client.get(f"/api/chart/{kind}", params={"q": q, "f": filters, **extra})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    return answer.json()


@pytest.mark.parametrize(("q", "filters"), QUERIES)
def test_timeline_adds_up_to_the_search_total_and_its_facets(
    client: TestClient, q: str, filters: list[str]
) -> None:
    data = _chart(client, "timeline", q, filters)
    found = _search(client, q, filters)
    assert data["total"] == found["total"] > 0
    assert sum(data["month_totals"]) + data["undated"] == found["total"]
    for i, n in enumerate(data["month_totals"]):
        assert sum(s["counts"][i] for s in data["series"]) == n
    # Months summed to years are the search page's year facet.
    per_year: dict[str, int] = {}
    for month, n in zip(data["months"], data["month_totals"], strict=True):
        per_year[month[:4]] = per_year.get(month[:4], 0) + n
    assert {y: n for y, n in per_year.items() if n} == {
        f["value"]: f["count"] for f in found["facets"]["year"]
    }
    classes = {s["name"]: s["total"] for s in data["series"] if s["filter"]}
    assert classes == {f["value"]: f["count"] for f in found["facets"]["classification"]}


def test_timeline_month_and_class_equal_the_search_narrowed_to_them(client: TestClient) -> None:
    data = _chart(client, "timeline", "iran", [])
    busiest = max(range(len(data["months"])), key=lambda i: data["month_totals"][i])
    month = data["months"][busiest]
    assert _total(client, "iran", [f"date:{month}"]) == data["month_totals"][busiest]
    for series in data["series"][:3]:
        expected = series["counts"][busiest]
        assert _total(client, "iran", [f"date:{month}", series["filter"]]) == expected


@pytest.mark.parametrize(("q", "filters"), QUERIES[:4])
def test_map_countries_equal_the_search_for_their_posts(
    client: TestClient, q: str, filters: list[str]
) -> None:
    data = _chart(client, "map", q, filters)
    total = _total(client, q, filters)
    placed = sum(c["count"] for c in data["countries"])
    unplaced = sum(o["count"] for o in data["unplaced"])
    assert placed + unplaced + data["no_origin"] == total
    for country in data["countries"][:4]:
        assert sum(o["count"] for o in country["origins"]) == country["count"]
        assert _total(client, q, [*filters, country["filter"]]) == country["count"]


def test_map_places_posts_in_their_countries(client: TestClient) -> None:
    data = _chart(client, "map", "", [])
    by_name = {c["name"]: c for c in data["countries"]}
    spain = by_name["Spain"]
    assert spain["numeric"] == "724" and spain["alpha2"] == "ES"
    assert "Embassy Madrid" in {o["origin"] for o in spain["origins"]}


@pytest.mark.parametrize(("q", "filters"), QUERIES[:4])
def test_tags_per_year_equal_the_search_for_tag_and_year(
    client: TestClient, q: str, filters: list[str]
) -> None:
    data = _chart(client, "tags", q, filters, top=5)
    found = _search(client, q, filters)
    facet = {f["value"]: f["count"] for f in found["facets"]["tag"]}
    assert [s["tag"] for s in data["series"]] == [f["value"] for f in found["facets"]["tag"][:5]]
    for series in data["series"]:
        assert series["total"] == facet[series["tag"]]
        assert sum(series["counts"]) + series["undated"] == series["total"]
    top = data["series"][0]
    peak = max(range(len(data["years"])), key=lambda i: top["counts"][i])
    year = data["years"][peak]
    assert _total(client, q, [*filters, top["filter"], f"date:{year}"]) == top["counts"][peak]


@pytest.mark.parametrize(("q", "filters"), QUERIES[:4])
def test_mix_equals_the_search_for_origin_and_classification(
    client: TestClient, q: str, filters: list[str]
) -> None:
    data = _chart(client, "mix", q, filters, top=6)
    total = _total(client, q, filters)
    shown = sum(o["total"] for o in data["origins"])
    assert shown + data["other_origins"] + data["no_origin"] == total
    for origin in data["origins"][:2]:
        assert sum(origin["counts"].values()) == origin["total"]
        assert _total(client, q, [*filters, origin["filter"]]) == origin["total"]
        for name, clause in list(data["class_filters"].items())[:3]:
            narrowed = _total(client, q, [*filters, origin["filter"], clause])
            assert narrowed == origin["counts"].get(name, 0)


def test_compare_puts_two_queries_on_the_same_months(client: TestClient) -> None:
    data = _chart(client, "compare", "iran", ["date:2009"], q2="iraq")
    sides = data["queries"]
    assert [s["total"] for s in sides] == [
        _total(client, "iran", ["date:2009"]),
        _total(client, "iraq", ["date:2009"]),
    ]
    for side in sides:
        assert len(side["counts"]) == len(data["months"])
        assert sum(side["counts"]) + side["undated"] == side["total"]
    assert all(m.startswith("2009-") for m in data["months"])


def test_a_query_counted_from_its_complement_adds_up_with_the_rest(client: TestClient) -> None:
    # tag:PREL matches most cables, so it is counted as everything less NOT tag:PREL;
    # with NOT tag:PREL (counted directly) it must give every month of the whole archive.
    every = _chart(client, "timeline", "", [])
    most = _chart(client, "timeline", "tag:PREL", [])
    rest = _chart(client, "timeline", "NOT tag:PREL", [])
    assert most["total"] > every["total"] // 2 > rest["total"]

    def per_month(data: dict[str, Any]) -> dict[str, int]:
        return dict(zip(data["months"], data["month_totals"], strict=True))

    both = per_month(most)
    for month, n in per_month(rest).items():
        both[month] = both.get(month, 0) + n
    assert {m: n for m, n in both.items() if n} == {m: n for m, n in per_month(every).items() if n}


def test_a_bad_query_is_one_json_error_with_its_position(client: TestClient) -> None:
    answer = client.get("/api/chart/map", params={"q": "tag:(PREL"})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "bad_query" and error["position"] >= 0


def test_top_out_of_range_is_refused(client: TestClient) -> None:
    answer = client.get("/api/chart/tags", params={"top": 0})
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_parameter"


def test_the_charts_page_and_its_json_twin(client: TestClient) -> None:
    twin = client.get("/charts.json", params={"q": "iran", "kind": "mix", "f": "date:2009"})
    assert twin.status_code == 200
    data = twin.json()
    api = _chart(client, "mix", "iran", ["date:2009"])
    assert data["origins"] == api["origins"]
    assert data["page"]["endpoint"] == "/api/chart/mix"
    page = client.get("/charts", params={"q": "iran", "kind": "map"})
    assert page.status_code == 200
    assert "<script>" not in page.text and 'src="/static/charts.js"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_the_search_page_links_to_charts_of_its_results(client: TestClient) -> None:
    found = _search(client, "iran", ["tag:PREL"])
    assert found["charts"] == "/charts?q=iran&f=tag%3APREL"
    page = client.get("/search", params={"q": "iran", "f": "tag:PREL"})
    assert 'href="/charts?q=iran&amp;f=tag%3APREL"' in page.text
