"""Snippets: one line of text with the matched words marked, whatever the characters."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cablebase.search import highlight
from cablebase.search.highlight import Highlighter, _collapse_pieces, collapse, within
from cablebase.search.query import parse_query


def char_range(text: str, word: str) -> tuple[int, int]:
    at = text.index(word)
    return at, at + len(word)


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
    # Accented text and runs of whitespace before a match must not shift its mark.
    snippet = collapse(fragment, [char_range(fragment, "Paris"), char_range(fragment, "MINISTER")])
    assert "\n" not in snippet.fragment and "  " not in snippet.fragment
    assert snippet.fragment == snippet.fragment.strip()
    assert [snippet.fragment[a:b] for a, b in snippet.highlights] == ["Paris", "MINISTER"]
    assert snippet.html().count("<mark>") == 2


def test_html_is_escaped_around_and_inside_marks() -> None:
    text = "<script>x</script> the <b>MINISTER</b>"
    snippet = collapse(text, [char_range(text, "MINISTER")])
    assert snippet.html() == (
        "&lt;script&gt;x&lt;/script&gt; the &lt;b&gt;<mark>MINISTER</mark>&lt;/b&gt;"
    )


@pytest.mark.parametrize(
    ("word", "term", "distance", "close"),
    [
        ("minister", "minister", 0, True),
        ("ministre", "minister", 1, True),  # one swap
        ("minsiter", "minister", 1, True),
        ("ministry", "minister", 1, False),
        ("ministry", "minister", 2, True),
        ("mister", "minister", 1, False),
        ("kadafi", "qadhafi", 2, True),
    ],
)
def test_edit_distance_counts_a_swap_as_one(
    word: str, term: str, distance: int, close: bool
) -> None:
    assert within(word, term, distance) is close


def test_the_window_is_where_the_words_are() -> None:
    body = "HEADER LINE\n" + "filler text here. " * 40 + "The oil\nminister met the oil minister."
    snippet = Highlighter.of(parse_query('"oil minister"')).snippet(body)
    assert snippet.fragment.endswith("met the oil minister.")
    assert [snippet.fragment[a:b] for a, b in snippet.highlights] == ["oil minister"] * 2
    plain = Highlighter.of(parse_query("tag:PREL")).snippet(body)
    assert plain.fragment.startswith("HEADER LINE filler") and not plain.highlights
    negated = Highlighter.of(parse_query("filler -minister")).snippet(body)
    assert {negated.fragment[a:b] for a, b in negated.highlights} == {"filler"}


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        # A phrase wins over a prefix that starts at the same place, whichever word found it.
        ('min* "minister said"', ["minister said", "ministry", "minister"]),
        ('"minister said" min*', ["minister said", "ministry", "minister"]),
        # ... and over one of its own words.
        ('minister "minister said"', ["minister said", "minister"]),
        ("minister said", ["minister", "said", "minister"]),
    ],
)
def test_at_each_place_the_longest_alternative_is_marked(query: str, marked: list[str]) -> None:
    body = "The minister said the ministry and the minister agree."
    snippet = Highlighter.of(parse_query(query)).snippet(body)
    assert [snippet.fragment[a:b] for a, b in snippet.highlights] == marked


# Text of words and every kind of whitespace run (\x1c-\x1f and U+2003 are whitespace to
# both str.split and re's \s), and the mark character the fast collapse uses.
_FRAGMENTS = st.text(alphabet=st.sampled_from(list("ab É—\n\t\r\x0b\x0c\x1c\x1f\u2003\x00")))


@settings(max_examples=400, deadline=None)
@given(data=st.data(), fragment=_FRAGMENTS)
def test_collapse_in_one_pass_is_collapse_piece_by_piece(
    data: st.DataObject, fragment: str
) -> None:
    # Any ranges: inside whitespace, empty, reversed, past either end.
    ends = st.integers(min_value=-2, max_value=len(fragment) + 2)
    ranges = data.draw(st.lists(st.tuples(ends, ends), max_size=4))
    assert collapse(fragment, ranges) == _collapse_pieces(fragment, ranges)


@settings(max_examples=600, deadline=None)
@given(
    data=st.data(),
    # (no mark character: a fragment holding one goes piece by piece before this path)
    fragment=st.text(alphabet=st.sampled_from(list("ab É\n\t\u2003\x1c")), max_size=12),
)
@example(data=None, fragment="a bc")  # a range that starts on the space after a word
def test_collapse_of_one_range_is_collapse_piece_by_piece(
    data: st.DataObject | None, fragment: str
) -> None:
    # One range, the snippet of a one-word query, has a path of its own.
    ends = st.integers(min_value=-1, max_value=len(fragment) + 1)
    ranges = [data.draw(st.tuples(ends, ends))] if data is not None else [(1, 3)]
    assert collapse(fragment, ranges) == _collapse_pieces(fragment, ranges)


def test_matches_on_words_take_the_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # The case that matters for speed: a match begins and ends on word characters, so it is
    # collapsed in one pass; a range that ends inside a run of whitespace goes piece by piece.
    pieces: list[str] = []
    monkeypatch.setattr(
        highlight, "_collapse_pieces", lambda f, r: pieces.append(f) or _collapse_pieces(f, r)
    )
    fragment = "the  MINISTER\n\n said"
    assert collapse(fragment, [char_range(fragment, "MINISTER")]).fragment == "the MINISTER said"
    assert pieces == []
    inside_whitespace = [(14, 15)]
    assert collapse(fragment, inside_whitespace) == _collapse_pieces(fragment, inside_whitespace)
    assert pieces == [fragment]


# ASCII text where the word stands alone, in any case, inside other words and beside
# punctuation, over more than one window's width.
_WORDS = [
    *("minister", "MINISTER", "Minister", "ministers", "subminister", "minister_x", "of"),
    *("minister9", "2minister", "_minister", "minister's", "xminister"),
]
_PIECES = st.sampled_from([*_WORDS, " ", "  ", "\n", "\n\n", ".", ",", "-", "(", ")", "x" * 90])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=80))
def test_one_word_reads_only_its_first_window(pieces: list[str]) -> None:
    body = "".join(pieces)
    one_word = Highlighter.of(parse_query("minister"))
    assert one_word.one_word
    every_match = dataclasses.replace(one_word, one_word=False)
    assert one_word.snippet(body) == every_match.snippet(body)


@pytest.mark.parametrize("query", ['"prime minister"', "minist*", "minister~1", "a b", "-x y"])
def test_only_one_plain_word_is_one_word(query: str) -> None:
    assert Highlighter.of(parse_query(query)).one_word is (query == "-x y")
