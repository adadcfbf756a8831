"""Cable text is untrusted: markup in the origin, TAGS, subject and body never becomes markup."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from cablebase.web.app import CONTENT_SECURITY_POLICY
from tests.web.hostile import HOSTILE_ID, HOSTILE_ORIGIN, MARKER, PAYLOAD_IMG, PAYLOAD_SCRIPT

HOSTILE_PAGES = [
    f"/search?q={MARKER}",
    f"/cable/{HOSTILE_ID}",
    f"/cable/{HOSTILE_ID}?text=original",
    "/search?q=date:2009-03-14",  # the facets list the hostile origin and tags
    "/about",
    "/year/2009?f=date:2009-03-14",
]


@pytest.mark.parametrize("url", HOSTILE_PAGES)
def test_hostile_fields_are_escaped_in_every_page(client: TestClient, url: str) -> None:
    html = client.get(url).text
    for payload in (PAYLOAD_SCRIPT, PAYLOAD_IMG, "<img src=x", "<IMG", 'onerror="window'):
        assert payload not in html
    # The text is still there to read, escaped.
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html


def test_hostile_origin_has_its_own_escaped_browse_page(client: TestClient) -> None:
    data = client.get(f"/cable/{HOSTILE_ID}.json").json()
    assert data["record"]["origin"] == HOSTILE_ORIGIN
    answer = client.get(data["origin_url"])
    assert answer.status_code == 200 and PAYLOAD_SCRIPT not in answer.text
    assert HOSTILE_ID in answer.text


def test_hostile_tag_links_are_escaped_attribute_values(client: TestClient) -> None:
    html = client.get(f"/cable/{HOSTILE_ID}").text
    assert 'href="/tag/%3CIMG"' in html
    assert "ONERROR=&#34;WINDOW.__PWNED=1&#34;&gt;" in html


@pytest.mark.parametrize("path", [f"/search?q={MARKER}", f"/cable/{HOSTILE_ID}"])
def test_no_hostile_script_runs_in_a_real_browser(page: Any, server_url: str, path: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    answer = page.goto(server_url + path)
    assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # The payloads are on the page as text, where a reader can see them.
    assert "<script>window.__pwned=1</script>" in page.inner_text("main")
    assert page.locator("main script, main img").count() == 0
    assert errors == []


def test_the_csp_blocks_an_inline_script_that_slipped_through(page: Any, server_url: str) -> None:
    """Defence in depth: were escaping ever to fail, the policy would still stop the script."""
    page.goto(server_url + "/about")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__pwned = 1'; document.body.appendChild(s); }"
    )
    assert page.evaluate("typeof window.__pwned") == "undefined"
