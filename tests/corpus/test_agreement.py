"""Cross-format agreement: a cable published in two formats gives the same record.

Compared are the fields both formats carry: everything the parser reads from the text when
both texts are the same cable text, and the wrapper facts always. The first-day JSON export
lost its line breaks and letter case, so against it the text fields are compared without
case and the layout-bound ones (paragraphs, summary, comment) not at all.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

import pytest

from cablebase.model import Cable, RawCable

WRAPPER_FIELDS = ("reference_id", "created_date", "origin", "classification_level")
TEXT_FIELDS = (
    "subject",
    "subject_marking",
    "tags",
    "references",
    "executive_order",
    "declassify_on",
    "declassify_note",
    "classified_by",
    "classification_reasons",
    "transmission_id",
    "precedence",
    "dtg",
    "from",
    "to",
    "info",
    "sections",
    "signers",
    "summary",
    "comment",
    "paragraphs",
    "is_partial",
)
# What survives the export's lost line breaks: fields whose values do not span or end lines.
LOSSY_KEPT = ("executive_order", "declassify_on", "transmission_id", "sections", "is_partial")
_NOT_TEXT = re.compile(r"[\W_]+")
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


# Differences in what was published, not in the parsing, each checked in the sources.
KNOWN = {
    ("04SANAA2346", "tags"): "the Dec 2010 site made COUNTER and TERRORISM two tag links",
    (
        "09TELAVIV2502",
        "sections",
    ): "the Dec 2010 page dropped the banner line with SECTION 01 OF 04",
    ("00DAMASCUS3013", "classification_level"): "the PDF's text layer ends after the header",
}


def _same_text(a: RawCable, b: RawCable) -> bool:
    # Publication errors put another cable's body under an id (88BAGHDAD28 in the Dec 2010
    # site) and the 2011 site cut long bodies; such pairs share only the wrapper facts.
    def key(raw: RawCable) -> str:
        return _NOT_TEXT.sub("", raw.body.replace("¶", "")).lower()

    ka, kb = key(a), key(b)
    return ka[:2000] == kb[:2000] and abs(len(ka) - len(kb)) <= 0.02 * max(len(ka), len(kb))


def _value(cable: Cable, field: str, lossy: bool) -> Any:
    record = cable.to_dict()
    if field == "created_date":
        return (record["created"] or "")[:10]
    value = record[field]
    if field == "references":
        value = [r["reference_id"] for r in value]
    elif field == "paragraphs":
        value = [(p["number"], p["marking"]) for p in value]
    if isinstance(value, str):
        # The sites differ in typography only: curly quotes on one, double spaces on another.
        value = " ".join(value.translate(_TYPOGRAPHY).split())
        if lossy:
            value = value.lower()
    return value


@pytest.mark.slow
def test_cables_in_several_formats_agree(corpus_records: list[tuple[RawCable, Cable]]) -> None:
    versions: dict[str, list[tuple[RawCable, Cable]]] = defaultdict(list)
    for raw, cable in corpus_records:
        versions[cable.reference_id].append((raw, cable))
    pairs: Counter[str] = Counter()
    disagreements: list[str] = []
    for (ra, a), (rb, b) in (p for v in versions.values() for p in combinations(v, 2)):
        kind_a = f"{a.source.format}:{ra.meta.get('layout', '')}"
        kind_b = f"{b.source.format}:{rb.meta.get('layout', '')}"
        if kind_a == kind_b:
            continue
        pairs[" / ".join(sorted((kind_a, kind_b)))] += 1
        lossy = "jsonl" in (a.source.format, b.source.format)
        fields = list(WRAPPER_FIELDS)
        if lossy:
            fields += LOSSY_KEPT
        elif _same_text(ra, rb):
            fields += TEXT_FIELDS
        for field in fields:
            va, vb = _value(a, field, lossy), _value(b, field, lossy)
            if va != vb and (a.reference_id, field) not in KNOWN:
                disagreements.append(
                    f"{a.reference_id} {kind_a} vs {kind_b}: {field}: {va!r} != {vb!r}"
                )
    assert pairs["cablegate-html:2010-12 / cables-csv:"] >= 36
    assert pairs["cablegate-html:2011 / cables-csv:"] >= 10
    assert sum(pairs.values()) >= 300
    assert not disagreements, "\n".join(disagreements[:40]) + f"\n({len(disagreements)} in all)"
