"""The tantivy index of an archive: opened, kept in step with the store, rebuilt when stale.

The index is derived data. A small file beside it, ``cablebase-index.json``, records the
schema version, the tantivy version that wrote it, and the watermark: the newest store
version id whose text is committed in the index. Whatever the index lacks (a killed
ingest, an older archive) is found by comparing the watermark with the store, and added.
An index written by another schema or tantivy version, or one tantivy cannot open, is
thrown away and rebuilt from the store, never a crash.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import tantivy

from cablebase.search.fields import SCHEMA_VERSION, build_schema, make_document

META = "cablebase-index.json"
TANTIVY_VERSION = str(getattr(tantivy, "__version__", "unknown"))


class CableIndex:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.schema = build_schema()
        self.rebuilt = False
        meta = self._read_meta()
        compatible = meta.get("schema") == SCHEMA_VERSION and meta.get("tantivy") == TANTIVY_VERSION
        self.index: tantivy.Index | None = None
        if compatible:
            try:
                self.index = tantivy.Index(self.schema, path=str(directory), reuse=True)
            except (ValueError, OSError):
                self.index = None
        if self.index is None:
            self.reset()
            meta = {}
        self.watermark = int(meta.get("watermark", 0))

    def _read_meta(self) -> dict[str, Any]:
        try:
            data = json.loads((self.directory / META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def reset(self) -> None:
        """An empty index at watermark 0; the caller fills it from the store."""
        if self.directory.exists():
            shutil.rmtree(self.directory)
        self.directory.mkdir(parents=True)
        self.index = tantivy.Index(self.schema, path=str(self.directory), reuse=False)
        self.rebuilt = True
        self.watermark = 0
        self._write_meta(0)

    def _write_meta(self, watermark: int) -> None:
        meta = {"schema": SCHEMA_VERSION, "tantivy": TANTIVY_VERSION, "watermark": watermark}
        tmp = self.directory / (META + ".tmp")
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, self.directory / META)  # atomic: the watermark is never half written

    @property
    def tantivy_index(self) -> tantivy.Index:
        assert self.index is not None
        return self.index

    def generation(self) -> tuple[int, int, int]:
        """A token that changes with every commit: tantivy rewrites its meta.json (a new
        file put in place) each time. Cheap (one stat) where reloading a searcher is not."""
        try:
            meta = os.stat(self.directory / "meta.json")
        except OSError:
            return (0, 0, 0)
        return (meta.st_ino, meta.st_mtime_ns, meta.st_size)

    def searcher(self) -> tantivy.Searcher:
        self.tantivy_index.reload()
        return self.tantivy_index.searcher()

    def writer(self, heap_bytes: int = 128_000_000, threads: int = 1) -> IndexWriting:
        return IndexWriting(self, heap_bytes, threads)


class IndexWriting:
    """One writer session. Documents become visible, and the watermark moves, on commit."""

    def __init__(self, index: CableIndex, heap_bytes: int, threads: int) -> None:
        self.index = index
        self.writer = index.tantivy_index.writer(heap_size=heap_bytes, num_threads=threads)
        self.pending = 0
        self.pending_watermark = index.watermark

    def put(self, version_id: int, values: Mapping[str, Any], replace: bool = True) -> None:
        """Add a cable's current text; ``replace`` first drops any older text of it."""
        if replace:
            self.writer.delete_documents_by_term("reference_id", str(values["reference_id"]))
        # (the version's id names the text that was indexed: snippets read that text)
        self.writer.add_document(make_document({**values, "version": version_id}))
        self.pending += 1
        self.pending_watermark = max(self.pending_watermark, version_id)

    def put_all(self, items: Iterable[tuple[int, Mapping[str, Any]]]) -> int:
        count = 0
        for version_id, values in items:
            self.put(version_id, values)
            count += 1
        return count

    def commit(self, watermark: int | None = None) -> None:
        """Commit, then record the watermark: a crash between the two only repeats work."""
        self.writer.commit()
        mark = self.pending_watermark if watermark is None else max(watermark, 0)
        self.index.watermark = mark
        self.index._write_meta(mark)
        self.pending = 0

    def close(self) -> None:
        self.writer.wait_merging_threads()
