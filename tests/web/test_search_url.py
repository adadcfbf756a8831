"""A result page's links to itself: the query string is what urlencode writes of every
parameter, in the order q, f..., sort, expand, cursor, however the parts are put together."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from cablebase.search.engine import Sort
from cablebase.web.listing import search_url

_TEXT = st.text(alphabet=st.sampled_from(list('ab "&=+%#?/:é×\n')), max_size=12)


@given(
    query=_TEXT,
    filters=st.lists(_TEXT, max_size=3),
    sort=st.sampled_from(list(Sort)),
    cursor=st.none() | st.sampled_from(["", "bzoyMA", "bzo0MA"]),
    expand=st.booleans(),
)
def test_search_url_is_urlencode_of_its_parameters(
    query: str, filters: list[str], sort: Sort, cursor: str | None, expand: bool
) -> None:
    params = [("q", query)] if query else []
    params += [("f", f) for f in filters]
    params += [("sort", sort.value)] if sort is not Sort.relevance else []
    params += [("expand", "1")] if expand else []
    params += [("cursor", cursor)] if cursor else []
    url = search_url("/search", query, filters, sort, cursor, expand)
    assert url == (f"/search?{urlencode(params)}" if params else "/search")
    assert parse_qsl(urlsplit(url).query, keep_blank_values=True) == params
