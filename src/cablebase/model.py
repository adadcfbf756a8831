"""The data model: what a cable is once read and parsed.

Frozen dataclasses only; no I/O. The JSON names produced by :func:`Cable.to_dict` are an
interface that other tools read, so they are spelled out here once and never renamed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class ClassificationLevel(enum.StrEnum):
    """The four levels a US cable can carry; caveats (NOFORN, FOUO...) are kept apart."""

    TOP_SECRET = "TOP SECRET"
    SECRET = "SECRET"
    CONFIDENTIAL = "CONFIDENTIAL"
    UNCLASSIFIED = "UNCLASSIFIED"


class ReferenceKind(enum.StrEnum):
    CABLE = "cable"
    EMAIL = "email"
    REPORT = "report"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a cable was read: the reader's format name, the file, and the place inside it.

    ``position`` is human-readable and precise enough to find the bytes again:
    ``"row 12 (line 3401)"`` for CSV, ``"line 7"`` for JSON lines, ``"member a/b.html"`` for
    a file inside an archive (joined with ``" > "`` when nested).
    """

    format: str
    path: str
    position: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"format": self.format, "path": self.path, "position": self.position}


@dataclass(frozen=True, slots=True)
class ParseIssue:
    """Something the parser could not read cleanly. Never fatal: the record is still made."""

    field: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


@dataclass(frozen=True, slots=True)
class RawCable:
    """One cable as a reader found it, before parsing.

    ``header`` and ``body`` are the two texts every published format carries (the routing
    header and the message text); a format that has only one text block puts it in ``body``
    and leaves ``header`` empty, and the parser finds the header lines itself.
    ``meta`` holds the wrapper's own metadata under these keys when present:
    ``reference_id``, ``created``, ``released``, ``classification``, ``origin``,
    ``references`` (the CSV column, ``|``-separated), ``csv_id``, ``subject``, ``tags``
    and any format-specific extras (PlusD table rows under ``plusd:<label>``).
    ``original`` is the cable text exactly as the wrapper carried it, once the wrapper's own
    encoding (CSV escapes, HTML entities, link markup) is undone.
    """

    source: Source
    header: str
    body: str
    original: str
    meta: Mapping[str, str] = field(default_factory=dict)
    issues: tuple[ParseIssue, ...] = ()


@dataclass(frozen=True, slots=True)
class Recipient:
    """An addressee on a FROM, TO or INFO line: ``RUEHC/SECSTATE WASHDC PRIORITY 0049``."""

    route: str | None
    name: str
    precedence: str | None = None
    serial: str | None = None
    excluded: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "route": self.route,
            "name": self.name,
            "precedence": self.precedence,
            "serial": self.serial,
            "excluded": self.excluded,
        }


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of a REF line. ``reference_id`` is canonical and set for cables only."""

    label: str
    text: str
    kind: ReferenceKind
    reference_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "text": self.text,
            "kind": self.kind.value,
            "reference_id": self.reference_id,
        }


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A numbered paragraph: ``1. (C) text`` gives number "1", marking "C"."""

    number: str | None
    marking: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "marking": self.marking, "text": self.text}


@dataclass(frozen=True, slots=True)
class Cable:
    """A parsed cable. Field names follow the JSON interface; ``from_`` is ``from``."""

    reference_id: str
    source: Source
    original: str
    published_id: str | None = None
    created: str | None = None
    released: str | None = None
    origin: str | None = None
    classification: str | None = None
    classification_level: ClassificationLevel | None = None
    caveats: tuple[str, ...] = ()
    transmission_id: str | None = None
    precedence: str | None = None
    dtg: str | None = None
    from_: tuple[Recipient, ...] = ()
    to: tuple[Recipient, ...] = ()
    info: tuple[Recipient, ...] = ()
    subject: str = ""
    subject_marking: str | None = None
    tags: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    executive_order: str | None = None
    declassify_on: str | None = None
    declassify_note: str | None = None
    classified_by: str | None = None
    classification_reasons: str | None = None
    summary: str | None = None
    comment: str | None = None
    signers: tuple[str, ...] = ()
    is_partial: bool = False
    sections: int | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    body: str = ""
    issues: tuple[ParseIssue, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The record in its JSON interface form (key order as documented: the fields'
        order, ``from_`` written ``from``).

        Spelt out field by field rather than walked generically: it runs for every cable
        of an ingest, and the walk took ~60 us a cable (a test holds the two equal)."""
        level = self.classification_level
        return {
            "reference_id": self.reference_id,
            "source": self.source.to_dict(),
            "original": self.original,
            "published_id": self.published_id,
            "created": self.created,
            "released": self.released,
            "origin": self.origin,
            "classification": self.classification,
            "classification_level": level.value if level is not None else None,
            "caveats": list(self.caveats),
            "transmission_id": self.transmission_id,
            "precedence": self.precedence,
            "dtg": self.dtg,
            "from": [r.to_dict() for r in self.from_],
            "to": [r.to_dict() for r in self.to],
            "info": [r.to_dict() for r in self.info],
            "subject": self.subject,
            "subject_marking": self.subject_marking,
            "tags": list(self.tags),
            "references": [r.to_dict() for r in self.references],
            "executive_order": self.executive_order,
            "declassify_on": self.declassify_on,
            "declassify_note": self.declassify_note,
            "classified_by": self.classified_by,
            "classification_reasons": self.classification_reasons,
            "summary": self.summary,
            "comment": self.comment,
            "signers": list(self.signers),
            "is_partial": self.is_partial,
            "sections": self.sections,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "body": self.body,
            "issues": [i.to_dict() for i in self.issues],
        }
