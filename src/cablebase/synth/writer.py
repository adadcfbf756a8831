"""Writing synthetic cables.csv files: ids, dates, the reference graph, and the CSV quoting.

Rows are written one by one through a large buffer, so memory stays bounded by the id list
(the 251,287 Cablegate ids) whatever the output size.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import random
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

from cablebase.errors import UsageError
from cablebase.synth.cable import Composer, Plan
from cablebase.synth.stats import CableId, Draw, Stats, cablegate_ids, load_stats
from cablebase.synth.text import TextModel

__all__ = ["escape", "plan_cables", "write_synthetic"]

# Hours of the day weighted as embassies sent: office hours mostly, night traffic thinly.
_HOUR_WEIGHTS = (1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 10, 9, 9, 10, 10, 9, 7, 4, 3, 2, 2, 1, 1)
_HOUR_CUM = tuple(itertools.accumulate(_HOUR_WEIGHTS))
# Where a cited cable comes from: the post's own earlier traffic, the Department's, any.
_SAME_POST, _FROM_STATE = 0.55, 0.30
_RECENT = 64


def escape(field: str) -> str:
    """A field in the quoting of cables.csv: backslash escapes, never doubled quotes."""
    if "\\" in field:
        field = field.replace("\\", "\\\\")
    if '"' in field:
        field = field.replace('"', '\\"')
    return field


def _choose_ids(rng: random.Random, count: int) -> list[CableId]:
    ids = cablegate_ids()
    if count > len(ids):
        raise UsageError(
            f"synth can write at most {len(ids):,} cables (the Cablegate ids); asked for {count:,}"
        )
    if count == len(ids):
        return list(ids)
    # a sorted sample keeps the file's month order
    return [ids[i] for i in sorted(rng.sample(range(len(ids)), count))]


def _dates(rng: random.Random, ids: list[CableId]) -> Iterator[dt.datetime]:
    """Creation times within each id's month, in order, as the real file is sorted by date."""
    hours = range(24)
    for (year, month), group in itertools.groupby(ids, key=lambda c: (c.year, c.month)):
        k = sum(1 for _ in group)
        days = rng.choices(range(1, calendar.monthrange(year, month)[1] + 1), k=k)
        hs = rng.choices(hours, cum_weights=_HOUR_CUM, k=k)
        times = sorted(zip(days, hs, (rng.randrange(60) for _ in range(k)), strict=True))
        for day, hour, minute in times:
            yield dt.datetime(year, month, day, hour, minute)


def plan_cables(draw: Draw, stats: Stats, count: int) -> Iterator[Plan]:
    """The plan of every cable: id, date, classification and the earlier cables it cites."""
    rng = draw.rng
    ids = _choose_ids(rng, count)
    by_post: dict[str, deque[CableId]] = {}
    state: deque[CableId] = deque(maxlen=_RECENT)
    anywhere: deque[CableId] = deque(maxlen=8 * _RECENT)
    refs = stats.ref_count
    for cable, created in zip(ids, _dates(rng, ids), strict=True):
        cls = draw(stats.classification(cable.year))
        own = by_post.setdefault(cable.station, deque(maxlen=_RECENT))
        cited: list[CableId] = []
        for _ in range(draw(refs)):
            roll = rng.random()
            if roll < _SAME_POST:
                pool = own
            elif roll < _SAME_POST + _FROM_STATE:
                pool = state
            else:
                pool = anywhere
            pool = pool or own or anywhere
            if pool:
                pick = pool[rng.randrange(len(pool))]
                if pick not in cited and pick.reference_id != cable.reference_id:
                    cited.append(pick)
        yield Plan(cable, created, cls, tuple(cited))
        own.append(cable)
        anywhere.append(cable)
        if cable.station == "STATE":
            state.append(cable)


def write_synthetic(
    path: Path,
    count: int,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write ``count`` synthetic cables to ``path`` in the cables.csv format; return bytes.

    The same ``seed`` and ``count`` give the same file. ``progress`` is called with the
    number of rows written so far, every 1,000 rows and at the end.
    """
    if count < 0:
        raise UsageError(f"synth needs a count of 0 or more, not {count}")
    rng = random.Random(seed)
    stats = load_stats()
    text = TextModel(stats, rng, count)
    draw = Draw(rng)
    composer = Composer(stats, text, draw)
    written = 0
    with path.open("w", encoding="utf-8", newline="\n", buffering=4 * 1024 * 1024) as out:
        write = out.write
        for row, plan in enumerate(plan_cables(draw, stats, count), start=1):
            cable = composer.compose(plan)
            c = plan.created
            refs = "|".join(r.reference_id for r in plan.references)
            written += write(
                f'"{row}","{c.month}/{c.day}/{c.year} {c.hour}:{c.minute:02d}",'
                f'"{plan.cable.reference_id}","{escape(cable.origin)}","{plan.classification}",'
                f'"{refs}","{escape(cable.header)}","{escape(cable.body)}"\n'
            )
            if progress is not None and row % 1000 == 0:
                progress(row)
    if progress is not None:
        progress(count)
    return path.stat().st_size
