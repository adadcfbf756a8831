"""The order of a facet's values: by count, largest first, a tie broken by value."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cablebase.search.engine import top_values

# Few distinct counts and short values: ties at the cut, above it and below it are common;
# up to 200 values, beyond the size from which the top ones are picked rather than sorted.
_COUNTS = st.dictionaries(
    st.text(alphabet="abcAB ,É", max_size=4), st.integers(min_value=0, max_value=4), max_size=200
)


@settings(max_examples=500, deadline=None)
@given(counts=_COUNTS, size=st.integers(min_value=-1, max_value=25))
@example(counts={f"v{i}": i % 3 for i in range(100)}, size=20)  # picked, not sorted
@example(counts={"b": 3, "a": 3} | {f"v{i}": 1 for i in range(99, 0, -1)}, size=5)  # tie above
@example(counts={"b": 2, "a": 2, "c": 3, "d": 1, "e": 1}, size=2)  # a tie of two above the cut
def test_top_values_are_the_first_of_all_values_in_facet_order(
    counts: dict[str, int], size: int
) -> None:
    everything = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    assert top_values(counts, size) == everything[: max(size, 0)]
