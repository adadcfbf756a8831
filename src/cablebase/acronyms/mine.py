"""Acronym definitions as cables write them in passing, found in a cable's clean text.

Two orders: ``Government of Mexico (GOM)`` and ``GOM (Government of Mexico)``. A definition
is learned only when the letters of the acronym line up with the words of the long form:
every word that carries meaning gives its first letter, in order; a short function word
(``of``, ``the``, ``and``, ``de``, ``la``...) may give its letter or be passed over; a
hyphenated word may give the initial of each part (``Multi-National Force-Iraq (MNF-I)``),
and a letter from inside a word only where the word is built on a prefix
(``Nongovernmental Organization (NGO)``) or capitalised inside (``PetroChina``). Anything
else is passed over: missing a definition is better than learning a wrong one. Text in
capitals throughout (old telegrams, headings) is held to initials alone.

Noise that looks like an acronym in parentheses never gets that far: portion markings
(``(C)``, ``(SBU)``, ``(S/NF)``), handling words (``NOTAL``, ``SEPTEL``), paragraph letters,
office symbols with a slash, anything with a digit.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import combinations

from cablebase.acronyms.forms import (
    acronym_key,
    expansion_key,
    is_plural_acronym,
    singular_acronym,
    tidy_expansion,
)

# Words that may give their letter to an acronym or be passed over (English, Spanish,
# Portuguese, French, Italian, German: the languages whose names cables spell out).
_FUNCTION_WORDS = """a an and at by for from in into of on or the to with &
    de del la las el los lo y e para por en al da do dos das des du le les et pour sur aux
    di della dello dei degli delle der die das und für fur von zu"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
# Markings and cable words written in parentheses that are not acronyms of anything said.
_NOT_ACRONYMS = """SBU LOU FOUO NF NOFORN ORCON PROPIN REL NOTAL SEPTEL REFTEL REF SIPDIS
    EXDIS NODIS LIMDIS STADIS ROGER CHEROKEE TS TSC CNF SNF UFOUO"""
NOT_ACRONYMS = frozenset(_NOT_ACRONYMS.split())
MAX_LETTERS = 10
# Characters before "(" that may hold a long form: enough for the most words an acronym of
# so many letters may have (three per letter, function words included), never more.
WINDOW = 160
CHARACTERS_PER_LETTER = 30
# Prefixes after which a word's second part may give a letter: NonGovernmental, CounterTerrorism.
_PREFIX_WORDS = """non anti counter inter multi trans tele micro bio geo petro hydro agro
    narco cyber para socio electro radio"""
_PREFIXES = tuple(_PREFIX_WORDS.split())

_ACRONYM = r"[A-Z][A-Za-z.&-]{0,12}[A-Za-z.]"
# Every parenthesis is looked at once: an acronym inside is the forward order, words
# inside after an acronym the backward one.
_PARENTHESIS = re.compile(r"\(([^()]{2,120})\)")
_FORWARD = re.compile(r"\s?(" + _ACRONYM + r")\s?")
_BACKWARD = re.compile(r"(?<![\w.&/-])(" + _ACRONYM + r")\s{0,3}$")
_WORD = r"(?:[A-Z]\.){2,}|[^\W\d_][^\W\d_'’]*(?:['’][^\W\d_]+)*(?:-[^\W\d_][^\W\d_'’]*)*|&"
_TOKENS = re.compile(rf"(?P<w>{_WORD})|(?P<b>\S)")
_TOKEN_TEXTS = re.compile(rf"{_WORD}|\S")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_HUMP = re.compile(r"(?<=[a-z])[A-Z]")


@dataclass(frozen=True, slots=True)
class Definition:
    """One acronym defined in one cable: as written, and the keys its counts merge under."""

    acronym: str
    expansion: str
    acronym_key: str
    expansion_key: str


def mine(text: str) -> list[Definition]:
    """The definitions in ``text``, each (acronym, expansion) pair once, in order of use."""
    found: dict[tuple[str, str], Definition] = {}
    if "(" not in text:
        return []
    for m in _PARENTHESIS.finditer(text):
        inside = m.group(1)
        forward = _FORWARD.fullmatch(inside)
        if forward is not None:
            acronym = forward.group(1)
            letters = _letters(acronym)
            if letters is None:
                continue
            start = max(0, m.start() - min(WINDOW, CHARACTERS_PER_LETTER * len(letters)))
            words = _words_before(text[start : m.start()], cut=start > 0)
            long_form = _shortest_long_form(words, letters)
        else:
            before = _BACKWARD.search(text, max(0, m.start() - 20), m.start())
            if before is None or (letters := _letters(acronym := before.group(1))) is None:
                continue
            long_form = _whole_long_form(inside, letters)
        if long_form is not None:
            _keep(found, acronym, long_form)
    return list(found.values())


