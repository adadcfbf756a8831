"""Progress bars on stderr: for long reads, cables/s and an ETA from the bytes of the inputs;
for counted work (an archive's cables, a file's rows), done of total.

Readers yield cables, not byte offsets, so progress is estimated: the sizes of finished
files, plus the text read so far from the current one (a cable's text is most of its bytes
in a CSV; HTML pages finish file by file, which is exact).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from cablebase.model import RawCable
from cablebase.sources import Item


def _input_sizes(paths: Iterable[Path]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for path in paths:
        if path.is_dir():
            for root, _dirs, files in os.walk(path):
                for name in files:
                    full = os.path.join(root, name)
                    sizes[full] = os.path.getsize(full)
        elif path.is_file():
            sizes[str(path)] = path.stat().st_size
    return sizes


def progress_over(
    items: Iterator[Item], paths: list[Path], *, enabled: bool, label: str = "parsing"
) -> Iterator[Item]:
    """``items`` unchanged; draws a bar on stderr while they pass when ``enabled``."""
    if not enabled:
        yield from items
        return
    sizes = _input_sizes(paths)
    total = sum(sizes.values()) or None
    columns = (
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("{task.fields[cables]} cables"),
        TextColumn("{task.fields[rate]} cables/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    # on stderr: stdout carries the records (`cablebase parse x > out.jsonl`)
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("parse", total=total, cables=0, rate="-")
        done_files = 0
        current, current_bytes, count = "", 0, 0
        for item in items:
            path = item.source.path if isinstance(item, RawCable) else item.path
            if path != current:
                done_files += sizes.get(current, 0)
                current, current_bytes = path, 0
            if isinstance(item, RawCable):
                count += 1
                current_bytes += len(item.original)
            completed = done_files + min(current_bytes, sizes.get(current, current_bytes))
            if count % 64 == 0:
                elapsed = bar.tasks[0].elapsed or 0.0
                rate = f"{count / elapsed:,.0f}" if elapsed > 0 else "-"
                bar.update(task, completed=completed, cables=count, rate=rate)
            yield item


@contextmanager
def counted_bar(
    total: int, *, enabled: bool, label: str, unit: str = "cables"
) -> Iterator[Callable[[int], None] | None]:
    """A bar on stderr for work counted in ``unit`` up to ``total`` (the cables of an
    archive, the rows of a file), when ``enabled`` (a terminal); yields the function the
    work calls with how many are done, or None when no bar is drawn."""
    if not enabled:
        yield None
        return
    columns = (
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=total)

        def update(done: int) -> None:
            bar.update(task, completed=done)

        yield update
