"""Synthetic cables: they read back through our reader and parser, and look like Cablegate."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path

import pytest

from cablebase.errors import UsageError
from cablebase.model import RawCable
from cablebase.parse import parse_cable
from cablebase.parse.reference_id import canonical_reference_id
from cablebase.sources import read_paths
from cablebase.synth import load_stats, write_synthetic
from cablebase.synth.writer import escape

COUNT = 400
_PARAGRAPH = re.compile(r"^(\d+)\. ", re.MULTILINE)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "cables.csv"
    write_synthetic(path, COUNT, seed=7)
    return path


@pytest.fixture(scope="module")
def rows(generated: Path) -> list[RawCable]:
    out = [item for item in read_paths([generated]) if isinstance(item, RawCable)]
    assert len(out) == COUNT
    return out


def _expected_paragraphs(body: str) -> int:
    # the generator numbers paragraphs 1..n at line starts after a blank line
    numbers = [int(m.group(1)) for m in _PARAGRAPH.finditer(body)]
    n = 0
    for number in numbers:
        if number == n + 1:
            n = number
    return n


def test_rows_read_back_and_parse_without_issues(rows: list[RawCable]) -> None:
    for raw in rows:
        cable = parse_cable(raw)
        assert cable.issues == (), (raw.meta["reference_id"], cable.issues)
        assert cable.reference_id == canonical_reference_id(raw.meta["reference_id"])
        assert cable.origin == raw.meta["origin"]
        assert cable.classification == raw.meta["classification"]
        cited = tuple(r.reference_id for r in cable.references)
        column = tuple(v for v in raw.meta["references"].split("|") if v)
        assert cited == column
        assert len(cable.paragraphs) == _expected_paragraphs(raw.body) >= 1
        assert cable.paragraphs[0].number == "1"
        assert cable.dtg is not None and cable.created is not None
        assert cable.signers and cable.signers[0].isupper()


def test_tags_and_subject_round_trip(rows: list[RawCable]) -> None:
    for raw in rows:
        cable = parse_cable(raw)
        tags_line = next(ln for ln in raw.body.split("\n") if ln.startswith("TAGS: "))
        written = [t for t in re.split(r"[ ,]+", tags_line[6:]) if t]
        assert list(cable.tags) == written
        subject_line = next(ln for ln in raw.body.split("\n") if ln.startswith("SUBJECT: "))
        assert subject_line.endswith(cable.subject) and cable.subject


def test_references_cite_earlier_generated_cables(rows: list[RawCable]) -> None:
    seen: set[str] = set()
    cited = 0
    for raw in rows:
        for rid in (v for v in raw.meta["references"].split("|") if v):
            assert rid in seen  # a reference graph over the file itself
            cited += 1
        seen.add(raw.meta["reference_id"])
    assert cited > COUNT // 4


def test_ids_are_real_cablegate_ids_in_date_order(rows: list[RawCable], reference: Path) -> None:
    with gzip.open(reference / "cablegate-ids.csv.gz", "rt", encoding="utf-8") as f:
        next(f)
        real = {canonical_reference_id(line.split(",")[0]) for line in f}
    created = [parse_cable(raw).created or "" for raw in rows]
    assert created == sorted(created)
    assert all(raw.meta["reference_id"] in real for raw in rows)
    assert [int(raw.meta["csv_id"]) for raw in rows] == list(range(1, COUNT + 1))


def test_classification_shares_follow_the_corpus_figures(rows: list[RawCable]) -> None:
    stats = load_stats()
    expected: Counter[str] = Counter()
    for raw in rows:
        mix = stats.classification(int(parse_cable(raw).created[:4]))  # type: ignore[index]
        for value in mix.values:
            expected[value] += mix.share(value)
    observed = Counter(raw.meta["classification"] for raw in rows)
    for value, share in expected.items():
        assert abs(observed[value] / COUNT - share / COUNT) < 0.06, value


def test_average_length_is_near_cablegate(rows: list[RawCable]) -> None:
    mean = sum(len(r.header) + len(r.body) for r in rows) / len(rows)
    # the real cables.csv: 1.7 GB over 251,287 rows, ~6.7 KB a row
    assert 5000 < mean < 8500


def test_same_seed_same_file_other_seed_other_file(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    write_synthetic(a, 30, seed=1)
    write_synthetic(b, 30, seed=1)
    write_synthetic(c, 30, seed=2)
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()


def test_no_corpus_sentence_is_copied(rows: list[RawCable], corpus: Path) -> None:
    # Ten generated words in a row found verbatim in the corpus sample (71 MB of cables)
    # would be a copy: the generator keeps word pairs and topics, never sequences.
    sample = corpus / "cables-csv" / "cables.sample.csv"
    text = " ".join(sample.read_text(encoding="utf-8", errors="replace").upper().split())
    checked = 0
    for raw in rows[:60]:
        words = raw.body.upper().split()
        for start in range(0, max(0, len(words) - 10), 97):
            chosen = words[start : start + 10]
            window = " ".join(chosen)
            # running text, not a spaced-out banner (C O N F I D E N T I A L) or a number run
            if len(chosen) == 10 and sum(len(w) > 2 and w[0].isalpha() for w in chosen) >= 8:
                checked += 1
                assert window not in text, (raw.meta.get("reference_id"), window)
    assert checked > 200


def test_escape_uses_backslashes_as_the_real_file() -> None:
    assert escape('a "b" c\\d') == 'a \\"b\\" c\\\\d'


def test_too_many_cables_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="at most 251,287"):
        write_synthetic(tmp_path / "x.csv", 251_288)


def test_cli_synth_writes_the_same_file_as_the_api(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cablebase.cli import app

    result = CliRunner().invoke(app, ["synth", "5", "-o", str(tmp_path / "cli.csv"), "--seed", "3"])
    assert result.exit_code == 0, result.output
    write_synthetic(tmp_path / "api.csv", 5, seed=3)
    assert (tmp_path / "cli.csv").read_bytes() == (tmp_path / "api.csv").read_bytes()
