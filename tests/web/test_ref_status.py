"""REF entries classed in words: on the cable page (and its JSON twin) and on /about.

Corpus cables with every class: 08LONDON1412 cites a cable of this archive, a Cablegate
cable the archive lacks, an id Cablegate does not hold, an email and other documents;
08STOCKHOLM494 cites a cable by DTG (no id can be read) and a report.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from cablebase.graph import ReferenceStatus
from cablebase.parse.reference_id import is_cablegate_id
from cablebase.service import Archive
from cablebase.web.ref_status import classed_references

LONDON = "08LONDON1412"
STOCKHOLM = "08STOCKHOLM494"
JSON = {"Accept": "application/json"}


def _refs(client: TestClient, reference_id: str) -> dict[str, dict[str, Any]]:
    data = client.get(f"/cable/{reference_id}.json").json()
    return {r["label"]: r for r in data["references"]}


def _items(html: str) -> dict[str, str]:
    """The references list of a cable page: label -> the item's text, tags removed."""
    section = html.split('<section class="references">', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<span class="ref-label">(\w+)\.</span>(.*?)</li>', section, re.S)
    return {label: " ".join(re.sub(r"<[^>]+>", " ", body).split()) for label, body in items}


def test_each_reference_says_its_class(client: TestClient) -> None:
    refs = _refs(client, LONDON)
    assert {k: r["status"] for k, r in refs.items()} == {
        "A": "resolved",
        "B": "non-cable",
        "C": "absent",
        "D": "non-cable",
        "E": "resolved",
        "F": "outside",
        "G": "non-cable",
    }
    words = {k: r["status_words"] for k, r in refs.items()}
    assert words["C"] == "Cablegate cable not in this archive"
    assert words["F"] == "not a Cablegate cable"
    assert (words["B"], words["G"]) == ("other document", "email")
    for ref in refs.values():
        cited = ref["reference_id"]
        opened = client.get(f"/cable/{cited}.json").status_code if cited else None
        if ref["status"] == "resolved":
            assert ref["url"] == f"/cable/{cited}" and opened == 200
        else:
            assert ref["url"] is None and not ref["in_archive"]
        if ref["status"] in ("absent", "outside"):
            assert opened == 404
            assert is_cablegate_id(cited) == (ref["status"] == "absent")
    html = _items(client.get(f"/cable/{LONDON}").text)
    assert html["C"] == "LONDON 1159 08LONDON1159 Cablegate cable not in this archive"
    assert html["F"] == "LONDON 1064 08LONDON1064 not a Cablegate cable"
    assert html["G"] == "TREMONT-PMAT EMAIL APRIL 16 email"
    assert html["A"] == "LONDON 1350 08LONDON1350"
    assert "not in this archive" not in html["B"] + html["D"]


def test_a_reference_without_an_id_and_a_report(client: TestClient) -> None:
    refs = _refs(client, STOCKHOLM)
    assert (refs["A"]["status"], refs["A"]["status_words"]) == (
        "unidentified",
        "no id could be read",
    )
    assert refs["A"]["reference_id"] is None
    assert (refs["B"]["status"], refs["B"]["status_words"]) == ("non-cable", "report")
    html = _items(client.get(f"/cable/{STOCKHOLM}").text)
    assert html["A"].endswith("no id could be read") and html["B"].endswith("report")


def test_about_counts_the_classes_the_cable_pages_show(
    client: TestClient, web_archive: Path
) -> None:
    data = client.get("/about", headers=JSON).json()["references"]
    # Counted again cable by cable, the way each cable page classes its entries.
    shown = dict.fromkeys((s.value for s in ReferenceStatus), 0)
    kinds: dict[str, int] = {}
    with Archive.open(web_archive) as arc:
        ids = [row[0] for row in arc.store.conn.execute("SELECT reference_id FROM cables")]
        for reference_id in ids:
            entries = arc.get(reference_id).get("references") or []
            cited = [e["reference_id"] for e in entries if e.get("reference_id")]
            for entry in classed_references(entries, arc.known(cited)):
                shown[entry["status"]] += 1
                if entry["status"] == "non-cable":
                    kinds[entry["kind"]] = kinds.get(entry["kind"], 0) + 1
    assert {s["status"]: s["count"] for s in data["by_status"]} == shown
    assert all(data[status] == n for status, n in shown.items())
    assert data["total"] == sum(shown.values()) > 1000
    assert {k["kind"]: k["count"] for k in data["non_cable_kinds"]} == kinds
    cables = data["total"] - shown["non-cable"]
    assert data["cable_references"] == cables
    assert data["resolution_rate"] == round(shown["resolved"] / cables, 4)
    assert min(shown.values()) > 0  # the corpus has entries of every class

    html = client.get("/about").text
    section = html.split('<section class="reference-counts">', 1)[1].split("</section>", 1)[0]
    text = " ".join(re.sub(r"<[^>]+>", " ", section).split())
    assert f"{data['total']:,} REF entries" in text
    assert f"{shown['resolved'] / cables:.1%} of the {cables:,} that cite a cable" in text
    assert f"absent {shown['absent']:,} Cablegate cable not in this archive" in text
    assert f"unidentified {shown['unidentified']:,} no id could be read" in text
    assert f"email {kinds['email']:,}" in text
