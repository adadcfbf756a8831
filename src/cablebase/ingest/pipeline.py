"""Ingest: read inputs, parse on every core, write the store, keep the index in step.

The main process reads (streaming), hands batches of raw cables to worker processes, and
writes what comes back in input order: one SQLite transaction per batch, then the index.
Memory stays bounded because only a few batches are ever in flight, whatever the input size.

Crash safety: a batch is committed to SQLite before its cables reach the index, and the
index's watermark moves only after an index commit. A ``kill -9`` anywhere leaves committed
batches in the store; the next open adds what the index lacks, and running the same ingest
again finds the stored cables unchanged and adds the rest.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from cablebase.ingest import prepare as prepare_module
from cablebase.ingest.prepare import Unprepared, prepare_batch
from cablebase.model import RawCable
from cablebase.search.fields import document_fields
from cablebase.search.index import CableIndex, IndexWriting
from cablebase.sources import ReadProblem, read_paths
from cablebase.store.db import PreparedCable, RunReport, Store, now

BATCH = 64  # cables per worker task: large enough to amortise pickling, small for memory
# Batches queued per worker: enough that a worker never waits while the writer is busy
# with a commit (two left the cores idle now and then), few enough to bound memory.
IN_FLIGHT_PER_WORKER = 4
STORE_COMMIT_CABLES = 1_000  # one SQLite transaction per this many cables, or per second
STORE_COMMIT_SECONDS = 1.0
INDEX_COMMIT_CABLES = 25_000  # an index commit at least this often (a crash repeats no more)
INDEX_COMMIT_SECONDS = 60.0

ProgressWrap = Callable[[Iterator[RawCable | ReadProblem]], Iterator[RawCable | ReadProblem]]


@dataclass
class Tally:
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problematic: int = 0
    unreadable: int = 0


# The parsing workers run at a lower priority than the process that writes the store and
# the index. Three busy processes share the cores evenly otherwise, and the writer, which
# every cable passes through, then gets two thirds of a core on two cores where it needs
# about three quarters: it set the pace. (50,000 synthetic cables: 66 s -> 63-64 s.)
WORKER_NICENESS = 10


def _yield_to_writer() -> None:
    os.nice(WORKER_NICENESS)


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def ingest(
    store: Store,
    index: CableIndex,
    paths: Sequence[Path],
    *,
    workers: int | None = None,
    progress: ProgressWrap | None = None,
    enrich: bool = True,
) -> RunReport:
    """Ingest ``paths`` into the store and index; returns the run's report.

    ``enrich`` False leaves out learning acronyms and names (see ``prepare.ENRICH``)."""
    prepare_module.ENRICH = enrich  # before the pool forks: the workers inherit it
    run_id = store.begin_run([str(p) for p in paths])
    report = RunReport(run_id, now(), None, "running", tuple(str(p) for p in paths))
    tally = Tally()
    items: Iterator[RawCable | ReadProblem] = read_paths(paths)
    if progress is not None:
        items = progress(items)
    count = workers or default_workers()
    # The pool is forked before the index writer starts its threads: a fork copies only
    # the calling thread, and the workers never touch tantivy.
    pool = (
        ProcessPoolExecutor(
            count, mp_context=multiprocessing.get_context("fork"), initializer=_yield_to_writer
        )
        if count > 1
        else None
    )
    writing = index.writer()
    store.bulk_writing(True)
    try:
        writer = _Writer(store, writing, run_id, tally)
        for prepared in _prepared(items, pool, count, store, run_id, tally):
            writer.write(prepared)
        writer.flush(final=True)
    finally:
        store.bulk_writing(False)
        writing.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        prepare_module.ENRICH = True
    report = replace(report, finished=now(), status="done", **asdict(tally))
    store.update_run(report)
    return report


def _prepared(
    items: Iterator[RawCable | ReadProblem],
    pool: ProcessPoolExecutor | None,
    workers: int,
    store: Store,
    run_id: int,
    tally: Tally,
) -> Iterator[list[PreparedCable | Unprepared]]:
    """Prepared batches in input order, with a few batches per worker in flight."""
    pending: deque[Future[list[PreparedCable | Unprepared]]] = deque()
    batch: list[RawCable] = []
    for item in items:
        if isinstance(item, ReadProblem):
            # Unreadable input is reported with its file and position; the ingest goes on.
            tally.unreadable += 1
            store.add_problem(run_id, item.path, item.position, None, str(item))
            continue
        tally.read += 1
        batch.append(item)
        if len(batch) < BATCH:
            continue
        if pool is None:
            yield prepare_batch(batch)
        else:
            pending.append(pool.submit(prepare_batch, batch))
            while len(pending) >= IN_FLIGHT_PER_WORKER * workers:
                yield pending.popleft().result()
        batch = []
    if batch:
        if pool is None:
            yield prepare_batch(batch)
        else:
            pending.append(pool.submit(prepare_batch, batch))
    while pending:
        yield pending.popleft().result()


class _Writer:
    """Writes prepared batches: a store transaction per ~1,000 cables, then the index."""

    def __init__(self, store: Store, writing: IndexWriting, run_id: int, tally: Tally) -> None:
        self.store = store
        self.writing = writing
        self.run_id = run_id
        self.tally = tally
        self.last_index_commit = self.last_store_commit = time.monotonic()
        self.in_transaction = False
        # The index documents of the cables stored in the open transaction, to index once
        # it is committed (version id, fields, whether an older version is replaced).
        self.to_index: list[tuple[int, dict[str, Any], bool]] = []

    def write(self, batch: list[PreparedCable | Unprepared]) -> None:
        store, tally = self.store, self.tally
        if not self.in_transaction:
            store.begin()
            self.in_transaction = True
        for cable in batch:
            if isinstance(cable, Unprepared):
                tally.unreadable += 1
                source = cable.source
                store.add_problem(self.run_id, source.path, source.position, None, cable.message)
                continue
            outcome, version_id = store.put(self.run_id, cable)
            if outcome == "added":
                tally.added += 1
                self.to_index.append((version_id, cable.document, False))
            elif outcome == "updated":
                tally.updated += 1
                self.to_index.append((version_id, cable.document, True))
            else:
                tally.unchanged += 1
            if cable.issues:
                tally.problematic += 1
                store.add_problem(
                    self.run_id,
                    cable.source.path,
                    cable.source.position,
                    cable.reference_id,
                    "; ".join(cable.issues),
                )
        if len(self.to_index) >= STORE_COMMIT_CABLES or (
            time.monotonic() - self.last_store_commit > STORE_COMMIT_SECONDS
        ):
            self.flush()

    def flush(self, final: bool = False) -> None:
        if self.in_transaction:
            self.store.commit()
            self.in_transaction = False
            self.last_store_commit = time.monotonic()
        # Only after the store has committed: the index never holds what the store lacks.
        for version_id, document, replace_old in self.to_index:
            self.writing.put(version_id, document, replace=replace_old)
        self.to_index = []
        if (
            final
            or self.writing.pending >= INDEX_COMMIT_CABLES
            or time.monotonic() - self.last_index_commit > INDEX_COMMIT_SECONDS
        ):
            self.writing.commit()
            self.last_index_commit = time.monotonic()


def catch_up(store: Store, index: CableIndex, progress: Callable[[int], None] | None = None) -> int:
    """Add to the index every current cable newer than its watermark; returns how many."""
    target = store.last_version_id()
    if target <= index.watermark:
        return 0
    writing = index.writer()
    added = 0
    try:
        for version_id, record in store.current_records(index.watermark):
            writing.put(version_id, document_fields(record), replace=True)
            added += 1
            if progress is not None:
                progress(added)
            if writing.pending >= INDEX_COMMIT_CABLES:
                writing.commit()
        writing.commit(target)
    finally:
        writing.close()
    return added
