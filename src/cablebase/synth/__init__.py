"""Synthetic cables in the real ``cables.csv`` format, for benchmarks and scale tests.

Ids, origins and months are the real Cablegate ones; everything else (dates within the
month, headers, classification, TAGS, references, text) is drawn from figures counted over
the corpus (``data/synth-stats.json.gz``, built by ``tools/build_synth_stats.py``). No corpus
text is copied: the text is random sequences from a word-bigram model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from cablebase.synth.stats import load_stats
from cablebase.synth.writer import write_synthetic

__all__ = ["load_stats", "progress_bar", "write_synthetic"]


@contextmanager
def progress_bar(total: int, *, enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A rows/s bar on stderr for :func:`write_synthetic` when ``enabled`` (a terminal)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[bold]writing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("cables"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("synth", total=total)

        def update(done: int) -> None:
            bar.update(task, completed=done)

        yield update