def _keep(found: dict[tuple[str, str], Definition], acronym: str, words: list[str]) -> None:
    plural = is_plural_acronym(acronym)
    written = singular_acronym(acronym)
    last = words[-1]
    if last[-2:].lower() in ("'s", "’s"):  # "the International Maritime Organization's (IMO)"
        words = [*words[:-1], last[:-2]]
    expansion = tidy_expansion(" ".join(words))
    key = (acronym_key(written), expansion_key(expansion, plural))
    if key not in found:
        found[key] = Definition(written, expansion, *key)


@functools.lru_cache(maxsize=1 << 14)
def _letters(acronym: str) -> str | None:
    """The letters an acronym spells, lower case; None when it is no acronym to learn."""
    stem = singular_acronym(acronym)
    if stem.replace(".", "").replace("-", "").upper() in NOT_ACRONYMS:
        return None
    letters = "".join(c for c in stem if c.isalpha())
    upper = sum(c.isupper() for c in letters)
    # Two capitals at least ("MoD", "GoI" are acronyms; "Ramkavar" is a name).
    if upper < 2 or len(letters) - upper >= upper or not 2 <= len(letters) <= MAX_LETTERS:
        return None
    if stem.endswith("-") or "--" in stem or ".." in stem:
        return None
    return letters.lower()


def _words_before(window: str, cut: bool) -> list[str]:
    """The run of words that ends the window, stopped by any punctuation but hyphens."""
    tokens = _TOKEN_TEXTS.findall(window)
    if cut and tokens:
        tokens = tokens[1:]  # the window may begin inside a word
    words: list[str] = []
    for token in reversed(tokens):
        if len(token) == 1 and not token.isalpha() and token != "&":
            break  # punctuation: the long form cannot reach back over it
        if token == "SIPDIS":  # a handling word the page breaks left inside a sentence
            continue
        head, dash, tail = token.partition("-")
        if dash and head.islower() and tail[:1].isupper():
            # "other banks-Bahrain Saudi Bank (BSB)": the name begins after the hyphen.
            words.append(tail)
            break
        words.append(token)
    words.reverse()
    return words


def _whole_long_form(inside: str, letters: str) -> list[str] | None:
    """The words in parentheses, all of them, when they spell the acronym before them."""
    words = []
    for m in _TOKENS.finditer(inside):
        if m.group("b") is not None:
            return None
        words.append(m.group("w"))
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) >= 2 and _content(words[0]) and _aligns(words, letters):
        return words
    return None


def _shortest_long_form(words: list[str], letters: str) -> list[str] | None:
    limit = max(0, len(words) - 3 * len(letters) - 2)
    first = letters[0]
    for start in range(len(words) - 2, limit - 1, -1):
        candidate = words[start:]
        word = candidate[0]
        if word[0].lower() == first and _content(word) and _aligns(candidate, letters):
            return candidate
    return None


def _content(word: str) -> bool:
    return word.lower() not in FUNCTION_WORDS


def _aligns(words: list[str], letters: str) -> bool:
    """Whether the words spell ``letters`` under the rules of the module docstring."""
    caps = all(not c.islower() for w in words for c in w)
    options = [_spellings(w, caps) for w in words]
    if options[0] and options[0][0] == "":
        return False  # the long form never begins with a word passed over

    def walk(wi: int, li: int) -> bool:
        if wi == len(words):
            return li == len(letters)
        for spelling in options[wi]:
            if letters.startswith(spelling, li) and walk(wi + 1, li + len(spelling)):
                return True
        return False

    return walk(0, 0)


@functools.lru_cache(maxsize=1 << 16)
def _spellings(word: str, caps: bool) -> tuple[str, ...]:
    """The letter sequences one word may give, longest first ("" = passed over)."""
    lower = word.lower()
    if lower in FUNCTION_WORDS:
        return (lower[0], "") if lower != "&" else ("",)
    if _DOTTED.fullmatch(word):
        return (word.replace(".", "").lower(),)
    # (position, letter) of each initial the word may give: its own, each hyphenated
    # part's, a capital inside it, the stem after a prefix.
    marks = [(0, lower[0])]
    marks += [(m.start() + 1, lower[m.start() + 1]) for m in re.finditer("-", word)]
    if not caps:
        humps = [(m.start(), m.group().lower()) for m in _HUMP.finditer(word)]
        marks += humps
        if not humps and "-" not in word:
            prefix = next((p for p in _PREFIXES if lower.startswith(p)), None)
            if prefix is not None and len(lower) > len(prefix) + 3:
                marks.append((len(prefix), lower[len(prefix)]))
    initials = [letter for _, letter in sorted(marks)]
    first, rest = initials[0], initials[1:]
    out = {first}
    for size in range(1, len(rest) + 1):
        for chosen in combinations(rest, size):
            out.add(first + "".join(chosen))
    return tuple(sorted(out, key=len, reverse=True))


def definition_rows(text: str) -> tuple[tuple[str, str, str, str], ...]:
    """The rows the store keeps for one cable: (acronym key, expansion key, written, expansion)."""
    return tuple((d.acronym_key, d.expansion_key, d.acronym, d.expansion) for d in mine(text))
