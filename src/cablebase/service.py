"""The Archive: the one door in. The CLI and the web app call these methods and nothing else.

An archive is one directory: ``cables.sqlite`` (the system of record) and ``index/`` (the
tantivy index derived from it). Opening an archive brings a lagging or incompatible index
up to date from the store before anything is searched.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cablebase.acronyms.expand import ExpandedQuery, expand_query
from cablebase.acronyms.table import AcronymTable, Expansion, GlossaryEntry
from cablebase.entities.backlog import fill_if_pending, pending, refill
from cablebase.entities.catalog import EntityCatalog, EntityProfile, EntitySummary
from cablebase.entities.extract import ORGANISATION, PERSON, PLACE
from cablebase.entities.facets import NameCounts, merged_person_facet
from cablebase.errors import UsageError
from cablebase.graph import (
    DEFAULT_LIMIT,
    MAX_DEPTH,
    MAX_LIMIT,
    CitedCable,
    Direction,
    Neighbourhood,
    ReferenceCounts,
    describe_cited,
    reference_counts,
    walk,
)
from cablebase.graph.cited import cited_counts
from cablebase.holdings import Holdings, holdings
from cablebase.ingest.pipeline import ProgressWrap, catch_up, ingest
from cablebase.parse.reference_id import canonical_reference_id
from cablebase.plots.data import Charts, charts_of
from cablebase.search import frequent
from cablebase.search.engine import Engine, FacetCount, Hit, SearchResult, Sort
from cablebase.search.index import CableIndex
from cablebase.store.db import RunReport, Store, VersionInfo

INDEX_DIR = "index"
ENGINE_REFRESH_SECONDS = 1.0
# Shows long upkeep work (a label and a total; yields the function told how many are done,
# or None): `cablebase.progress.counted_bar` on a terminal.
Shown = Callable[[int], None] | None
Upkeep = Callable[[str, int], AbstractContextManager[Shown]]
PERSON_FACET_CACHE = 256  # searches whose person facet, people made one, is kept


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    cables: int
    versions: int
    by_origin: tuple[tuple[str, int], ...]
    by_year: tuple[tuple[int, int], ...]
    by_classification: tuple[tuple[str, int], ...]
    with_issues: int
    issues_by_field: tuple[tuple[str, int], ...]
    runs: tuple[RunReport, ...]


class Archive:
    """An archive directory, opened for reading and ingesting."""

    def __init__(
        self,
        directory: Path,
        *,
        create: bool = False,
        upkeep: Upkeep | None = None,
        spread_searches: bool = True,
    ) -> None:
        """``upkeep`` shows the work an archive made by an older cablebase may need on
        opening (names read from the stored records, the index rebuilt): minutes for
        Cablegate, so a terminal should see it move. ``spread_searches`` False: each search
        on one thread, for a server that runs a process per core (see Engine's ``spread``)."""
        self.directory = Path(directory)
        self.spread_searches = spread_searches
        self._upkeep = upkeep
        self.store = Store(self.directory, create=create)
        self.index = CableIndex(self.directory / INDEX_DIR)
        self._engine: Engine | None = None
        self._engine_at = 0.0
        self._engine_generation: tuple[int, int, int] = (0, 0, 0)
        self.entities = EntityCatalog(self.store, self._indexed_person_spans)
        self._person_facets: dict[tuple[str, tuple[FacetCount, ...]], tuple[FacetCount, ...]] = {}
        with self._shown("reading names", pending(self.store)) as shown:
            fill_if_pending(self.store, shown)  # archives made before the entities table
        self.caught_up = self._catch_up()

    @classmethod
    def open(
        cls,
        directory: Path | str,
        *,
        create: bool = False,
        upkeep: Upkeep | None = None,
        spread_searches: bool = True,
    ) -> Archive:
        return cls(Path(directory), create=create, upkeep=upkeep, spread_searches=spread_searches)

    def _shown(self, label: str, total: int) -> AbstractContextManager[Shown]:
        if self._upkeep is None or total <= 0:
            return nullcontext(None)
        return self._upkeep(label, total)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _catch_up(self, progress: Callable[[int], None] | None = None) -> int:
        if progress is None:
            behind = self.store.conn.execute(
                "SELECT count(*) FROM cables WHERE version_id > ?", (self.index.watermark,)
            ).fetchone()[0]
            with self._shown("indexing", int(behind)) as shown:
                added = self._catching_up(shown)
        else:
            added = self._catching_up(progress)
        if added:  # (after the indexing's bar has closed: one bar at a time)
            self._engine = None
            self.count_frequent()
        return added

    def _catching_up(self, progress: Callable[[int], None] | None) -> int:
        try:
            return catch_up(self.store, self.index, progress)
        except ValueError as exc:
            # Another process (a running ingest) holds the index writer: it will commit
            # what it adds itself, so searching what is already committed is right.
            if "lock" in str(exc).lower():
                return 0
            raise

    def count_frequent(self) -> int:
        """Count the facets of the frequent words for the index as it is now, unless they
        are counted already (see cablebase.search.frequent); returns how many words were
        counted. Ingest, catch-up and reindex call it when they change the index."""
        engine = self.engine()
        assert engine.frequent is not None
        if engine.frequent.usable():
            return 0
        words = [
            w for w, _ in frequent.frequent_words(engine, self.store.sample_bodies(frequent.SAMPLE))
        ]
        with self._shown("counting facets of frequent words", len(words)) as shown:
            counted = frequent.build(
                engine.frequent.path,
                engine.frequent.state,
                engine,
                words,
                shown,
                engine.frequent.ranking,
            )
        self._engine = None  # the next engine reads the new file
        return counted

    # -- writing ----------------------------------------------------------------------------

    def ingest(
        self,
        paths: Sequence[Path],
        *,
        workers: int | None = None,
        progress: ProgressWrap | None = None,
        enrich: bool = True,
    ) -> RunReport:
        missing = [str(p) for p in paths if not Path(p).exists()]
        if missing:
            raise UsageError(f"no such file or directory: {', '.join(missing)}; check the path")
        self.store.map_file(False)  # (mapped again by the next engine)
        try:
            report = ingest(
                self.store,
                self.index,
                list(paths),
                workers=workers,
                progress=progress,
                enrich=enrich,
            )
        finally:
            self._engine = None  # what was ingested is searchable at once
            self.entities.invalidate()
        self.count_frequent()
        return report

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the index from the store; returns the number of cables indexed.

        The entities table is made again from the stored records too, so that a newer
        cablebase's reading of names reaches an existing archive, and the clean texts that
        snippets read are stored for versions stored before the store kept them."""
        self.store.map_file(False)  # it reads every record once: no map to grow
        cables = self.store.count()
        with self._shown("storing clean texts", self.store.missing_bodies()) as shown:
            # archives made before the store kept them apart (snippets read them)
            self.store.fill_bodies(shown)
        with self._shown("reading names", cables) as shown:
            refill(self.store, shown)
        self.entities.invalidate()
        self.index.reset()
        self._engine = None
        with self._shown("learning acronyms", cables) as shown:
            # archives made before acronyms were learned get them here
            self.acronyms().relearn(shown)
        return self._catch_up(progress)

    # -- reading ----------------------------------------------------------------------------

    def engine(self) -> Engine:
        """An engine over the newest committed index, refreshed at most once a second.

        A searcher is a snapshot; making one per query would cost more than the query. The
        refresh picks up what a running ingest has committed since.
        """
        now = time.monotonic()
        if self._engine is None or now - self._engine_at > ENGINE_REFRESH_SECONDS:
            # Kept while nothing was committed: its facet counts of recent queries and of
            # the whole archive stay valid, and remaking them costs a broad query's time.
            generation = self.index.generation()
            if self._engine is None or generation != self._engine_generation:
                searcher = self.index.searcher()
                self.store.map_file(True)  # snippets read scattered texts
                self._engine = Engine(
                    searcher,
                    self.index.schema,
                    self._cited_by,
                    self._person_names,
                    self.store.bodies,
                    frequent.FrequentFacets(
                        self.index.directory / frequent.FILE,
                        frequent.index_state(self.index.directory, searcher.num_docs),
                        frequent.ranking_state(
                            self.index.directory, searcher.num_docs, searcher.num_segments
                        ),
                    ),
                    spread=self.spread_searches,
                )
                self._engine_generation = generation
            self._engine_at = now
        return self._engine

    def _indexed_person_spans(self, newest: int) -> dict[str, tuple[int | None, int | None]] | None:
        # The index holds the same names and years as the store once it has caught up
        # with the store's newest version; before that, the store answers.
        if self.index.watermark < newest:
            return None
        return self.engine().person_spans()

    def _person_names(self, name: str) -> list[str]:
        return self.entities.person_names(name)

    def _cited_by(self, reference_id: str) -> list[str]:
        # `cited-by:X` means the cables X cites, as its REF lines resolve them.
        return self.store.cites(reference_id)

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: Sort | str = Sort.relevance,
        facets: bool = True,
        facet_size: int = 20,
        snippets: bool = True,
    ) -> SearchResult:
        if limit < 0 or offset < 0:
            raise UsageError("limit and offset must be 0 or more")
        result = self.engine().search(
            query,
            limit=limit,
            offset=offset,
            sort=Sort(sort),
            facets=facets,
            facet_size=facet_size,
            snippets=snippets,
        )
        if result.facets.get("person"):
            result = self._people_as_one(result)
        return result

    def _people_as_one(self, result: SearchResult) -> SearchResult:
        # Kept as the engine keeps its facet counts: the index's own counts are in the key,
        # so new cables (or new aliases with them) make a new entry.
        cache = self._person_facets
        key = (result.understood, result.facets["person"])
        if key in cache:
            return replace(result, facets={**result.facets, "person": cache[key]})

        people = merged_person_facet(
            result.facets["person"],
            self.entities.aliases(),
            self.entities.merged(),
            self.entities.shares_cables,
            NameCounts(self.engine(), result.query),
        )
        if len(cache) >= PERSON_FACET_CACHE:
            cache.pop(next(iter(cache)))
        cache[key] = people
        return replace(result, facets={**result.facets, "person": people})

    def iter_hits(self, query: str, sort: Sort | str = Sort.relevance) -> Iterator[Hit]:
        """Every matching cable as a result line (no snippet), streamed: no result-window cap."""
        return self.engine().iter_hits(query, Sort(sort))

    def iter_ids(self, query: str, sort: Sort | str = Sort.relevance) -> Iterator[str]:
        """Every matching reference id, streamed: there is no result-window cap."""
        return (hit.reference_id for hit in self.iter_hits(query, sort))

    def iter_records(
        self, query: str, sort: Sort | str = Sort.relevance
    ) -> Iterator[dict[str, Any]]:
        for reference_id in self.iter_ids(query, sort):
            record = self.store.record(reference_id)
            if record is not None:
                yield record

    def resolve(self, reference_id: str) -> str:
        """The canonical id of a typed id (``08mexico23`` -> ``08MEXICO23``)."""
        canonical = canonical_reference_id(reference_id.strip())
        return canonical or reference_id.strip().upper()

    def get(self, reference_id: str, version: int | None = None) -> dict[str, Any]:
        """The record of a cable (current version unless numbered), ``original`` included."""
        canonical = self.resolve(reference_id)
        record = self.store.record(canonical, version)
        if record is None:
            known = self.store.versions(canonical)
            if known and version is not None:
                raise UsageError(
                    f"{canonical} has {len(known)} version(s), not {version}; "
                    "see `cablebase show ID --versions`"
                )
            raise UsageError(
                f"no cable {reference_id} in {self.directory}; "
                "try `cablebase search id:...` or check the archive path"
            )
        return record

    def versions(self, reference_id: str) -> list[VersionInfo]:
        canonical = self.resolve(reference_id)
        found = self.store.versions(canonical)
        if not found:
            raise UsageError(f"no cable {reference_id} in {self.directory}")
        return found

    def cites(self, reference_id: str) -> list[str]:
        return self.store.cites(self.resolve(reference_id))

    def cited_by(self, reference_id: str) -> list[str]:
        return self.store.cited_by(self.resolve(reference_id))

    def stats(self) -> ArchiveStats:
        store = self.store
        cables, versions, with_issues = store.totals()
        return ArchiveStats(
            cables=cables,
            versions=versions,
            by_origin=tuple((str(k or ""), n) for k, n in store.counts("origin")),
            by_year=tuple(sorted((int(k or 0), n) for k, n in store.counts("year"))),
            by_classification=tuple((str(k or ""), n) for k, n in store.counts("classification")),
            with_issues=with_issues,
            issues_by_field=tuple(store.issue_summary()),
            runs=tuple(store.runs()),
        )

    # -- reading for the web app (appended) -------------------------------------------------

    def neighbours(self, reference_id: str) -> tuple[str | None, str | None]:
        """Previous and next cable from the same origin, by creation date (None at the ends)."""
        return self.store.neighbours(self.resolve(reference_id))

    def known(self, reference_ids: Sequence[str]) -> set[str]:
        """Which of these canonical ids are cables in this archive."""
        return self.store.exists(list(reference_ids))

    def tag_counts(self) -> list[tuple[str, int]]:
        """Cables per TAGS code, most used first."""
        return self.store.tag_counts()

    # -- acronyms learned from the collection (appended) ------------------------------------

    def acronyms(self) -> AcronymTable:
        return AcronymTable(self.store.conn)

    def expansions(self, acronym: str, origin: str | None = None) -> list[Expansion]:
        """What ``acronym`` stands for in the archive's cables (of one origin), most used first."""
        return self.acronyms().expansions(acronym, origin)

    def glossary(self, origin: str) -> list[GlossaryEntry]:
        """The acronyms the cables of ``origin`` define, alphabetically."""
        return self.acronyms().glossary(origin)

    def expand_acronyms(self, query: str) -> ExpandedQuery:
        """``query`` with each learned expansion in it also matching its acronym."""
        return expand_query(query, self.acronyms().by_expansion)

    # The last count and the archive's state it was made at (cables, newest version id).
    _holdings: tuple[tuple[int, int], Holdings] | None = None

    def holdings(self) -> Holdings:
        """This archive against Cablegate's ids, per origin and year; recounted only when the
        archive has changed since the last call (one scan of ids, ~0.3 s for all Cablegate)."""
        stamp = (self.store.count(), self.store.last_version_id())
        cached = self._holdings
        if cached is None or cached[0] != stamp:
            cached = (stamp, holdings(self.store.id_origin_year()))
            self._holdings = cached
        return cached[1]

    # -- the reference graph (appended) -----------------------------------------------------

    def neighbourhood(
        self,
        reference_id: str,
        *,
        depth: int = 1,
        direction: Direction | str = Direction.BOTH,
        limit: int = DEFAULT_LIMIT,
    ) -> Neighbourhood:
        """The cables around one in the reference graph, ``depth`` citations out."""
        if not 1 <= depth <= MAX_DEPTH:
            raise UsageError(f"depth {depth} is out of range; use 1 to {MAX_DEPTH}")
        if not 1 <= limit <= MAX_LIMIT:
            raise UsageError(f"limit {limit} is out of range; use 1 to {MAX_LIMIT}")
        try:
            way = Direction(direction)
        except ValueError:
            raise UsageError(f"direction {direction!r}: use cites, cited-by or both") from None
        canonical = self.resolve(reference_id)
        # A cable cited by the archive but not in it is a node too: who cites it is known.
        if not self.known([canonical]) and not self.store.cited_by(canonical):
            raise UsageError(
                f"no cable {reference_id} in {self.directory}, and no cable there cites it; "
                "try `cablebase search id:...` or check the archive path"
            )
        return walk(self.store.conn, canonical, depth=depth, direction=way, limit=limit)

    def reference_counts(self) -> ReferenceCounts:
        """Every REF entry of the archive by status: resolved, absent, outside, non-cable..."""
        return reference_counts(self.store.conn)

    def most_cited(self, query: str, limit: int = 20) -> list[CitedCable]:
        """The ids most cited by the cables ``query`` matches ('' for the whole archive)."""
        if limit < 1:
            raise UsageError("limit must be 1 or more")
        counts = cited_counts(self.engine(), query, limit)
        return describe_cited(self.store.conn, [(c.value, c.count) for c in counts])

    # -- charts (appended) ------------------------------------------------------------------

    def charts(self) -> Charts:
        """The counts behind the charts of any query, over the index as committed now."""
        return charts_of(self.index, self._cited_by)

    # -- people, organisations (appended) ---------------------------------------------------

    def person(self, key: str, *, offset: int = 0, limit: int = 50) -> EntityProfile:
        """A person by key (``argyros-george``) or name (``George Argyros``): canonical
        name, the names merged into it, surface forms, roles, cables over time, cables."""
        return self._profile(PERSON, key, offset, limit, "cablebase people NAME")

    def organisation(self, code: str, *, offset: int = 0, limit: int = 50) -> EntityProfile:
        """An organisation by its TAGS code (``NATO``), as :meth:`person` describes."""
        return self._profile(ORGANISATION, code, offset, limit, "cablebase orgs")

    def _profile(self, kind: str, key: str, offset: int, limit: int, hint: str) -> EntityProfile:
        if limit < 0 or offset < 0:
            raise UsageError("limit and offset must be 0 or more")
        found = self.entities.profile(kind, key, offset=offset, limit=limit)
        if found is None:
            raise UsageError(f"no {kind} {key!r} in {self.directory}; see `{hint}`")
        return found

    def people(self, prefix: str = "") -> list[EntitySummary]:
        """People whose name begins with ``prefix`` (surname or given name first), by
        number of cables."""
        return self.entities.find(PERSON, prefix)

    def organisations(self, prefix: str = "") -> list[EntitySummary]:
        return self.entities.find(ORGANISATION, prefix)

    def places(self, prefix: str = "") -> list[EntitySummary]:
        """Origins (key: ``embassy-madrid``) and geographic TAGS (key: ``SP``, name Spain)."""
        return self.entities.find(PLACE, prefix)
