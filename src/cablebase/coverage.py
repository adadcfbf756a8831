"""Per-field coverage of parsed records: how many have a subject, TAGS, a signer, ...

Used by ``cablebase parse --stats`` and by the corpus tests, so that both report the same
numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cablebase.model import Cable

FIELDS: tuple[str, ...] = (
    "created",
    "origin",
    "classification",
    "caveats",
    "transmission_id",
    "precedence",
    "dtg",
    "from",
    "to",
    "info",
    "subject",
    "tags",
    "references",
    "executive_order",
    "declassify_on",
    "declassify_note",
    "classified_by",
    "classification_reasons",
    "summary",
    "comment",
    "signers",
    "sections",
    "paragraphs",
    "body",
    "issues",
)


@dataclass
class Coverage:
    records: int = 0
    problems: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, cable: Cable) -> None:
        self.records += 1
        record = cable.to_dict()
        for name in FIELDS:
            value = record[name]
            if value not in (None, "", [], 0):
                self.counts[name] += 1
        if cable.is_partial:
            self.counts["is_partial"] += 1

    def rows(self) -> list[tuple[str, int]]:
        return [(name, self.counts[name]) for name in (*FIELDS, "is_partial")]

    def share(self, name: str) -> float:
        return self.counts[name] / self.records if self.records else 0.0
