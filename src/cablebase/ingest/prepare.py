"""Turn a raw cable into what the store and the index need, in a worker process.

Everything costly per cable happens here (parsing, JSON, compression, hashing, the index
fields), so the one process that writes the store does little more than SQL.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cablebase.acronyms.mine import definition_rows
from cablebase.entities.extract import PERSON, mentions
from cablebase.model import RawCable, Source
from cablebase.parse import parse_cable
from cablebase.search.fields import document_fields
from cablebase.store.db import PreparedCable, pack_body, pack_json, pack_text


def digest_of(original: str) -> bytes:
    """A version is a distinct original text: the same bytes read twice are one version."""
    return hashlib.sha256(original.encode("utf-8")).digest()


# Enrichment: the acronyms a cable defines and the people and organisations it names. An
# ingest may leave it out (`cablebase ingest --no-enrich`, set before the workers fork) to
# load faster; `cablebase reindex` adds it later from the stored records.
ENRICH = True


def prepare(raw: RawCable) -> PreparedCable:
    cable = parse_cable(raw)
    record = cable.to_dict()
    del record["original"]
    created = cable.created
    found = mentions(record) if ENRICH else ()
    people = sorted({m.name for m in found if m.kind == PERSON})
    return PreparedCable(
        reference_id=cable.reference_id,
        digest=digest_of(cable.original),
        source=cable.source,
        issues=tuple(f"{i.field}: {i.message}" for i in cable.issues),
        record=pack_json(record),
        original=pack_text(cable.original),
        body=pack_body(cable.body),
        origin=cable.origin,
        created=created,
        year=int(created[:4]) if created and created[:4].isdigit() else None,
        classification=cable.classification,
        level=cable.classification_level.value if cable.classification_level else None,
        subject=cable.subject,
        tags=cable.tags,
        refs=tuple((r.label, r.text, r.kind.value, r.reference_id) for r in cable.references),
        document=document_fields(record, people),
        acronyms=definition_rows(cable.body) if ENRICH else (),
        entities=tuple(m.row() for m in found),
    )


def prepare_batch(batch: list[RawCable]) -> list[PreparedCable | Unprepared]:
    return [_prepare_safely(raw) for raw in batch]


@dataclass(frozen=True, slots=True)
class Unprepared:
    """A cable that could not be made into a record: reported with file and position."""

    source: Source
    message: str


def _prepare_safely(raw: RawCable) -> PreparedCable | Unprepared:
    # The parser never raises on any text (a property test shows it); this guard is for
    # what no test foresaw, so that one cable can never stop an ingest of millions.
    try:
        return prepare(raw)
    except Exception as exc:  # reported as a problem of the run, never swallowed
        return Unprepared(raw.source, f"could not be parsed ({type(exc).__name__}: {exc})")
