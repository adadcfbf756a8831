"""One person under several names, settled across the whole archive.

A signature gives a surname (``ARGYROS``), a "Classified By" line may give initials
(``A.F. Godfrey``) or initials glued to the surname (``AGMISENHEIMER``). Such a name is taken
for a fuller one only when the archive leaves no choice: exactly one person with that
surname (and, for initials, given names that begin so), and every cable of the short name
dated within the years of the full one (give or take :data:`YEARS_AROUND`). ``SMITH`` with
two Smiths in the archive stays ``SMITH``; a ``CLINTON`` signing in 1988 is not taken for the
Hillary Clinton of 2009.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

MAX_GLUED_INITIALS = 3
YEARS_AROUND = 2  # a post's signer may appear a little before or after the full name does

# The first and last year a name's cables were created (None: no dated cable).
Span = tuple[int | None, int | None]


def _split(name: str) -> tuple[str, str]:
    surname, _, first = name.partition(", ")
    return surname, first


def resolve(names: Iterable[str], spans: Mapping[str, Span] | None = None) -> dict[str, str]:
    """Canonical name -> the fuller canonical name it stands for (only names that merge).

    ``spans``: the years of each name's cables; without them years are not compared."""
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
        if len(fits) == 1 and _within(name, fits[0], spans or {}):
            out[name] = fits[0]
    return out


def _within(short: str, full: str, spans: Mapping[str, Span]) -> bool:
    low, high = spans.get(short, (None, None))
    first, last = spans.get(full, (None, None))
    if low is None or high is None or first is None or last is None:
        return True  # no dates to tell them apart
    return first - YEARS_AROUND <= low and high <= last + YEARS_AROUND


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
