"""One person under several names, settled across the whole archive.

A signature gives a surname (``ARGYROS``), a "Classified By" line may give initials
(``A.F. Godfrey``) or initials glued to the surname (``AGMISENHEIMER``). Such a name is taken
for a fuller one only when the archive leaves no choice: exactly one person with that
surname (and, for initials, given names that begin so). ``SMITH`` with two Smiths in the
archive stays ``SMITH``.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_GLUED_INITIALS = 3


def _split(name: str) -> tuple[str, str]:
    surname, _, first = name.partition(", ")
    return surname, first


def resolve(names: Iterable[str]) -> dict[str, str]:
    """Canonical name -> the fuller canonical name it stands for (only names that merge)."""
    full: dict[str, list[str]] = {}  # surname -> names with a full first name
    partial: list[str] = []
    for name in sorted(set(names)):
        surname, first = _split(name)
        if len(first) > 1:
            full.setdefault(surname, []).append(name)
        else:
            partial.append(name)
    out: dict[str, str] = {}
    for name in partial:
        surname, initial = _split(name)
        if initial:  # GODFREY, A -> the one Godfrey whose given name begins with A
            fits = [n for n in full.get(surname, ()) if _split(n)[1].startswith(initial)]
        elif surname in full:  # ARGYROS -> the one Argyros
            fits = full[surname]
        else:  # AGMISENHEIMER -> MISENHEIMER, ALAN (initials A, G glued on)
            fits = _glued(surname, full)
        if len(fits) == 1:
            out[name] = fits[0]
    return out


def _glued(token: str, full: dict[str, list[str]]) -> list[str]:
    found = []
    for k in range(1, MAX_GLUED_INITIALS + 1):
        initials, rest = token[:k], token[k:]
        if len(rest) < 3 or " " in token:
            break
        found += [n for n in full.get(rest, ()) if _split(n)[1].startswith(initials[0])]
    return found


def groups(aliases: dict[str, str]) -> dict[str, list[str]]:
    """Target name -> every name that stands for it (the target first)."""
    out: dict[str, list[str]] = {}
    for alias, target in sorted(aliases.items()):
        out.setdefault(target, [target]).append(alias)
    return out
