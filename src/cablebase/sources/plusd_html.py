"""PlusD pages: one record of the WikiLeaks Public Library of US Diplomacy per page.

A page (e.g. 1974ATHENS02959_b, a 1974 NARA telegram) carries the record three times:

* the synopsis table (``<table id="synopsis">``): a title row, then ``s_key``/``s_val``
  pairs for display (Date with the time, Canonical ID, TAGS with their meanings...);
* the "Content" pane: the telegram split into a header div (``text-header``) and a body
  div (``tagged-text``), and the "Raw content" pane with the whole text;
* the "Metadata" pane: the NARA record as YAML-like ``Label: value`` lines (Draft Date,
  Document Number, Film Number, Review History...), some folded over several lines.

Unlike Cablegate pages, PlusD escapes its text properly (``&quot;`` in 1974ATHENS02959).
Every Metadata line goes to ``meta["plusd:<Label>"]``; a synopsis entry goes there too when
the Metadata pane lacks the label (Date, Canonical ID, Archive Status...), and every synopsis
entry is also kept as ``meta["plusd:table:<Label>"]`` since the two disagree in form
(From "ATHENS" against "Greece Athens").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from cablebase.model import ParseIssue, RawCable, Source
from cablebase.sources.base import Item, ReadProblem
from cablebase.sources.cablegate_html import decode_entities, read_html, strip_markup

FORMAT = "plusd-html"

_SYNOPSIS = re.compile(r"<table id=['\"]synopsis['\"]>(.*?)</table>", re.S)
_TITLE_CELL = re.compile(r"<td colspan=\"2\"[^>]*>(.*?)</td>", re.S)
# 1973STATE097844: the Handling Restrictions key is printed as `title="...", ">` without
# its colon, so the label is the key's text with any trailing colon removed.
_ENTRY = re.compile(
    r"<div class=\"s_key\">(.*?)</div>\s*<div class=\"s_val\"[^>]*>(.*?)</div>", re.S
)
_HEADER_DIV = re.compile(r"<div class=\"text-header[^\"]*\">(.*?)</div>", re.S)
_BODY_DIV = re.compile(r"<div id=\"tagged-text\">(.*?)</div>", re.S)
_RAW_DIV = re.compile(
    r"<div class=\"pane-header\">Raw content</div><div class=\"pane-content\">"
    r"<div class=\"text-content\">(.*?)</div>",
    re.S,
)
_METADATA_DIV = re.compile(
    r"<div class=\"pane-header\">Metadata</div><div class=\"pane-content\">"
    r"<div class=\"text-content\">(.*?)</div>",
    re.S,
)
_METADATA_LINE = re.compile(r"([A-Za-z][A-Za-z ]*?): ?(.*)")
_REFERENCES_TABLE = re.compile(r"<table class=\"references\">(.*?)</table>", re.S)
_REFERENCE_CELL = re.compile(r"<td>(.*?)</td>", re.S)
_CABLE_LINK = re.compile(r"<a class=\"j\" href=\"[^\"]*\"[^>]*>([^<]*)</a>")
# A TAGS entry such as "(KALOUDIS, NICK)" names a person; codes are bare words.
_TAG_CODE = re.compile(r"[A-Z][A-Z0-9]{1,7}")


class PlusdHtmlReader:
    """Reader of PlusD record pages (search.wikileaks.org/plusd/cables/<id>.html)."""

    name = FORMAT

    def sniff(self, head: bytes) -> bool:
        return b"/plusd/" in head and (b'id="synopsis"' in head or b"<title>Cable: " in head)

    def read(self, stream: BinaryIO, path: str) -> Iterator[Item]:
        yield read_html(stream, path, parse_page)


def parse_page(page: str, path: str, issues: tuple[ParseIssue, ...] = ()) -> Item:
    """One PlusD page as a :class:`RawCable`, or the reason it holds none."""
    # str.find first: the regexes would otherwise scan 30 KB of scripts and menus.
    synopsis = _SYNOPSIS.search(page, max(page.find("<table id="), 0))
    if synopsis is None:
        return ReadProblem(
            path,
            "",
            'no PlusD synopsis table (<table id="synopsis">) in the page',
            "the page is truncated or is not a PlusD record; re-download it",
        )
    table = _synopsis_entries(synopsis.group(1))
    record = _metadata_pane(page)
    header_div = _HEADER_DIV.search(page, synopsis.end())
    body_div = _BODY_DIV.search(page, synopsis.end())
    header = decode_entities(header_div.group(1)) if header_div else ""
    body = decode_entities(body_div.group(1)) if body_div else ""
    raw_div = _RAW_DIV.search(page, synopsis.end())
    if not body.strip() and raw_div is not None:
        # Without a Content pane the whole text is the body; the parser splits it.
        header, body = "", decode_entities(raw_div.group(1))
    reference_id = table.get("Canonical ID") or record.get("Document Number", "")
    where = f"record {reference_id}" if reference_id else ""
    if not body.strip():
        return ReadProblem(
            path,
            where,
            "no telegram text (Content or Raw content pane) in the page",
            "the page is truncated; re-download it",
        )
    if not reference_id:
        return ReadProblem(
            path,
            "",
            "no Canonical ID or Document Number in the page",
            "the page is damaged; re-download it",
        )
    if not record:
        issues += (ParseIssue("meta", "no Metadata pane: the page may be truncated"),)
    original = decode_entities(raw_div.group(1)) if raw_div else ""
    if body not in original:
        # 1973STATE097844 and 1974ATHENS03099 join header and body differently in the raw
        # pane; only when the body is missing from it is the raw pane not the original.
        original = f"{header}\n\n{body}" if header else body
    return RawCable(
        source=Source(FORMAT, path, ""),
        header=header,
        body=body,
        original=original,
        meta=_meta(reference_id, table, record, _references(page)),
        issues=issues,
    )


def _synopsis_entries(table: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    title = _TITLE_CELL.search(table)
    if title:
        entries["Title"] = strip_markup(title.group(1))
    for key, value in _ENTRY.findall(table):
        label = strip_markup(key).removesuffix(":").strip()
        if label:
            entries[label] = " ".join(strip_markup(value).split())
    return entries


def _metadata_pane(page: str) -> dict[str, str]:
    pane = _METADATA_DIV.search(page, max(page.find('">Metadata</div>') - 40, 0))
    if pane is None:
        return {}
    record: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in decode_entities(pane.group(1)).splitlines():
        match = None if line[:1].isspace() or line == "---" else _METADATA_LINE.fullmatch(line)
        if match:
            current = record.setdefault(match.group(1), [])
            current.clear()
            current.append(match.group(2))
        elif current is not None:
            current.append(line)
    return {label: _yaml_scalar(lines) for label, lines in record.items()}


def _yaml_scalar(lines: list[str]) -> str:
    """The value of a folded YAML scalar: ``! 'LUXEMBOURG\\n\\n  ROME'`` is "LUXEMBOURG\\nROME".

    YAML folding: a single line break is a space, each empty line a newline; the ``!``
    tag and single quotes (with ``''`` for a quote) are the dump's syntax, not the value.
    """
    if len(lines) == 1 and lines[0][:1] not in ("'", "!"):
        return lines[0].strip()
    text = "\n".join(lines).strip()
    text = text.removeprefix("! ")
    quoted = len(text) >= 2 and text[0] == "'" and text[-1] == "'"
    if quoted:
        text = text[1:-1]
    folded: list[str] = []
    pending_breaks = 0
    for part in (p.strip() for p in text.split("\n")):
        if not part:
            pending_breaks += 1
            continue
        if folded:
            folded.append("\n" * pending_breaks if pending_breaks else " ")
        folded.append(part)
        pending_breaks = 0
    value = "".join(folded)
    return value.replace("''", "'") if quoted else value


def _references(page: str) -> tuple[list[str], list[str]]:
    """(cables citing this one, cables this one cites) from the references table."""
    table = _REFERENCES_TABLE.search(page, max(page.find('<table class="references"'), 0))
    if table is None:
        return [], []
    cells = _REFERENCE_CELL.findall(table.group(1))
    columns = [[decode_entities(t).strip() for t in _CABLE_LINK.findall(c)] for c in cells]
    cited_by = columns[0] if columns else []
    cites = columns[1] if len(columns) > 1 else []
    return cited_by, cites


def _meta(
    reference_id: str,
    table: Mapping[str, str],
    record: Mapping[str, str],
    references: tuple[list[str], list[str]],
) -> dict[str, str]:
    meta: dict[str, str] = {"reference_id": reference_id}
    # The synopsis Date has the time of the DTG ("1974 May 17, 16:00 (Friday)" for
    # R 171600Z MAY 74); the Draft Date has the day only ("17 MAY 1974").
    created = table.get("Date") or record.get("Draft Date")
    if created:
        meta["created"] = created
    classification = record.get("Original Classification") or table.get("Original Classification")
    if classification:
        meta["classification"] = classification
    # PlusD's From is the sending station as addressed ("ATHENS", "SECSTATE WASHDC"), not a
    # Cablegate origin; it stays under plusd:From and the parser names the post from the id.
    subject = record.get("Subject") or table.get("Title")
    if subject:
        meta["subject"] = subject
    tags = _tag_codes(record.get("TAGS", ""))
    if tags:
        meta["tags"] = " ".join(tags)
    cited_by, cites = references
    if cites:
        meta["references"] = "|".join(cites)
    if cited_by:
        meta["plusd:referenced_by"] = "|".join(cited_by)
    for label, value in record.items():
        meta[f"plusd:{label}"] = value
    for label, value in table.items():
        meta.setdefault(f"plusd:{label}", value)
        meta[f"plusd:table:{label}"] = value
    return meta


def _tag_codes(tags: str) -> list[str]:
    """The codes of a TAGS value, without the "(NAME, FIRST)" person entries."""
    bare = re.sub(r"\([^)]*\)", " ", tags)
    codes = [t.strip() for t in bare.split(",")]
    return list(dict.fromkeys(c for c in codes if _TAG_CODE.fullmatch(c)))


PLUSD_HTML = PlusdHtmlReader()
