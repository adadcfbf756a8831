"""The meaning shown beside a facet value: a TAGS code's meaning, a caveat's."""

from __future__ import annotations

from cablebase.decode.handling import caveat_meaning
from cablebase.decode.tags import tag_meaning


def facet_meaning(facet: str, value: str) -> str | None:
    """``("tag", "PTER")`` -> ``Terrorists and Terrorism``; None where nothing is known."""
    if facet == "tag":
        return tag_meaning(value)
    if facet == "caveat":
        return caveat_meaning(value)
    return None
