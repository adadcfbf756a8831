"""``tag:`` by a word of a meaning, over a real archive of the corpus's cables.csv rows.

The expected sets come from the parsed records and the reference tags table, never from the
index: ``tag:terrorism`` must be exactly the cables tagged with a code whose meaning holds the
word, which is also the union of the searches for those codes.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from cablebase.decode import codes_meaning, tag_meaning
from cablebase.model import Cable
from cablebase.service import Archive
from tests.archive.test_cli_archive import run
from tests.archive.test_search_corpus import every_id


def meaning_codes(reference: Path, words: str) -> set[str]:
    """Codes whose reference meaning holds ``words`` as whole words (a regex, not the tables)."""
    pattern = re.compile(rf"(?<![^\W_]){re.escape(words)}(?![^\W_])", re.IGNORECASE)
    with (reference / "tags.csv").open(encoding="utf-8") as fh:
        return {r["code"].upper() for r in csv.DictReader(fh) if pattern.search(r["meaning"])}


def tagged(cables: list[Cable], codes: set[str]) -> set[str]:
    return {c.reference_id for c in cables if {t.upper() for t in c.tags} & codes}


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("tag:terrorism", "terrorism"),
        ('tag:"human rights"', "human rights"),
        ("tag:Korea", "korea"),
    ],
)
def test_a_word_finds_the_union_of_its_codes(
    csv_archive: Archive, csv_cables: list[Cable], reference: Path, query: str, words: str
) -> None:
    codes = meaning_codes(reference, words)
    assert codes and set(codes_meaning(words)) == codes
    found = every_id(csv_archive, query)
    assert found == tagged(csv_cables, codes | {words.upper()})
    # The words are also matched as a code: some cables carry TERRORISM itself in TAGS (the
    # query cannot ask for that alone any more, so it comes from the records).
    literal = tagged(csv_cables, {words.upper()})
    union = set().union(literal, *(every_id(csv_archive, f"tag:{code}") for code in codes))
    assert found == union and found - literal  # the corpus has cables so tagged


def test_a_code_is_unchanged_and_an_unknown_word_matches_as_a_code(
    csv_archive: Archive, csv_cables: list[Cable]
) -> None:
    assert every_id(csv_archive, "tag:PTER") == tagged(csv_cables, {"PTER"})
    assert every_id(csv_archive, "tag:pter") == tagged(csv_cables, {"PTER"})
    assert every_id(csv_archive, "tag:zzqxv") == set()
    assert every_id(csv_archive, "tag:of") == tagged(csv_cables, {"OF"})  # no word of note


def test_words_in_groups_and_negations(csv_archive: Archive, csv_cables: list[Cable]) -> None:
    terror = tagged(csv_cables, {"TERRORISM", *codes_meaning("terrorism")})
    prel = tagged(csv_cables, {"PREL"})
    everything = {c.reference_id for c in csv_cables}
    assert every_id(csv_archive, "tag:(terrorism OR PREL)") == terror | prel
    assert every_id(csv_archive, "tag:PREL -tag:terrorism") == prel - terror
    assert every_id(csv_archive, "NOT tag:terrorism") == everything - terror


def test_cli_facets_show_meanings(early: Path) -> None:
    code, out, _ = run("search", "", "-a", str(early), "-f", "json", "--facets", "-n", "1")
    assert code == 0
    tags = json.loads(out)["facets"]["tag"]
    assert tags and all(t["meaning"] == tag_meaning(t["value"]) for t in tags)
    meant = [t for t in tags[:10] if t["meaning"]]
    assert meant  # the early pages carry TAGS with known meanings
    code, out, _ = run("search", "", "-a", str(early), "-f", "table", "--facets", "-n", "1")
    assert code == 0
    shown = " ".join(out.split())  # the terminal table wraps long lines
    line = shown[shown.index("tag: ") :]
    for t in meant:
        assert f"{t['value']} ({t['meaning']}) {t['count']:,}" in line
