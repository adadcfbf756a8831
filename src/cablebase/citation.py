"""Citations of a cable in the styles researchers use: Chicago (notes) and BibTeX.

A cable is an unpublished government document; Chicago cites it by its sender, its subject
in quotation marks, the kind of document with its number (the telegram's reference id), its
date, its classification and where it was read, with a URL when there is one. The subject,
the sender and the classification are given as the cable publishes them (upper case
included): a citation must let a reader find the cable, and re-casing ``U.S.-EU`` or
``DPRK`` would lose facts. BibTeX gets the same facts as an ``@misc`` entry whose key comes
from the reference id, so a bibliography keeps the same key across exports.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any

from cablebase.parse.reference_id import is_cablegate_id


class CitationStyle(StrEnum):
    chicago = "chicago"
    bibtex = "bibtex"


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Where a record was read, as the citation names the source (the record's source format).
_PLUSD = {"plusd-html", "pdf"}
# TeX's special characters, each with the text that prints it; backslash first in the
# pattern so that the replacements are not escaped again.
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_BIBTEX_SPECIAL = re.compile(r"[\\{}$&%#_^~]")
_YEAR_MONTH = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?")
_CLOSED = (',"', '?"', '!"')
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]")


def cite(record: dict[str, Any], style: CitationStyle | str, url: str | None = None) -> str:
    """The citation of ``record`` in ``style``; ``url`` (a permalink) where the reader was."""
    if CitationStyle(style) is CitationStyle.bibtex:
        return bibtex(record, url)
    return chicago(record, url)


def chicago(record: dict[str, Any], url: str | None = None) -> str:
    """A Chicago note: Sender, "Subject," telegram ID, Month D, YYYY, CLASS, Source, URL."""
    parts = [_sender(record)]
    subject = _subject(record)
    if subject:
        # Chicago keeps the comma inside the quotation marks unless the title ends in ? or !;
        # a quotation inside the title becomes single quotes.
        inner = subject.replace('"', "'")
        parts.append(f'"{inner}"' if inner[-1] in "?!" else f'"{inner},"')
    parts.append(f"telegram {record['reference_id']}")
    parts.append(_long_date(record.get("created")) or "n.d.")
    if record.get("classification"):
        parts.append(str(record["classification"]))
    source = _source(record)
    if source:
        parts.append(source)
    link = url or _known_url(record)
    if link:
        parts.append(link)
    # A quoted subject already ends in its comma (or ? or !): the next part follows a space.
    text = ""
    for part in parts:
        text += part if not text else (" " if text.endswith(_CLOSED) else ", ") + part
    return text + "."


def bibtex(record: dict[str, Any], url: str | None = None) -> str:
    """An ``@misc`` entry; the key is ``cable:`` and the reference id."""
    reference_id = str(record["reference_id"])
    note = [f"Telegram {reference_id}"]
    created = str(record.get("created") or "")
    if created:
        note.append(f"created {created[:10]}")
    if record.get("classification"):
        note.append(str(record["classification"]))
    # (name, value); a month is BibTeX's macro (jan), the only value written without braces.
    fields: list[tuple[str, str]] = [
        ("author", "{{" + bibtex_escape(_sender(record)) + "}}"),
        ("title", "{{" + bibtex_escape(_subject(record) or f"Telegram {reference_id}") + "}}"),
    ]
    year, month = _year_month(created)
    if year:
        fields.append(("year", "{" + year + "}"))
    if month:
        fields.append(("month", month))
    if year:
        # biblatex's date: as precise as the cable's creation is known (2008-01-04, 1975-02).
        fields.append(("date", "{" + _iso_prefix(created) + "}"))
    fields.append(("howpublished", "{" + bibtex_escape(_source(record) or "Telegram") + "}"))
    fields.append(("note", "{" + bibtex_escape(", ".join(note)) + "}"))
    link = url or _known_url(record)
    if link:
        # url is verbatim in biblatex; only braces could break the entry, so they are encoded.
        fields.append(("url", "{" + link.replace("{", "%7B").replace("}", "%7D") + "}"))
    body = "".join(f"  {name} = {value},\n" for name, value in fields)
    return f"@misc{{{bibtex_key(reference_id)},\n{body}}}"


def bibtex_escape(text: str) -> str:
    """``text`` as BibTeX field content that prints as written (TeX specials escaped)."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_SPECIALS[m.group(0)], text)


def bibtex_key(reference_id: str) -> str:
    """A stable citation key from the reference id: ``cable:08MEXICO23``."""
    return "cable:" + _KEY_UNSAFE.sub("", reference_id)


def _sender(record: dict[str, Any]) -> str:
    return str(record.get("origin") or "US Department of State post (origin unknown)")


def _subject(record: dict[str, Any]) -> str:
    return " ".join(str(record.get("subject") or "").split())


def _long_date(created: object) -> str | None:
    text = str(created or "")
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
    return f"{day:%B} {day.day}, {day.year}"


def _iso_prefix(created: str) -> str:
    if _long_date(created):
        return created[:10]
    m = _YEAR_MONTH.match(created)
    return m.group(0) if m else ""


def _year_month(created: str) -> tuple[str, str]:
    year = created[:4] if created[:4].isdigit() else ""
    month = created[5:7]
    if year and month.isdigit() and 1 <= int(month) <= 12:
        return year, _MONTHS[int(month) - 1]
    return year, ""


def _source(record: dict[str, Any]) -> str | None:
    source = record.get("source") or {}
    if source.get("format") in _PLUSD:
        return "WikiLeaks Public Library of US Diplomacy (PlusD)"
    if is_cablegate_id(str(record["reference_id"])):
        return "WikiLeaks Cablegate"
    return None


def _known_url(record: dict[str, Any]) -> str | None:
    """The cable's page on the 2010-11 WikiLeaks cable site (year and month of creation),
    the address researchers cited; None where the cable is not a Cablegate cable."""
    reference_id = str(record["reference_id"])
    year, month = _year_month(str(record.get("created") or ""))
    if not (year and month) or not is_cablegate_id(reference_id):
        return None
    number = _MONTHS.index(month) + 1
    return f"https://wikileaks.org/cable/{year}/{number:02d}/{reference_id}.html"
