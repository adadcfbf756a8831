"""Acronyms in a cable's text, marked up with what they stand for (``<abbr title=...>``).

The meaning shown is the one the cable itself gives, else the one the cables of the same
origin give most (GOI is Iraq's government in Baghdad's cables, Israel's in Tel Aviv's); an
acronym that origin never defines gets the meaning most cables elsewhere give, marked so.
Text in capitals throughout (old telegrams) is full of words that look like acronyms, so
there only the acronyms that the cable itself defines are marked. The text is escaped
here, piece by piece: the page puts the result in as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import escape

from cablebase.acronyms.forms import acronym_key
from cablebase.acronyms.table import Expansion
from cablebase.service import Archive

# A word written like an acronym: two capitals at least (GOI, MoD, NGOs, MNF-I).
_CANDIDATE = re.compile(r"(?<![\w&-])([A-Z][A-Za-z&-]*[A-Z])(s?)(?![\w&-])")
SHOUTING = 0.1  # below this share of lower-case letters a text is "in capitals"


@dataclass(frozen=True, slots=True)
class Meaning:
    acronym: str
    expansion: str
    count: int  # cables of the origin (or of the archive, when not local) that define it so
    local: bool  # defined in cables of this cable's origin
    origins: tuple[tuple[str, int], ...]

    def title(self, origin: str) -> str:
        if self.local:
            return f"{self.expansion} (as {self.count} cable(s) of {origin} define it)"
        where = ", ".join(o for o, _ in self.origins[:3])
        return f"{self.expansion} (not defined by {origin}; most common elsewhere: {where})"


def meanings(arc: Archive, reference_id: str, origin: str, text: str) -> dict[str, Meaning]:
    """The meaning to show for each acronym key written in ``text``."""
    keys = {acronym_key(m.group(1)) for m in _CANDIDATE.finditer(text)}
    if not keys:
        return {}
    own = arc.acronyms().defined_in(reference_id)
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.islower() for c in letters) < SHOUTING * len(letters):
        keys &= set(own)
    found = arc.acronyms().for_acronyms(keys)
    return {key: _choose(expansions, origin, own.get(key)) for key, expansions in found.items()}


def _choose(expansions: list[Expansion], origin: str, own: str | None) -> Meaning:
    # A State cable on India that defines GOI means India, whatever State's cables mostly mean.
    local = [(dict(e.origins).get(origin, 0), e.key == own, e) for e in expansions]
    count, _, best = max(local, key=lambda c: (c[1], c[0], c[2].count))
    if count:
        return Meaning(best.acronym, best.expansion, count, True, best.origins)
    top = expansions[0]  # most cables first
    return Meaning(top.acronym, top.expansion, top.count, False, top.origins)


def marker(found: dict[str, Meaning], origin: str) -> Callable[[str], str]:
    """A function from plain text to escaped HTML with the acronyms in ``found`` marked."""

    focusable: set[str] = set()  # the first use of each acronym can take keyboard focus

    def mark(text: str) -> str:
        out: list[str] = []
        last = 0
        for m in _CANDIDATE.finditer(text):
            key = acronym_key(m.group(1))
            meaning = found.get(key)
            if meaning is None:
                continue
            kind = "acronym" if meaning.local else "acronym elsewhere"
            focus = "" if key in focusable else ' tabindex="0"'
            focusable.add(key)
            out.append(str(escape(text[last : m.start()])))
            out.append(
                f'<abbr class="{kind}"{focus} title="{escape(meaning.title(origin))}">'
                f"{escape(m.group(0))}</abbr>"
            )
            last = m.end()
        out.append(str(escape(text[last:])))
        return "".join(out)

    return mark


def marked_text(arc: Archive, record: dict[str, Any]) -> dict[str, Any]:
    """What the cable page adds: paragraphs and body as marked HTML, the acronyms explained,
    and the link to the origin's glossary."""
    origin = str(record.get("origin") or "")
    paragraphs = record.get("paragraphs") or ()
    body = str(record.get("body") or "")
    found = meanings(arc, record["reference_id"], origin, body)
    mark = marker(found, origin)
    return {
        "paragraphs_html": [mark(str(p.get("text") or "")) for p in paragraphs],
        "body_html": mark(body) if not paragraphs else None,
        "acronyms": [
            {
                "acronym": m.acronym,
                "expansion": m.expansion,
                "count": m.count,
                "local": m.local,
                "origins": [{"origin": o, "count": n} for o, n in m.origins],
            }
            for _, m in sorted(found.items())
        ],
        "glossary_url": f"/glossary/{quote(origin, safe='')}" if origin else None,
    }
