"""The store: one SQLite file (WAL) that is the archive's system of record.

Writes come in batches, one transaction each, so a killed ingest leaves the database at the
last committed batch: it opens, and the same ingest run again completes it. A cable is
identified by its canonical ``reference_id``; each distinct original text of it is a
version, and the newest version ingested is current. Seeing a text that is already stored
changes nothing, which makes ingesting the same input twice a no-op.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lz4.block
import orjson
import zstandard

from cablebase.errors import DataError
from cablebase.model import Source
from cablebase.store.schema import migrate

DATABASE = "cables.sqlite"


@dataclass(frozen=True, slots=True)
class PreparedCable:
    """A parsed cable ready to store: made in a worker process, written by the store."""

    reference_id: str
    digest: bytes
    source: Source
    issues: tuple[str, ...]
    record: bytes  # zstd(JSON record without `original`)
    original: bytes  # zstd(UTF-8 original)
    body: bytes  # pack_body(clean body): what snippets read
    origin: str | None
    created: str | None
    year: int | None
    classification: str | None
    level: str | None
    subject: str
    tags: tuple[str, ...]
    refs: tuple[tuple[str, str, str, str | None], ...]  # label, text, kind, cited_id
    document: dict[str, Any] = field(default_factory=dict)  # the index fields
    # Acronyms the text defines: (acronym key, expansion key, as written, expansion).
    acronyms: tuple[tuple[str, str, str, str], ...] = ()
    # kind, key, name, role, surface (cablebase.entities.extract.Mention.row)
    entities: tuple[tuple[str, str, str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One stored version of a cable, as `show --versions` lists it."""

    version: int
    version_id: int
    ingested: str
    source: Source
    digest: str
    issues: int
    current: bool


@dataclass(frozen=True, slots=True)
class RunReport:
    """An ingest run: what it read and what it did with it."""

    id: int
    started: str
    finished: str | None
    status: str
    inputs: tuple[str, ...]
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problematic: int = 0
    unreadable: int = 0


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Texts are stored as zstd frames, level 1: a fifth of the text's size, at a third of zlib's
# cost (compression runs once per cable of an ingest, on the workers' clock). Archives
# written before used zlib; a blob says which by its first bytes, so both are read.
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_compressor = zstandard.ZstdCompressor(level=1)
_decompressor = zstandard.ZstdDecompressor()


def _pack(data: bytes) -> bytes:
    return _compressor.compress(data)


def _unpack(blob: bytes) -> bytes:
    if bytes(blob[:4]) == _ZSTD_MAGIC:
        return _decompressor.decompress(blob)
    return zlib.decompress(blob)


def pack_text(text: str) -> bytes:
    return _pack(text.encode("utf-8"))


def unpack_text(blob: bytes) -> str:
    return _unpack(blob).decode("utf-8")


def pack_body(text: str) -> bytes:
    # LZ4, not zstd: a page of search results unpacks twenty bodies for its snippets, and
    # LZ4 gives back a 6 KB body in ~4 us where zstd takes ~17 us (synthetic Cablegate),
    # for a larger blob (70 % of the text instead of 48 %).
    return bytes(lz4.block.compress(text.encode("utf-8")))


def unpack_body(blob: bytes) -> str:
    return bytes(lz4.block.decompress(blob)).decode("utf-8")


def pack_json(record: dict[str, Any]) -> bytes:
    # orjson writes UTF-8 JSON about ten times faster than the json module.
    return _pack(orjson.dumps(record))


def unpack_json(blob: bytes) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(_unpack(blob))
    return data


BULK_CACHE_KIB = 64 * 1024  # SQLite's page cache while an ingest writes
DEFAULT_CACHE_KIB = 2000  # SQLite's own default
MAP_BYTES = 1 << 40  # asked for when reading mapped; SQLite caps it at its build's limit
BODY_CHUNK = 1_000  # clean texts stored per transaction when an older archive is filled


