"""REF entries in words: what each one points at, as the reference graph classes it.

The cable page lists a cable's REF entries, the about page counts those of the archive;
both say the class the same way (see :mod:`cablebase.graph.status`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cablebase.graph import ReferenceCounts, ReferenceStatus, status_of

STATUS_WORDS = {
    ReferenceStatus.RESOLVED: "in this archive",
    ReferenceStatus.ABSENT: "Cablegate cable not in this archive",
    ReferenceStatus.OUTSIDE: "not a Cablegate cable",
    ReferenceStatus.UNIDENTIFIED: "no id could be read",
    ReferenceStatus.NON_CABLE: "an email, report or other document",
}
# A non-cable entry is said by its kind: the reader learns what was cited.
KIND_WORDS = {"email": "email", "report": "report", "other": "other document"}


def status_words(status: ReferenceStatus, kind: str) -> str:
    if status is ReferenceStatus.NON_CABLE:
        return KIND_WORDS.get(kind, kind)
    return STATUS_WORDS[status]


def classed_references(
    references: Iterable[Mapping[str, Any]], present: set[str]
) -> list[dict[str, Any]]:
    """A cable's REF entries with their class (``status``) and its words; ``present``: the
    cited ids that are cables of this archive."""
    out = []
    for ref in references:
        cited = ref.get("reference_id") or None
        here = cited is not None and cited in present
        status = status_of(str(ref.get("kind") or ""), cited, here)
        out.append(
            {
                **ref,
                "status": status.value,
                "status_words": status_words(status, str(ref.get("kind") or "")),
                "in_archive": here,
                "url": f"/cable/{cited}" if here else None,
            }
        )
    return out


def counts_json(counts: ReferenceCounts) -> dict[str, Any]:
    """The archive's REF entries by class, with each class in words, for the about page."""
    return {
        **counts.to_dict(),
        "by_status": [
            {"status": status.value, "words": STATUS_WORDS[status], "count": n}
            for status, n in counts.by_status
        ],
        "non_cable_kinds": [
            {"kind": kind, "words": KIND_WORDS.get(kind, kind), "count": n}
            for kind, n in counts.non_cable_by_kind
        ],
    }
