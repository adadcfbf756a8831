"""The person facet under the names the archive takes people for.

The index counts the names as the cables give them, so ``ARGYROS`` (signatures) and
``ARGYROS, GEORGE`` (Classified By lines) are two buckets although ``person:ARGYROS`` and
``person:"ARGYROS, GEORGE"`` find the same cables. Here such buckets become one, named for
the person and counted exactly: a count-only query of the search narrowed to that person.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from cablebase.search.engine import FacetCount


def merged_person_facet(
    counts: Sequence[FacetCount],
    aliases: Mapping[str, str],
    merged: Mapping[str, Sequence[str]],
    count_with: Callable[[str], int],
) -> tuple[FacetCount, ...]:
    """``counts`` with alias buckets folded into their person; ``count_with(clause)`` is the
    number of cables the search finds with ``clause`` added."""
    out: dict[str, int] = {}
    for bucket in counts:
        name = aliases.get(bucket.value, bucket.value)
        if name in out:
            continue
        if name in merged:  # the person goes by more than one name: count them as one
            out[name] = count_with(f'person:"{name}"')
        else:
            out[name] = bucket.count
    return tuple(
        FacetCount(name, n) for name, n in sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))
    )