class Store:
    """The SQLite side of an archive. Not thread-safe: one per thread or process."""

    def __init__(self, directory: Path, *, create: bool = True) -> None:
        self.path = directory / DATABASE
        if not self.path.exists() and not create:
            raise DataError(
                f"{directory}: no cablebase archive here (no {DATABASE}); "
                "run `cablebase ingest PATH --archive DIR` to make one"
            )
        directory.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=60)
            self.conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode: a power cut may lose the last batch, never corrupt the file.
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # Checkpoint (and fsync) every ~40 MB of log rather than every 4 MB: an ingest
            # writes gigabytes, and each checkpoint stalls the writer.
            self.conn.execute("PRAGMA wal_autocheckpoint = 10000")
            migrate(self.conn, str(self.path))
        except sqlite3.DatabaseError as exc:
            raise DataError(
                f"{self.path}: not a readable cablebase database ({exc}); "
                "move it away and ingest again"
            ) from exc

    def map_file(self, enabled: bool) -> None:
        """Read the database through a memory map (``enabled``) or through reads.

        A search reads twenty scattered texts for its snippets: mapped, that is ~0.3 ms
        instead of ~1 ms (a page is a memory access, not a read into SQLite's small cache).
        An ingest reads unmapped: the pages it looks up would count in its resident size.
        (SQLite maps at most its build's limit, 2 GB for Python's; the rest is read.)"""
        self.conn.execute(f"PRAGMA mmap_size = {MAP_BYTES if enabled else 0}")

    def bulk_writing(self, enabled: bool) -> None:
        """Give SQLite's page cache room for an ingest (``enabled``), or its default back.

        An ingest updates the index pages of several tables (entities, TAGS, versions) in
        every transaction; with the default 2 MB cache they are dropped and read again
        between cables: 64 MB takes the store's CPU time from ~255 to ~215 us a cable
        (synthetic Cablegate, 20,000 cables). Only the one writing process holds it."""
        kib = BULK_CACHE_KIB if enabled else DEFAULT_CACHE_KIB
        self.conn.execute(f"PRAGMA cache_size = -{kib}")  # (a negative size counts KiB)

    def close(self) -> None:
        self.conn.close()

    # -- ingest runs ------------------------------------------------------------------------

    def begin_run(self, inputs: Sequence[str]) -> int:
        # A run still marked running whose process is gone was killed: say so.
        for run_id, pid in self.conn.execute("SELECT id, pid FROM runs WHERE status = 'running'"):
            if not _alive(pid):
                self.conn.execute("UPDATE runs SET status = 'interrupted' WHERE id = ?", (run_id,))
        cur = self.conn.execute(
            "INSERT INTO runs (started, status, pid, inputs) VALUES (?, 'running', ?, ?)",
            (now(), os.getpid(), json.dumps(list(inputs))),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def update_run(self, report: RunReport) -> None:
        self.conn.execute(
            "UPDATE runs SET finished = ?, status = ?, read = ?, added = ?, updated = ?,"
            " unchanged = ?, problematic = ?, unreadable = ? WHERE id = ?",
            (
                report.finished,
                report.status,
                report.read,
                report.added,
                report.updated,
                report.unchanged,
                report.problematic,
                report.unreadable,
                report.id,
            ),
        )

    def runs(self) -> list[RunReport]:
        rows = self.conn.execute(
            "SELECT id, started, finished, status, inputs, read, added, updated, unchanged,"
            " problematic, unreadable FROM runs ORDER BY id"
        ).fetchall()
        return [RunReport(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), *r[5:]) for r in rows]

    def add_problem(
        self, run_id: int, path: str, position: str, reference_id: str | None, message: str
    ) -> None:
        self.conn.execute(
            "INSERT INTO problems VALUES (?, ?, ?, ?, ?)",
            (run_id, path, position, reference_id, message),
        )

    def problems(self, run_id: int) -> list[tuple[str, str, str | None, str]]:
        return self.conn.execute(
            "SELECT path, position, reference_id, message FROM problems WHERE run_id = ?",
            (run_id,),
        ).fetchall()

    # -- writing cables ---------------------------------------------------------------------

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def put(self, run_id: int, cable: PreparedCable) -> tuple[str, int]:
        """Store one cable; returns ("added"|"updated"|"unchanged", its version row id)."""
        conn = self.conn
        seen = conn.execute(
            "SELECT id FROM versions WHERE reference_id = ? AND digest = ?",
            (cable.reference_id, cable.digest),
        ).fetchone()
        if seen is not None:
            return "unchanged", seen[0]
        source = cable.source
        cur = conn.execute(
            "INSERT INTO versions (reference_id, digest, run_id, ingested, source_format,"
            " source_path, source_position, issues, record, original)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cable.reference_id,
                cable.digest,
                run_id,
                now(),
                source.format,
                source.path,
                source.position,
                len(cable.issues),
                cable.record,
                cable.original,
            ),
        )
        version_id = cur.lastrowid
        conn.execute("INSERT INTO bodies VALUES (?, ?)", (version_id, cable.body))
        previous = conn.execute(
            "SELECT versions FROM cables WHERE reference_id = ?", (cable.reference_id,)
        ).fetchone()
        count = 1 if previous is None else previous[0] + 1
        conn.execute(
            "INSERT OR REPLACE INTO cables VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cable.reference_id,
                version_id,
                count,
                cable.origin,
                cable.created,
                cable.year,
                cable.classification,
                cable.level,
                cable.subject,
                len(cable.issues),
            ),
        )
        if previous is not None:
            conn.execute("DELETE FROM tags WHERE reference_id = ?", (cable.reference_id,))
            conn.execute("DELETE FROM refs WHERE reference_id = ?", (cable.reference_id,))
            conn.execute(
                "DELETE FROM acronym_definitions WHERE reference_id = ?", (cable.reference_id,)
            )
            conn.execute("DELETE FROM entities WHERE reference_id = ?", (cable.reference_id,))
            conn.execute(
                "DELETE FROM entities_backlog WHERE reference_id = ?", (cable.reference_id,)
            )
        conn.executemany(
            "INSERT INTO tags VALUES (?, ?, ?)",
            [(cable.reference_id, i, code) for i, code in enumerate(cable.tags)],
        )
        conn.executemany(
            "INSERT INTO refs VALUES (?, ?, ?, ?, ?, ?)",
            [(cable.reference_id, i, *ref) for i, ref in enumerate(cable.refs)],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO acronym_definitions VALUES (?, ?, ?, ?, ?, ?)",
            [(cable.reference_id, cable.origin or "", *row) for row in cable.acronyms],
        )
        conn.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(cable.reference_id, i, *row) for i, row in enumerate(cable.entities)],
        )
        assert version_id is not None
        return ("added" if previous is None else "updated"), version_id

    # -- reading ----------------------------------------------------------------------------

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM cables").fetchone()[0])

    def totals(self) -> tuple[int, int, int]:
        """Cables, versions, and cables whose current version has parse issues."""
        row = self.conn.execute(
            "SELECT (SELECT count(*) FROM cables), (SELECT count(*) FROM versions),"
            " (SELECT count(*) FROM cables WHERE issues > 0)"
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def last_version_id(self) -> int:
        row = self.conn.execute("SELECT max(version_id) FROM cables").fetchone()
        return int(row[0] or 0)

    def record(self, reference_id: str, version: int | None = None) -> dict[str, Any] | None:
        """The record (with ``original``) of the current or of the numbered version."""
        if version is None:
            row = self.conn.execute(
                "SELECT v.record, v.original FROM cables c JOIN versions v ON v.id = c.version_id"
                " WHERE c.reference_id = ?",
                (reference_id,),
            ).fetchone()
        else:
            row = self.conn.execute(
                "SELECT record, original FROM versions WHERE reference_id = ?"
                " ORDER BY id LIMIT 1 OFFSET ?",
                (reference_id, version - 1),
            ).fetchone()
        if row is None:
            return None
        record: dict[str, Any] = unpack_json(row[0])
        record["original"] = unpack_text(row[1])
        return record

    def bodies(self, version_ids: Sequence[int]) -> dict[int, str]:
        """The clean texts of these versions, for snippets: one lookup by id each.

        A version stored before the ``bodies`` table existed has its text read from its
        record (``fill_bodies`` stores them)."""
        if not version_ids:
            return {}
        marks = ",".join("?" * len(version_ids))
        found = {
            version_id: unpack_body(body)
            for version_id, body in self.conn.execute(
                f"SELECT version_id, body FROM bodies WHERE version_id IN ({marks})",
                tuple(version_ids),
            )
        }
        missing = [v for v in version_ids if v not in found]
        if missing:
            marks = ",".join("?" * len(missing))
            for version_id, record in self.conn.execute(
                f"SELECT id, record FROM versions WHERE id IN ({marks})", tuple(missing)
            ):
                found[version_id] = str(unpack_json(record).get("body") or "")
        return found

    def sample_bodies(self, size: int) -> Iterator[str]:
        """The clean texts of about ``size`` current versions spread evenly over the archive
        (every n-th by version: all eras and sources, not the oldest ``size``)."""
        ids = [row[0] for row in self.conn.execute("SELECT version_id FROM cables ORDER BY 1")]
        step = max(1, len(ids) // max(size, 1))
        chosen = ids[::step]
        for start in range(0, len(chosen), 500):
            yield from self.bodies(chosen[start : start + 500]).values()

    def missing_bodies(self) -> int:
        """How many current versions have no row in ``bodies`` (stored before it existed)."""
        return int(
            self.conn.execute(
                "SELECT count(*) FROM cables c LEFT JOIN bodies b ON b.version_id = c.version_id"
                " WHERE b.version_id IS NULL"
            ).fetchone()[0]
        )

    def fill_bodies(self, progress: Callable[[int], None] | None = None) -> int:
        """Store the clean text of every current version that has none, from its record;
        returns how many. A thousand a transaction, in version order, so each is found by
        the index on ``cables.version_id`` rather than by scanning the ones already done."""
        done = 0
        after = 0
        while True:
            rows = self.conn.execute(
                "SELECT c.version_id, CASE WHEN b.version_id IS NULL THEN v.record END"
                " FROM cables c JOIN versions v ON v.id = c.version_id"
                " LEFT JOIN bodies b ON b.version_id = c.version_id"
                " WHERE c.version_id > ? ORDER BY c.version_id LIMIT ?",
                (after, BODY_CHUNK),
            ).fetchall()
            if not rows:
                return done
            after = rows[-1][0]
            missing = [
                (version_id, pack_body(str(unpack_json(record).get("body") or "")))
                for version_id, record in rows
                if record is not None
            ]
            if not missing:
                continue
            self.begin()
            try:
                self.conn.executemany("INSERT INTO bodies VALUES (?, ?)", missing)
                self.commit()
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            done += len(missing)
            if progress is not None:
                progress(done)

    def versions(self, reference_id: str) -> list[VersionInfo]:
        current = self.conn.execute(
            "SELECT version_id FROM cables WHERE reference_id = ?", (reference_id,)
        ).fetchone()
        rows = self.conn.execute(
            "SELECT id, ingested, source_format, source_path, source_position, digest, issues"
            " FROM versions WHERE reference_id = ? ORDER BY id",
            (reference_id,),
        ).fetchall()
        return [
            VersionInfo(
                version=n,
                version_id=r[0],
                ingested=r[1],
                source=Source(r[2], r[3], r[4]),
                digest=bytes(r[5]).hex(),
                issues=r[6],
                current=current is not None and r[0] == current[0],
            )
            for n, r in enumerate(rows, start=1)
        ]

    def current_records(self, after_version_id: int = 0) -> Iterator[tuple[int, dict[str, Any]]]:
        """Current records whose version is newer than ``after_version_id``, oldest first."""
        cursor = self.conn.execute(
            "SELECT v.id, v.record FROM cables c JOIN versions v ON v.id = c.version_id"
            " WHERE c.version_id > ? ORDER BY c.version_id",
            (after_version_id,),
        )
        for version_id, blob in cursor:
            yield version_id, unpack_json(blob)

    def cites(self, reference_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT cited_id FROM refs WHERE reference_id = ? AND cited_id IS NOT NULL"
            " ORDER BY position",
            (reference_id,),
        )
        return [r[0] for r in rows]

    def cited_by(self, reference_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT reference_id FROM refs WHERE cited_id = ? ORDER BY reference_id",
            (reference_id,),
        )
        return [r[0] for r in rows]

    def exists(self, reference_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(reference_ids), 500):
            chunk = list(reference_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT reference_id FROM cables WHERE reference_id IN ({marks})", chunk
            )
            found.update(r[0] for r in rows)
        return found

    def counts(self, column: str) -> list[tuple[Any, int]]:
        """Cables per value of one summary column (origin, year, classification, level)."""
        if column not in {"origin", "year", "classification", "level"}:
            raise ValueError(column)
        rows = self.conn.execute(
            f"SELECT {column}, count(*) FROM cables GROUP BY {column} ORDER BY count(*) DESC"
        )
        return [(r[0], r[1]) for r in rows]

    def issue_summary(self) -> list[tuple[str, int]]:
        """Parse issues of current versions, grouped by field."""
        counts: dict[str, int] = {}
        rows = self.conn.execute(
            "SELECT v.record FROM cables c JOIN versions v ON v.id = c.version_id"
            " WHERE c.issues > 0"
        )
        for (blob,) in rows:
            for issue in unpack_json(blob).get("issues", ()):
                counts[issue["field"]] = counts.get(issue["field"], 0) + 1
        return sorted(counts.items(), key=lambda kv: -kv[1])

    # -- reading for the web app (appended) -------------------------------------------------

    def neighbours(self, reference_id: str) -> tuple[str | None, str | None]:
        """The cables of the same origin just before and after this one, by creation date.

        Ties on ``created`` are broken by ``reference_id`` so that walking next, next, next
        visits every cable of the origin once (the ``cables_origin`` index serves both).
        """
        row = self.conn.execute(
            "SELECT origin, coalesce(created, '') FROM cables WHERE reference_id = ?",
            (reference_id,),
        ).fetchone()
        if row is None or row[0] is None:
            return None, None
        origin, created = row
        before = self.conn.execute(
            "SELECT reference_id FROM cables WHERE origin = ? AND"
            " (coalesce(created, '') < ? OR (coalesce(created, '') = ? AND reference_id < ?))"
            " ORDER BY coalesce(created, '') DESC, reference_id DESC LIMIT 1",
            (origin, created, created, reference_id),
        ).fetchone()
        after = self.conn.execute(
            "SELECT reference_id FROM cables WHERE origin = ? AND"
            " (coalesce(created, '') > ? OR (coalesce(created, '') = ? AND reference_id > ?))"
            " ORDER BY coalesce(created, '') ASC, reference_id ASC LIMIT 1",
            (origin, created, created, reference_id),
        ).fetchone()
        return (before[0] if before else None), (after[0] if after else None)

    def tag_counts(self) -> list[tuple[str, int]]:
        """Cables per TAGS code, most used first."""
        rows = self.conn.execute(
            "SELECT code, count(DISTINCT reference_id) FROM tags GROUP BY code"
            " ORDER BY count(DISTINCT reference_id) DESC, code"
        )
        return [(r[0], r[1]) for r in rows]

    def id_origin_year(self) -> Iterator[tuple[str, str | None, int | None]]:
        """Every cable's id, origin and year, streamed (what holdings are counted from)."""
        yield from self.conn.execute("SELECT reference_id, origin, year FROM cables")


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
