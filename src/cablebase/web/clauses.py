"""How a facet value becomes a clause of the query language, for every page that links one.

A facet counts the cables holding exactly one value, but ``classification:SECRET`` means
the level, which also finds SECRET//NOFORN cables. A link from a count must find exactly
the cables counted, so a bare level's clause leaves out the other values of its level.
"""

from __future__ import annotations

from collections.abc import Iterable

from cablebase.search.nodes import LEVELS

_FACET_FIELD = {
    "origin": "origin",
    "year": "date",
    "classification": "classification",
    "caveat": "caveat",
    "tag": "tag",
    "cites": "cites",  # not a search facet: the most-cited list (routes_cited)
    "person": "person",
}


def facet_clause(facet: str, value: str) -> str:
    field = _FACET_FIELD[facet]
    if facet == "year":
        return f"{field}:{value}"
    # A quote cannot be escaped inside a phrase; the tokeniser ignores it anyway.
    cleaned = value.replace('"', " ").strip()
    return f'{field}:"{cleaned}"' if any(c.isspace() for c in cleaned) else f"{field}:{cleaned}"


def class_clause(value: str, present: Iterable[str]) -> str:
    """The clause that finds the cables of exactly this classification.

    ``present`` is every classification that may share the level (a result's, or the
    archive's: excluding a value no cable holds changes nothing). ``classification:SECRET``
    means the level, so it finds SECRET//NOFORN cables too; those are excluded here.
    """
    clause = facet_clause("classification", value)
    if value not in LEVELS:
        return clause
    others = [v for v in present if v != value and v.split("//")[0].strip() == value]
    if not others:
        return clause
    return (
        "(" + " ".join([clause, *("-" + facet_clause("classification", v) for v in others)]) + ")"
    )


def entry_clause(facet: str, value: str, classifications: Iterable[str]) -> str:
    """The clause of one facet entry: exact for a classification (see :func:`class_clause`)."""
    if facet == "classification":
        return class_clause(value, classifications)
    return facet_clause(facet, value)
