"""Keys under which the written forms of an acronym and of its expansion are counted.

Cables write the same definition many ways ("the Government of Mexico", "GOVERNMENT OF
MEXICO", "Non-Governmental Organizations" beside "non-governmental organization"). Counts
merge on a key: the words as the search index splits them (letters and digits, lower
case), no leading article, and the plural of a plural acronym ("NGOs") made singular. The
same key made of a query's words finds the expansion (query expansion).
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_INDEX_WORD = re.compile(r"[^\W_]+")  # as the index's tokeniser splits text
# The plural -s of an acronym: "NGOs", "IDPs"; not the S of "MFAS" or "USS".
_PLURAL_ACRONYM = re.compile(r"^(?P<stem>[A-Z][A-Za-z./&-]*[A-Z])s$")


def acronym_key(acronym: str) -> str:
    """``U.S.G.`` -> ``USG``, ``NGOs`` -> ``NGO``, ``MoD`` -> ``MOD``."""
    return singular_acronym(acronym).replace(".", "").upper()


def singular_acronym(acronym: str) -> str:
    m = _PLURAL_ACRONYM.match(acronym)
    return m.group("stem") if m else acronym


def is_plural_acronym(acronym: str) -> bool:
    return _PLURAL_ACRONYM.match(acronym) is not None


def tidy_expansion(text: str) -> str:
    """The written form, shown to readers: one space between words, no leading article."""
    return _LEADING_ARTICLE.sub("", _SPACE.sub(" ", text).strip())


def expansion_key(expansion: str, plural: bool = False) -> str:
    """The expansion's index words, article dropped; a plural's last word singular."""
    words = _INDEX_WORD.findall(tidy_expansion(expansion).lower())
    if plural and words:
        words[-1] = singular_word(words[-1])
    return " ".join(words)


def singular_word(word: str) -> str:
    """English plurals as acronyms' long forms end: parties, offices, forces, organizations."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word
