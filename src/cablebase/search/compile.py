"""The query AST -> a tantivy query over the fields of :mod:`cablebase.search.fields`.

A bare word or phrase searches the clean text: ``body``, with ``subject`` as a boosted
alternative in a disjunction-max, so the set of hits is exactly "body or subject contains it"
while a hit in the subject ranks higher. Everything else maps one field to one query, but
for an id prefix of 1973-1979, which matches both written forms of an id (the Cablegate
``75TEHRAN2069`` and the NARA ``1975TEHRAN02069``): a cable has only one canonical id.

``tag:`` with a value that is no TAGS code also matches every code whose meaning holds its
words (``tag:terrorism`` is PTER too; :func:`cablebase.decode.codes_meaning`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import tantivy
from tantivy import Occur, Query

from cablebase.decode.tags import codes_meaning, is_tag
from cablebase.parse.reference_id import NARA_YEARS
from cablebase.search.nodes import (
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
    Value,
    Words,
)

# A word in the subject says more about a cable than the same word somewhere in its body.
SUBJECT_BOOST = 2.0
# Lets a word found in both fields outrank one found in the body alone, without summing.
TIE_BREAKER = 0.1
# The user-facing code field -> the index field.
_INDEX_FIELD = {"id": "ids", "tag": "tag", "classification": "classification"}
_INDEX_FIELD |= {"caveat": "caveat", "cites": "cites", "person": "person"}
# Characters the Rust regex syntax treats as special; escaped one by one, since Python's
# re.escape emits escapes the Rust syntax rejects.
_REGEX_META = frozenset("\\.+*?()|[]{}^$#&-~")

CitedByLookup = Callable[[str], Sequence[str]]
# A person's canonical name -> every name the archive takes for that person.
PersonLookup = Callable[[str], Sequence[str]]


def compile_query(
    node: Node,
    schema: tantivy.Schema,
    cited_by: CitedByLookup,
    person_names: PersonLookup | None = None,
) -> Query:
    """The tantivy query for ``node``; ``cited_by(id)`` lists the canonical ids ``id`` cites."""
    return _Compiler(schema, cited_by, person_names).query(node)


class _Compiler:
    def __init__(
        self,
        schema: tantivy.Schema,
        cited_by: CitedByLookup,
        person_names: PersonLookup | None = None,
    ) -> None:
        self.schema = schema
        self.cited_by = cited_by
        self.person_names = person_names

    def query(self, node: Node) -> Query:
        if isinstance(node, MatchAll):
            return Query.all_query()
        if isinstance(node, And):
            return self.conjunction(node.items)
        if isinstance(node, Or):
            return Query.boolean_query([(Occur.Should, self.query(i)) for i in node.items])
        if isinstance(node, Not):
            return self.conjunction((node,))
        if isinstance(node, DateRange):
            return self.date(node)
        if isinstance(node, CitedBy):
            ids = sorted(set(self.cited_by(node.reference_id)))
            if not ids:
                return Query.empty_query()
            return Query.term_set_query(self.schema, "reference_id", ids)
        if node.field is None:
            # One query per field, then the disjunction: so the hit set is body OR subject.
            body = self.leaf(node, "body")
            subject = Query.boost_query(self.leaf(node, "subject"), SUBJECT_BOOST)
            return Query.disjunction_max_query([body, subject], TIE_BREAKER)
        if isinstance(node, Value) and node.field == "person" and self.person_names is not None:
            # "person:ARGYROS" finds the cables signed ARGYROS and those of George Argyros;
            # "person:\"John Smith\"" those of SMITH, JOHN (the lookup reads the name)
            names = sorted(set(self.person_names(node.value)) | {node.value})
            return Query.term_set_query(self.schema, "person", names)
        if isinstance(node, Value) and node.field == "classification" and node.value in LEVELS:
            # A level matches every published value of that level (SECRET//NOFORN too).
            return Query.boolean_query(
                [
                    (Occur.Should, Query.term_query(self.schema, "level", node.value)),
                    (Occur.Should, Query.term_query(self.schema, "classification", node.value)),
                ]
            )
        if isinstance(node, Value) and node.field == "tag" and not is_tag(node.value):
            # Not a code: also every code whose meaning holds the words (tag:terrorism, PTER).
            codes = [node.value, *codes_meaning(node.value)]
            return Query.term_set_query(self.schema, "tag", codes)
        return self.leaf(node, _INDEX_FIELD.get(node.field, node.field))

    def conjunction(self, items: Sequence[Node]) -> Query:
        clauses: list[tuple[Occur, Query]] = []
        for item in items:
            if isinstance(item, Not):
                clauses.append((Occur.MustNot, self.query(item.item)))
            else:
                clauses.append((Occur.Must, self.query(item)))
        if all(occur == Occur.MustNot for occur, _ in clauses):
            # tantivy matches nothing with only MUST_NOT clauses; "NOT x" means all but x.
            clauses.insert(0, (Occur.Must, Query.all_query()))
        return Query.boolean_query(clauses)

    def leaf(self, node: Words | Value | Prefix | Fuzzy, field: str) -> Query:
        schema = self.schema
        if isinstance(node, Value):
            return Query.term_query(schema, field, node.value)
        if isinstance(node, Words):
            if len(node.tokens) == 1:  # tantivy panics on a one-term phrase query
                return Query.term_query(schema, field, node.tokens[0])
            return Query.phrase_query(schema, field, list(node.tokens), node.slop)
        if isinstance(node, Prefix):
            *head, last = node.parts
            if not head and field in ("ids", "cites"):
                forms = [_escape(last) + ".*", *_other_id_forms(last)]
                return Query.boolean_query(
                    [(Occur.Should, Query.regex_query(schema, field, f)) for f in forms]
                )
            if not head:
                # A regex expands to every matching term; phrase_prefix stops at 50.
                return Query.regex_query(schema, field, _escape(last) + ".*")
            words: list[str | tuple[int, str]] = [_escape(t) for t in head]
            words.append(_escape(last) + ".*")
            return Query.regex_phrase_query(schema, field, words)
        return Query.fuzzy_term_query(schema, field, node.text, node.distance)

    def date(self, node: DateRange) -> Query:
        # created is yyyymmddHHMM and 0 when unknown: an open start must not take in the
        # undated cables, so the lowest bound is 1.
        low = _key(node.start, end=False) if node.start else 1
        high = _key(node.end, end=True) if node.end else None
        year = _whole_year(low, high)
        if year is not None:
            # One whole year: the filter the year facet's links add. The year field's term is
            # one posting list, where a range over created's minute keys takes every key of
            # the year (a year of a Cablegate-size archive: 0.3 against 1.2 ms alone, 0.4
            # against 1.7 ms beside a word). The same cables, and the range's constant score.
            return Query.const_score_query(Query.term_query(self.schema, "year", year), 1.0)
        return Query.range_query(self.schema, "created", tantivy.FieldType.Integer, low, high)


def _key(day: str, *, end: bool) -> int:
    """``2007`` -> 200701010000 (start) or 200712312359 (end); months and days alike."""
    year, month, dom = ([*day.split("-"), "", ""])[:3]
    if end:
        # Day 31 of any month is a valid upper bound for an integer key, short months included.
        return int(year + (month or "12") + (dom or "31") + "2359")
    return int(year + (month or "01") + (dom or "01") + "0000")


def _whole_year(low: int, high: int | None) -> int | None:
    """The year that ``low``..``high`` (created keys) covers exactly, if it is one."""
    if high is None or low // 10**8 != high // 10**8:
        return None
    if low % 10**8 != 1010000 or high % 10**8 != 12312359:  # 01-01 00:00 .. 12-31 23:59
        return None
    return low // 10**8


def _escape(text: str) -> str:
    return "".join("\\" + c if c in _REGEX_META else c for c in text)


_ID_PREFIX = re.compile(r"(19\d{2}|\d{2})([A-Z]*)(\d*)")


def _other_id_forms(prefix: str) -> list[str]:
    """Regexes for the ids of 1973-1979 that begin as ``prefix`` would in the other form.

    ``1975TEHRAN02`` -> ``75TEHRAN2\\d{3}``, ``75TEHRAN2`` -> ``1975TEHRAN0{4}2``,
    ``1975TEHRAN0{3}2\\d`` and so on: the NARA serial is zero-padded to five digits (six for
    STATE), the Cablegate serial is not padded.
    """
    m = _ID_PREFIX.fullmatch(prefix)
    if m is None:
        return []
    year, station, serial = m.groups()
    if int(year[-2:]) + 1900 not in NARA_YEARS or (serial and not station):
        return []
    other = (year[2:] if len(year) == 4 else "19" + year) + station
    if not serial:
        return [other + ".*"]
    rest = (6 if station == "STATE" else 5) - len(serial)
    if len(year) == 2:  # Cablegate -> NARA: zeros, the serial, then any digits to the width
        if serial.startswith("0") or rest < 0:
            return []
        return [f"{other}{'0' * (rest - k)}{serial}\\d{{{k}}}" for k in range(rest + 1)]
    digits = serial.lstrip("0")  # NARA -> Cablegate: the serial unpadded, as many digits
    if rest < 0 or (not digits and not rest):
        return []
    return [f"{other}{digits}\\d{{{rest}}}" if digits else f"{other}[1-9]\\d{{0,{rest - 1}}}"]
