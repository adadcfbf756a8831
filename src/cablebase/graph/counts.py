"""Archive-wide reference counts (for ``cablebase stats``) and the most-cited cables of a query.

"Most cited" is a facet: for the cables a query matches, each cited id with the number of
those cables that cite it (what ``cites:ID`` added to the query would match), beside the
number of cables of the whole archive that cite it. The cited cable itself need not match
the query, nor be in the archive: a much-cited cable that is absent is worth knowing about.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cablebase.graph.status import ReferenceStatus, status_of
from cablebase.parse.reference_id import is_cablegate_id
from cablebase.store.refs import citing_counts, kind_totals, missing_cited, summaries


@dataclass(frozen=True, slots=True)
class ReferenceCounts:
    """REF entries of the current versions of all cables, by status (and kind)."""

    total: int
    by_status: tuple[tuple[ReferenceStatus, int], ...]
    non_cable_by_kind: tuple[tuple[str, int], ...]

    def count(self, status: ReferenceStatus) -> int:
        return dict(self.by_status).get(status, 0)

    @property
    def cable_references(self) -> int:
        """Entries written as cables: every status but non-cable."""
        return self.total - self.count(ReferenceStatus.NON_CABLE)

    @property
    def identified_rate(self) -> float:
        """Share of cable entries given a canonical id."""
        cables = self.cable_references
        return (cables - self.count(ReferenceStatus.UNIDENTIFIED)) / cables if cables else 0.0

    @property
    def resolution_rate(self) -> float:
        """Share of cable entries that open a cable of this archive."""
        cables = self.cable_references
        return self.count(ReferenceStatus.RESOLVED) / cables if cables else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            **{status.value: n for status, n in self.by_status},
            "non_cable_by_kind": dict(self.non_cable_by_kind),
            "cable_references": self.cable_references,
            "identified_rate": round(self.identified_rate, 4),
            "resolution_rate": round(self.resolution_rate, 4),
        }


def reference_counts(conn: sqlite3.Connection) -> ReferenceCounts:
    counts = dict.fromkeys(ReferenceStatus, 0)
    kinds: dict[str, int] = {}
    for kind, has_id, here, n in kind_totals(conn):
        if has_id and not here:
            continue  # absent or outside: told apart id by id below
        status = status_of(kind, "" if has_id else None, here)
        counts[status] += n
        if status is ReferenceStatus.NON_CABLE:
            kinds[kind] = kinds.get(kind, 0) + n
    for cited_id, n in missing_cited(conn):
        counts[status_of("cable", cited_id, False)] += n
    return ReferenceCounts(
        total=sum(counts.values()),
        by_status=tuple(counts.items()),
        non_cable_by_kind=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


@dataclass(frozen=True, slots=True)
class CitedCable:
    """One entry of a most-cited list."""

    reference_id: str
    within: int  # cables of the query that cite it
    overall: int  # cables of the archive that cite it
    status: ReferenceStatus
    in_archive: bool
    in_cablegate: bool
    created: str | None = None
    origin: str | None = None
    classification: str | None = None
    subject: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference_id": self.reference_id,
            "within": self.within,
            "overall": self.overall,
            "status": self.status.value,
            "in_archive": self.in_archive,
            "in_cablegate": self.in_cablegate,
            "created": self.created,
            "origin": self.origin,
            "classification": self.classification,
            "subject": self.subject,
        }


def describe_cited(
    conn: sqlite3.Connection, counted: Sequence[tuple[str, int]]
) -> list[CitedCable]:
    """The facet counts (cited id, citing cables within a query) as most-cited entries."""
    ids = [reference_id for reference_id, _ in counted]
    known = summaries(conn, ids)
    overall = citing_counts(conn, ids)
    out = []
    for reference_id, within in counted:
        found = known.get(reference_id)
        out.append(
            CitedCable(
                reference_id=reference_id,
                within=within,
                overall=overall.get(reference_id, 0),
                status=status_of("cable", reference_id, found is not None),
                in_archive=found is not None,
                in_cablegate=is_cablegate_id(reference_id),
                created=found.created if found else None,
                origin=found.origin if found else None,
                classification=found.classification if found else None,
                subject=found.subject if found else None,
            )
        )
    return out
