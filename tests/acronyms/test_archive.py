"""Acronyms learned at ingest into a real archive: counts per origin, updates, old archives,
query expansion, and the `cablebase acronyms` command."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from cablebase.service import Archive
from cablebase.store.schema import MIGRATIONS
from tests.acronyms.cables import CABLES, write_cables


def test_expansions_are_counted_per_origin(acronym_archive: Archive) -> None:
    goi = {e.expansion: (e.count, e.origins) for e in acronym_archive.expansions("GOI")}
    assert goi == {
        "Government of Israel": (2, (("Embassy Tel Aviv", 2),)),
        "Government of India": (1, (("Embassy New Delhi", 1),)),
        "Government of Indonesia": (1, (("Embassy Jakarta", 1),)),
    }
    # Most used first; any written form of the acronym finds it.
    assert acronym_archive.expansions("goi")[0].expansion == "Government of Israel"
    only = acronym_archive.expansions("GOI", origin="Embassy Jakarta")
    assert [(e.expansion, e.count) for e in only] == [("Government of Indonesia", 1)]
    # Both orders of definition count: "Government of Mexico (GOM)" and "GOM (Government...)".
    gom = acronym_archive.expansions("GOM")
    assert [(e.expansion, e.count, e.origins) for e in gom] == [
        ("Government of Mexico", 2, (("Embassy Mexico", 2),))
    ]
    assert acronym_archive.expansions("XYZ") == []


def test_glossary_of_an_origin(acronym_archive: Archive) -> None:
    glossary = acronym_archive.glossary("Embassy Mexico")
    assert [(g.acronym, [(e.expansion, e.count) for e in g.expansions]) for g in glossary] == [
        ("GOM", [("Government of Mexico", 2)]),
        ("NGO", [("Nongovernmental organizations", 1)]),
    ]
    assert acronym_archive.glossary("Embassy Nowhere") == []
    origins = acronym_archive.acronyms().origins()
    assert [o for o, _, _ in origins] == [
        "Embassy Baghdad",
        "Embassy Jakarta",
        "Embassy Mexico",
        "Embassy New Delhi",
        "Embassy Tel Aviv",
    ]


def test_an_updated_cable_replaces_its_definitions(
    acronym_archive: Archive, tmp_path: Path
) -> None:
    changed = [(rid, origin, "The plan was dropped.") for rid, origin, _ in CABLES[:1]]
    report = acronym_archive.ingest([write_cables(tmp_path / "v2.csv", changed)], workers=1)
    assert report.updated == 1
    gom = acronym_archive.expansions("GOM")
    assert [(e.expansion, e.count) for e in gom] == [("Government of Mexico", 1)]
    assert acronym_archive.expansions("NGO") == []


def test_an_archive_made_before_acronyms_opens_and_reindex_fills_it(
    acronym_archive: Archive,
) -> None:
    directory = acronym_archive.directory
    acronym_archive.close()
    # Turn it into an archive of the schema before acronyms: the tables of that migration
    # and of every later one dropped, the version set back to before it.
    step = next(i for i, sql in enumerate(MIGRATIONS) if "CREATE TABLE acronym_definitions" in sql)
    later = [name for sql in MIGRATIONS[step:] for name in re.findall(r"CREATE TABLE (\w+)", sql)]
    conn = sqlite3.connect(directory / "cables.sqlite")
    drops = "".join(f"DROP TABLE {name}; " for name in later)
    conn.executescript(f"{drops}PRAGMA user_version = {step};")
    conn.close()
    with Archive.open(directory) as old:
        assert old.expansions("GOI") == []  # the migration adds the table, empty
        assert old.reindex() == len(CABLES)
        assert len(old.expansions("GOI")) == 3


def test_query_expansion_finds_the_acronym_in_the_origins_that_use_it(
    acronym_archive: Archive,
) -> None:
    def found(query: str) -> set[str]:
        return set(acronym_archive.iter_ids(query))

    assert found('"government of mexico"') == {"09MEXICO9901", "09MEXICO9902"}
    expanded = acronym_archive.expand_acronyms('"government of mexico"')
    assert expanded.expanded == '"government of mexico" OR (gom origin:"embassy mexico")'
    assert [(a.acronym, a.origins) for a in expanded.applied] == [("GOM", ("Embassy Mexico",))]
    # The Mexico cable that writes only GOM is found; Lilongwe's GOM (Malawi) is not.
    assert found(expanded.expanded) == {"09MEXICO9901", "09MEXICO9902", "09MEXICO9903"}
    # A run of plain words works too, and the rest of the query stays as it was.
    words = acronym_archive.expand_acronyms("government of mexico tariffs")
    assert words.expanded == '((government of mexico) OR (gom origin:"embassy mexico")) tariffs'
    assert found(words.expanded) == {"09MEXICO9903"}
    # An expansion used by several posts: each post's own acronym, in that post only.
    israel = acronym_archive.expand_acronyms('"Government of Israel" -plan')
    assert israel.expanded == (
        '("government of israel" OR (goi origin:"embassy tel aviv")) NOT plan'
    )
    # An acronym the index holds as several words is searched as a phrase.
    mnf = acronym_archive.expand_acronyms('"Multi-National Force-Iraq"')
    assert mnf.expanded == ('"multi national force iraq" OR ("mnf i" origin:"embassy baghdad")')
    assert found(mnf.expanded) == {"09BAGHDAD9901"}
    # Nothing learned, nothing changed; a malformed query is left for the search to report.
    assert acronym_archive.expand_acronyms("maize price").expanded == "maize price"
    assert acronym_archive.expand_acronyms('"unclosed').expanded == '"unclosed'


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cablebase", *args], capture_output=True, text=True, timeout=120
    )


def test_the_acronyms_command(acronym_archive: Archive) -> None:
    directory = str(acronym_archive.directory)
    acronym_archive.close()
    as_json = _run("acronyms", "GOI", "--archive", directory, "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    rows = json.loads(as_json.stdout)
    assert rows[0] == {
        "acronym": "GOI",
        "expansion": "Government of Israel",
        "count": 2,
        "origins": [{"origin": "Embassy Tel Aviv", "count": 2}],
    }
    table = _run("acronyms", "--origin", "Embassy Mexico", "--archive", directory)
    assert table.returncode == 0, table.stderr
    assert "Government of Mexico" in table.stdout and "GOI" not in table.stdout
    missing = _run("acronyms", "XYZ", "--archive", directory)
    assert missing.returncode == 2
    assert missing.stderr.startswith("cablebase: no expansion of XYZ learned")
    relearn = _run("acronyms", "--relearn", "--archive", directory, "--format", "json")
    assert relearn.returncode == 0 and "8 acronym definitions learned" in relearn.stderr
    search = _run(
        "search",
        '"government of mexico"',
        "--expand-acronyms",
        "-f",
        "jsonl",
        "--archive",
        directory,
    )
    assert search.returncode == 0, search.stderr
    assert {json.loads(line)["reference_id"] for line in search.stdout.splitlines()} == {
        "09MEXICO9901",
        "09MEXICO9902",
        "09MEXICO9903",
    }
    assert 'expanded query: "government of mexico" OR (gom' in search.stderr
