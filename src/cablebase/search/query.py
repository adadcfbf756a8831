"""The query language of ``cablebase search``: a lexer, a recursive-descent parser, a small AST.

Grammar (implicit AND binds loosest, then ``OR``, then ``NOT``/``-``, as in web search engines,
so ``mexico drugs OR cartels`` is ``mexico AND (drugs OR cartels)``)::

    query   := and? EOF                         an empty query matches every cable
    and     := or ( "AND"? or )*
    or      := unary ( "OR" unary )*
    unary   := ( "NOT" | "-" ) unary | primary
    primary := "(" and ")" | FIELD ":(" and ")" | term
    term    := ( FIELD ":" )? ( WORD | '"' PHRASE '"' ) ( "*" | "~" DIGITS? )?

``OR``, ``AND`` and ``NOT`` are operators only in upper case; ``or`` is a word. A field group
``tag:(PREL OR PGOV)`` gives its field to every term inside (which name no other field and
hold no group). ``~N`` is a fuzzy distance (1, 2) after a word, a proximity (0..10) after a
quoted phrase. A word of punctuation alone (``Smith & Jones``) matches nothing to the
tokeniser and is left out; a query of nothing else is an error. The parser checks every
value (field names, dates, ids, distances) so that a malformed query is a
:class:`QueryError` naming the position and the fix, never a silent empty result.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from cablebase.parse.reference_id import canonical_reference_id
from cablebase.search.nodes import (
    CODE_FIELDS,
    FIELDS,
    LEVELS,
    And,
    CitedBy,
    DateRange,
    Fuzzy,
    MatchAll,
    Node,
    Not,
    Or,
    Prefix,
    QueryError,
    Value,
    Words,
    describe,
)

__all__ = ["Node", "QueryError", "describe", "parse_query"]

# tantivy's default tokeniser drops tokens of 40 bytes or more (RemoveLongFilter), so such a
# word can never match; saying so beats returning nothing.
MAX_TOKEN_BYTES = 39
# The most positions a phrase's words may stand apart ("a b"~10).
MAX_SLOP = 10

_TOKEN = re.compile(r"[^\W_]+")  # the default tokeniser splits on non-alphanumerics
_FIELD = re.compile(r"([A-Za-z][A-Za-z_-]*):")
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_BARE_STOP = frozenset('()"') | frozenset(" \t\r\n\f\v")


@dataclass(frozen=True)
class _Tok:
    kind: str  # "(" ")" "OR" "AND" "NOT" "-" "term", "field(" (a field group)
    pos: int
    field: str | None = None
    value: str = ""
    value_pos: int = 0
    quoted: bool = False
    suffix: str = ""  # "", "*", "~", "~1", "~2"... (checked against the term by _Terms)
    suffix_pos: int = 0


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def error(self, pos: int, problem: str, hint: str) -> QueryError:
        return QueryError(self.text, pos, problem, hint)

    def tokens(self) -> list[_Tok]:
        out: list[_Tok] = []
        text = self.text
        while True:
            while self.i < len(text) and text[self.i].isspace():
                self.i += 1
            if self.i >= len(text):
                return out
            c, pos = text[self.i], self.i
            if c in "()":
                self.i += 1
                out.append(_Tok(c, pos, value_pos=pos))
            # "-" before a term is NOT; "--" or "-&" is a word of punctuation (left out).
            elif c == "-" and (
                pos + 1 == (end := self._bare_end(pos)) or _TOKEN.search(text[pos:end])
            ):
                nxt = text[pos + 1] if pos + 1 < len(text) else " "
                if nxt.isspace() or nxt == ")":
                    raise self.error(pos, "a lone -", "write - directly before a term (-tag:PREL)")
                self.i += 1
                out.append(_Tok("-", pos))
            else:
                out.append(self.term())

    def term(self) -> _Tok:
        text, pos = self.text, self.i
        field: str | None = None
        m = _FIELD.match(text, pos)
        if m:
            field = m.group(1).lower()
            if field not in FIELDS:
                raise self.error(pos, f'unknown field "{m.group(1)}"', _field_hint(m.group(1)))
            self.i = m.end()
            if text.startswith("(", self.i):
                self.i += 1
                return _Tok("field(", pos, field, value_pos=self.i - 1)
            if self.i >= len(text) or text[self.i].isspace() or text[self.i] == ")":
                hint = f"write it right after the colon, e.g. {field}:X"
                raise self.error(self.i, f"{field}: needs a value", hint)
        value_pos = self.i
        quoted = text[self.i] == '"'
        if quoted:
            end = text.find('"', self.i + 1)
            if end < 0:
                raise self.error(
                    self.i, "unclosed quote", 'add a closing " or remove the opening one'
                )
            value = text[self.i + 1 : end]
            self.i = end + 1
            if self.i < len(text) and text[self.i] in "*~":
                self.i = self._bare_end(self.i)
            suffix, suffix_pos = text[end + 1 : self.i], end + 1
        else:
            self.i = self._bare_end(self.i)
            bare = text[value_pos : self.i]
            cut = len(bare.rstrip("*~0123456789"))
            cut = next((k for k in range(cut, len(bare)) if bare[k] in "*~"), len(bare))
            value, suffix, suffix_pos = bare[:cut], bare[cut:], value_pos + cut
            for k, ch in enumerate(value):
                if ch in "*~":
                    raise self.error(value_pos + k, f"{ch} inside a word", _SUFFIX_HINT)
        if field is None and not quoted and not suffix and value in ("OR", "AND", "NOT"):
            return _Tok(value, pos)
        if suffix not in ("", "*") and re.fullmatch(r"~\d*", suffix) is None:
            raise self.error(suffix_pos, f'"{suffix}" after a term', _SUFFIX_HINT)
        if not value.strip() and not (quoted and field):
            problem = "nothing before *" if suffix == "*" else "an empty term"
            raise self.error(pos, problem, 'write a word before it, e.g. mexic* or "rule of law"')
        return _Tok("term", pos, field, value, value_pos, quoted, suffix, suffix_pos)

    def _bare_end(self, i: int) -> int:
        while i < len(self.text) and self.text[i] not in _BARE_STOP:
            i += 1
        return i


_SUFFIX_HINT = "* and ~ go at the end of a word (mexic*, colour~, colour~2); quote them otherwise"


def _field_hint(name: str) -> str:
    close = difflib.get_close_matches(name.lower(), FIELDS, n=1, cutoff=0.5)
    guess = f'did you mean "{close[0]}:"? ' if close else ""
    return f'{guess}known fields: {", ".join(FIELDS)}; or quote the text ("{name}:...")'


class _Parser:
    def __init__(self, text: str) -> None:
        self.lexer = _Lexer(text)
        self.toks = self.lexer.tokens()
        self.k = 0
        self.group: _Tok | None = None  # the "field(" token of the field group we are in
        self.dropped: list[_Tok] = []  # words of punctuation alone, left out of the query

    def peek(self) -> _Tok | None:
        return self.toks[self.k] if self.k < len(self.toks) else None

    def parse(self) -> Node:
        if not self.toks:
            return MatchAll()
        node = self.and_()
        tok = self.peek()
        if tok is not None:  # only a stray ")" stops and_() early
            raise self.lexer.error(tok.pos, "unmatched )", "remove it or add an opening (")
        if node is None:  # every term was dropped
            first = self.dropped[0]
            hint = f'"{first.value}" has no letters or digits; search for a word'
            raise self.lexer.error(first.pos, "nothing to search for", hint)
        return node

    # Each returns None where every term under it was dropped (punctuation alone).
    def and_(self) -> Node | None:
        items: list[Node | None] = []
        while (tok := self.peek()) is not None and tok.kind != ")":
            if tok.kind == "AND":
                if not items:
                    raise self._dangling(tok, "before")
                self.operator(tok)
            items.append(self.or_())
        return _make(And, items)

    def or_(self) -> Node | None:
        items = [self.unary()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.operator(tok)
            items.append(self.unary())
        return _make(Or, items)

    def unary(self) -> Node | None:
        tok = self.peek()
        assert tok is not None  # callers check for the end first
        if tok.kind in ("NOT", "-"):
            self.operator(tok)
            item = self.unary()
            if item is None:
                return None
            return item.item if isinstance(item, Not) else Not(item)
        if tok.kind in ("OR", "AND"):
            raise self._dangling(tok, "before")
        self.k += 1
        if tok.kind in ("(", "field("):
            return self.group_(tok)
        group = self.group
        if group is not None and tok.field not in (None, group.field):
            raise self.lexer.error(
                tok.pos, f"{tok.field}: inside {group.field}:(...)", _GROUP_HINT.format(tok.field)
            )
        if group is not None:
            tok = replace(tok, field=group.field)
        node = _Terms(self.lexer, tok).node()
        if node is None:
            self.dropped.append(tok)
        return node

    def group_(self, tok: _Tok) -> Node | None:
        if tok.kind == "field(":
            if self.group is not None:
                problem = f"a field group inside {self.group.field}:(...)"
                raise self.lexer.error(tok.pos, problem, _GROUP_HINT.format(tok.field))
            self.group = tok
        if (nxt := self.peek()) is not None and nxt.kind == ")":
            raise self.lexer.error(tok.value_pos, "empty ()", "put a term inside or remove them")
        node = self.and_()
        if self.peek() is None:
            hint = "add a closing ) or remove the ("
            raise self.lexer.error(tok.value_pos, "unclosed (", hint)
        self.k += 1
        if tok.kind == "field(":
            self.group = None
        return node

    def operator(self, tok: _Tok) -> None:
        """Steps over ``tok``, an operator, which must have a term after it."""
        self.k += 1
        nxt = self.peek()
        if nxt is None or nxt.kind in (")", "OR", "AND"):
            raise self._dangling(tok, "after")

    def _dangling(self, tok: _Tok, side: str) -> QueryError:
        usage = f"{tok.kind}b" if tok.kind == "-" else f"a {tok.kind} b".replace("a NOT", "NOT")
        return self.lexer.error(
            tok.pos, f"{tok.kind} with no term {side} it", f"write {usage}, or remove it"
        )


_GROUP_HINT = "a field group holds plain terms: write {0}: terms outside its parentheses"


def _make(kind: type[And] | type[Or], items: list[Node | None]) -> Node | None:
    flat: list[Node] = []
    for item in items:
        if item is not None:
            flat.extend(item.items if isinstance(item, kind) else (item,))
    return (flat[0] if len(flat) == 1 else kind(tuple(flat))) if flat else None


class _Terms:
    """One term token -> its leaf node, checking the value against its field."""

    def __init__(self, lexer: _Lexer, tok: _Tok) -> None:
        self.lexer, self.tok = lexer, tok

    def error(self, problem: str, hint: str, pos: int | None = None) -> QueryError:
        return self.lexer.error(self.tok.value_pos if pos is None else pos, problem, hint)

    def node(self) -> Node | None:
        tok = self.tok
        if tok.field in ("date", "cited-by") and tok.suffix:
            raise self.error(f"{tok.suffix[0]} after {tok.field}:", "remove it", tok.suffix_pos)
        if tok.field == "date":
            return self.date()
        if tok.field in CODE_FIELDS or tok.field == "cited-by":
            return self.code(tok.field)
        return self.words(tok.field)

    def words(self, field: str | None) -> Node | None:
        tok = self.tok
        tokens = tuple(t.lower() for t in _TOKEN.findall(tok.value))
        if not tokens and field is None and not tok.suffix:
            return None  # "Smith & Jones": the tokeniser makes nothing of "&", so leave it out
        if not tokens:
            raise self.error(f'"{tok.value}" has no letters or digits to search for', "remove it")
        long = next((t for t in tokens if len(t.encode()) > MAX_TOKEN_BYTES), None)
        if long is not None:
            raise self.error(f'"{long[:20]}..." is too long a word to be indexed', "shorten it")
        if tok.suffix == "*":
            return Prefix(field, tokens)
        if tok.suffix and len(tokens) > 1:
            if not tok.quoted:
                hint = f'quote the words for a proximity search: "{" ".join(tokens)}"~2'
                raise self.error("~ after more than one word", hint, tok.suffix_pos)
            return Words(field, tokens, self.distance(0, MAX_SLOP, "proximity", '"a b"~3'))
        if tok.suffix:
            return Fuzzy(field, tokens[0], self.distance(1, 2, "distance", "word~2"))
        return Words(field, tokens)

    def distance(self, low: int, high: int, name: str, example: str) -> int:
        """The number after ``~`` (1 if none, but a phrase needs one), in ``low..high``."""
        digits, pos = self.tok.suffix[1:], self.tok.suffix_pos
        if not low <= int(digits or low or 1) <= high:
            span = f"{low} or {high}" if high == low + 1 else f"{low}..{high}"
            raise self.error(f"{name} {digits}", f"use {name} {span} ({example})", pos + 1)
        if not digits and low == 0:
            raise self.error(f"{name} needs a number", f"write one, e.g. {example}", pos)
        return int(digits or 1)

    def code(self, field: str) -> Node:
        tok = self.tok
        value = " ".join(tok.value.upper().split())
        if not value:
            raise self.error(f"{field}: needs a value", f"write one, e.g. {field}:X")
        if not _TOKEN.search(value):
            raise self.error(f'"{tok.value}" has no letters or digits to search for', "remove it")
        if field in ("id", "cites", "cited-by"):
            value = re.sub(r"[\s-]+", "", value)
            if not tok.suffix:
                value = self.reference_id(value)
            if field == "cited-by":
                return CitedBy(value)
        elif field == "classification" and not tok.suffix:
            value = self.classification(value)
        if tok.suffix == "*":
            return Prefix(field, (value,))
        if tok.suffix:
            return Fuzzy(field, value, self.distance(1, 2, "distance", "word~2"))
        return Value(field, value)

    def reference_id(self, value: str) -> str:
        canonical = canonical_reference_id(value)
        if canonical is None:
            raise self.error(f'"{self.tok.value}" is not a cable id', "write one like 08MEXICO23")
        return canonical

    def classification(self, value: str) -> str:
        level, sep, caveats = value.partition("//")
        level = " ".join(re.split(r"[\s_-]+", level.strip()))
        if level not in LEVELS:
            close = difflib.get_close_matches(level, LEVELS, n=1, cutoff=0.5)
            guess = f'did you mean "{close[0]}"? ' if close else ""
            raise self.error(
                f'unknown classification "{level}"', f"{guess}levels: {', '.join(LEVELS)}"
            )
        return level + sep + caveats.strip()

    def date(self) -> Node:
        tok = self.tok
        if tok.quoted:
            raise self.error("a quoted date", "write it bare, e.g. date:2007-03")
        start_text, dots, end_text = tok.value.partition("..")
        if not dots:
            day = self.day(start_text, tok.value_pos)
            return DateRange(day, day)
        if not start_text and not end_text:
            raise self.error("a date range with no ends", "write date:2007..2008 or date:..2008")
        start = self.day(start_text, tok.value_pos) if start_text else None
        end = self.day(end_text, tok.value_pos + len(start_text) + 2) if end_text else None
        if start and end and end[: len(start)] < start[: len(end)]:
            raise self.error(f"the range ends ({end}) before it starts ({start})", "swap them")
        return DateRange(start, end)

    def day(self, text: str, pos: int) -> str:
        m = _DATE.fullmatch(text)
        if m is None:
            raise self.error(f'"{text}" is not a date', "write YYYY, YYYY-MM or YYYY-MM-DD", pos)
        year, month, day = m.groups()
        if int(year) < 1000:
            raise self.error(f"invalid year {year}", "write a year like 2007", pos)
        if month is not None and not 1 <= int(month) <= 12:
            raise self.error(f"invalid month {month}", "months run 01..12", m.start(2) + pos)
        if day is not None:
            last = calendar.monthrange(int(year), int(month))[1]
            if not 1 <= int(day) <= last:
                raise self.error(
                    f"invalid day {day} for {year}-{int(month):02d}",
                    f"days run 01..{last}",
                    m.start(3) + pos,
                )
        return "-".join([year, *(f"{int(p):02d}" for p in (month, day) if p is not None)])


@lru_cache(maxsize=4096)
def parse_query(text: str) -> Node:
    """The AST of ``text``; raises :class:`QueryError` for a malformed query.

    Kept for recent texts: a search page reads its query three times (to run it, to say
    what was understood, to find its tag words), and the AST is immutable."""
    return _Parser(text).parse()
