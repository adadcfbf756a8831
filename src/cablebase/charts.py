"""Charts for the terminal: counts over time or place as horizontal bars.

People would rather look than read: `cablebase stats` and `search --facets` draw the
distribution over years with these bars.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
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
