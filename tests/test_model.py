"""The record's JSON form: the interface other tools read."""

from __future__ import annotations

import enum
from dataclasses import fields
from typing import Any

from cablebase.model import Cable, RawCable


def _walked(value: Any) -> Any:
    """A field made JSON-able by a generic walk: what ``Cable.to_dict`` spells out."""
    if isinstance(value, tuple):
        return [_walked(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


def test_the_record_is_every_field_in_order_made_json_able(
    corpus_records: list[tuple[RawCable, Cable]],
) -> None:
    # Every cable of the corpus: recipients, references, paragraphs, issues and a level
    # set or not, in every format.
    names = [f.name for f in fields(Cable)]
    keys = ["from" if name == "from_" else name for name in names]
    assert len(corpus_records) > 10_000
    for _, cable in corpus_records:
        record = cable.to_dict()
        assert list(record) == keys, cable.reference_id
        assert record == {k: _walked(getattr(cable, n)) for k, n in zip(keys, names, strict=True)}
