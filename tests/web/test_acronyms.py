"""Acronyms in the reading room: tooltips in the cable text, glossaries, the expansion toggle.

The web archive holds the Cablegate pages of the corpus; Baghdad's cables define GOI as the
Government of Iraq, and 07BAGHDAD3504 writes GOI, and CPA, which no Baghdad cable defines.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from cablebase.service import Archive
from tests.acronyms.cables import write_cables
from tests.web.conftest import serving

BAGHDAD = "07BAGHDAD3504"
SCREENSHOTS = os.environ.get("CABLEBASE_SCREENSHOTS")
_ABBR = re.compile(r'<abbr class="([^"]+)"(?: tabindex="0")? title="([^"]*)">([^<]*)</abbr>')


def test_cable_page_explains_acronyms_with_the_origins_meaning(client: TestClient) -> None:
    page = client.get(f"/cable/{BAGHDAD}")
    assert page.status_code == 200
    marks = {(text, kind, title) for kind, title, text in _ABBR.findall(page.text)}
    goi = {(kind, title) for text, kind, title in marks if text == "GOI"}
    assert goi == {("acronym", "Government of Iraq (as 2 cable(s) of Embassy Baghdad define it)")}
    # Not defined in Baghdad's cables: the meaning most cables elsewhere give, marked so.
    cpa = [(kind, title) for text, kind, title in marks if text == "CPA"]
    assert cpa and cpa[0][0] == "acronym elsewhere"
    assert "not defined by Embassy Baghdad" in cpa[0][1]
    assert 'href="/glossary/Embassy%20Baghdad"' in page.text
    # The JSON twin says the same.
    data = client.get(f"/cable/{BAGHDAD}.json").json()["marked"]
    by_acronym = {a["acronym"]: a for a in data["acronyms"]}
    assert by_acronym["GOI"]["expansion"] == "Government of Iraq"
    assert by_acronym["GOI"]["local"] is True
    assert by_acronym["CPA"]["local"] is False


def test_marked_text_is_still_the_text(client: TestClient) -> None:
    data = client.get(f"/cable/{BAGHDAD}.json").json()
    paragraphs = data["record"]["paragraphs"]
    for paragraph, html in zip(paragraphs, data["marked"]["paragraphs_html"], strict=True):
        plain = re.sub(r"<[^>]+>", "", html)
        for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&#34;", '"'), ("&#39;", "'")):
            plain = plain.replace(entity, char)
        assert plain.replace("&amp;", "&") == paragraph["text"]


def test_glossary_pages_and_their_json_twins(client: TestClient) -> None:
    index = client.get("/glossary.json").json()["origins"]
    baghdad = next(o for o in index if o["origin"] == "Embassy Baghdad")
    assert baghdad["url"] == "/glossary/Embassy%20Baghdad" and baghdad["acronyms"] > 10
    assert client.get("/glossary").status_code == 200
    page = client.get(baghdad["url"])
    assert page.status_code == 200 and "Government of Iraq" in page.text
    entries = {e["acronym"]: e for e in client.get(baghdad["url"] + ".json").json()["entries"]}
    assert entries["GOI"]["expansions"] == [{"expansion": "Government of Iraq", "count": 2}]
    # What the same letters mean to other origins is shown beside.
    assert "Government of Israel" in {e["expansion"] for e in entries["GOI"]["elsewhere"]}
    # Reached from the origin's page and from every page's masthead.
    origin_page = client.get("/origin/Embassy%20Baghdad").text
    assert 'class="glossary-link" href="/glossary/Embassy%20Baghdad"' in origin_page
    assert '<a href="/glossary">Glossaries</a>' in origin_page
    missing = client.get("/glossary/Embassy%20Atlantis.json")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_search_expands_acronyms_only_when_asked(client: TestClient) -> None:
    plain = client.get('/search.json?q="government of iraq"').json()
    assert plain["expansion"] is None and plain["expand"] is False
    expanded = client.get('/search.json?q="government of iraq"&expand=1').json()
    assert expanded["expansion"]["query"] == (
        '"government of iraq" OR (goi origin:"embassy baghdad")'
    )
    assert expanded["expansion"]["applied"] == [
        {"words": "government of iraq", "acronym": "GOI", "origins": ["Embassy Baghdad"]}
    ]
    assert expanded["total"] > plain["total"]
    # Every link of the page keeps the choice; the export exports what was searched.
    assert "expand=1" in expanded["next"] and "expand=1" in expanded["sorts"]["date"]
    assert "goi" in expanded["exports"]["csv"]
    assert "expand" not in expanded["expand_url"]


def test_expansion_in_a_browser(page: Any, server_url: str) -> None:
    page.goto(f"{server_url}/cable/{BAGHDAD}")
    goi = page.locator("abbr.acronym", has_text="GOI").first
    assert goi.get_attribute("title").startswith("Government of Iraq")
    goi.focus()  # keyboard readers get the explanation too
    goi.hover()
    shown = page.evaluate("e => getComputedStyle(e, '::after').content", goi.element_handle())
    assert "Government of Iraq" in shown
    page.click("a.glossary-link")
    page.wait_for_url("**/glossary/Embassy%20Baghdad")
    assert page.locator("#a-GOI").inner_text().startswith("GOI")

    # The toggle: off by default, on when ticked, and the expanded query is shown.
    page.goto(f"{server_url}/search")
    toggle = page.locator(".expand-toggle input")
    assert toggle.is_visible() and not toggle.is_checked()
    page.fill("#q", '"government of iraq"')
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=**")
    before = int(page.inner_text(".total strong").replace(",", ""))
    assert page.locator(".expansion").count() == 0
    page.locator(".expand-toggle input").check()
    page.press("#q", "Enter")
    page.wait_for_url("**expand=1**")
    assert page.locator(".expand-toggle input").is_checked()
    assert "goi" in page.inner_text(".expansion .expanded-query")
    after = int(page.inner_text(".total strong").replace(",", ""))
    assert after > before
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "acronyms-search.png"), full_page=False)
    page.click("text=Search without expanding acronyms")
    page.wait_for_url(re.compile(r".*/search\?q=[^&]*$"))
    assert int(page.inner_text(".total strong").replace(",", "")) == before


def test_a_cable_that_defines_an_acronym_is_explained_by_its_own_definition(
    client: TestClient,
) -> None:
    # The Department's cables give GOI three meanings; each cable shows the one it gives.
    meanings = {}
    for reference_id in ("09STATE67105", "08STATE116943", "08STATE116392"):
        marked = client.get(f"/cable/{reference_id}.json").json()["marked"]
        meanings[reference_id] = [
            a["expansion"] for a in marked["acronyms"] if a["acronym"] == "GOI"
        ]
    assert meanings == {
        "09STATE67105": ["Government of India"],
        "08STATE116943": ["Government of Indonesia"],
        "08STATE116392": ["Government of Israel"],
    }


def test_a_tooltip_on_cables_written_for_the_test(page: Any, tmp_path: Path) -> None:
    """The tooltip as a reader sees it, on cables written for the tests (the screenshot for
    the docs shows no corpus text)."""
    with Archive.open(tmp_path / "archive", create=True) as archive:
        archive.ingest([write_cables(tmp_path / "cables.csv")], workers=1)
    with serving(tmp_path / "archive") as url:
        page.goto(f"{url}/cable/09MEXICO9901")
        gom = page.locator("abbr.acronym", has_text="GOM").nth(1)  # the use after the definition
        assert gom.get_attribute("title").startswith("Government of Mexico")
        gom.hover()
        shown = page.evaluate("e => getComputedStyle(e, '::after').content", gom.element_handle())
        assert "Government of Mexico" in shown
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SCREENSHOTS) / "acronyms.png"), full_page=False)
