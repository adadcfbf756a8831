"""The parsed form of a search query: the AST nodes of :mod:`cablebase.search.query`, the
fields each kind of node applies to, the error a malformed query raises, and
:func:`describe`, the normalised query text of an AST.

A leaf names its field (``None``: the clean text, body or subject); a field group such as
``tag:(PREL OR PGOV)`` has no node of its own, its field is written into every leaf inside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablebase.errors import UsageError

# Text fields take words and phrases (tokenised); code fields take one raw upper-case value.
TEXT_FIELDS = ("body", "subject", "origin", "from", "to", "signer")
CODE_FIELDS = ("id", "tag", "classification", "caveat", "cites", "person")
FIELDS = tuple(sorted((*TEXT_FIELDS, *CODE_FIELDS, "date", "cited-by")))
LEVELS = ("TOP SECRET", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED")


class QueryError(UsageError):
    """A malformed query: where it went wrong (0-based ``position``) and how to fix it."""

    def __init__(self, query: str, position: int, problem: str, hint: str) -> None:
        self.query = query
        self.position = position
        self.problem = problem
        self.hint = hint
        super().__init__(f"query error at position {position}: {problem}; {hint}")

    def caret(self) -> str:
        """The query and a ``^`` under the position (tabs and newlines shown as spaces)."""
        shown = re.sub(r"\s", " ", self.query)
        return f"{shown}\n{' ' * self.position}^"


@dataclass(frozen=True)
class MatchAll:
    """Every cable (the empty query)."""


@dataclass(frozen=True)
class Words:
    """Tokens in a text field (``field`` None: body or subject); one token is a term.

    ``slop`` > 0 (a phrase only): the tokens may stand that many positions out of place,
    counted as tantivy's phrase query counts them (``"a b"~2`` also finds ``b a``).
    """

    field: str | None
    tokens: tuple[str, ...]
    slop: int = 0


@dataclass(frozen=True)
class Value:
    """One exact value of a code field, normalised (upper case; canonical for ids)."""

    field: str
    value: str


@dataclass(frozen=True)
class Prefix:
    """Text: a phrase whose last token is a prefix. Code field: ``parts`` holds one value."""

    field: str | None
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Fuzzy:
    field: str | None
    text: str
    distance: int


@dataclass(frozen=True)
class DateRange:
    """Inclusive; ``start``/``end`` are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, None if open."""

    start: str | None
    end: str | None


@dataclass(frozen=True)
class CitedBy:
    reference_id: str


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = MatchAll | Words | Value | Prefix | Fuzzy | DateRange | CitedBy | And | Or | Not


def describe(node: Node) -> str:
    """A normalised string form of ``node`` that parses back to the same AST."""
    if isinstance(node, MatchAll):
        return ""
    if isinstance(node, And):
        return " ".join(_grouped(item, Or) for item in node.items)
    if isinstance(node, Or):
        return " OR ".join(_grouped(item, And) for item in node.items)
    if isinstance(node, Not):
        return "NOT " + _grouped(node.item, And, Or)
    if isinstance(node, DateRange):
        if node.start == node.end:
            return f"date:{node.start}"
        return f"date:{node.start or ''}..{node.end or ''}"
    if isinstance(node, CitedBy):
        return f"cited-by:{node.reference_id}"
    field = f"{node.field}:" if node.field else ""
    if isinstance(node, Value):
        return field + _quoted(node.value)
    if isinstance(node, Words):
        return field + _phrase(node.tokens) + (f"~{node.slop}" if node.slop else "")
    if isinstance(node, Prefix):
        text = _phrase(node.parts) if node.field not in CODE_FIELDS else _quoted(node.parts[0])
        return f"{field}{text}*"
    return f"{field}{_quoted(node.text)}~{node.distance}"


def _grouped(node: Node, *kinds: type[And] | type[Or]) -> str:
    text = describe(node)
    return f"({text})" if isinstance(node, kinds) else text


def _phrase(tokens: tuple[str, ...]) -> str:
    return tokens[0] if len(tokens) == 1 else '"' + " ".join(tokens) + '"'


def _quoted(value: str) -> str:
    bare = re.fullmatch(r'[^\s()"*~]+', value) and value not in ("OR", "AND", "NOT")
    return value if bare else f'"{value}"'
