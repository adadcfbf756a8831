"""The store's reference queries: the ``refs`` table read both ways, in batches.

The reference graph asks for the REF lines of many cables at once (a neighbourhood two steps
deep may touch hundreds), so every query here takes a list of ids and runs in chunks below
SQLite's limit on bound parameters. The ``refs`` primary key serves "what X cites" and the
``refs_cited`` index serves "who cites X".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_CHUNK = 500  # ids per statement: well under SQLITE_MAX_VARIABLE_NUMBER everywhere


@dataclass(frozen=True, slots=True)
class RefRow:
    """One REF line entry of a stored cable's current version."""

    citing_id: str
    position: int
    label: str
    text: str
    kind: str
    cited_id: str | None


@dataclass(frozen=True, slots=True)
class CableSummary:
    """What a graph node shows of a cable in the archive."""

    reference_id: str
    created: str | None
    origin: str | None
    classification: str | None
    level: str | None
    subject: str


def _chunks(ids: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    unique = sorted(set(ids))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        yield chunk, ",".join("?" * len(chunk))


def refs_of(conn: sqlite3.Connection, citing_ids: Sequence[str]) -> list[RefRow]:
    """Every REF entry of these cables, by cable then position."""
    out: list[RefRow] = []
    for chunk, marks in _chunks(citing_ids):
        rows = conn.execute(
            "SELECT reference_id, position, label, text, kind, cited_id FROM refs"
            f" WHERE reference_id IN ({marks}) ORDER BY reference_id, position",
            chunk,
        )
        out.extend(RefRow(*row) for row in rows)
    return out


def citing(conn: sqlite3.Connection, cited_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(citing id, cited id) for every cable citing one of ``cited_ids``, each pair once."""
    out: list[tuple[str, str]] = []
    for chunk, marks in _chunks(cited_ids):
        rows = conn.execute(
            f"SELECT DISTINCT reference_id, cited_id FROM refs WHERE cited_id IN ({marks})"
            " ORDER BY cited_id, reference_id",
            chunk,
        )
        out.extend((row[0], row[1]) for row in rows)
    return out


def summaries(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, CableSummary]:
    """The summary columns of those of ``ids`` that are cables of the archive."""
    out: dict[str, CableSummary] = {}
    for chunk, marks in _chunks(ids):
        rows = conn.execute(
            "SELECT reference_id, created, origin, classification, level, subject FROM cables"
            f" WHERE reference_id IN ({marks})",
            chunk,
        )
        out.update((row[0], CableSummary(*row)) for row in rows)
    return out


def citing_counts(conn: sqlite3.Connection, cited_ids: Sequence[str]) -> dict[str, int]:
    """How many cables of the archive cite each of ``cited_ids`` (absent ids count 0)."""
    out = dict.fromkeys(cited_ids, 0)
    for chunk, marks in _chunks(cited_ids):
        rows = conn.execute(
            "SELECT cited_id, count(DISTINCT reference_id) FROM refs"
            f" WHERE cited_id IN ({marks}) GROUP BY cited_id",
            chunk,
        )
        out.update((row[0], int(row[1])) for row in rows)
    return out


def kind_totals(conn: sqlite3.Connection) -> list[tuple[str, bool, bool, int]]:
    """REF entries grouped by (kind, has a cited id, cited id is an archive cable)."""
    rows = conn.execute(
        "SELECT r.kind, r.cited_id IS NOT NULL, c.reference_id IS NOT NULL, count(*)"
        " FROM refs r LEFT JOIN cables c ON c.reference_id = r.cited_id"
        " GROUP BY 1, 2, 3"
    )
    return [(str(k), bool(has), bool(here), int(n)) for k, has, here, n in rows]


def missing_cited(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Cited ids that are not cables of the archive, with how many REF entries name each."""
    rows = conn.execute(
        "SELECT r.cited_id, count(*) FROM refs r LEFT JOIN cables c"
        " ON c.reference_id = r.cited_id"
        " WHERE r.cited_id IS NOT NULL AND c.reference_id IS NULL GROUP BY r.cited_id"
    )
    return [(str(cid), int(n)) for cid, n in rows]
