"""Charts for the terminal: counts over time or place as horizontal bars.

People would rather look than read: `cablebase stats` and `search --facets` draw the
distribution over years with these bars; `cablebase coverage` draws a heat map.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
from rich.table import Table
from rich.text import Text

_BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: int, largest: int, width: int) -> str:
    """A bar of ``width`` cells at most, in eighths of a cell."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(8 * width * value / largest))
    full, part = divmod(eighths, 8)
    return "█" * full + (_BLOCKS[part] if part else "")


def bar_chart(pairs: Sequence[tuple[str, int]], *, title: str = "", width: int = 40) -> Text:
    """One line per (label, count): the label, a bar scaled to the largest, the count."""
    largest = max((n for _, n in pairs), default=0)
    label_width = max((len(label) for label, _ in pairs), default=0)
    lines = [f"[bold]{escape(title)}[/]"] if title else []
    for label, n in pairs:
        lines.append(f"{escape(label):>{label_width}} [cyan]{bar(n, largest, width)}[/] {n:,}")
    return Text.from_markup("\n".join(lines))


# Shades of a heat map, light to strong (0: none of a cell, 5: nearly all), like the web page.
HEAT_COLOURS = ("grey35", "navy_blue", "blue3", "dodger_blue2", "deep_sky_blue1", "cyan1")


def heat_map(
    rows: Sequence[tuple[str, Sequence[int | None]]],
    columns: Sequence[str],
    *,
    label_width: int = 30,
) -> Table:
    """Labels down, ``columns`` across (two characters each), one coloured block per cell:
    the shade (an index into :data:`HEAT_COLOURS`), or a dot where a cell has no value."""
    table = Table(box=None, padding=(0, 0), show_edge=False, pad_edge=False)
    table.add_column("", width=label_width + 1, no_wrap=True, overflow="ellipsis")
    for heading in columns:
        table.add_column(heading, width=2, justify="center")
    for label, shades in rows:
        cells = [
            Text("·", style="dim") if level is None else Text("██", HEAT_COLOURS[level])
            for level in shades
        ]
        table.add_row(Text(label), *cells)
    return table


def heat_legend(words: Sequence[str], empty: str) -> Text:
    """One line naming each shade of :func:`heat_map` (``words`` in shade order)."""
    legend = Text("shade: ")
    for colour, meaning in zip(HEAT_COLOURS, words, strict=True):
        legend.append("██", style=colour)
        legend.append(f" {meaning}  ")
    legend.append(f"· {empty}")
    return legend
