"""People, organisations and places in real archives: what ingest stores, what person:
finds, how archives made before the entities table get filled, and the CLI."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

from typer.testing import CliRunner

from cablebase.cli import app
from cablebase.entities.extract import mentions
from cablebase.entities.names import person_from_tag
from cablebase.model import Cable
from cablebase.service import Archive
from cablebase.store.schema import MIGRATIONS
from tests.archive.test_cli_archive import run_process


def _stored(archive: Archive) -> dict[str, list[tuple[str, ...]]]:
    rows: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for reference_id, *row in archive.store.conn.execute(
        "SELECT reference_id, kind, key, name, role, surface FROM entities"
        " ORDER BY reference_id, position"
    ):
        rows[reference_id].append(tuple(row))
    return dict(rows)


def test_ingest_stores_what_the_cables_name(csv_archive: Archive, csv_cables: list[Cable]) -> None:
    expected = {
        c.reference_id: [m.row() for m in mentions(c.to_dict())]
        for c in csv_cables
        if mentions(c.to_dict())
    }
    assert _stored(csv_archive) == expected
    kinds = {row[0] for rows in expected.values() for row in rows}
    assert kinds == {"person", "organisation", "place"}


def test_person_tag_cables_are_the_person_query_cables(
    csv_archive: Archive, csv_cables: list[Cable]
) -> None:
    tagged: dict[str, set[str]] = defaultdict(set)
    for cable in csv_cables:
        for tag in cable.tags:
            person = person_from_tag(tag)
            if person is not None:
                tagged[person.canonical].add(cable.reference_id)
    assert len(tagged) > 20  # the sample has visa lookouts, VIP visits, court cases
    # names that the cables give only in their TAGS: exactly those cables
    other_roles = {
        r[0]
        for (r,) in csv_archive.store.conn.execute(
            "SELECT name FROM entities WHERE kind = 'person' AND role != 'tagged'"
        )
    }
    aliases = csv_archive.entities.aliases()
    only_tagged = [n for n in tagged if n not in other_roles and n not in aliases]
    assert only_tagged
    for name in tagged:
        found = set(csv_archive.iter_ids(f'person:"{name}"'))
        assert tagged[name] <= found, name
        if name in only_tagged and name not in aliases.values():
            assert found == tagged[name], name
        profile = csv_archive.person(name, limit=10_000)
        assert {c.reference_id for c in profile.cables} == found


def test_people_list_counts_match_their_pages(csv_archive: Archive) -> None:
    people = csv_archive.people()
    assert people[0].cables >= people[-1].cables
    for entry in people[:15]:
        profile = csv_archive.person(entry.key, limit=0)
        assert profile.total == entry.cables
        assert sum(n for _, n in profile.by_year) == profile.total
        assert profile.total == len(list(csv_archive.iter_ids(f'person:"{profile.name}"')))
    assert all(e.name.startswith("HULL") for e in csv_archive.people("hull"))


def test_organisation_profile(csv_archive: Archive) -> None:
    orgs = csv_archive.organisations()
    top = csv_archive.organisation(orgs[0].key)
    assert top.total == orgs[0].cables == len(list(csv_archive.iter_ids(f"tag:{top.key}")))


def test_an_archive_from_before_is_filled_on_open(early: Path, tmp_path: Path) -> None:
    directory = tmp_path / "old"
    shutil.copytree(early, directory)
    with Archive.open(directory) as archive:
        before = _stored(archive)
        assert before
        # as the migration leaves an archive made before: no rows, every cable listed
        archive.store.conn.executescript(
            "DELETE FROM entities; INSERT INTO entities_backlog SELECT reference_id FROM cables;"
        )
    with Archive.open(directory) as archive:
        assert _stored(archive) == before
        assert (
            archive.store.conn.execute("SELECT count(*) FROM entities_backlog").fetchone()[0] == 0
        )
        # reindex makes the rows again from the stored records
        archive.store.conn.execute("DELETE FROM entities WHERE role = 'signer'")
        archive.reindex()
        assert _stored(archive) == before


def test_the_migration_lists_the_cables_already_stored(tmp_path: Path) -> None:
    step = next(i for i, sql in enumerate(MIGRATIONS) if "CREATE TABLE entities (" in sql)
    conn = sqlite3.connect(tmp_path / "old.sqlite", isolation_level=None)
    for sql in MIGRATIONS[:step]:
        conn.executescript(sql)
    conn.execute(
        "INSERT INTO cables VALUES ('08MEXICO23', 1, 1, NULL, NULL, NULL, NULL, NULL, '', 0)"
    )
    conn.executescript(MIGRATIONS[step])
    assert conn.execute("SELECT reference_id FROM entities_backlog").fetchall() == [("08MEXICO23",)]


def test_cli_people_and_orgs(early: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["people", "-a", str(early), "-f", "json"])
    assert listed.exit_code == 0, listed.output
    people = json.loads(listed.stdout)["person"]
    assert people
    one = runner.invoke(app, ["people", people[0]["key"], "-a", str(early), "-f", "json"])
    profile = json.loads(one.stdout)
    assert profile["name"] == people[0]["name"] and profile["total"] == people[0]["cables"]
    table = runner.invoke(app, ["people", people[0]["name"], "-a", str(early)])
    assert table.exit_code == 0 and "cables per year" in table.stdout
    orgs = runner.invoke(app, ["orgs", "-a", str(early), "-f", "json"])
    assert orgs.exit_code == 0 and json.loads(orgs.stdout)["total"] > 0
    missing = run_process("people", "zzzz-nobody", "-a", str(early))
    assert missing.returncode == 2 and "no person named 'zzzz-nobody'" in missing.stderr


def test_person_years_from_the_index_are_the_stores(csv_archive: Archive) -> None:
    # The alias map takes every person's first and last year from one aggregation over the
    # index; it must be exactly what joining the store's entities with its cables says.
    joined = {
        name: (low, high)
        for name, low, high in csv_archive.store.conn.execute(
            "SELECT e.name, min(c.year), max(c.year) FROM entities e"
            " JOIN cables c ON c.reference_id = e.reference_id"
            " WHERE e.kind = 'person' GROUP BY e.name"
        )
    }
    assert len(joined) > 100
    assert csv_archive.engine().person_spans() == joined
    undated = [name for name, (low, _) in joined.items() if low is None]
    dated = [name for name, (low, _) in joined.items() if low is not None]
    assert dated and len(undated) < len(dated)
