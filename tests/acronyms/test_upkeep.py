"""Upkeep of an archive made by an older cablebase is shown, not done in silence: the names
read from stored records, the index rebuilt, and each stage of `reindex`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from cablebase.service import Archive
from tests.acronyms.cables import CABLES
from tests.terminal import run_on_terminal


class Stages:
    """What an archive showed: each stage's label, total and the last count it reached."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, int, int]] = []

    @contextmanager
    def __call__(self, label: str, total: int) -> Iterator[Callable[[int], None]]:
        reached = [0]

        def update(done: int) -> None:
            reached[0] = done

        yield update
        self.seen.append((label, total, reached[0]))


def _make_old(archive: Archive) -> None:
    """As an older cablebase left it: names not yet read, an index to build again."""
    archive.store.conn.execute("INSERT INTO entities_backlog SELECT reference_id FROM cables")
    archive.store.conn.execute("DELETE FROM entities")
    archive.index.reset()
    archive.close()


def test_opening_an_old_archive_shows_the_names_and_the_index(acronym_archive: Archive) -> None:
    _make_old(acronym_archive)
    stages = Stages()
    with Archive.open(acronym_archive.directory, upkeep=stages) as archive:
        n = len(CABLES)
        assert stages.seen[:2] == [("reading names", n, n), ("indexing", n, n)]
        assert_counted_frequent_words(stages.seen[2:])
        assert archive.search("GOM", facets=False).total == 4
        assert archive.store.conn.execute("SELECT count(*) FROM entities").fetchone()[0] > 0
    again = Stages()
    with Archive.open(acronym_archive.directory, upkeep=again):
        assert again.seen == []  # nothing left to do: nothing shown


def test_reindex_shows_each_stage(acronym_archive: Archive) -> None:
    directory = acronym_archive.directory
    acronym_archive.close()
    stages = Stages()
    with Archive.open(directory, upkeep=stages) as archive:
        assert archive.reindex() == len(CABLES)
    n = len(CABLES)
    assert stages.seen[:3] == [
        ("reading names", n, n),
        ("learning acronyms", n, n),
        ("indexing", n, n),
    ]
    assert_counted_frequent_words(stages.seen[3:])


def assert_counted_frequent_words(rest: list[tuple[str, int, int]]) -> None:
    # The index changed: the facets of its frequent words are counted again, and shown.
    [(label, total, reached)] = rest
    assert label == "counting facets of frequent words"
    assert total == reached > 0


def test_a_terminal_sees_the_index_rebuilt(acronym_archive: Archive) -> None:
    directory = str(acronym_archive.directory)
    _make_old(acronym_archive)
    returncode, text = run_on_terminal("stats", "--archive", directory, timeout=120)
    assert returncode == 0, text
    assert "reading names" in text and "indexing" in text
    assert f"{len(CABLES)}/{len(CABLES)}" in text
