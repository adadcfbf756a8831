"""Synthetic cables in the real ``cables.csv`` format, for benchmarks and scale tests.

Ids, origins and months are the real Cablegate ones; everything else (dates within the
month, headers, classification, TAGS, references, text) is drawn from figures counted over
the corpus (``data/synth-stats.json.gz``, built by ``tools/build_synth_stats.py``). No corpus
text is copied: the text is random sequences from a word-bigram model.

The text is made to cost a search index what corpus text does (``text.py``): each cable has
a topic learnt from the corpus (drawn from those its station wrote on) whose words the walk
favours, so that words cluster in some cables and are absent from others as in real cables;
the vocabulary has the corpus's long tail; and word pairs are about as rare. The profile of
``profile.py`` (document frequencies of common and middle words, vocabulary, distinct words
per cable, lengths, word pairs) is checked against the corpus by
tests/synth/test_text_profile.py, and docs/benchmarks.md has the figures. Over 3,000 cables
(the corpus sample's first, and a run of ``cablebase synth 3000 --seed 11``):

====================================  ==============  ==============  ==============
figure                                corpus          bigram pool     topics (now)
====================================  ==============  ==============  ==============
vocabulary (distinct words)           52,338          2,550           28,921
common words (ranks 20-120), DF       0.31/0.41/0.66  0.61/0.75/0.93  0.29/0.38/0.77
middle words (ranks 300-2000), DF     0.061           0.026           0.066
distinct words per cable (quartiles)  197/306/448     185/266/342     202/320/469
word pairs at random places, DF       0.0010          0.2213          0.0045
====================================  ==============  ==============  ==============

(The bigram-pool column is a 20,000-cable run's first 3,000, as that generator wrote them.)
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
