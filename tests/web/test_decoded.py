"""The cable page, the search facets and the syntax help with the decoding tables.

Expected meanings are read from shared/reference/ at test time; the cable is a real
Cablegate page of the corpus (SECRET//NOFORN, IMMEDIATE, E.O. 12958, reasons 1.5 (b) and (d)).
"""

from __future__ import annotations

import csv
import html
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cablebase.decode import tag_meaning
from tests.web.test_api import get_html, get_json

RIYADH = "06RIYADH9095"


def reference_rows(reference: Path, name: str, key: str) -> dict[str, dict[str, str]]:
    with (reference / name).open(encoding="utf-8") as fh:
        return {row[key]: row for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def riyadh(client: TestClient) -> Any:
    return get_json(client, f"/cable/{RIYADH}.json")


def test_every_tag_of_the_cable_has_its_kind_and_meaning(riyadh: Any, reference: Path) -> None:
    tags = reference_rows(reference, "tags.csv", "code")
    decoded = riyadh["decoded"]["tags"]
    assert [t["code"] for t in decoded] == riyadh["record"]["tags"]
    for entry in decoded:
        row = tags[entry["code"]]
        (reading,) = [m for m in entry["meanings"] if m["kind"] == row["kind"]]
        assert row["meaning"].endswith(reading["meaning"] or "")  # PlusD prefix moved out
    pter = next(t for t in decoded if t["code"] == "PTER")
    assert pter["meanings"] == [
        {
            "kind": "subject",
            "meaning": "Terrorists and Terrorism",
            "category": "Political Affairs",
        }
    ]


def test_routing_precedence_classification_and_eo_are_explained(
    riyadh: Any, reference: Path
) -> None:
    decoded = riyadh["decoded"]
    routes: dict[str, set[str]] = {}
    with (reference / "routing-indicators.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            routes.setdefault(row["indicator"], set()).add(row["station"])
    to = {a["route"]: a for a in decoded["to"]}
    assert set(to["RUEHC"]["route_stations"]) == routes["RUEHC"]
    assert set(to["RUEATRS"]["route_stations"]) == routes["RUEATRS"]
    assert decoded["precedence"]["letter"] == "O" and decoded["precedence"]["note"]
    caveats = reference_rows(reference, "handling-caveats.csv", "caveat")
    level = decoded["classification"]
    assert (level["level"], level["caveats"][0]["caveat"]) == ("SECRET", "NOFORN")
    assert level["caveats"][0]["meaning"] == caveats["NOFORN"]["meaning"]
    assert {c["caveat"]: c["meaning"] for c in decoded["caveats"]} == {
        c: caveats[c]["meaning"] for c in riyadh["record"]["caveats"]
    }
    orders = reference_rows(reference, "executive-orders.csv", "eo")
    assert decoded["executive_order"]["title"] == orders["12958"]["title"]
    assert [r["letter"] for r in decoded["reasons"]] == ["b", "d"]
    assert decoded["reasons"][0]["reason"] == "foreign government information"


def test_the_cable_page_shows_the_decoding(client: TestClient, riyadh: Any) -> None:
    page = html.unescape(get_html(client, f"/cable/{RIYADH}"))
    assert 'title="PTER: Terrorists and Terrorism"' in page
    assert "Terrorists and Terrorism" in page and "Political Affairs" in page
    stations = "; ".join(
        next(a for a in riyadh["decoded"]["to"] if a["route"] == "RUEHC")["route_stations"]
    )
    assert f'title="routing indicator: {stations}">RUEHC</abbr>' in page
    assert "No Foreign Distribution" in page
    assert riyadh["decoded"]["precedence"]["note"] in page
    assert "Executive Order 12958, Classified National Security Information" in page
    assert "foreign government information" in page


def test_facets_carry_meanings(client: TestClient) -> None:
    data = get_json(client, "/search.json?q=tag:terrorism")
    entries = data["facets"]["tag"]
    assert entries and all(e["meaning"] == tag_meaning(e["value"]) for e in entries)
    assert next(e for e in entries if e["value"] == "PTER")["meaning"] == (
        "Terrorists and Terrorism"
    )
    noforn = [e for e in data["facets"]["caveat"] if e["value"] == "NOFORN"]
    assert noforn and noforn[0]["meaning"] == "No Foreign Distribution"
    assert all(e["meaning"] is None for e in data["facets"]["origin"])
    page = get_html(client, "/search?q=tag:terrorism")
    assert '<span class="facet-meaning">Terrorists and Terrorism</span>' in page


def test_tag_by_meaning_is_the_union_of_its_codes_and_documented(client: TestClient) -> None:
    by_word = get_json(client, "/search.json?q=tag:terrorism&limit=1")["total"]
    by_code = get_json(client, "/search.json?q=tag:PTER OR tag:TERRORISM&limit=1")["total"]
    assert by_word == by_code > 0
    said = get_json(client, "/search.json?q=tag:terrorism -tag:PREL tag:(korea OR zzqx)")
    assert said["tag_words"] == [
        {"words": "TERRORISM", "codes": [{"code": "PTER", "meaning": "Terrorists and Terrorism"}]},
        {"words": "KOREA", "codes": [{"code": c, "meaning": tag_meaning(c)} for c in ("KN", "KS")]},
    ]
    page = html.unescape(get_html(client, "/search?q=tag:terrorism"))
    assert '<code>tag:terrorism</code> stands for TAGS <a href="/tag/PTER"' in page
    assert "tag:terrorism" in get_html(client, "/search")


def test_the_tag_page_names_the_category(client: TestClient) -> None:
    pter = get_json(client, "/tag/pter.json")
    assert pter["meanings"] == [
        {"kind": "subject", "meaning": "Terrorists and Terrorism", "category": "Political Affairs"}
    ]
    assert "(Political Affairs)" in get_html(client, "/tag/PTER")
