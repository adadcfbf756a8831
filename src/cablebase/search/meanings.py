"""The ``tag:`` values of a query that are words of TAGS meanings, and the codes they stand for.

The compiler matches them (:mod:`cablebase.search.compile`); this says what they matched, so
that a result page can show ``tag:terrorism`` = PTER.
"""

from __future__ import annotations

from cablebase.decode.tags import codes_meaning, is_tag
from cablebase.search.nodes import And, Node, Not, Or, Value


def tag_words(node: Node) -> dict[str, tuple[str, ...]]:
    """``tag:terrorism -tag:PREL`` -> ``{"TERRORISM": ("PTER",)}``: codes are left out."""
    found: dict[str, tuple[str, ...]] = {}
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, And | Or):
            stack.extend(reversed(item.items))
        elif isinstance(item, Not):
            stack.append(item.item)
        elif isinstance(item, Value) and item.field == "tag" and not is_tag(item.value):
            codes = codes_meaning(item.value)
            if codes:
                found.setdefault(item.value, codes)
    return found
