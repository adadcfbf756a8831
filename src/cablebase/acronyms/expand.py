"""Query expansion: "Government of Mexico" also finds the cables that write GOM.

A phrase, or a run of plain words joined by AND, whose words are a learned expansion gains
an alternative: the acronym, in the cables of the origins that define it so, since the same
letters mean other things elsewhere (GOM is Malawi's government in Lilongwe)::

    "government of mexico"  ->  "government of mexico" OR (gom origin:"embassy mexico")

The expanded query is ordinary query text, shown to the reader and searched as it reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cablebase.search.nodes import And, Node, Not, Or, Words, describe
from cablebase.search.query import QueryError, parse_query

# The acronyms of index words, with the origins that define them so.
Lookup = Callable[[Sequence[str]], list[tuple[str, tuple[str, ...]]]]
MAX_WORDS = 12  # the longest expansion looked for in a run of words
_INDEX_WORD = re.compile(r"[^\W_]+")  # as the query parser splits a value


@dataclass(frozen=True, slots=True)
class Applied:
    """One expansion made: these words also match this acronym in these origins."""

    words: str
    acronym: str
    origins: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExpandedQuery:
    query: str  # the query as typed
    expanded: str  # the query searched (the same text when nothing was expanded)
    applied: tuple[Applied, ...]


def expand_query(text: str, lookup: Lookup) -> ExpandedQuery:
    try:
        node = parse_query(text)
    except QueryError:
        return ExpandedQuery(text, text, ())  # the search itself reports where it is wrong
    applied: list[Applied] = []
    expanded = _Expander(lookup, applied).node(node)
    if not applied:
        return ExpandedQuery(text, text, ())
    return ExpandedQuery(text, describe(expanded), tuple(applied))


class _Expander:
    def __init__(self, lookup: Lookup, applied: list[Applied]) -> None:
        self.lookup = lookup
        self.applied = applied

    def node(self, node: Node) -> Node:
        if isinstance(node, Words) and _phrase(node):
            return self.alternatives(node, node.tokens) or node
        if isinstance(node, And):
            return And(tuple(self.runs(node.items)))
        if isinstance(node, Or):
            return Or(tuple(self.node(item) for item in node.items))
        if isinstance(node, Not):
            return Not(self.node(node.item))
        return node

    def runs(self, items: Sequence[Node]) -> list[Node]:
        """Items of an AND, where a run of plain words that is an expansion gains an OR."""
        out: list[Node] = []
        i = 0
        while i < len(items):
            found = None
            # The longest run first: "Ministry of Foreign Affairs" before "Foreign Affairs".
            for end in range(min(len(items), i + MAX_WORDS), i + 1, -1):
                run = items[i:end]
                if all(_plain_word(item) for item in run):
                    tokens = tuple(t for item in run for t in _tokens(item))
                    found = self.alternatives(And(tuple(run)), tokens)
                    if found is not None:
                        out.append(found)
                        i = end
                        break
            if found is None:
                out.append(self.node(items[i]))
                i += 1
        return out

    def alternatives(self, words: Node, tokens: tuple[str, ...]) -> Node | None:
        acronyms = self.lookup(tokens)
        if not acronyms:
            return None
        options: list[Node] = [words]
        for acronym, origins in acronyms:
            self.applied.append(Applied(" ".join(tokens), acronym, origins))
            where = [Words("origin", _index_words(origin)) for origin in origins]
            place = where[0] if len(where) == 1 else Or(tuple(where))
            options.append(And((Words(None, _index_words(acronym)), place)))
        return Or(tuple(options))


def _phrase(node: Words) -> bool:
    return node.field is None and node.slop == 0 and len(node.tokens) > 1


def _plain_word(node: Node) -> bool:
    return isinstance(node, Words) and node.field is None and node.slop == 0


def _tokens(node: Node) -> tuple[str, ...]:
    assert isinstance(node, Words)
    return node.tokens


def _index_words(text: str) -> tuple[str, ...]:
    """``MNF-I`` -> ("mnf", "i"): the words as the index holds them, a phrase if several."""
    return tuple(t.lower() for t in _INDEX_WORD.findall(text))
