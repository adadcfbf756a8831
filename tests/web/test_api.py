"""Every route and its JSON twin, in process, against a real archive."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import httpx
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from cablebase.web.app import CONTENT_SECURITY_POLICY
from tests.web.hostile import HOSTILE_ID

PARIS = "05PARIS2333"  # a Cablegate page in the corpus; the hostile cable cites it


def get_json(client: TestClient, url: str, status: int = 200) -> Any:
    answer = client.get(url)
    assert answer.status_code == status, answer.text[:300]
    assert answer.headers["content-type"].startswith("application/json")
    return answer.json()


def get_html(client: TestClient, url: str, status: int = 200) -> str:
    answer = client.get(url)
    assert answer.status_code == status, answer.text[:300]
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    return answer.text


@pytest.mark.parametrize(
    "path",
    [
        "/search?q=terrorism",
        f"/cable/{PARIS}",
        "/origin/Embassy%20Paris",
        "/tag/PREL",
        "/year/2005",
        "/about",
    ],
)
def test_every_page_has_a_json_twin_by_suffix_and_by_accept(client: TestClient, path: str) -> None:
    html = get_html(client, path)
    assert "<main" in html
    base, _, query = path.partition("?")
    by_suffix = get_json(client, f"{base}.json" + (f"?{query}" if query else ""))
    answer = client.get(path, headers={"Accept": "application/json"})
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json() == by_suffix


def test_csp_forbids_inline_code_and_every_answer_carries_it(client: TestClient) -> None:
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    for url in ("/search", "/cable/NOPE", "/search.json", "/static/reading-room.js"):
        assert client.get(url).headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    html = get_html(client, "/search?q=terrorism")
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_search_json_hits_facets_histogram_and_exports(client: TestClient) -> None:
    data = get_json(client, "/search.json?q=terrorism&f=tag:PREL")
    assert data["effective_query"] == "terrorism tag:PREL"
    assert data["total"] > 20 and len(data["hits"]) == 20
    assert all("PREL" in hit["tags"] for hit in data["hits"])
    assert all("**" in (hit["snippet"] or "**") for hit in data["hits"])
    assert {"origin", "year", "classification", "caveat", "tag"} <= set(data["facets"])
    prel = next(e for e in data["facets"]["tag"] if e["value"] == "PREL")
    assert prel["active"] and prel["count"] == data["total"]
    years = sum(bar["count"] for bar in data["histogram"])
    assert years == data["total"]
    assert set(data["exports"]) == {"csv", "jsonl", "parquet"}
    assert data["filters"][0]["remove_url"] == "/search?q=terrorism"


def test_a_facet_link_adds_its_filter_and_removing_it_restores_the_search(
    client: TestClient,
) -> None:
    before = get_json(client, "/search.json?q=terrorism")
    origin = before["facets"]["origin"][0]
    after = get_json(client, origin["url"].replace("/search?", "/search.json?"))
    assert after["total"] == origin["count"] < before["total"]
    assert all(hit["origin"] == origin["value"] for hit in after["hits"])
    removed = get_json(client, after["filters"][0]["remove_url"].replace("?", ".json?", 1))
    assert removed["total"] == before["total"]


def test_cursor_pagination_walks_every_hit_without_a_cap(client: TestClient) -> None:
    seen: list[str] = []
    url: str | None = "/search.json?q=tag:PREL&sort=date&limit=100"
    while url:
        data = get_json(client, url)
        seen.extend(hit["reference_id"] for hit in data["hits"])
        url = data["next"].replace("/search?", "/search.json?") if data["next"] else None
    assert len(seen) == len(set(seen)) == data["total"] > 1000


def test_sort_by_date_orders_hits(client: TestClient) -> None:
    dates = [h["created"] for h in get_json(client, "/search.json?q=tag:PREL&sort=date")["hits"]]
    assert dates == sorted(dates)
    newest = [h["created"] for h in get_json(client, "/search.json?q=tag:PREL&sort=-date")["hits"]]
    assert newest == sorted(newest, reverse=True)


def test_search_page_shows_help_facets_histogram_and_escaped_snippets(client: TestClient) -> None:
    html = get_html(client, "/search?q=terrorism")
    assert 'class="syntax-help"' in html and "<svg" in html and "<mark>" in html
    assert 'href="/search?q=terrorism&amp;f=tag%3APREL"' in html
    assert "/export?q=terrorism&amp;sort=relevance&amp;format=parquet" in html


def test_cable_json_has_metadata_links_and_citation(client: TestClient) -> None:
    data = get_json(client, f"/cable/{HOSTILE_ID}.json")
    record = data["record"]
    assert record["dtg"] == "141022Z MAR 09" and record["precedence"] == "ROUTINE"
    to = data["decoded"]["to"][0]
    assert (to["route"], to["station"], to["post"]) == ("RUEHC", "STATE", "Secretary of State")
    assert data["decoded"]["info"][0]["post"] == "Embassy Madrid"
    prel = next(t for t in data["decoded"]["tags"] if t["code"] == "PREL")
    assert "External Political Relations" in prel["meanings"][0]["meaning"]
    refs = {r["reference_id"]: r for r in data["references"]}
    assert refs[PARIS]["in_archive"] and refs[PARIS]["url"] == f"/cable/{PARIS}"
    assert not refs["09STATE77"]["in_archive"] and refs["09STATE77"]["url"] is None
    assert (refs[PARIS]["status"], refs["09STATE77"]["status"]) == ("resolved", "outside")
    assert [p["anchor"] for p in data["paragraphs"]] == ["p1", "p2"]
    assert data["permalink"].endswith(f"/cable/{HOSTILE_ID}")
    assert HOSTILE_ID in data["citation"] and data["permalink"] in data["citation"]
    assert "original" in record


def test_cable_page_has_anchors_references_cited_by_and_neighbours(client: TestClient) -> None:
    html = get_html(client, f"/cable/{HOSTILE_ID}")
    assert 'id="p1"' in html and 'href="#p1"' in html and "(C)" in html
    assert f'href="/cable/{PARIS}"' in html and "not a Cablegate cable" in html
    assert "Secretary of State" in html and "RUEHC" in html
    cited = get_json(client, f"/cable/{PARIS}.json")
    assert {"reference_id": HOSTILE_ID, "url": f"/cable/{HOSTILE_ID}"} in cited["cited_by"]
    assert cited["previous"] and cited["next"]
    previous = get_json(client, cited["previous"]["url"] + ".json")
    assert previous["next"]["reference_id"] == PARIS
    assert previous["record"]["origin"] == cited["record"]["origin"]
    assert previous["record"]["created"] <= cited["record"]["created"]


def test_original_text_toggle_shows_the_text_as_ingested(client: TestClient) -> None:
    data = get_json(client, f"/cable/{PARIS}.json")
    html = get_html(client, f"/cable/{PARIS}?text=original")
    first_line = data["record"]["original"].strip().splitlines()[0]
    assert 'class="original"' in html and first_line.strip()[:40] in html
    assert 'class="paragraphs"' not in html


def test_lower_case_id_redirects_to_the_canonical_url(client: TestClient) -> None:
    answer = client.get(f"/cable/{PARIS.lower()}.json", follow_redirects=False)
    assert answer.status_code == 301
    assert answer.headers["location"] == f"/cable/{PARIS}.json"


def test_unknown_ids_and_pages_are_clear_404s_in_one_error_shape(client: TestClient) -> None:
    html = get_html(client, "/cable/99NOWHERE1", status=404)
    assert "no cable 99NOWHERE1 in this archive" in html and "Traceback" not in html
    for url in ("/cable/99NOWHERE1.json", "/tag/ZZZZ.json", "/year/1899.json", "/nowhere.json"):
        error = get_json(client, url, status=404)["error"]
        assert error["status"] == 404 and error["code"] == "not_found" and error["message"]


def test_bad_queries_cursors_and_limits_are_400s_with_position(client: TestClient) -> None:
    error = get_json(client, "/search.json?q=tag:", status=400)["error"]
    assert error["code"] == "bad_query" and error["position"] == 4 and "^" in error["caret"]
    assert get_json(client, "/search.json?cursor=bogus", status=400)["error"]["code"] == (
        "bad_cursor"
    )
    assert get_json(client, "/search.json?limit=1000", status=400)["error"]["code"] == "bad_limit"
    assert get_json(client, "/search.json?sort=up", status=400)["error"]["code"] == (
        "bad_parameter"
    )
    html = get_html(client, "/search?q=(unclosed", status=400)
    assert 'class="caret"' in html


def test_the_server_only_reads(client: TestClient) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        answer = client.request(method, "/search.json")
        assert answer.status_code == 405
        assert answer.json()["error"]["code"] == "read_only"


@pytest.mark.parametrize(
    "path",
    [
        "/search?q=nuclear",
        "/search.json?q=nuclear",
        "/about",
        "/cable/09MADRID347",
        "/static/reading-room.css",
        "/no-such-page",
    ],
)
def test_a_head_request_gets_the_headers_of_its_get(client: TestClient, path: str) -> None:
    # (link checkers and monitors ask HEAD; the routes themselves answer GET only)
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == got.headers["content-length"] != "0"
    assert head.headers["content-security-policy"] == got.headers["content-security-policy"]


def test_a_real_server_answers_head_with_headers_only(server_url: str) -> None:
    for path in ("/search?q=nuclear", "/about", "/static/reading-room.css"):
        got, head = httpx.get(server_url + path), httpx.head(server_url + path)
        assert (head.status_code, head.content) == (200, b""), path
        assert head.headers["content-length"] == got.headers["content-length"], path


def test_browse_pages_list_their_cables(client: TestClient) -> None:
    tag = get_json(client, "/tag/prel.json")
    assert tag["name"] == "PREL" and tag["meanings"][0]["kind"] == "subject"
    assert all("PREL" in hit["tags"] for hit in tag["hits"])
    year = get_json(client, "/year/2005.json")
    assert year["total"] > 0 and all(h["created"].startswith("2005") for h in year["hits"])
    origin = get_json(client, "/origin/Embassy%20Paris.json")
    assert all(hit["origin"] == "Embassy Paris" for hit in origin["hits"])
    assert get_json(client, "/year/20x5.json", status=404)["error"]["code"] == "not_found"


def test_about_counts_the_archive(client: TestClient) -> None:
    data = get_json(client, "/about.json")
    assert data["cables"] == 1311
    assert sum(y["count"] for y in data["by_year"]) == 1311
    assert data["tags"][0]["code"] == "PREL"


def test_docs_page_and_openapi(client: TestClient) -> None:
    html = get_html(client, "/docs")
    assert "/search" in html and "/cable/{reference_id}" in html
    spec = get_json(client, "/openapi.json")
    assert {"/search", "/cable/{reference_id}", "/export", "/about"} <= set(spec["paths"])
    assert get_json(client, "/docs.json") == spec


def test_exports_stream_every_hit_in_three_formats(client: TestClient) -> None:
    total = get_json(client, "/search.json?q=tag:PTER")["total"]
    rows = list(csv.DictReader(io.StringIO(client.get("/export?q=tag:PTER&format=csv").text)))
    assert len(rows) == total and all("PTER" in row["tags"].split("|") for row in rows)
    lines = client.get("/export?q=tag:PTER&format=jsonl").text.splitlines()
    assert len(lines) == total and json.loads(lines[0])["reference_id"] == rows[0]["reference_id"]
    table = pq.read_table(io.BytesIO(client.get("/export?q=tag:PTER&format=parquet").content))
    assert table.num_rows == total
    assert client.get("/export?q=(bad&format=csv").status_code == 400
