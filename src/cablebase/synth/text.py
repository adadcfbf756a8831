"""English-like text from the word-bigram model, fast enough for 1.7 GB of cables.

Walking the bigram chain costs a Python call a word; 251,287 cables hold about 250 million
words, far too many for that. So a pool of sentences is walked once per run (its size grows
with the run), and paragraphs are drawn from the pool a sentence at a time with one bulk
``choices`` call each. The text is random: a pool sentence is a chain of word pairs counted
in the corpus, never a corpus sentence.
"""

from __future__ import annotations

import random
import re

from cablebase.synth.stats import Stats

__all__ = ["LINE_WIDTH", "TextModel", "wrap"]

LINE_WIDTH = 68
# A line of at most LINE_WIDTH characters, ending before a space, a newline or the end; it
# never starts with a space. The empty match between two newlines keeps the blank line
# between paragraphs. One findall wraps a whole message in C, 5x faster than textwrap.
_LINE = re.compile(rf"(?! )[^\n]{{1,{LINE_WIDTH}}}(?= |\n|$)|(?<=\n)(?=\n)")
_BATCH = 65536
_TRAILING = ",;:-'\""


def wrap(text: str) -> str:
    """Paragraphs (one line each, blank lines between) broken into lines of the teletype."""
    return "\n".join(_LINE.findall(text))


class TextModel:
    """Sentences walked from the bigram model, and paragraphs and subjects made of them."""

    def __init__(self, stats: Stats, rng: random.Random, pool_size: int) -> None:
        self._words = stats.words
        self._next = stats.next
        self._start = stats.start
        lengths = stats.sentence_words
        targets = rng.choices(lengths.values, cum_weights=lengths.cum, k=pool_size)
        firsts = rng.choices(self._start.values, cum_weights=self._start.cum, k=pool_size)
        self.sentences = [
            self._walk(rng, first, max(4, n)) for first, n in zip(firsts, targets, strict=True)
        ]
        words = sum(s.count(" ") + 1 for s in self.sentences)
        chars = sum(len(s) + 1 for s in self.sentences)
        # The pool favours common (short) words; counting sentences by characters instead of
        # words keeps paragraph lengths, in characters, those of the corpus.
        self._sentence_words = words / len(self.sentences) * (chars / words) / stats.chars_per_word
        self._rng = rng
        self._stream: list[str] = []
        self._pos = 0

    def _walk(self, rng: random.Random, first: int, length: int) -> str:
        words = self._words
        nxt = self._next
        choices = rng.choices
        out = [words[first]]
        current = first
        while True:
            succ = nxt[current]
            if succ is None:
                break
            current = choices(succ[0], cum_weights=succ[1])[0]
            word = words[current]
            out.append(word)
            if len(out) >= length and (word[-1] == "." or len(out) >= length + 12):
                break
        last = out[-1].rstrip(_TRAILING)
        out[-1] = last if last.endswith((".", "?", "!")) else (last or "it") + "."
        first_word = out[0]
        out[0] = first_word[:1].upper() + first_word[1:]
        return " ".join(out)

    def paragraph(self, words: int) -> str:
        """About ``words`` corpus words of running text: whole pool sentences, one line."""
        k = max(1, round(words / self._sentence_words))
        pos = self._pos
        if pos + k > len(self._stream):
            # sentences drawn in bulk (uniformly: ~0.1 us each) and handed out in order
            self._stream = self._rng.choices(self.sentences, k=max(_BATCH, k))
            pos = 0
        self._pos = pos + k
        return " ".join(self._stream[pos : pos + k])

    def subject(self, rng: random.Random, words: int) -> str:
        """A SUBJECT line: the opening words of a pool sentence, upper case, no final stop."""
        sentence = rng.choice(self.sentences).split(" ", max(1, words))[: max(1, words)]
        return " ".join(sentence).upper().rstrip(_TRAILING + ".")
