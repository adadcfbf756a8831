"""Facet counts of the archive's frequent words, counted once per state of the index.

One word is what readers type most, and for a frequent word it is the slowest search to
answer: exact facet counts cost time per matching cable, and a word in 40 % of Cablegate
matches 100,000 of them (20-90 ms of counting on two cores), and a word in one cable of
twenty still costs 5-10 ms. So the words in at least a twentieth of the indexed cables
(~1,800 for a Cablegate-size archive; ~14 s to count them all, of which ~4 s for the
thousand between a twentieth and a tenth) have their counts made whenever an ingest, a
catch-up or a reindex changes the index, and kept in a small SQLite file beside it; a
one-word search then reads its counts with one lookup instead of counting.

Their first page is kept too: the top ``KEPT_HITS`` hits by relevance and the total. Ranking
a word in 100,000 cables takes tantivy ~2 ms (it scores every one of them), more than
the rest of the page; read back, it takes ~0.1 ms. (Ranking them all adds ~4 s to the
~14 s of counting, and ~7 MB to the file.) Snippets are still made from the texts each time.

The counts are the engine's own (``Engine.facets`` on the word's compiled query), top
``KEPT`` values a facet (years: all), so they are exactly what counting would give. They
belong to one state of the index (its operation stamp and its number of cables): a file
made for another state is not read, and the word is counted as any other query. A ranking
depends on more: a merge of segments leaves the counts alone but drops deleted cables from
the statistics BM25 scores with, and can order equal scores anew. So the pages are read
only while the index has the very segments they were ranked on.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from cablebase.search.fields import FACET_FIELDS
from cablebase.search.query import MAX_TOKEN_BYTES

if TYPE_CHECKING:
    from cablebase.search.engine import Engine, FacetCount

FILE = "frequent-facets.sqlite"
SHARE = 0.05  # a word is frequent in at least this share of the indexed cables
KEPT = 50  # values kept a facet (the reading room asks for 12, the CLI and API for 20)
SAMPLE = 2_000  # clean texts read to find the candidate words
KEPT_HITS = 20  # the first page kept of a word's hits by relevance (the reading room's page)
# The default tokeniser's words: split on non-alphanumerics, lower-cased.
_WORD = re.compile(r"[^\W_]+")

Pairs = dict[str, list[tuple[str, int]]]  # facet -> (value, count), as counting ranks them
# A kept hit: reference id, score, created, origin, classification, subject, TAGS, and the
# version of the text the index holds (snippets are made from it).
KeptHit = tuple[str, float, str | None, str | None, str | None, str, tuple[str, ...], int]


def index_state(index_directory: Path, cables: int) -> str:
    """The state of an index, as its facet counts depend on it: tantivy's operation stamp
    (it grows with every add and delete that a commit makes visible) and the number of
    cables a searcher sees. A merge of segments changes neither, nor the counts."""
    try:
        meta = json.loads((index_directory / "meta.json").read_text(encoding="utf-8"))
        stamp = int(meta.get("opstamp", 0))
    except (OSError, ValueError, TypeError, AttributeError):
        stamp = -1
    return f"{stamp}:{cables}"


def ranking_state(index_directory: Path, cables: int, segments: int) -> str | None:
    """The state of an index as its rankings depend on it: ``index_state`` and each
    segment with its deletions. None when the index's list of segments is unreadable or
    is not the searcher's (``segments`` of them: a commit came in between)."""
    try:
        meta = json.loads((index_directory / "meta.json").read_text(encoding="utf-8"))
        listed = [
            f"{part['segment_id']}/{(part.get('deletes') or {}).get('num_deleted_docs', 0)}"
            for part in meta["segments"]
        ]
        stamp = int(meta.get("opstamp", 0))
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None
    if len(listed) != segments:
        return None
    return f"{stamp}:{cables}:{','.join(sorted(listed))}"


def frequent_words(
    engine: Engine, texts: Iterable[str], share: float = SHARE
) -> list[tuple[str, int]]:
    """The words in at least ``share`` of the indexed cables' bodies, most frequent first.

    ``texts``: a sample of the clean texts. A word that frequent is in a sample of two
    thousand texts some two hundred times; every word in half that share of the sample is
    a candidate, and the index's own document frequency decides."""
    sample = 0
    seen: Counter[str] = Counter()
    for text in texts:
        sample += 1
        seen.update(set(_WORD.findall(text.lower())))
    cables = engine.searcher.num_docs
    if not sample or not cables:
        return []
    floor = share * cables
    found = []
    for word, n in seen.items():
        if n >= share * sample / 2 and len(word.encode()) <= MAX_TOKEN_BYTES:
            frequency = engine.searcher.doc_freq("body", word)
            if frequency >= floor:
                found.append((word, frequency))
    return sorted(found, key=lambda wf: (-wf[1], wf[0]))


