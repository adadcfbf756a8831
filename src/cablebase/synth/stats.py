"""The figures behind the generator: ``data/synth-stats.json.gz`` and the Cablegate id list.

The JSON file is built by ``tools/build_synth_stats.py`` from counts over the corpus. The ids
come from ``data/cablegate-serials.csv.gz`` (every one of the 251,287 Cablegate ids, with its
creation month), so ``cablebase synth`` needs nothing outside the installed package.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
import operator
import random
from dataclasses import dataclass
from importlib import resources
from itertools import accumulate
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from cablebase.errors import DataError
from cablebase.parse.serials import full_year

__all__ = [
    "Bigrams",
    "CableId",
    "Draw",
    "Stats",
    "Weighted",
    "cablegate_ids",
    "load_stats",
    "read_data",
]


@dataclass(frozen=True, slots=True)
class Weighted:
    """Values with cumulative weights, ready for ``random.choices(..., cum_weights=...)``.

    Cumulating once here is what keeps bulk draws cheap: ``choices`` with ``weights``
    re-accumulates on every call.
    """

    values: tuple[Any, ...]
    cum: tuple[float, ...]

    @classmethod
    def of(cls, pairs: dict[Any, float] | list[tuple[Any, float]]) -> Weighted:
        items = list(pairs.items()) if isinstance(pairs, dict) else list(pairs)
        items = [(v, w) for v, w in items if w > 0]
        if not items:
            raise DataError("synth-stats.json.gz: an empty distribution; rebuild it")
        return cls(tuple(v for v, _ in items), tuple(accumulate(w for _, w in items)))

    @classmethod
    def flat(cls, flat: list[Any]) -> Weighted:
        """From the file's compact ``[value, weight, value, weight, ...]`` lists."""
        return cls.of(list(zip(flat[::2], flat[1::2], strict=True)))

    def mean(self) -> float:
        prev, total = 0.0, 0.0
        for v, c in zip(self.values, self.cum, strict=True):
            total += float(v) * (c - prev)
            prev = c
        return total / self.cum[-1]

    def share(self, value: Any) -> float:
        prev = 0.0
        for v, c in zip(self.values, self.cum, strict=True):
            if v == value:
                return (c - prev) / self.cum[-1]
            prev = c
        return 0.0


