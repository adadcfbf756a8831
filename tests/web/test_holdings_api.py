"""The coverage page, the export with chosen fields and the citations, in process, against the
web archive (1,310 Cablegate pages and one hostile cable whose id Cablegate never had)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from fastapi.testclient import TestClient

from cablebase.service import Archive
from tests.web.hostile import HOSTILE_ID, PAYLOAD_SCRIPT
from tests.web.test_api import get_html, get_json

QUERY = "tag:PTER"
FIELDS = "reference_id,created,origin,subject,tags,citation_chicago,citation_bibtex"


def test_coverage_json_is_the_archive_against_cablegate(
    client: TestClient, web_archive: Path
) -> None:
    data = get_json(client, "/coverage.json")
    with Archive.open(web_archive) as archive:
        found = archive.holdings()
    assert (data["known"], data["held"], data["missing"]) == (251_207, found.held, found.missing)
    assert data["held"] == 1310  # every corpus page is a Cablegate cable
    # The hostile cable's id is not a Cablegate id: counted apart, under its own origin.
    outside = data["not_in_collection"]
    assert outside["held"] == 1 and outside["cells"][0]["year"] == 2009
    assert sum(o["held"] for o in data["origins"]) == data["held"]
    assert sum(o["known"] for o in data["origins"]) == data["known"]
    knowns = [o["known"] for o in data["origins"]]
    assert knowns == sorted(knowns, reverse=True)  # default order: -known
    rows = data["heatmap"]["rows"]
    assert len(rows) == len(data["origins"]) and len(rows[0]["cells"]) == len(data["years"])
    by_accept = client.get("/coverage", headers={"Accept": "application/json"}).json()
    assert by_accept == data


def test_a_heat_map_cell_links_to_the_search_of_its_origin_and_year(client: TestClient) -> None:
    data = get_json(client, "/coverage.json")
    cells = [c for row in data["heatmap"]["rows"] for c in row["cells"] if c and c["held"]]
    biggest = max(cells, key=lambda c: c["held"])
    hits = get_json(client, biggest["url"].replace("/search?", "/search.json?"))
    assert hits["total"] == biggest["held"] > 10
    assert {h["created"][:4] for h in hits["hits"]} == {str(biggest["year"])}


def test_coverage_filters_and_sorts(client: TestClient) -> None:
    paris = get_json(client, "/coverage.json?origin=paris&sort=share")
    assert {o["origin"] for o in paris["origins"]} == {"Embassy Paris"}
    spain = get_json(client, "/coverage.json?country=Spain&sort=origin")
    names = [o["origin"] for o in spain["origins"]]
    assert names == sorted(names) and "Embassy Madrid" in names and len(names) > 1
    assert all(o["country"] == "Spain" for o in spain["origins"])
    africa = get_json(client, "/coverage.json?region=africa")
    assert {o["region"] for o in africa["origins"]} == {"Africa"} and "Embassy Nairobi" in {
        o["origin"] for o in africa["origins"]
    }
    assert "Africa" in africa["regions"] and len(africa["regions"]) == 7
    error = get_json(client, "/coverage.json?origin=nowhere-at-all", status=404)["error"]
    assert "no origin of Cablegate matches" in error["message"]
    assert get_json(client, "/coverage.json?sort=size", status=400)["error"]["code"] == (
        "bad_parameter"
    )


def test_coverage_csv_twin(client: TestClient) -> None:
    answer = client.get("/coverage.csv?country=France")
    assert answer.headers["content-type"].startswith("text/csv")
    assert "cablegate-coverage.csv" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    data = get_json(client, "/coverage.json?country=France")
    assert sum(int(r["known"]) for r in rows) == data["known"]
    assert sum(int(r["held"]) for r in rows if r["in_collection"] == "yes") == data["held"]


def test_coverage_page_escapes_origins_and_links_cells(client: TestClient) -> None:
    html = get_html(client, "/coverage")
    assert 'id="heatmap"' in html and 'class="shade-' in html and "/static/coverage.js" in html
    assert 'href="/search?f=origin%3A%22Embassy+Paris%22&amp;f=date%3A2005"' in html
    assert PAYLOAD_SCRIPT not in html  # the hostile origin, listed as held outside Cablegate
    assert "&lt;script&gt;" in html


def _hits(client: TestClient, query: str) -> dict[str, dict[str, Any]]:
    """Every hit of the search API, paged through, in its order (oldest first)."""
    out: dict[str, dict[str, Any]] = {}
    url: str | None = f"/search.json?q={query}&sort=date&limit=100"
    while url:
        page = get_json(client, url)
        out.update((h["reference_id"], h) for h in page["hits"])
        url = page["next"].replace("/search?", "/search.json?") if page["next"] else None
    return out


def test_exports_with_chosen_fields_equal_the_search_hits(client: TestClient) -> None:
    hits = _hits(client, QUERY)
    order = list(hits)
    base = f"/export?q={QUERY}&sort=date&fields={FIELDS}"

    answer = client.get(base + "&format=csv")
    assert 'filename="cables-tag-pter.csv"' in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0]) == FIELDS.split(",")
    assert [r["reference_id"] for r in rows] == order and len(order) > 100
    for row in rows:
        hit = hits[row["reference_id"]]
        assert (row["created"], row["origin"], row["subject"]) == (
            hit["created"] or "",
            hit["origin"] or "",
            hit["subject"],
        )
        assert row["tags"].split("|") == hit["tags"]
        assert row["citation_bibtex"].startswith(f"@misc{{cable:{row['reference_id']},")

    lines = [json.loads(line) for line in client.get(base + "&format=jsonl").text.splitlines()]
    assert [r["reference_id"] for r in lines] == order
    assert all(r["tags"] == hits[r["reference_id"]]["tags"] for r in lines)  # lists stay lists
    assert list(lines[0]) == FIELDS.split(",")

    table = pq.read_table(io.BytesIO(client.get(base + "&format=parquet").content))
    assert table.column_names == FIELDS.split(",")
    assert table.column("reference_id").to_pylist() == order
    assert table.column("citation_chicago").to_pylist() == [r["citation_chicago"] for r in rows]


def test_export_citation_is_the_cable_pages_citation(client: TestClient) -> None:
    rows = client.get(f"/export?q=id:{HOSTILE_ID}&format=jsonl&fields=citation_chicago").text
    page = get_json(client, f"/cable/{HOSTILE_ID}.json")
    assert json.loads(rows)["citation_chicago"] == page["citations"]["chicago"]


def test_export_refuses_unknown_fields(client: TestClient) -> None:
    error = get_json(client, "/export.json?q=x&fields=reference_id,secret", status=400)["error"]
    assert "unknown export field(s) secret" in error["message"]


def test_search_page_offers_the_export_form(client: TestClient) -> None:
    data = get_json(client, "/search.json?q=terrorism&f=tag:PREL")
    form = data["export_form"]
    assert form["q"] == "terrorism tag:PREL" and form["filename"]["csv"] == (
        "cables-terrorism-tag-prel.csv"
    )
    ticked = [f["name"] for f in form["fields"] if f["default"]]
    assert "reference_id" in ticked and "citation_chicago" in ticked and "body" not in ticked
    html = get_html(client, "/search?q=terrorism")
    assert 'id="export-form"' in html and 'value="citation_bibtex"' in html


def test_cable_citations_in_json_and_page(client: TestClient) -> None:
    data = get_json(client, "/cable/05PARIS2333.json")
    chicago, bibtex = data["citations"]["chicago"], data["citations"]["bibtex"]
    assert chicago == data["citation"] and chicago.endswith(data["permalink"] + ".")
    assert chicago.startswith("Embassy Paris, ") and "telegram 05PARIS2333," in chicago
    assert bibtex.startswith("@misc{cable:05PARIS2333,") and "author = {{Embassy Paris}}" in bibtex
    html = get_html(client, "/cable/05PARIS2333")
    assert 'id="cite-chicago"' in html and 'data-copy="cite-bibtex"' in html
    assert "/static/citation.js" in html
    hostile = get_json(client, f"/cable/{HOSTILE_ID}.json")["citations"]["bibtex"]
    assert "window.\\_\\_pwned=1" in hostile  # TeX's specials escaped
    assert get_html(client, f"/cable/{HOSTILE_ID}").count(PAYLOAD_SCRIPT) == 0
