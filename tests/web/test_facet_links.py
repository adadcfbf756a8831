"""A classification facet entry's link finds exactly the cables the entry counts.

``classification:UNCLASSIFIED`` alone means the level (UNCLASSIFIED//FOR OFFICIAL USE ONLY
too), so an entry of a bare level links to a clause that leaves the level's other values
out. Followed, the link lands on a page where that entry is the active filter.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

JSON = {"Accept": "application/json"}
# Every cable, a word, a tag, a word within a year, and a query matching most of the archive
# (its facets are counted from the complement).
QUERIES: list[tuple[str, list[str]]] = [
    ("", []),
    ("iran", []),
    ("", ["tag:PREL"]),
    ("military", ["date:2009"]),
    ("NOT tag:PREL", []),
]


def _page(client: TestClient, url: str) -> dict[str, Any]:
    answer = client.get(url, headers=JSON)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


@pytest.mark.parametrize(("q", "filters"), QUERIES)
def test_each_classification_link_finds_its_count(
    client: TestClient, q: str, filters: list[str]
) -> None:
    found = client.get("/search", params={"q": q, "f": filters}, headers=JSON).json()
    entries = found["facets"]["classification"]
    assert len(entries) >= 2
    for entry in entries:
        followed = _page(client, entry["url"])
        assert followed["total"] == entry["count"], (entry["value"], entry["filter"])
        [same] = [e for e in followed["facets"]["classification"] if e["value"] == entry["value"]]
        assert same["active"] and same["count"] == entry["count"]
        assert [f["filter"] for f in followed["filters"]] == [*filters, entry["filter"]]


def test_a_bare_level_would_find_more_than_its_entry(client: TestClient) -> None:
    # The corpus holds UNCLASSIFIED and UNCLASSIFIED//FOR OFFICIAL USE ONLY cables: the
    # level's clause alone counts both, the entry's link only the first.
    found = _page(client, "/search?q=")
    [entry] = [e for e in found["facets"]["classification"] if e["value"] == "UNCLASSIFIED"]
    level = _page(client, "/search?f=classification:UNCLASSIFIED")
    assert level["total"] > entry["count"] == _page(client, entry["url"])["total"]
    assert entry["filter"].startswith("(classification:UNCLASSIFIED -classification:")


def test_the_search_page_links_the_exact_clause(client: TestClient) -> None:
    html = client.get("/search", params={"q": "iran"}).text
    assert "f=%28classification%3AUNCLASSIFIED%20-classification%3A" in html
