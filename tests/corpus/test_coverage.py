"""Coverage over the whole corpus: where a text holds a field, the record has it."""

from __future__ import annotations

from collections import Counter

import pytest

from cablebase.model import Cable, RawCable
from tests.corpus.markers import MARKERS, present

# Share of the cables whose text shows the field that must get it from the parser. Below 1.0
# where the corpus has texts the parser does not read (each named in the comment).
THRESHOLDS = {
    "subject": 0.999,  # 04OTTAWA3001: its SUBJECT line sits inside a quoted cable
    "tags": 0.999,
    "executive_order": 0.999,  # 07BERN881's body is a raw tab-separated record
    "references": 0.995,  # REF lines after free text (00STATE228765 vacancy lists)
    "from": 1.0,
    "to": 1.0,
    "dtg": 1.0,
    "transmission_id": 0.995,
    "classified_by": 0.995,
    "summary": 0.985,  # media reactions use "Summary:" as a heading for quoted columns
    "sections": 0.995,  # banners mangled at the source ("SS E C R E T SECTION 01 OF 02")
}


def test_every_marker_has_a_threshold() -> None:
    assert set(THRESHOLDS) == set(MARKERS)


@pytest.mark.slow
def test_fields_are_found_wherever_the_text_has_them(
    corpus_records: list[tuple[RawCable, Cable]],
) -> None:
    shown: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for raw, cable in corpus_records:
        record = cable.to_dict()
        for field in MARKERS:
            if present(field, raw.header, raw.original):
                shown[field] += 1
                found[field] += record[field] not in (None, "", [], 0)
    report = {f: f"{found[f]}/{shown[f]} = {found[f] / shown[f]:.4f}" for f in MARKERS}
    low = {f: report[f] for f in MARKERS if found[f] / shown[f] < THRESHOLDS[f]}
    assert not low, report


@pytest.mark.slow
def test_the_whole_corpus_parses_with_few_issues(
    corpus_records: list[tuple[RawCable, Cable]],
) -> None:
    assert len(corpus_records) >= 13_000
    with_issues = [c for _, c in corpus_records if c.issues]
    assert len(with_issues) / len(corpus_records) < 0.01
    # Every record keeps its original text, and its clean body comes from it.
    for raw, cable in corpus_records:
        assert cable.original == raw.original
        # the clean body starts at the banner: at most the site's date line goes before it,
        # and PlusD pages print the banner in their header pane
        first_word = cable.body.split()[:1]
        assert (
            not first_word
            or first_word[0] in raw.body[:300]
            or first_word[0] in raw.header
            or cable.source.format == "jsonl"
        )
