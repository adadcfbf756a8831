"""Filling the entities table for cables stored before it existed.

The migration that made the table listed every cable then stored in ``entities_backlog``;
opening the archive works the list off from the stored records (no parsing, no reading of
the inputs again), a thousand cables a transaction, so an interrupted fill resumes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from cablebase.entities.extract import mentions
from cablebase.store.db import Store, unpack_json

CHUNK = 1_000


def pending(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM entities_backlog").fetchone()[0])


def fill_backlog(store: Store, progress: Callable[[int], None] | None = None) -> int:
    """Store the mentions of every cable in the backlog; returns how many cables."""
    conn = store.conn
    done = 0
    while True:
        rows = conn.execute(
            "SELECT b.reference_id, v.record FROM entities_backlog b"
            " JOIN cables c ON c.reference_id = b.reference_id"
            " JOIN versions v ON v.id = c.version_id LIMIT ?",
            (CHUNK,),
        ).fetchall()
        if not rows:
            # a backlog row whose cable is gone has nothing to fill
            conn.execute("DELETE FROM entities_backlog")
            return done
        store.begin()
        try:
            for reference_id, blob in rows:
                found = mentions(unpack_json(blob))
                conn.execute("DELETE FROM entities WHERE reference_id = ?", (reference_id,))
                conn.executemany(
                    "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(reference_id, i, *m.row()) for i, m in enumerate(found)],
                )
                conn.execute("DELETE FROM entities_backlog WHERE reference_id = ?", (reference_id,))
            store.commit()
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done += len(rows)
        if progress is not None:
            progress(done)


def fill_if_pending(store: Store, progress: Callable[[int], None] | None = None) -> int:
    """The backlog filled now if any, or left for later when another process writes."""
    try:
        return fill_backlog(store, progress) if pending(store) else 0
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return 0  # an ingest holds the store; the next open fills it
        raise


def refill(store: Store, progress: Callable[[int], None] | None = None) -> int:
    """Every cable's mentions made again from its stored record."""
    store.conn.execute("INSERT OR IGNORE INTO entities_backlog SELECT reference_id FROM cables")
    return fill_backlog(store, progress)
