"""The worker side of ingest: a cable becomes a stored record and an index document."""

from __future__ import annotations

import json
from typing import Any, cast

from cablebase.ingest.prepare import PreparedCable, Unprepared, prepare_batch
from cablebase.model import RawCable, Source
from cablebase.store.db import unpack_text

TEXT = """\
P 101655Z JUL 04
FM AMEMBASSY ROME
TO SECSTATE WASHDC PRIORITY 0595
C O N F I D E N T I A L ROME 002765

E.O. 12958: DECL: 07/10/2014
TAGS: PREL IT
SUBJECT: (C) A TEST OF THE WORKER

1. (C) The worker parses, packs and indexes this text.

SMITH
"""


def test_a_cable_is_prepared_with_its_record_original_and_document() -> None:
    raw = RawCable(Source("text", "rome.txt"), "", TEXT, TEXT, {"reference_id": "04ROME2765"})
    [prepared] = prepare_batch([raw])
    assert isinstance(prepared, PreparedCable)
    assert prepared.reference_id == "04ROME2765"
    assert unpack_text(prepared.original) == TEXT
    record = json.loads(unpack_text(prepared.record))
    assert "original" not in record and record["tags"] == ["PREL", "IT"]
    assert prepared.document["tag"] == ["PREL", "IT"]
    assert prepared.document["created"] // 10_000 == 20040710


def test_a_cable_that_cannot_be_prepared_is_reported_not_raised() -> None:
    good = RawCable(Source("text", "rome.txt"), "", TEXT, TEXT)
    # A reader bug handing over no text at all: the batch goes on without it.
    broken = RawCable(Source("text", "bad.txt", "line 9"), "", cast(Any, None), cast(Any, None))
    first, second = prepare_batch([broken, good])
    assert isinstance(first, Unprepared) and first.source.position == "line 9"
    assert "could not be parsed" in first.message
    assert isinstance(second, PreparedCable)


def test_texts_stored_by_earlier_archives_with_zlib_still_read() -> None:
    import zlib

    from cablebase.store.db import pack_json, pack_text, unpack_json

    assert unpack_text(pack_text(TEXT)) == TEXT
    assert unpack_text(zlib.compress(TEXT.encode("utf-8"))) == TEXT
    record = {"reference_id": "04ROME2765", "subject": "Ça va"}
    assert unpack_json(pack_json(record)) == record
    assert unpack_json(zlib.compress(json.dumps(record).encode("utf-8"))) == record
