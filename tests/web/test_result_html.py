"""The Python-written parts of result pages render the markup the Jinja templates rendered.

The templates in result_templates/ are the ones the reading room used before those parts
were written in Python (see cablebase.web.result_html), kept as the specification: for real
pages of the test archive, and for the same pages with every value made hostile, the two
renderings must be equal byte for byte, escaping included.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cablebase.web.app import _templates
from cablebase.web.listing import FACET_TITLES
from cablebase.web.result_html import (
    escape,
    export_form_html,
    facets_html,
    histogram_html,
    hits_html,
)
from tests.web.hostile import MARKER

# The templates as they were, the markup these parts must keep.
TEMPLATES = Path(__file__).parent / "result_templates"
FACETS, HISTOGRAM, HITS, EXPORT_FORM = (
    (TEMPLATES / name).read_text()
    for name in ["facets.html", "histogram.html", "hits.html", "export_form.html"]
)

PARTS = [
    (FACETS, facets_html),
    (HISTOGRAM, histogram_html),
    (HITS, hits_html),
]
HOSTILE = "<b class=\"x\">Tom's & Jerry's</b>"
KEPT = {"snippet_html", "formats"}


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def _jinja(source: str, data: dict[str, Any]) -> str:
    return _templates().env.from_string(source).render(data=data, titles=FACET_TITLES)


def _hostile(value: Any, key: str = "") -> Any:
    """Every string of a page's data made hostile, but the snippet's HTML (made escaped, with
    its <mark>s, by the snippet itself) and the names the markup is chosen by (facet names,
    export formats)."""
    if isinstance(value, dict):
        return {k: v if k in KEPT else _hostile(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v, key) for v in value]
    if isinstance(value, str):
        return f"{value}{HOSTILE}"
    return value


def _assert_same(data: dict[str, Any], search_page: bool) -> None:
    parts = [*PARTS, (EXPORT_FORM, export_form_html)] if search_page else PARTS
    for source, python in parts:
        assert str(python(data)) == _jinja(source, data), python.__name__


SEARCH_PAGES = [
    f"/search.json?q={MARKER}",  # the hostile cable
    "/search.json?q=embassy&f=tag:PREL",  # an active filter, TAGS with labels and meanings
    f"/search.json?q=embassy&f=tag:PREL&cursor={_cursor(20)}",  # a previous page
    "/search.json?q=minister&sort=-date&f=date:2009",  # one year: a one-bar histogram
    "/search.json?q=",  # every cable
    "/search.json?q=zzyzxnothing",  # nothing found: no bars, no most-cited panel
]


@pytest.mark.parametrize("url", SEARCH_PAGES)
def test_a_search_page_renders_as_its_templates_did(client: TestClient, url: str) -> None:
    data = client.get(url).json()
    _assert_same(data, search_page=True)
    _assert_same(_hostile(data), search_page=True)


def test_browse_and_entity_pages_render_as_their_templates_did(client: TestClient) -> None:
    person = client.get("/people.json").json()["entries"][0]["url"]
    for url in ["/tag/PREL.json", "/origin/Embassy%20Paris.json", f"{person}.json"]:
        data = client.get(url).json()
        assert data["hits"] and data["facets"], url
        _assert_same(data, search_page=False)
        _assert_same(_hostile(data), search_page=False)


def test_the_hostile_copy_reaches_every_escaped_value(client: TestClient) -> None:
    # The comparison above means something only if hostile text is in every part's output.
    data = _hostile(client.get(SEARCH_PAGES[2]).json())
    assert data["filters"] and data["previous"] and data["histogram"]
    for _, python in [*PARTS, (EXPORT_FORM, export_form_html)]:
        html = str(python(data))
        assert escape(HOSTILE) in html and HOSTILE not in html, python.__name__


def test_escape_writes_what_markupsafe_writes() -> None:
    from markupsafe import escape as markupsafe_escape

    for value in [HOSTILE, "plain", "", 1234, 1.5, "a&b", "\"'<>&", "é ×"]:
        assert escape(value) == str(markupsafe_escape(value))
