"""Snippets: one line of text with the matched words marked, whatever the characters."""

from __future__ import annotations

import pytest

from cablebase.search.engine import one_line


def byte_range(text: str, word: str) -> tuple[int, int]:
    at = text.index(word)
    return len(text[:at].encode("utf-8")), len(text[: at + len(word)].encode("utf-8"))


@pytest.mark.parametrize(
    "fragment",
    [
        "Café  in\n  Paris:   the\tMINISTER said  ",
        "  \n  Paris — the MINISTER of São Tomé",
        "Paris the MINISTER",
        "ÆØÅ Paris\n\n\nthe MINISTER ünd",
    ],
)
def test_highlights_land_on_the_matched_words(fragment: str) -> None:
    # tantivy reports byte offsets; accented text before a match must not shift them.
    snippet = one_line(fragment, [byte_range(fragment, "Paris"), byte_range(fragment, "MINISTER")])
    assert "\n" not in snippet.fragment and "  " not in snippet.fragment
    assert snippet.fragment == snippet.fragment.strip()
    assert [snippet.fragment[a:b] for a, b in snippet.highlights] == ["Paris", "MINISTER"]
    assert snippet.html().count("<mark>") == 2


def test_html_is_escaped_around_and_inside_marks() -> None:
    text = "<script>x</script> the <b>MINISTER</b>"
    snippet = one_line(text, [byte_range(text, "MINISTER")])
    assert snippet.html() == (
        "&lt;script&gt;x&lt;/script&gt; the &lt;b&gt;<mark>MINISTER</mark>&lt;/b&gt;"
    )
