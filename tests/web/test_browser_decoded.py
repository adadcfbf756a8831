"""The decoded cable page and tag search by meaning in a real Chromium."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

RIYADH = "06RIYADH9095"
SCREENSHOTS = os.environ.get("CABLEBASE_SCREENSHOTS")


def test_a_cable_shows_what_its_codes_mean(page: Any, server_url: str) -> None:
    page.goto(f"{server_url}/cable/{RIYADH}")
    pter = page.locator('.tags a[href="/tag/PTER"]')
    assert pter.get_attribute("title") == "PTER: Terrorists and Terrorism"
    meaning = page.locator(".tags li", has=page.locator('a[href="/tag/PTER"]')).locator(
        ".tag-meaning"
    )
    assert meaning.is_visible() and meaning.inner_text().startswith("Terrorists and Terrorism")
    route = page.locator("abbr.route", has_text="RUEHC").first
    assert route.get_attribute("title") == "routing indicator: DEPT OF STATE WASHINGTON DC"
    assert page.locator(".caveats abbr", has_text="NOFORN").get_attribute("title") == (
        "No Foreign Distribution"
    )
    assert "foreign government information" in page.locator(".reasons").inner_text()
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        # The metadata column only: no cable text goes into the docs.
        page.locator("aside.metadata").screenshot(path=str(Path(SCREENSHOTS) / "cable-decoded.png"))


def test_search_a_tag_by_a_word_of_its_meaning(page: Any, server_url: str) -> None:
    page.goto(server_url + "/search")
    page.fill("#q", "tag:terrorism")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=tag%3Aterrorism")
    assert page.locator(".hits .hit").count() > 0
    facet = page.locator(
        '.facet[data-facet="tag"] li', has=page.locator('a[data-filter="tag:PTER"]')
    )
    assert facet.locator(".facet-meaning").inner_text() == "Terrorists and Terrorism"
    assert facet.locator(".facet-meaning").is_visible()
