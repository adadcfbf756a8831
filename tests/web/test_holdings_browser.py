"""The coverage heat map, the export form and the copy-citation buttons in a real Chromium.

Set CABLEBASE_SCREENSHOTS=docs/screenshots to save coverage.png and citation.png.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

SCREENSHOTS = os.environ.get("CABLEBASE_SCREENSHOTS")
PARIS = "05PARIS2333"


def _shoot(page: Any, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / name), full_page=False)


def _visible_rows(page: Any, selector: str) -> int:
    return int(page.locator(f"{selector} tbody tr:not(.filtered-out)").count())


def test_heat_map_renders_and_its_filter_reacts(page: Any, server_url: str) -> None:
    page.goto(server_url + "/coverage")
    heat = page.locator("#heatmap")
    heat.wait_for()
    all_rows = _visible_rows(page, "#heatmap")
    assert all_rows > 200 and all_rows == _visible_rows(page, "#coverage-table")
    # Cells are drawn: coloured blocks with a size and a shade of their own.
    cell = page.locator("#heatmap td.shade-5").first
    box = cell.bounding_box()
    assert box and box["width"] >= 10 and box["height"] >= 10
    colour = cell.evaluate("el => getComputedStyle(el).backgroundColor")
    empty = page.locator("#heatmap td.shade-0").first
    assert colour != empty.evaluate("el => getComputedStyle(el).backgroundColor")
    _shoot(page, "coverage.png")

    page.fill("#origin-filter", "paris")
    page.wait_for_function("document.body.getAttribute('data-filtered') === 'paris||'")
    assert _visible_rows(page, "#heatmap") == 1 == _visible_rows(page, "#coverage-table")
    assert page.inner_text("#heatmap tbody tr:not(.filtered-out) th") == "Embassy Paris"
    assert page.inner_text("#origins-shown") == "1"

    page.fill("#origin-filter", "")
    page.select_option("#country-filter", "Spain")
    page.wait_for_function("document.body.getAttribute('data-filtered') === '|spain|'")
    spain = _visible_rows(page, "#heatmap")
    assert 1 < spain < all_rows
    assert page.inner_text("#origins-shown") == str(spain)

    page.select_option("#country-filter", "")
    page.select_option("#region-filter", "Africa")
    page.wait_for_function("document.body.getAttribute('data-filtered') === '||africa'")
    africa = _visible_rows(page, "#coverage-table")
    assert spain < africa < all_rows
    regions = page.eval_on_selector_all(
        "#coverage-table tbody tr:not(.filtered-out) td:nth-child(3)",
        "tds => [...new Set(tds.map(td => td.dataset.value))]",
    )
    assert regions == ["Africa"]


def test_a_heat_map_cell_opens_the_search_of_its_origin_and_year(
    page: Any, server_url: str
) -> None:
    page.goto(server_url + "/coverage?origin=Embassy+Paris")
    link = page.locator('#heatmap a[href$="f=date%3A2005"]')
    title = link.get_attribute("title")
    held = int(title.split(": ")[1].split(" of ")[0].replace(",", ""))
    link.click()
    page.wait_for_url("**/search?f=origin**")
    assert int(page.inner_text(".total strong").replace(",", "")) == held > 0


def test_table_sorts_in_place(page: Any, server_url: str) -> None:
    page.goto(server_url + "/coverage?country=France")
    page.click('#coverage-table th[data-key="held"] a')
    page.wait_for_function("document.body.getAttribute('data-sorted') === '-held'")
    held = page.eval_on_selector_all(
        "#coverage-table tbody tr td:nth-child(4)", "tds => tds.map(td => +td.dataset.value)"
    )
    assert held == sorted(held, reverse=True) and len(held) > 1
    assert "/coverage?country=France" in page.url  # sorted without loading a page
    page.click('#coverage-table th[data-key="origin"] a')
    page.wait_for_function("document.body.getAttribute('data-sorted') === 'origin'")
    names = page.eval_on_selector_all(
        "#coverage-table tbody tr td:first-child", "tds => tds.map(td => td.dataset.value)"
    )
    assert names == sorted(names)


def test_export_form_downloads_the_chosen_fields(page: Any, server_url: str) -> None:
    page.goto(server_url + "/search?q=tag%3APTER")
    total = int(page.inner_text(".total strong").replace(",", ""))
    page.click(".export-form summary")
    page.uncheck('#export-form input[value="tags"]')
    page.check('#export-form input[value="citation_bibtex"]')
    with page.expect_download() as info:
        page.click("#export-form button[type=submit]")
    download = info.value
    assert download.suggested_filename == "cables-tag-pter.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert len(rows) == total
    assert list(rows[0]) == [
        "reference_id",
        "created",
        "origin",
        "classification",
        "subject",
        "citation_chicago",
        "citation_bibtex",
    ]


def test_copy_citation_buttons(browser: Any, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = context.new_page()
    try:
        page.goto(f"{server_url}/cable/{PARIS}")
        page.bring_to_front()  # the clipboard answers only the focused page
        chicago = page.inner_text("#cite-chicago")
        page.click('button[data-copy="cite-chicago"]')
        page.locator(".copy-status", has_text="Chicago citation copied.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == chicago.strip()
        page.click('button[data-copy="cite-bibtex"]')
        page.locator(".copy-status", has_text="BibTeX citation copied.").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(f"@misc{{cable:{PARIS},") and copied.endswith("}")
        page.locator(".cite").scroll_into_view_if_needed()
        _shoot(page, "citation.png")
    finally:
        context.close()
