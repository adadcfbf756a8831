"""The query language: what each query string parses to, and each malformed query's error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablebase.errors import UsageError
from cablebase.search import nodes, query
from cablebase.search.nodes import (
    And,
    CitedBy,
    DateRange,
    Fuzzy,
    MatchAll,
    Node,
    Not,
    Or,
    Prefix,
    Value,
    Words,
)
from cablebase.search.query import QueryError, describe, parse_query


def w(*tokens: str, field: str | None = None) -> Words:
    return Words(field, tokens)


# query -> AST
AST_CASES: list[tuple[str, Node]] = [
    ("", MatchAll()),
    ("   ", MatchAll()),
    ("Mexico", w("mexico")),
    ("mexico drugs", And((w("mexico"), w("drugs")))),
    ('"Prime Minister"', w("prime", "minister")),
    ('"mexico"', w("mexico")),
    ("e-mail", w("e", "mail")),
    ("mexico or drugs", And((w("mexico"), w("or"), w("drugs")))),
    ("mexico OR drugs", Or((w("mexico"), w("drugs")))),
    ("a b OR c", And((w("a"), Or((w("b"), w("c")))))),
    ("(a b) OR c", Or((And((w("a"), w("b"))), w("c")))),
    ("a AND b", And((w("a"), w("b")))),
    ("NOT a", Not(w("a"))),
    ("-a", Not(w("a"))),
    ("NOT NOT a", w("a")),
    ("NOT a OR b", Or((Not(w("a")), w("b")))),
    ("-(a OR b)", Not(Or((w("a"), w("b"))))),
    ("((a))", w("a")),
    ("a (b c)", And((w("a"), w("b"), w("c")))),
    ("mexic*", Prefix(None, ("mexic",))),
    ('"rule of la"*', Prefix(None, ("rule", "of", "la"))),
    ("colour~", Fuzzy(None, "colour", 1)),
    ("colour~2", Fuzzy(None, "colour", 2)),
    ("OR*", Prefix(None, ("or",))),
    ("id:08mexico23", Value("id", "08MEXICO23")),
    ('id:"08 mexico 23"', Value("id", "08MEXICO23")),
    ("id:08MEXICO*", Prefix("id", ("08MEXICO",))),
    ("cites:1975DACCA00292", Value("cites", "1975DACCA00292")),
    # The canonicaliser picks the Cablegate form of a telegram Cablegate holds.
    ("cites:1975tehran02069", Value("cites", "75TEHRAN2069")),
    ("cited-by:08mexico23", CitedBy("08MEXICO23")),
    ("tag:prel", Value("tag", "PREL")),
    ('tag:"OVIP  (Clinton, Hillary)"', Value("tag", "OVIP (CLINTON, HILLARY)")),
    ("tag:OVIP*", Prefix("tag", ("OVIP",))),
    ("TAG:PRELL~", Fuzzy("tag", "PRELL", 1)),
    ("-tag:PREL", Not(Value("tag", "PREL"))),
    ("classification:secret", Value("classification", "SECRET")),
    ("classification:top_secret", Value("classification", "TOP SECRET")),
    ('classification:"secret // noforn"', Value("classification", "SECRET//NOFORN")),
    ("caveat:noforn", Value("caveat", "NOFORN")),
    ("origin:Mexico", w("mexico", field="origin")),
    ('subject:"human rights"', w("human", "rights", field="subject")),
    ("from:AMEMBASSY", w("amembassy", field="from")),
    ("to:RUEHC", w("ruehc", field="to")),
    ("signer:clinton*", Prefix("signer", ("clinton",))),
    ("body:nuclear~2", Fuzzy("body", "nuclear", 2)),
    ("date:2007", DateRange("2007", "2007")),
    ("date:2007-3", DateRange("2007-03", "2007-03")),
    ("date:2007-03-05", DateRange("2007-03-05", "2007-03-05")),
    ("date:2007-03..2008-06", DateRange("2007-03", "2008-06")),
    ("date:2007-03..2007", DateRange("2007-03", "2007")),
    ("date:..2008", DateRange(None, "2008")),
    ("date:2007..", DateRange("2007", None)),
    ("10:30", w("10", "30")),
    # A word of punctuation alone matches nothing to the tokeniser: it is left out.
    ("Smith & Jones", And((w("smith"), w("jones")))),
    ("a -- b / c", And((w("a"), w("b"), w("c")))),
    ('a "&"', w("a")),
    ("a OR &", w("a")),
    ("& OR a", w("a")),
    ("a NOT & -&", w("a")),
    ("a (& /) OR b", And((w("a"), w("b")))),
    ("--a", w("a")),
    # Field groups: the field goes to every term inside.
    ("tag:(PREL OR pgov)", Or((Value("tag", "PREL"), Value("tag", "PGOV")))),
    (
        "origin:(ankara OR istanbul)",
        Or((w("ankara", field="origin"), w("istanbul", field="origin"))),
    ),
    ("-tag:(PREL PGOV)", Not(And((Value("tag", "PREL"), Value("tag", "PGOV"))))),
    ("TAG:(prel -pgov) iran", And((Value("tag", "PREL"), Not(Value("tag", "PGOV")), w("iran")))),
    (
        "tag:(PREL (PGOV OR ECON))",
        And((Value("tag", "PREL"), Or((Value("tag", "PGOV"), Value("tag", "ECON"))))),
    ),
    ("tag:(tag:PREL OR PGOV)", Or((Value("tag", "PREL"), Value("tag", "PGOV")))),
    (
        'subject:("human rights" abuse*)',
        And((w("human", "rights", field="subject"), Prefix("subject", ("abuse",)))),
    ),
    ("date:(2007 OR 2009-03..)", Or((DateRange("2007", "2007"), DateRange("2009-03", None)))),
    ("cited-by:(08mexico23)", CitedBy("08MEXICO23")),
    ("a tag:(b) c", And((w("a"), Value("tag", "B"), w("c")))),
    # Proximity: a quoted phrase's words within N positions.
    ('"prime minister"~3', Words(None, ("prime", "minister"), 3)),
    ('"prime minister"~0', w("prime", "minister")),
    ('subject:"human rights"~10', Words("subject", ("human", "rights"), 10)),
    ('"e-mail"~2', Words(None, ("e", "mail"), 2)),
    ('"mexico"~2', Fuzzy(None, "mexico", 2)),
]


@pytest.mark.parametrize(("query", "ast"), AST_CASES, ids=[q or "empty" for q, _ in AST_CASES])
def test_parse(query: str, ast: Node) -> None:
    assert parse_query(query) == ast


# query -> normalised form
DESCRIBE_CASES = [
    ("", ""),
    ("Mexico  drugs", "mexico drugs"),
    ("a b OR c", "a (b OR c)"),
    ("(a b) OR c", "(a b) OR c"),
    ("-(a b) -c", "NOT (a b) NOT c"),
    ('"Prime Minister" e-mail', '"prime minister" "e mail"'),
    ("colour~ colour~2 mexic*", "colour~1 colour~2 mexic*"),
    ('tag:"ovip (clinton, hillary)" tag:prel*', 'tag:"OVIP (CLINTON, HILLARY)" tag:PREL*'),
    ('tag:"PREL*"', 'tag:"PREL*"'),
    ("date:2007-3..2008 date:..2008 Date:2007", "date:2007-03..2008 date:..2008 date:2007"),
    (
        "classification:secret//noforn cited-by:08mexico23",
        "classification:SECRET//NOFORN cited-by:08MEXICO23",
    ),
    ("Smith & Jones -- /", "smith jones"),
    ("tag:(prel OR pgov) -origin:(a b)", "(tag:PREL OR tag:PGOV) NOT (origin:a origin:b)"),
    ('"Prime Minister"~3 "a b"~0', '"prime minister"~3 "a b"'),
]


@pytest.mark.parametrize(("query", "normal"), DESCRIBE_CASES)
def test_describe(query: str, normal: str) -> None:
    assert describe(parse_query(query)) == normal
    assert parse_query(normal) == parse_query(query)


# query -> (position, words the message must hold)
ERROR_CASES: list[tuple[str, int, str]] = [
    ('north korea "nuclear test', 12, 'unclosed quote; add a closing " or remove the opening one'),
    ("colour:red", 0, 'unknown field "colour"'),
    ("a clasification:secret", 2, 'did you mean "classification:"?'),
    ("tags:PREL", 0, 'did you mean "tag:"?'),
    ("date:2007-13", 10, "invalid month 13"),
    ("date:2007-02-30", 13, "invalid day 30 for 2007-02"),
    ("date:2008-03..2007", 5, "ends (2007) before it starts (2008-03)"),
    ("date:07", 5, "is not a date"),
    ("date:..", 5, "no ends"),
    ("date:2007*", 9, "* after date:"),
    ("(a b", 0, "unclosed ("),
    ("a b)", 3, "unmatched )"),
    ("a OR", 2, "OR with no term after it"),
    ("OR a", 0, "OR with no term before it"),
    ("a OR OR b", 2, "OR with no term after it"),
    ("(a OR) b", 3, "OR with no term after it"),
    ("a AND", 2, "AND with no term after it"),
    ("a NOT", 2, "NOT with no term after it; write NOT b, or remove it"),
    ("-)", 0, "a lone -"),
    ("(a -(", 4, "unclosed ("),
    ("NOT OR a", 0, "NOT with no term after it"),
    ("a - b", 2, "a lone -"),
    ("a ()", 2, "empty ()"),
    ("fuzzy~3", 6, "distance 3; use distance 1 or 2"),
    ("fuzzy~0", 6, "distance 1 or 2"),
    ('"word"~3', 7, "distance 1 or 2"),
    ("tag:PREL~3", 9, "distance 1 or 2"),
    ('"two words"~', 11, "proximity needs a number"),
    ('"two words"~11', 12, "proximity 11; use proximity 0..10"),
    (
        "e-mail~2",
        6,
        '~ after more than one word; quote the words for a proximity search: "e mail"~2',
    ),
    ("mex*co", 3, "* inside a word"),
    ("mexico**", 6, '"**" after a term'),
    ("*", 0, "nothing before *"),
    ("&", 0, 'nothing to search for; "&" has no letters or digits'),
    ("  -- & /", 2, 'nothing to search for; "--" has'),
    ("NOT & OR (/)", 4, "nothing to search for"),
    ("-(&)", 2, "nothing to search for"),
    ("a &*", 2, '"&" has no letters or digits'),
    ("tag:&", 4, '"&" has no letters or digits'),
    ("origin:--", 7, '"--" has no letters or digits'),
    ("tag:(PREL &)", 10, '"&" has no letters or digits'),
    ("tag:", 4, "tag: needs a value"),
    ("tag: PREL", 4, "tag: needs a value"),
    ("tag:(origin:x)", 5, "origin: inside tag:(...); a field group holds plain terms"),
    ("tag:(a origin:(x))", 7, "a field group inside tag:(...)"),
    ("tag:(a OR tag:(b))", 10, "a field group inside tag:(...)"),
    ("tag:()", 4, "empty ()"),
    ("x -tag:(PREL", 7, "unclosed ("),
    ("tag:(PREL))", 10, "unmatched )"),
    ("cites:mexico", 6, "is not a cable id"),
    ("id:08MEXICO", 3, "is not a cable id"),
    ("ID:08 mexico 23", 3, '"08" is not a cable id'),
    ("cited-by:08MEXICO*", 17, "* after cited-by:"),
    ("classification:sekret", 15, 'did you mean "SECRET"?'),
    ("x" * 45, 0, "too long a word"),
]


@pytest.mark.parametrize(("query", "position", "message"), ERROR_CASES)
def test_errors(query: str, position: int, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    error = caught.value
    assert error.position == position
    assert message in str(error)
    assert str(error).startswith(f"query error at position {position}: ")
    assert "\n" not in str(error)
    assert error.hint  # every error suggests a fix


def test_error_is_a_usage_error_with_a_caret() -> None:
    with pytest.raises(UsageError) as caught:
        parse_query('subject:"rule\tof law')
    assert isinstance(caught.value, QueryError)
    assert caught.value.caret() == 'subject:"rule of law\n        ^'


def test_query_re_exports_the_ast_and_its_error() -> None:
    assert query.QueryError is nodes.QueryError
    assert query.Node is nodes.Node
    assert query.describe is nodes.describe


def test_unknown_field_lists_the_known_ones() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query("colour:red")
    assert "known fields: body, caveat, cited-by, cites, classification, date" in str(caught.value)


_PIECES = [
    "a",
    "Mexico",
    "or",
    "OR",
    "AND",
    "NOT",
    "-",
    "(",
    ")",
    '"',
    "*",
    "~",
    "~2",
    "~7",
    ":",
    "tag:",
    "date:",
    "id:",
    "cited-by:",
    "colour:",
    "2007",
    "-03",
    "..",
    "08MEXICO23",
    "é",
    " ",
    "\t",
    "_",
    "&",
    "--",
    "tag:(",
    "~11",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_any_text_parses_or_raises_query_error_and_round_trips(text: str) -> None:
    try:
        node = parse_query(text)
    except QueryError as error:
        assert 0 <= error.position <= len(text)
        return
    assert parse_query(describe(node)) == node
