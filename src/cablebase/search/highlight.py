"""Snippets: the window of a cable's clean text where the query's words are, marked.

The window is found with compiled patterns of the query's positive words, phrases and
prefixes, tried where their first word is in the stored text, which costs microseconds;
tantivy's snippet generator tokenises and scores the whole text of every hit (a good part of
a millisecond each) and cannot mark prefix or fuzzy terms at all. Fuzzy terms are marked by
edit distance.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from cablebase.search.nodes import And, Fuzzy, Node, Not, Or, Prefix, Words

WIDTH = 240
_SPACE = re.compile(r"\s+")
_MARK = "\x00"  # marks the ends of ranges while a fragment is collapsed
_WORD_EDGE_BEFORE = r"(?<![^\W_])"  # what tantivy's default tokenizer splits on: not [^\W_]
_WORD_EDGE_AFTER = r"(?![^\W_])"
_BETWEEN_TOKENS = r"[\W_]+"


@dataclass(frozen=True, slots=True)
class Snippet:
    """A fragment of the clean text and the character ranges of the matched words in it."""

    fragment: str
    highlights: tuple[tuple[int, int], ...]

    def marked(self, start: str, end: str, escape: Callable[[str], str] = str) -> str:
        out: list[str] = []
        at = 0
        for lo, hi in self.highlights:
            out.append(escape(self.fragment[at:lo]))
            out.append(start + escape(self.fragment[lo:hi]) + end)
            at = hi
        out.append(escape(self.fragment[at:]))
        return "".join(out)

    def html(self) -> str:
        """Safe HTML: the cable text escaped, matches wrapped in ``<mark>``."""
        return self.marked("<mark>", "</mark>", html.escape)


@dataclass(frozen=True, slots=True)
class Highlighter:
    """What to look for in the clean text: the query's positive words, phrases, prefixes."""

    # The patterns of the alternatives, longest first, so that a phrase wins over one of its
    # own words where both match.
    alternatives: tuple[str, ...] = ()
    # The same by their lower-cased first word, each with its rank in that order: the word is
    # found with str.find, then the patterns are tried only there. A regex scan of a 6 KB
    # text costs ~100 us, this ~5 us. (The patterns' sources: each is compiled, once per
    # process, the first time a text needs it; one word in ASCII text never does.)
    by_first_word: tuple[tuple[str, tuple[tuple[int, str], ...]], ...] = ()
    fuzzy: tuple[tuple[str, int], ...] = ()  # (term, edit distance)
    # The query looks for one word and nothing else (no phrase, prefix or fuzzy term).
    one_word: bool = False

    @classmethod
    def of(cls, node: Node) -> Highlighter:
        alternatives: dict[str, str] = {}  # pattern -> its first word
        fuzzy: list[tuple[str, int]] = []
        _collect(node, alternatives, fuzzy)
        ordered = sorted(alternatives, key=len, reverse=True)
        grouped: dict[str, list[tuple[int, str]]] = {}
        for rank, source in enumerate(ordered):
            grouped.setdefault(alternatives[source], []).append((rank, source))
        by_first_word = tuple((word, tuple(grouped[word])) for word in sorted(grouped))
        one_word = len(ordered) == 1 and not fuzzy and ordered[0] == re.escape(by_first_word[0][0])
        return cls(tuple(ordered), by_first_word, tuple(fuzzy), one_word)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the query's terms are in ``text``, in order, not overlapping."""
        found = self._exact(text) if self.alternatives else []
        if self.fuzzy:
            for m in _TOKEN_RE.finditer(text):
                word = m.group().lower()
                if any(within(word, term, d) for term, d in self.fuzzy):
                    found.append(m.span())
            found.sort()
        spans: list[tuple[int, int]] = []
        for lo, hi in found:
            if not spans or lo >= spans[-1][1]:
                spans.append((lo, hi))
        return spans

    def _exact(self, text: str) -> list[tuple[int, int]]:
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer: scan it all
            whole = _compiled("|".join(self.alternatives))
            return [m.span() for m in whole.finditer(text)]
        # What one pattern of all the alternatives would match: at each place, the first
        # alternative in order that matches there.
        best: dict[int, tuple[int, int]] = {}  # start -> (rank, end)
        for word, sources in self.by_first_word:
            at = lowered.find(word)
            patterns = [(rank, _compiled(source)) for rank, source in sources] if at >= 0 else []
            while at >= 0:
                for rank, pattern in patterns:
                    m = pattern.match(text, at)
                    if m is not None:
                        if at not in best or rank < best[at][0]:
                            best[at] = (rank, m.end())
                        break
                at = lowered.find(word, at + 1)
        return sorted((lo, hi) for lo, (_, hi) in best.items())

    def snippet(self, body: str) -> Snippet:
        """The window of ``body`` with the most distinct matched words, as one line."""
        if self.one_word and body.isascii():
            return self._first_window(body)
        spans = self.spans(body)
        if not spans:  # nothing to mark, or matched in the subject or another field only
            return collapse(body[:WIDTH], ())
        words = [body[a:b].lower() for a, b in spans]
        most = len(set(words))  # no window holds more: the first that does is the one
        best_start, best_count = 0, -1
        ahead = 0
        for i, (lo, _) in enumerate(spans[:64]):
            start = max(0, lo - WIDTH // 4)
            ahead = max(ahead, i)
            while ahead + 1 < len(spans) and spans[ahead + 1][1] <= start + WIDTH:
                ahead += 1
            distinct = len(set(words[i : ahead + 1]))
            if distinct > best_count:
                best_start, best_count = start, distinct
                if distinct == most:
                    break
        start = _word_start(body, best_start)
        end = _word_end(body, start + WIDTH)
        inside = [(a - start, b - start) for a, b in spans if a >= start and b <= end]
        return collapse(body[start:end], inside)

    def _first_window(self, body: str) -> Snippet:
        """``snippet`` for one word in ASCII text, which is read no further than it needs.

        Every match of the word then reads the same, lower-cased, so the first window holds
        as many distinct words as any (one) and is the one ``snippet`` picks: only the
        matches up to its end are looked for, not all of a common word's hundreds (matches
        of one whole word never overlap).

        Nor is the word's pattern needed: in ASCII text, lower-casing keeps every position,
        so where ``word`` is found it matches, and a word edge there is a neighbour that is
        not a letter or digit (what the pattern means by a word character, on ASCII). That saves
        compiling the pattern of each new word (~0.15 ms) and a match per place."""
        word = self.by_first_word[0][0]
        size = len(word)
        lowered = body.lower()
        inside: list[tuple[int, int]] = []
        start = end = -1
        at = lowered.find(word)
        while at >= 0 and not 0 <= end <= at:
            after = at + size
            if not (at and body[at - 1].isalnum()) and not body[after : after + 1].isalnum():
                if end < 0:
                    start = _word_start(body, max(0, at - WIDTH // 4))
                    end = _word_end(body, start + WIDTH)
                if after > end:
                    break
                inside.append((at - start, after - start))
            at = lowered.find(word, at + 1)
        if end < 0:
            return collapse(body[:WIDTH], ())
        return collapse(body[start:end], inside)


_TOKEN_RE = re.compile(r"[^\W_]+")  # one token of the default tokenizer


@lru_cache(maxsize=4096)
def _compiled(alternatives: str) -> re.Pattern[str]:
    # Kept per word, phrase or prefix, not per query: CPython's compiler takes ~0.2 ms a
    # pattern, and a reading room's queries share their words.
    return re.compile(_WORD_EDGE_BEFORE + "(?:" + alternatives + ")" + _WORD_EDGE_AFTER, re.I)


def within(word: str, term: str, distance: int) -> bool:
    """Optimal-string-alignment distance at most ``distance`` (a swap costs 1, as in tantivy)."""
    if abs(len(word) - len(term)) > distance:
        return False
    previous2: list[int] = []
    previous = list(range(len(term) + 1))
    for i, a in enumerate(word, start=1):
        current = [i] + [0] * len(term)
        for j, b in enumerate(term, start=1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == term[j - 2] and word[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > distance:
            return False
        previous2, previous = previous, current
    return previous[-1] <= distance


def _collect(node: Node, alternatives: dict[str, str], fuzzy: list[tuple[str, int]]) -> None:
    """Gather the positive text terms of ``node`` as pattern alternatives (and fuzzy terms)."""
    if isinstance(node, And | Or):
        for item in node.items:
            _collect(item, alternatives, fuzzy)
    elif isinstance(node, Not):
        return  # what a cable must not contain is not in it
    elif getattr(node, "field", "") not in (None, "body"):
        return
    elif isinstance(node, Words):
        alternatives[_BETWEEN_TOKENS.join(re.escape(t) for t in node.tokens)] = node.tokens[0]
    elif isinstance(node, Prefix):
        *words, last = node.parts
        lead = "".join(re.escape(w) + _BETWEEN_TOKENS for w in words)
        alternatives[lead + re.escape(last) + r"[^\W_]*"] = node.parts[0]
    elif isinstance(node, Fuzzy):
        fuzzy.append((node.text.lower(), node.distance))


def _word_start(text: str, at: int) -> int:
    if at <= 0:
        return 0
    space = text.rfind(" ", max(0, at - 20), at)
    return space + 1 if space >= 0 else at


def _word_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.find(" ", at, at + 20)
    return space if space >= 0 else at


def collapse(fragment: str, ranges: Sequence[tuple[int, int]]) -> Snippet:
    """``fragment`` as one line (runs of whitespace made one space), ranges moved along.

    Cables are written in short lines; a snippet reads best as one line of text. The ranges'
    ends are marked with a character the text lacks, and the fragment is split on whitespace
    and joined in one pass: ~16 us a snippet, where making each run one space with a regex,
    piece by piece, took ~37 us (0.3 ms of a page of twenty). That is the piecewise result
    whenever no end falls inside a run of whitespace, which is always so for matches (they
    begin and end on word characters); other ranges are collapsed piece by piece.
    """
    n = len(fragment)
    if _MARK in fragment:
        return _collapse_pieces(fragment, ranges)
    if len(ranges) == 1 and 0 < (lo := ranges[0][0]) < (hi := ranges[0][1]) < n:
        return _collapse_one(fragment, lo, hi)
    inner = sorted({c for r in ranges for c in r if 0 < c < n})
    pieces = []
    at = 0
    for c in inner:
        if fragment[c - 1].isspace() and fragment[c].isspace():
            return _collapse_pieces(fragment, ranges)
        pieces.append(fragment[at:c])
        at = c
    pieces.append(fragment[at:])
    marked = _MARK.join(pieces)
    # One line, its edges stripped (the marks are not whitespace, so they stay in place).
    squeezed = " ".join(marked.split())
    starts = {0: 0}
    at = -1
    for k, c in enumerate(inner):
        at = squeezed.index(_MARK, at + 1)
        starts[c] = at - k  # the k marks before it are not in the text
    text = squeezed.replace(_MARK, "") if inner else squeezed
    starts[n] = len(text)
    return Snippet(text, _moved(ranges, starts, text, len(text)))


def _collapse_one(fragment: str, lo: int, hi: int) -> Snippet:
    """``collapse`` of one range inside the fragment (a one-word query's usual snippet), its
    steps written out for that case: ~6 us where the general loop takes ~13."""
    if (fragment[lo - 1].isspace() and fragment[lo].isspace()) or (
        fragment[hi - 1].isspace() and fragment[hi].isspace()
    ):
        return _collapse_pieces(fragment, ((lo, hi),))
    squeezed = " ".join(f"{fragment[:lo]}{_MARK}{fragment[lo:hi]}{_MARK}{fragment[hi:]}".split())
    # (the range holds a character, so a character of the text stands between the marks,
    # a space at least: neither end falls off the text)
    begin = squeezed.index(_MARK)
    end = squeezed.index(_MARK, begin + 1) - 1  # (less the mark before it)
    text = squeezed.replace(_MARK, "")
    if text[begin] == " ":  # the space that joined it, not the word
        begin += 1
    return Snippet(text, ((begin, end),))


def _collapse_pieces(fragment: str, ranges: Sequence[tuple[int, int]]) -> Snippet:
    """``collapse`` made piece by piece, for any ranges: whitespace runs are made one space
    between the ranges' ends, then the pieces joined."""
    cuts = sorted({0, len(fragment), *(c for r in ranges for c in r if 0 <= c <= len(fragment))})
    parts: list[str] = []
    starts: dict[int, int] = {}
    length = 0
    for lo, hi in itertools.pairwise(cuts):
        piece = _SPACE.sub(" ", fragment[lo:hi])
        if not length:
            piece = piece.lstrip()
        elif parts and parts[-1].endswith(" ") and piece.startswith(" "):
            piece = piece[1:]
        starts[lo] = length
        parts.append(piece)
        length += len(piece)
    starts[len(fragment)] = length
    text = "".join(parts)
    stripped = text.rstrip()
    return Snippet(stripped, _moved(ranges, starts, text, len(stripped)))


def _moved(
    ranges: Sequence[tuple[int, int]], starts: dict[int, int], text: str, length: int
) -> tuple[tuple[int, int], ...]:
    """The ranges in the collapsed ``text`` (``length`` long once stripped), given where
    each of their ends went (``starts``); a range that fell off the end is left out."""
    spans = []
    for lo, hi in ranges:
        if lo in starts and hi in starts and starts[lo] < length:
            begin, end = starts[lo], min(starts[hi], length)
            if text[begin : begin + 1] == " ":  # the space that joined it, not the word
                begin += 1
            spans.append((begin, end))
    return tuple(spans)