def build(
    path: Path,
    state: str,
    engine: Engine,
    words: Iterable[str],
    progress: Callable[[int], None] | None = None,
    ranking: str | None = None,
) -> int:
    """Count the facets of each word's query and write them to ``path`` for ``state``;
    with ``ranking`` (the index's ranking state), rank its first page too.

    Written to a file beside and then moved into place: a reader sees the old file or
    the new one, never half of one. Returns how many words were counted."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # (two writers never share one)
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:  # (a failed count leaves no file behind, not even the one beside)
        conn.execute("CREATE TABLE state (token TEXT NOT NULL)")
        conn.execute("CREATE TABLE facets (query TEXT PRIMARY KEY, counts BLOB NOT NULL)")
        conn.execute("INSERT INTO state VALUES (?)", (state,))
        conn.execute("CREATE TABLE ranking (token TEXT NOT NULL)")
        conn.execute(
            "CREATE TABLE pages"
            " (query TEXT PRIMARY KEY, total INTEGER NOT NULL, hits BLOB NOT NULL)"
        )
        conn.execute("INSERT INTO ranking VALUES (?)", (ranking or "",))
        done = 0
        # Words on every core at once: tantivy lets go of the GIL while it counts, and a
        # word under the engine's split counts on one thread.
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counting = pool.map(lambda w: _counted(engine, w, ranking is not None), words)
            for understood, counts, page in counting:
                conn.execute(
                    "INSERT OR REPLACE INTO facets VALUES (?, ?)", (understood, _packed(counts))
                )
                if page is not None:
                    total, hits = page
                    conn.execute(
                        "INSERT OR REPLACE INTO pages VALUES (?, ?, ?)",
                        (understood, total, orjson.dumps(hits)),
                    )
                done += 1
                if progress is not None:
                    progress(done)
        conn.commit()
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    os.replace(tmp, path)
    return done


def _counted(
    engine: Engine, word: str, ranked: bool = False
) -> tuple[str, Mapping[str, tuple[FacetCount, ...]], tuple[int, list[KeptHit]] | None]:
    query, understood = engine.query(word)
    page = engine.first_page(query, KEPT_HITS) if ranked else None
    return understood, engine.facets(query, KEPT), page


class FrequentFacets:
    """The counts of one file, read by query for the state of index they were made for."""

    def __init__(self, path: Path, state: str, ranking: str | None = None) -> None:
        self.path = path
        self.state = state
        self.ranking = ranking  # None: the searcher's segments are not known, no page read
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # facets are counted on a pool's threads
        self._usable: bool | None = None
        self._ranked: bool | None = None  # are the file's pages of this ranking state?
        self._kept: frozenset[str] = frozenset()  # the words kept: others need no lookup

    def get(self, understood: str, size: int) -> Pairs | None:
        """The counts of a query (its normalised text), top ``size``; None if not kept."""
        if size > KEPT or " " in understood or not understood:
            return None  # (only one-word queries are kept)
        with self._lock:
            conn = self._connection()
            if conn is None or understood not in self._kept:
                return None
            row = conn.execute(
                "SELECT counts FROM facets WHERE query = ?", (understood,)
            ).fetchone()
        if row is None:
            return None
        return _unpacked(row[0], size)

    def page(self, understood: str) -> tuple[int, list[KeptHit]] | None:
        """The total and first ``KEPT_HITS`` hits by relevance of a one-word query, if kept
        for the very segments this searcher has; None otherwise."""
        if self.ranking is None or " " in understood or not understood:
            return None
        with self._lock:
            conn = self._connection()
            if conn is None or understood not in self._kept or not self._of_this_ranking(conn):
                return None
            row = conn.execute(
                "SELECT total, hits FROM pages WHERE query = ?", (understood,)
            ).fetchone()
        if row is None:
            return None
        hits: list[KeptHit] = [
            (str(r[0]), float(r[1]), r[2], r[3], r[4], str(r[5]), tuple(r[6]), int(r[7]))
            for r in orjson.loads(row[1])
        ]
        return int(row[0]), hits

    def _of_this_ranking(self, conn: sqlite3.Connection) -> bool:
        if self._ranked is None:
            try:
                row = conn.execute("SELECT token FROM ranking").fetchone()
            except sqlite3.Error:  # a file made before pages were kept
                row = None
            self._ranked = row is not None and row[0] == self.ranking
        return self._ranked

    def usable(self) -> bool:
        """Is there a file of counts made for this state of the index?"""
        with self._lock:
            return self._connection() is not None

    def _connection(self) -> sqlite3.Connection | None:
        if self._usable is None:
            self._usable = False
            uri = f"{self.path.absolute().as_uri()}?mode=ro"
            try:
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            except sqlite3.Error:
                return None  # no file: nothing counted yet
            try:
                row = conn.execute("SELECT token FROM state").fetchone()
                kept = None
                if row is not None and row[0] == self.state:
                    kept = frozenset(q for (q,) in conn.execute("SELECT query FROM facets"))
            except sqlite3.Error:
                conn.close()
                return None
            if kept is not None:
                self._conn, self._usable, self._kept = conn, True, kept
            else:
                conn.close()  # made for another state of the index
        return self._conn if self._usable else None


def _packed(counts: Mapping[str, tuple[FacetCount, ...]]) -> bytes:
    return orjson.dumps({name: [[c.value, c.count] for c in counts[name]] for name in counts})


def _unpacked(blob: bytes, size: int) -> Pairs:
    data = orjson.loads(blob)
    out: Pairs = {}
    for name in FACET_FIELDS:
        pairs = data.get(name, [])
        # (years are all kept and all given, in year order, as counting gives them)
        kept = pairs if name == "year" else pairs[:size]
        out[name] = [(str(value), int(n)) for value, n in kept]
    return out