class Draw:
    """Draws from fixed distributions, 2,048 at a time: one bisection in numpy per batch.

    A ``choices`` call costs microseconds of Python before its first value, and then a
    bisection in Python per value; a cable takes some thirty draws, so single draws alone
    would cost a minute over Cablegate's size, and ``choices`` batches some seconds.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._np = np.random.default_rng(rng.getrandbits(64))
        self._batches: dict[int, list[Any]] = {}
        self._cums: dict[int, npt.NDArray[np.float64]] = {}

    def __call__(self, dist: Weighted) -> Any:
        batch = self._batches.get(id(dist))
        if not batch:
            batch = self._refill(dist, 1)
        return batch.pop()

    def many(self, dist: Weighted, k: int) -> list[Any]:
        """``k`` draws at once (a slice: cheaper than ``k`` calls)."""
        batch = self._batches.get(id(dist))
        if batch is None or len(batch) < k:
            batch = self._refill(dist, k)
        out = batch[-k:] if k else []
        del batch[len(batch) - k :]
        return out

    def _refill(self, dist: Weighted, k: int) -> list[Any]:
        # the rest of an old batch is dropped: drawing stays a pure function of the seed
        cum = self._cums.get(id(dist))
        if cum is None:
            cum = self._cums[id(dist)] = np.asarray(dist.cum, np.float64)
        n = max(2048, k)
        picks = np.searchsorted(cum, self._np.random(n) * cum[-1], side="right")
        batch = list(operator.itemgetter(*picks.tolist())(dist.values))
        self._batches[id(dist)] = batch
        return batch


@dataclass(frozen=True, slots=True, eq=False)
class Bigrams:
    """The word-pair counts as arrays: row ``i`` holds the successors of word ``i``.

    ``successor[start[i]:start[i + 1]]`` are the words seen after word ``i`` and ``count``
    the number of times each was; ``topic_ids[t]`` are the words topic ``t`` marks and
    ``topic_lift[t]`` how much more often than overall the topic uses them.
    """

    start: npt.NDArray[np.int64]
    successor: npt.NDArray[np.int32]
    count: npt.NDArray[np.float64]
    topic_ids: tuple[npt.NDArray[np.int64], ...]
    topic_lift: tuple[npt.NDArray[np.float64], ...]


def _bigrams(raw: dict[str, Any]) -> Bigrams:
    lengths = np.asarray(raw["next_len"], np.int64)
    start = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(lengths, out=start[1:])
    steps = np.asarray(raw["next_word"], np.int64)
    # successors are written as steps within each row: a running sum restarted per row
    running = np.cumsum(steps)
    row_of = np.repeat(np.arange(len(lengths)), lengths)
    before = np.concatenate(([0], running))[start[:-1]]
    successor = (running - before[row_of]).astype(np.int32)
    ids = tuple(np.asarray(flat[::2], np.int64) for flat in raw["topic_lift"])
    lifts = tuple(np.asarray(flat[1::2], np.float64) / 10 for flat in raw["topic_lift"])
    return Bigrams(start, successor, np.asarray(raw["next_count"], np.float64), ids, lifts)


def _hist(raw: dict[str, int]) -> Weighted:
    return Weighted.of({int(k): v for k, v in raw.items()})


@dataclass(frozen=True, slots=True, eq=False)  # eq=False: hashed by identity, for caches
class Stats:
    """The decoded data file: distributions keyed as the generator asks for them."""

    classification_by_year: dict[int, Weighted]
    precedence: Weighted
    tags_by_station: dict[str, Weighted]
    tags_global: Weighted
    geo_tag: dict[str, str]
    routing: dict[str, str]
    post_type: dict[str, str]
    tag_count: Weighted
    ref_count: Weighted
    paragraph_count: Weighted
    paragraph_words: Weighted
    sentence_words: Weighted
    subject_words: Weighted
    info_count: Weighted
    marks_by_level: dict[str, Weighted]
    summary_share: float
    comment_share: float
    signers: dict[str, Weighted]
    signers_global: Weighted
    transmission_prefix: Weighted
    corpus_mean_chars: int
    chars_per_word: float
    words: tuple[str, ...]
    start: Weighted
    bigrams: Bigrams
    topics: Weighted  # topic numbers weighted by the corpus cables on each
    station_topics: dict[str, Weighted]
    tail: tuple[tuple[str, ...], ...]  # per topic, words too rare for the pair model

    def classification(self, year: int) -> Weighted:
        """The classification mix of ``year``, or of the nearest year the corpus covers."""
        table = self.classification_by_year
        if year in table:
            return table[year]
        return table[min(table, key=lambda y: (abs(y - year), y))]


def read_data(name: str) -> bytes:
    try:
        return resources.files("cablebase.data").joinpath(name).read_bytes()
    except OSError as exc:
        raise DataError(
            f"cablebase data file {name} is missing ({exc}); reinstall cablebase"
        ) from exc


@functools.cache
def load_stats() -> Stats:
    """The generator's statistics (read once per process)."""
    try:
        raw: dict[str, Any] = json.loads(gzip.decompress(read_data("synth-stats.json.gz")))
    except (OSError, EOFError, ValueError) as exc:
        raise DataError(
            f"cablebase data file synth-stats.json.gz is corrupt ({exc}); "
            "rebuild it with tools/build_synth_stats.py"
        ) from exc
    if raw.get("version") != 2:
        raise DataError("cablebase data file synth-stats.json.gz is out of date; rebuild it")
    signer_counts: dict[str, float] = {}
    for flat in raw["signers"].values():
        for name, n in zip(flat[::2], flat[1::2], strict=True):
            signer_counts[name] = signer_counts.get(name, 0) + n
    return Stats(
        classification_by_year={
            int(y): Weighted.of(c) for y, c in raw["classification_by_year"].items()
        },
        precedence=Weighted.of(raw["precedence"]),
        tags_by_station={s: Weighted.flat(f) for s, f in raw["tags_by_station"].items()},
        tags_global=Weighted.flat(raw["tags_global"]),
        geo_tag=dict(raw["geo_tag"]),
        routing=dict(raw["routing"]),
        post_type=dict(raw["post_type"]),
        tag_count=_hist(raw["tag_count"]),
        ref_count=_hist(raw["ref_count"]),
        paragraph_count=_hist(raw["paragraph_count"]),
        paragraph_words=_hist(raw["paragraph_words"]),
        sentence_words=_hist(raw["sentence_words"]),
        subject_words=_hist(raw["subject_words"]),
        info_count=_hist(raw["info_count"]),
        marks_by_level={lv: Weighted.of(m) for lv, m in raw["marks_by_level"].items()},
        summary_share=float(raw["summary_share"]),
        comment_share=float(raw["comment_share"]),
        signers={s: Weighted.flat(f) for s, f in raw["signers"].items()},
        signers_global=Weighted.of(signer_counts),
        transmission_prefix=Weighted.of(raw["transmission_prefix"]),
        corpus_mean_chars=int(raw["corpus_mean_chars"]),
        chars_per_word=float(raw["chars_per_word"]),
        words=tuple(raw["words"]),
        start=Weighted.flat(raw["start"]),
        bigrams=_bigrams(raw),
        topics=Weighted.of(dict(enumerate(raw["topic_size"]))),
        station_topics={s: Weighted.flat(f) for s, f in raw["station_topics"].items()},
        tail=tuple(tuple(words.split()) for words in raw["topic_tail"]),
    )


class CableId(NamedTuple):
    """One Cablegate id with the parts the generator needs.

    A named tuple: all 251,287 are made each run, and a tuple is made in a third of the
    time of a frozen dataclass.
    """

    reference_id: str
    year: int
    month: int
    station: str
    serial: int


@functools.cache
def cablegate_ids() -> tuple[CableId, ...]:
    """Every Cablegate id, ordered by creation month as cables.csv is (then station, serial)."""
    text = gzip.decompress(read_data("cablegate-serials.csv.gz")).decode("utf-8")
    out: list[CableId] = []
    rows = csv.reader(io.StringIO(text))
    column = {name: i for i, name in enumerate(next(rows))}
    at_yy, at_month = column["yy"], column["month"]
    at_station, at_serials = column["station"], column["serials"]
    for row in rows:
        yy, station = row[at_yy], row[at_station]
        year, month = full_year(yy), int(row[at_month])
        prefix = yy + station
        for serial in accumulate(map(int, row[at_serials].split())):
            out.append(CableId(f"{prefix}{serial}", year, month, station, serial))
    out.sort(key=operator.attrgetter("year", "month"))  # stable: station and serial order stay
    return tuple(out)
