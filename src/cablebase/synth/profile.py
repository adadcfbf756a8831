"""How a collection's text looks to a search index: the figures synthetic cables must match.

A search engine's cost follows document frequencies: how many cables hold a word, a pair of
words, and how many distinct words a cable brings. ``text_profile`` measures those over the
clean bodies of a collection (words: lower-case runs of three or more letters), so that the
synthetic text can be checked against the corpus (tests/synth/test_text_profile.py) and the
figures in docs/benchmarks.md redone with ``python -m cablebase.synth.profile``.
"""

from __future__ import annotations

import itertools
import random
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["TextProfile", "clean_bodies", "text_profile"]

WORD = re.compile(r"[a-z]{3,}")
# Rank bands by document frequency: the common words every query meets, and the middle of
# the vocabulary where most content words of a query sit.
COMMON = (20, 120)
MIDDLE = (300, 2000)
PHRASES = 2000


@dataclass(frozen=True, slots=True)
class TextProfile:
    """Document-frequency figures of one collection of bodies."""

    cables: int
    vocabulary: int
    common_df: tuple[float, float, float]  # min, median, max over ranks 20-120
    middle_df: float  # median over ranks 300-2000
    distinct_words: tuple[float, float, float]  # quartiles per cable
    chars: tuple[float, float, float]  # quartiles of body length
    phrase_df: tuple[float, float]  # median and mean, pairs drawn at random positions

    def rows(self) -> list[tuple[str, str]]:
        """The figures as (name, value) lines for a table."""
        return [
            ("cables", f"{self.cables:,}"),
            ("vocabulary (distinct words)", f"{self.vocabulary:,}"),
            ("common words (ranks 20-120): DF min/median/max", _fmt(self.common_df, "{:.2f}")),
            ("middle words (ranks 300-2000): DF median", f"{self.middle_df:.3f}"),
            ("distinct words per cable: quartiles", _fmt(self.distinct_words, "{:,.0f}")),
            ("body characters: quartiles", _fmt(self.chars, "{:,.0f}")),
            ("word pairs at random positions: DF median/mean", _fmt(self.phrase_df, "{:.4f}")),
        ]


def _fmt(values: Iterable[float], spec: str) -> str:
    return " / ".join(spec.format(v) for v in values)


def _quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[1], q[2]


def text_profile(bodies: Sequence[str], seed: int = 0) -> TextProfile:
    """The profile of ``bodies`` (a few thousand make steady figures)."""
    if len(bodies) < 10:
        raise ValueError(f"a text profile needs at least 10 bodies, not {len(bodies)}")
    df: Counter[str] = Counter()
    pair_df: Counter[tuple[str, str]] = Counter()
    tokens: list[list[str]] = []
    distinct: list[float] = []
    for body in bodies:
        words = WORD.findall(body.lower())
        tokens.append(words)
        kinds = set(words)
        distinct.append(len(kinds))
        df.update(kinds)
        pair_df.update(set(itertools.pairwise(words)))
    n = len(bodies)
    ranked = [c / n for _, c in df.most_common()]
    common = sorted(ranked[COMMON[0] : COMMON[1]]) or [0.0]
    middle = sorted(ranked[MIDDLE[0] : MIDDLE[1]]) or [0.0]
    # Word pairs as a phrase query meets them: drawn at random positions of the running
    # text, so that frequent pairs are drawn as often as they occur.
    rng = random.Random(seed)
    weights = [max(0, len(t) - 1) for t in tokens]
    picks: list[float] = []
    for doc in rng.choices(range(n), weights=weights, k=PHRASES):
        words = tokens[doc]
        i = rng.randrange(len(words) - 1)
        picks.append(pair_df[words[i], words[i + 1]] / n)
    return TextProfile(
        cables=n,
        vocabulary=len(df),
        common_df=(common[0], statistics.median(common), common[-1]),
        middle_df=statistics.median(middle),
        distinct_words=_quartiles(distinct),
        chars=_quartiles([len(b) for b in bodies]),
        phrase_df=(statistics.median(picks), statistics.fmean(picks)),
    )


def clean_bodies(path: Path, limit: int) -> list[str]:
    """The parsed clean bodies of the first ``limit`` full cables of a cables.csv file."""
    from cablebase.model import RawCable
    from cablebase.parse import parse_cable
    from cablebase.sources import read_paths

    out: list[str] = []
    for item in read_paths([path]):
        if isinstance(item, RawCable):
            body = parse_cable(item).body
            if WORD.search(body.lower()):
                out.append(body)
                if len(out) >= limit:
                    break
    return out


def main(argv: Sequence[str]) -> None:
    """``python -m cablebase.synth.profile LIMIT FILE...``: a profile column per file."""
    limit, paths = int(argv[0]), [Path(a) for a in argv[1:]]
    profiles = [text_profile(clean_bodies(p, limit)) for p in paths]
    for i, (name, _) in enumerate(profiles[0].rows()):
        print(" | ".join([name, *(p.rows()[i][1] for p in profiles)]))


if __name__ == "__main__":
    main(sys.argv[1:])
