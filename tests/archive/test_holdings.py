"""Holdings against Cablegate, checked against an independent count of the reference id list.

The independent side reads ``reference/cablegate-ids.csv.gz`` (WikiLeaks' ids), corrects the
malformed ones with ``reference/malformed-reference-ids.csv`` and names stations with
``reference/posts.csv``, all with the csv module; the archive's ids come straight from its
SQLite file. Nothing of cablebase's own tables is used on that side.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cablebase.cli import app
from cablebase.errors import CablebaseError
from cablebase.holdings import Holdings
from cablebase.service import Archive

runner = CliRunner()
_ID = re.compile(r"(\d\d)([A-Z]+)(\d+)")


class Independent:
    def __init__(self, reference: Path, archive_dir: Path) -> None:
        with (reference / "posts.csv").open(encoding="utf-8") as fh:
            # An origin published two ways ("Embassy Brussels|USEU Brussels"): the first.
            self.posts = {r["station"]: r["origin"].split("|")[0] for r in csv.DictReader(fh)}
        with (reference / "malformed-reference-ids.csv").open(encoding="utf-8") as fh:
            fixes = {r["wikileaks_id"]: r["corrected_id"] for r in csv.DictReader(fh)}
        with gzip.open(reference / "cablegate-ids.csv.gz", "rt", encoding="utf-8") as fh:
            self.ids = {fixes.get(r["reference_id"], r["reference_id"]) for r in csv.DictReader(fh)}
        self.known: Counter[tuple[str, int]] = Counter(self.cell(i) for i in self.ids)
        conn = sqlite3.connect(archive_dir / "cables.sqlite")
        held_ids = [row[0] for row in conn.execute("SELECT reference_id FROM cables")]
        conn.close()
        self.held: Counter[tuple[str, int]] = Counter(
            self.cell(i) for i in held_ids if i in self.ids
        )
        self.outside = sum(1 for i in held_ids if i not in self.ids)

    def cell(self, reference_id: str) -> tuple[str, int]:
        m = _ID.fullmatch(reference_id)
        assert m, reference_id
        yy, station = int(m.group(1)), m.group(2)
        return self.posts.get(station, station), (2000 + yy if yy <= 10 else 1900 + yy)


@pytest.fixture(scope="module")
def independent(reference: Path, csv_archive: Archive) -> Independent:
    return Independent(reference, csv_archive.directory)


@pytest.fixture(scope="module")
def found(csv_archive: Archive) -> Holdings:
    return csv_archive.holdings()


def test_totals_match_the_reference_list(
    found: Holdings, independent: Independent, csv_archive: Archive
) -> None:
    assert found.held + found.extra == csv_archive.stats().cables
    assert found.known == len(independent.ids) == 251_207  # 251,287 rows, 80 repeated
    assert found.held == sum(independent.held.values())
    assert found.extra == independent.outside
    assert found.missing == found.known - found.held


@pytest.mark.parametrize(
    ("origin", "year"),
    [
        ("Embassy Madrid", 2008),
        ("Secretary of State", 2009),
        ("Embassy Paris", 2005),
        ("Embassy Kyiv", 2006),  # two stations, KIEV and KYIV, are one origin
        ("American Institute Taiwan, Taipei", 2006),
    ],
)
def test_cells_match_an_independent_count(
    found: Holdings, independent: Independent, origin: str, year: int
) -> None:
    cell = next(c for c in found.cells if (c.origin, c.year) == (origin, year))
    assert cell.known == independent.known[(origin, year)] > 0
    assert cell.held == independent.held[(origin, year)]


def test_every_cell_matches(found: Holdings, independent: Independent) -> None:
    # The one station no post table names (Cablegate's misspelt 09USEUBRUSEELS1292) is
    # counted under USEU Brussels by cablebase and under its own spelling here.
    ours = {(c.origin, c.year): (c.known, c.held) for c in found.cells}
    theirs = {k: (n, independent.held[k]) for k, n in independent.known.items()}
    moved = theirs.pop(("USEUBRUSEELS", 2009))
    usec = theirs[("USEU Brussels", 2009)]
    theirs[("USEU Brussels", 2009)] = (usec[0] + moved[0], usec[1] + moved[1])
    assert ours == theirs


def test_held_never_exceeds_known_and_the_held_sample_shows(found: Holdings) -> None:
    assert all(0 <= c.held <= c.known for c in found.cells)
    assert found.held > 11_000  # the sample is all Cablegate rows
    madrid = found.select("embassy madrid")
    assert {o.origin for o in madrid.origins()} == {"Embassy Madrid"}
    assert found.select(country="Spain").known > madrid.known


def test_every_origin_has_a_region(found: Holdings) -> None:
    regions = {o.origin: o.region for o in found.origins()}
    assert set(regions) == {c.origin for c in found.cells}
    assert "Other" not in regions.values()
    assert regions["Embassy Ankara"] == "Europe and Eurasia"
    assert regions["Consulate Jerusalem"] == "Middle East and North Africa"  # no country
    assert regions["Secretary of State"] == "United States"
    asia = found.select(region="south and central asia")
    assert {"Embassy Kabul", "Embassy Tashkent"} <= {o.origin for o in asia.origins()}


def test_holdings_are_counted_once_per_archive_state(csv_archive: Archive) -> None:
    assert csv_archive.holdings() is csv_archive.holdings()


def run(*args: str) -> tuple[int, str]:
    """Exit status and output; an error the console script prints as one line is its text."""
    result = runner.invoke(app, list(args))
    error = str(result.exception) if isinstance(result.exception, CablebaseError) else ""
    return result.exit_code, result.stdout + result.stderr + error


def test_cli_formats(csv_archive: Archive, found: Holdings) -> None:
    directory = str(csv_archive.directory)
    code, out = run("coverage", "-a", directory, "-f", "json")
    data = json.loads(out)
    assert code == 0 and (data["known"], data["held"]) == (found.known, found.held)
    assert data["not_in_collection"]["held"] == found.extra
    code, out = run("coverage", "-a", directory, "-f", "csv", "--origin", "madrid")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["origin"] for r in rows} == {"Embassy Madrid"}
    held = sum(int(r["held"]) for r in rows if r["in_collection"] == "yes")
    assert held == found.select("Embassy Madrid").held
    code, out = run("coverage", "-a", directory, "--origin", "madrid")
    assert code == 0 and "Embassy Madrid" in out and "██" in out and "held %" in out
    assert f"{found.select('Embassy Madrid').held:,}" in out
    code, out = run("coverage", "-a", directory, "--origin", "no such post")
    assert code != 0 and "no origin of Cablegate matches --origin 'no such post'" in out
    code, out = run("coverage", "-a", directory, "--region", "africa", "-f", "csv")
    assert code == 0 and {r["region"] for r in csv.DictReader(io.StringIO(out))} == {"Africa"}


def test_cli_cite_and_export_citations(csv_archive: Archive, tmp_path: Path) -> None:
    directory = str(csv_archive.directory)
    reference_id = next(csv_archive.iter_ids("origin:madrid", "date"))
    code, out = run("cite", reference_id.lower(), "-a", directory, "--style", "bibtex")
    assert code == 0 and out.startswith(f"@misc{{cable:{reference_id},")
    code, out = run("cite", reference_id, "-a", directory)
    assert code == 0 and f"telegram {reference_id}," in out and "Embassy Madrid" in out
    target = tmp_path / "madrid.csv"
    code, _ = run(
        "export", "origin:madrid", "-o", str(target), "-a", directory, "-f", "csv",
        "--fields", "reference_id,citation_chicago",
    )  # fmt: skip
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert code == 0 and list(rows[0]) == ["reference_id", "citation_chicago"]
    assert rows[0]["citation_chicago"] == out.strip()
    code, out = run("export", "x", "-o", str(target), "-a", directory, "--fields", "bogus")
    assert code != 0 and "unknown export field(s) bogus; choose from reference_id" in out
