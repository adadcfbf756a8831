"""TAGS: what a code stands for, and which codes a word of a meaning stands for.

A word maps to codes by whole words: ``terrorism`` finds PTER ("Terrorists and Terrorism"),
``human rights`` finds PHUM; ``terror`` finds nothing, so that a short word does not sweep in
every meaning that happens to begin with it. Letters are compared without case or accents.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from cablebase.decode.loader import table

_WORD = re.compile(r"[^\W_]+")  # the same split as the search tokeniser
# Words that alone say nothing about a subject: "tag:of" must not match half the table.
_EMPTY_WORDS = frozenset({"a", "an", "and", "de", "for", "in", "of", "on", "or", "the", "to"})


@dataclass(frozen=True, slots=True)
class Tag:
    """One reading of a TAGS code. ``category`` is set for subject TAGS only."""

    code: str
    kind: str  # subject, program, geographic, organization
    meaning: str | None
    category: str | None


@functools.cache
def _tags() -> dict[str, tuple[Tag, ...]]:
    found: dict[str, list[Tag]] = {}
    for row in table("tags.csv"):
        found.setdefault(row["code"], []).append(
            Tag(row["code"], row["kind"], row["meaning"] or None, row["category"] or None)
        )
    return {code: tuple(rows) for code, rows in found.items()}


def tags(code: str) -> tuple[Tag, ...]:
    """Every reading of ``code`` (AL is both Albania and an organisation); () if unknown."""
    return _tags().get(code.strip().upper(), ())


def is_tag(code: str) -> bool:
    return code.strip().upper() in _tags()


def tag_meaning(code: str) -> str | None:
    """The meanings of ``code`` joined with "; ", or None when no source gives one."""
    meanings = list(dict.fromkeys(t.meaning for t in tags(code) if t.meaning))
    return "; ".join(meanings) or None


def words(text: str) -> tuple[str, ...]:
    """``"Côte d'Ivoire"`` -> ``("cote", "d", "ivoire")``: lower case, accents dropped."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return tuple(_WORD.findall(plain.lower()))


@functools.cache
def _meaning_words() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Word -> the (code, words of its meaning) that hold it: the candidates for a lookup."""
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for rows in _tags().values():
        for t in rows:
            have = words(t.meaning or "")
            for word in set(have):
                found.setdefault(word, []).append((t.code, have))
    return {word: tuple(pairs) for word, pairs in found.items()}


@functools.cache
def codes_meaning(text: str) -> tuple[str, ...]:
    """The codes whose meaning holds the words of ``text`` in a row, whole words, sorted.

    ``"terrorism"`` -> ``("PTER",)``; a text of no words, or only of words like "of" and
    "the", stands for no code.
    """
    wanted = words(text)
    if not wanted or all(w in _EMPTY_WORDS for w in wanted):
        return ()
    n = len(wanted)
    return tuple(
        sorted(
            {
                code
                for code, have in _meaning_words().get(wanted[0], ())
                if any(have[i : i + n] == wanted for i in range(len(have) - n + 1))
            }
        )
    )
