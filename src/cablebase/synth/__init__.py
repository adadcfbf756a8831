"""Synthetic cables in the real ``cables.csv`` format, for benchmarks and scale tests.

Ids, origins and months are the real Cablegate ones; everything else (dates within the
month, headers, classification, TAGS, references, text) is drawn from figures counted over
the corpus (``data/synth-stats.json.gz``, built by ``tools/build_synth_stats.py``). No corpus
text is copied: the text is random sequences from a word-bigram model.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from cablebase.progress import counted_bar
from cablebase.synth.stats import load_stats
from cablebase.synth.writer import write_synthetic

__all__ = ["load_stats", "progress_bar", "write_synthetic"]


def progress_bar(
    total: int, *, enabled: bool
) -> AbstractContextManager[Callable[[int], None] | None]:
    """A bar on stderr for :func:`write_synthetic` when ``enabled`` (a terminal)."""
    return counted_bar(total, enabled=enabled, label="writing")
