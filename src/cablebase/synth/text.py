"""English-like text from the word-bigram model and its topics, fast enough for 1.7 GB.

Real cables are bursty: a cable is about something, so the words of its topic (a country,
its leaders, oil, elections) fill it and are absent from cables on other things. Each
synthetic cable therefore gets a topic (drawn from those its station wrote on), and its
paragraphs are walked on the bigram model with the successors of the topic's words weighted
up by how much more often the topic uses them (their lift); some paragraphs are walked on
the plain model, as real cables also hold general matter.

The corpus's long tail (names, places, rare terms: half of the distinct words of any
thousand cables) is too rare for the pair model; a share of the model's rarer words give
way to tail words of the cable's topic, of the same case.

Walking the chain a word at a time in Python would cost minutes over Cablegate's 250
million words, and a small pool of sentences reused over and over makes every phrase
common. So the walk is done with numpy, thousands of sentences in step: a successor is one
gather from the word's urn of successors, or, for the topic's weight, one bisection of a
short array. Each stream (a topic, or the plain model) walks about what the rest of the run
will take from it and hands out each sentence _REUSE times, at random over the run: a
sentence in five cables of thousands keeps its word pairs about as rare as the corpus's,
and walking costs a fifth. The text is random: a sentence is a chain of word pairs counted
in the corpus, never a corpus sentence.

``cablebase.synth.profile`` measures how close the result comes to the corpus.
"""

from __future__ import annotations

import operator
import random
import re

import numpy as np
import numpy.typing as npt

from cablebase.synth.stats import Draw, Stats, Weighted

__all__ = ["LINE_WIDTH", "TextModel", "wrap"]

LINE_WIDTH = 68
# A line of at most LINE_WIDTH characters, ending before a space, a newline or the end; it
# never starts with a space. The empty match between two newlines keeps the blank line
# between paragraphs. One findall wraps a whole message in C, 5x faster than textwrap.
_LINE = re.compile(rf"(?! )[^\n]{{1,{LINE_WIDTH}}}(?= |\n|$)|(?<=\n)(?=\n)")
_TRAILING = ",;:-'\""
_BATCH = 8192  # sentences walked at once for a stream, at most
_FIRST = 256  # sentences of a stream's first walk
_REUSE = 5  # cables (of the whole run) that each walked sentence goes into
_TAIL_RANK = 5_000  # model words past this rank may give way to tail words
_TAIL_SHARE = 0.3  # the share of them that do
_OVERRUN = 12  # words a sentence may run past its drawn length to reach a full stop
# How strongly a topic's words are favoured: a word's weight is its lift to this power.
_LIFT_POWER = 2.15
# A walk through words whose next word is all but settled (the likeliest one has more than
# this share) ends after _SETTLED_RUN of them: longer, it would copy a set phrase.
_SETTLED = 0.5
_SETTLED_RUN = 4
_TOPICAL = 0.9  # share of a cable's paragraphs walked on its topic
_STATION = 0.8  # share of cables whose topic is drawn from their station's, not any


def wrap(text: str) -> str:
    """Paragraphs (one line each, blank lines between) broken into lines of the teletype."""
    return "\n".join(_LINE.findall(text))


