"""The reading room in a real Chromium against a real server: search, filter, read, follow."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.web.hostile import HOSTILE_ID, MARKER

PARIS = "05PARIS2333"
# Set to a folder (docs/screenshots) to save the screenshots the docs show.
SCREENSHOTS = os.environ.get("CABLEBASE_SCREENSHOTS")


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def test_search_apply_and_remove_a_facet(page: Any, server_url: str) -> None:
    page.goto(server_url + "/search")
    page.fill("#q", "terrorism")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=terrorism")
    total = page.inner_text(".total strong")
    assert page.locator(".hits .hit").count() == 20
    page.click('.facet[data-facet="tag"] a[data-filter="tag:PREL"]')
    page.wait_for_url("**f=tag%3APREL**")
    assert _query(page.url)["f"] == ["tag:PREL"]
    assert page.locator(".active-filters .remove-filter").inner_text().startswith("tag:PREL")
    narrowed = page.inner_text(".total strong")
    assert int(narrowed.replace(",", "")) < int(total.replace(",", ""))
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / "search.png"), full_page=False)
    page.click(".active-filters .remove-filter")
    page.wait_for_url("**/search?q=terrorism")
    assert page.inner_text(".total strong") == total
    assert page.locator(".active-filters").count() == 0


def test_open_a_cable_follow_a_reference_and_go_back(page: Any, server_url: str) -> None:
    page.goto(f"{server_url}/search?q={MARKER}")
    page.click(".hits .hit-title")
    page.wait_for_url(f"**/cable/{HOSTILE_ID}")
    assert page.inner_text(".cable-id").startswith(HOSTILE_ID)
    assert page.locator("#p1 .portion-mark").inner_text() == "(C)"
    assert page.locator(".not-here").first.inner_text() == "not a Cablegate cable"
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "cable.png"), full_page=False)
    page.click(f'.references a[href="/cable/{PARIS}"]')
    page.wait_for_url(f"**/cable/{PARIS}")
    assert page.locator(f'.cited-by a[href="/cable/{HOSTILE_ID}"]').count() == 1
    page.go_back()
    page.wait_for_url(f"**/cable/{HOSTILE_ID}")
    page.click("text=Original as ingested")
    page.wait_for_url("**?text=original")
    assert "C O N F I D E N T I A L PARIS 009901" in page.inner_text("pre.original")


def test_slash_focuses_search_and_j_k_move_through_results(page: Any, server_url: str) -> None:
    page.goto(server_url + "/search?q=terrorism")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("j")  # typing in the box is typing, not a shortcut
    assert page.input_value("#q") == "j"  # "/" selected the query, so typing replaces it
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.locator(".hit.current").count() == 1
    assert page.get_attribute("body", "data-current-hit") == "1"
    second = page.locator(".hits .hit").nth(1)
    assert "current" in (second.get_attribute("class") or "")
    page.keyboard.press("k")
    assert page.get_attribute("body", "data-current-hit") == "0"
    first_href = page.locator(".hits .hit-title").first.get_attribute("href")
    page.keyboard.press("o")
    page.wait_for_url(f"**{first_href}")


def test_pages_fit_a_phone(browser: Any, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    for path in ("/search?q=terrorism", f"/cable/{PARIS}"):
        tab.goto(server_url + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    context.close()