class _Plain:
    """The plain model as an urn per word: each successor written as often as it was seen.

    Drawing a successor is then one gather at a random place in the word's stretch of the
    urn, the cheapest draw numpy offers (a bisection costs some twenty cache misses).
    """

    def __init__(self, stats: Stats) -> None:
        big = stats.bigrams
        counts = big.count.astype(np.int64)
        self.urn = np.repeat(big.successor, counts)
        lengths = np.diff(big.start)
        self.row_of = np.repeat(np.arange(len(lengths)), lengths)
        total = np.bincount(self.row_of, weights=counts, minlength=len(lengths)).astype(np.int64)
        self.total = total.astype(np.float64)
        self.begin = np.cumsum(total) - total
        self.top = np.zeros(len(lengths))  # the count of each word's likeliest successor
        np.maximum.at(self.top, self.row_of, big.count)
        # the edges into each word, so that a topic finds the edges into its words at once
        self.into = np.argsort(big.successor, kind="stable")
        self.into_start = np.searchsorted(big.successor[self.into], np.arange(len(lengths) + 1))

    def edges_into(self, words: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Every edge that leads to one of ``words``, in edge order."""
        begin = self.into_start[words]
        lengths = self.into_start[words + 1] - begin
        offsets = np.cumsum(lengths) - lengths
        at = np.arange(lengths.sum()) - np.repeat(offsets - begin, lengths)
        return np.sort(self.into[at])


class _Table:
    """One topic's walk: the plain urn, and the extra weight of the topic's successors.

    A successor the topic marks weighs its count times its lift; the part above its count
    is kept apart (cumulated over the few edges that lead to marked words), so that a draw
    falls in the plain urn or, with the extra's share, bisects that short array.
    """

    def __init__(self, stats: Stats, plain: _Plain, topic: int | None) -> None:
        big = stats.bigrams
        words = len(big.start) - 1
        boost = np.ones(words)
        if topic is not None:
            # the file keeps lifts of 2 and more: every marked word weighs more
            boost[big.topic_ids[topic]] = big.topic_lift[topic] ** _LIFT_POWER
        marked = big.topic_ids[topic] if topic is not None else np.zeros(0, np.int64)
        self.edges = plain.edges_into(marked)
        extra = big.count[self.edges] * (boost[big.successor[self.edges]] - 1)
        self.extra_cum = np.cumsum(extra)
        self.extra_total = np.bincount(plain.row_of[self.edges], weights=extra, minlength=words)
        self.extra_base = np.cumsum(self.extra_total) - self.extra_total
        self.weight = plain.total + self.extra_total
        # where a draw past the plain urn's share lands in extra_cum, less that share
        self.extra_from = self.extra_base - plain.total
        # Words whose next word is all but settled: a run of them is a set phrase of the
        # corpus (a disclaimer, a formula), and walking it through would copy it.
        top = plain.top.copy()
        np.maximum.at(top, plain.row_of[self.edges], big.count[self.edges] + extra)
        self.settled = top > _SETTLED * np.where(self.weight > 0, self.weight, 1)
        starts = stats.start
        first = np.asarray(starts.values, np.int64)
        share = np.diff(np.concatenate(([0.0], np.asarray(starts.cum)))) * boost[first]
        self.first = first
        self.first_cum = np.cumsum(share) / share.sum()


class _Stream:
    """Sentences of one topic, and the order in which they are handed out.

    Each walked sentence is handed out _REUSE times, at random over the stream: walking is
    the dearest part of a cable, and a sentence met in a few cables of thousands keeps its
    word pairs as rare as the corpus's.
    """

    def __init__(self, sentences: list[str], order: tuple[str, ...]) -> None:
        self.sentences = sentences
        self.order = order
        self.pos = 0  # the next sentence to hand out

    def left(self) -> int:
        return len(self.order) - self.pos


class TextModel:
    """Topics for cables, and paragraphs and subjects walked on the bigram model."""

    def __init__(self, stats: Stats, rng: random.Random, cables: int) -> None:
        self._stats = stats
        self._cables = cables
        self._begun = 0  # cables begun so far (topics drawn)
        self._handed: dict[int | None, int] = {}  # sentences handed out per stream
        self._rng = rng
        self._np = np.random.default_rng(rng.getrandbits(64))
        self._plain = _Plain(stats)
        model = len(stats.words)
        words = [*stats.words, *(w for topic in stats.tail for w in topic)]
        self._vocabulary = len(words)
        # every word in its two forms: as is, and closing a sentence
        self._forms = np.array([*words, *(_closed(w) for w in words)], dtype=object)
        # what a word does to a sentence that has its length: goes on (0), ends at its full
        # stop (1), ends for want of successors (2)
        ends = np.array([w.endswith((".", "?", "!")) for w in stats.words], np.int8)
        self._fate = np.where(self._plain.total > 0, ends, 2).astype(np.int8)
        # Rare plain words of the model, lower case or capitalised, give way now and then to
        # a tail word of the same case: the corpus's long tail of names and rare terms.
        rare = np.arange(model) >= _TAIL_RANK
        self._rare_lower = rare & np.array([w.isalpha() and w.islower() for w in stats.words])
        self._rare_upper = rare & np.array([w.isalpha() and w.istitle() for w in stats.words])
        self._tail: dict[int | None, tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = {}
        at = model
        every: list[list[int]] = [[], []]
        for topic, tail in enumerate(stats.tail):
            ids = np.arange(at, at + len(tail))
            upper = np.array([w.istitle() for w in tail], bool)
            self._tail[topic] = (ids[~upper], ids[upper])
            every[0] += ids[~upper].tolist()
            every[1] += ids[upper].tolist()
            at += len(tail)
        self._tail[None] = (np.array(every[0], np.int64), np.array(every[1], np.int64))
        lengths = stats.sentence_words
        self._lengths = np.asarray(lengths.values, np.int64)
        self._lengths_cum = np.asarray(lengths.cum) / lengths.cum[-1]
        self._tables: dict[int | None, _Table] = {}
        self._streams: dict[int | None, _Stream] = {}
        self._sentence_words = 0.0

    def topic(self, station: str, draw: Draw) -> int:
        """The topic of a cable from ``station``: mostly one its station wrote on."""
        self._begun += 1
        own: Weighted | None = self._stats.station_topics.get(station)
        if own is not None and draw.rng.random() < _STATION:
            return int(draw(own))
        return int(draw(self._stats.topics))

    def paragraph(self, words: int, topic: int) -> str:
        """About ``words`` corpus words of running text: whole sentences, one line."""
        if self._sentence_words == 0.0:
            self._sentence_words = self._calibrate()
        k = max(1, round(words / self._sentence_words))
        key = topic if self._rng.random() < _TOPICAL else None
        stream = self._streams.get(key)
        if stream is None or len(stream.order) - stream.pos < k:
            stream = self._stream(key, k)
        pos = stream.pos
        stream.pos = pos + k
        return " ".join(stream.order[pos : pos + k])

    def subject(self, words: int, topic: int) -> str:
        """A SUBJECT line: the opening words of a topic sentence, upper case, no final stop."""
        stream = self._stream(topic, 1)
        sentence = stream.order[stream.pos]
        stream.pos += 1
        opening = sentence.split(" ", max(1, words))[: max(1, words)]
        return " ".join(opening).upper().rstrip(_TRAILING + ".")

    def _calibrate(self) -> float:
        # Sentences are counted by characters, not words: walked text favours common
        # (short) words, and paragraph lengths in characters should be the corpus's.
        sentences = self._stream(None, 1).sentences
        chars = sum(len(s) + 1 for s in sentences)
        return chars / len(sentences) / self._stats.chars_per_word

    def _stream(self, topic: int | None, k: int) -> _Stream:
        stream = self._streams.get(topic)
        if stream is None or stream.left() < k:
            # Walk about what the rest of the run will take from this stream, judged by
            # what it took so far (a small first batch), and never much more: what is
            # walked and not handed out is time lost.
            handed = self._handed.get(topic, 0) + (stream.pos if stream else 0)
            self._handed[topic] = handed
            rest = handed / max(1, self._begun) * (self._cables - self._begun + 1)
            # (the plain stream's first batch also sets the sentence length: a larger one)
            first = _FIRST * 8 if topic is None else _FIRST
            size = first if stream is None else int(rest / _REUSE * 1.05) + 1
            sentences = self._walk(topic, max(min(size, _BATCH), _FIRST // 4, k))
            picks = self._np.integers(0, len(sentences), _REUSE * len(sentences)).tolist()
            stream = _Stream(sentences, operator.itemgetter(*picks)(sentences))
            self._streams[topic] = stream
        return stream

    def _walk(self, topic: int | None, count: int) -> list[str]:
        """``count`` sentences of ``topic`` (None: the plain model), walked in step."""
        successor = self._stats.bigrams.successor
        table = self._tables.get(topic)
        if table is None:
            table = self._tables[topic] = _Table(self._stats, self._plain, topic)
        plain = self._plain
        gen = self._np
        target = np.maximum(4, self._lengths[np.searchsorted(self._lengths_cum, gen.random(count))])
        width = int(target.max()) + _OVERRUN
        # word by step: a step's words are written side by side
        grid = np.full((width, count), -1, np.int32)
        current = table.first[np.searchsorted(table.first_cum, gen.random(count), side="right")]
        grid[0] = current
        total, fate = plain.total, self._fate
        alive = np.flatnonzero(total[current] > 0)  # one-word sentences end at once
        current, target = current[alive], target[alive]
        run = np.zeros(len(alive), np.int64)  # settled steps in a row
        for step in range(1, width):
            general = total[current]
            x = gen.random(len(alive)) * table.weight[current]
            nxt = plain.urn[plain.begin[current] + np.minimum(x, general - 1).astype(np.int64)]
            topical = np.flatnonzero(x >= general)
            if len(topical):
                at = np.searchsorted(
                    table.extra_cum, table.extra_from[current[topical]] + x[topical], side="right"
                )
                nxt[topical] = successor[table.edges[np.minimum(at, len(table.edges) - 1)]]
            grid[step, alive] = nxt
            # a sentence ends at a full stop once it has its length, at a word that no
            # word was seen after, or when it has run too long
            f = fate[nxt]
            goes_on = (f == 0) | ((f == 1) & (target > step + 1))
            goes_on &= target + _OVERRUN > step + 1
            # a sentence also ends before a set phrase of the corpus runs long
            run = np.where(table.settled[current], run + 1, 0)
            goes_on &= run < _SETTLED_RUN
            alive, current, target = alive[goes_on], nxt[goes_on], target[goes_on]
            run = run[goes_on]
            if not len(alive):
                break
        return self._sentences(grid, topic)

    def _swap_tail(self, flat: npt.NDArray[np.int32], topic: int | None) -> None:
        gen = self._np
        chosen = gen.random(len(flat)) < _TAIL_SHARE
        places = [
            np.flatnonzero(chosen & rare[flat]) for rare in (self._rare_lower, self._rare_upper)
        ]
        for swap, tail in zip(places, self._tail[topic], strict=True):
            if len(tail):
                flat[swap] = tail[gen.integers(0, len(tail), len(swap))]

    def _sentences(self, grid: npt.NDArray[np.int32], topic: int | None) -> list[str]:
        grid = grid.T
        filled = grid >= 0
        length = filled.sum(1)
        flat = grid[filled]  # row after row: each sentence's words in a run
        self._swap_tail(flat, topic)
        flat[np.cumsum(length) - 1] += self._vocabulary  # closing word: stop and newline
        # one join and one split in C, rather than a join per sentence
        sentences = " ".join(self._forms[flat].tolist()).split("\n ")
        sentences[-1] = sentences[-1].rstrip("\n")
        return sentences  # capitalised already: every opening word is one the corpus opens with


def _closed(word: str) -> str:
    """``word`` as the last of a sentence: its trailing commas and quotes off, a stop on.

    The newline marks where the sentence ends in a batch's text; splitting there drops it.
    """
    last = word.rstrip(_TRAILING)
    return (last if last.endswith((".", "?", "!")) else (last or "it") + ".") + "\n"
