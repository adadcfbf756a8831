"""What the archive has learned about acronyms, read from the ``acronym_definitions`` table.

A count is a number of cables: how many current cables of an origin define the acronym so.
Rows are per cable (with the cable's origin), so an updated cable replaces its own rows and
counts follow; every grouping here is read from an index of the table alone.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cablebase.acronyms.forms import acronym_key, expansion_key
from cablebase.acronyms.mine import definition_rows
from cablebase.store.db import unpack_json


@dataclass(frozen=True, slots=True)
class Expansion:
    """One meaning of an acronym: how many cables define it so, and from which origins."""

    acronym: str
    expansion: str
    count: int
    origins: tuple[tuple[str, int], ...]  # (origin, cables), most first
    key: str = ""  # the expansion key its written forms merge under


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    acronym: str
    expansions: tuple[Expansion, ...]  # within the origin, most used first


# A row of the grouping: origin, acronym key, expansion key, written expansion, cables.
_Row = tuple[str, str, str, str, int]
_GROUPED = "SELECT origin, acronym, expansion_key, expansion, count(*) FROM acronym_definitions"
_GROUP_BY = " GROUP BY origin, acronym, expansion_key, expansion"


class AcronymTable:
    """Queries over one store connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def expansions(self, acronym: str, origin: str | None = None) -> list[Expansion]:
        """Every learned expansion of ``acronym`` (any written form), most used first."""
        sql = _GROUPED + " WHERE acronym = ?"
        params: list[str] = [acronym_key(acronym.strip())]
        if origin is not None:
            sql += " AND origin = ?"
            params.append(origin)
        return _merged(self.conn.execute(sql + _GROUP_BY, params))

    def all_expansions(self, origin: str | None = None) -> list[Expansion]:
        """Every learned (acronym, expansion), by acronym then most used first."""
        sql = _GROUPED + (" WHERE origin = ?" if origin is not None else "")
        rows = self.conn.execute(sql + _GROUP_BY, [origin] if origin is not None else [])
        return sorted(_merged(rows), key=lambda e: (e.acronym, -e.count, e.expansion))

    def glossary(self, origin: str) -> list[GlossaryEntry]:
        """The acronyms the cables of one origin define, alphabetically."""
        by_acronym: dict[str, list[Expansion]] = defaultdict(list)
        for expansion in self.all_expansions(origin):
            by_acronym[expansion.acronym].append(expansion)
        return [GlossaryEntry(a, tuple(e)) for a, e in sorted(by_acronym.items())]

    def origins(self) -> list[tuple[str, int, int]]:
        """Origins with learned acronyms: (origin, distinct acronyms, definitions)."""
        rows = self.conn.execute(
            "SELECT origin, count(DISTINCT acronym), count(*) FROM acronym_definitions"
            " WHERE origin != '' GROUP BY origin ORDER BY origin"
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def for_acronyms(self, acronyms: Iterable[str]) -> dict[str, list[Expansion]]:
        """Learned expansions of several acronym keys at once (for a cable's tooltips)."""
        keys = sorted(set(acronyms))
        found: dict[str, list[Expansion]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(_GROUPED + f" WHERE acronym IN ({marks})" + _GROUP_BY, chunk)
            for expansion in _merged(rows):
                found.setdefault(expansion.acronym, []).append(expansion)
        return found

    def defined_in(self, reference_id: str) -> dict[str, str]:
        """The acronyms one cable defines: acronym key -> expansion key (one, if it gives
        several: rare, and then any of them is the cable's own)."""
        rows = self.conn.execute(
            "SELECT acronym, expansion_key FROM acronym_definitions WHERE reference_id = ?",
            (reference_id,),
        )
        own: dict[str, str] = {}
        for acronym, key in rows:
            own.setdefault(acronym, key)
        return own

    def by_expansion(self, words: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
        """The acronyms whose expansion is these index words, with the origins that use them."""
        # "nongovernmental organizations" is the key of NGOs, stored in the singular.
        keys = (expansion_key(" ".join(words)), expansion_key(" ".join(words), plural=True))
        rows = self.conn.execute(
            "SELECT acronym, origin FROM acronym_definitions"
            " WHERE expansion_key IN (?, ?) AND origin != ''"
            " GROUP BY acronym, origin ORDER BY acronym, origin",
            keys,
        )
        origins: dict[str, list[str]] = defaultdict(list)
        for acronym, origin in rows:
            origins[acronym].append(origin)
        return [(a, tuple(o)) for a, o in origins.items()]

    def relearn(self, progress: Callable[[int], None] | None = None) -> int:
        """Mine every current cable again (archives built before acronyms were learned, or
        after the miner changed); returns the number of definitions stored."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM acronym_definitions")
            # Streamed: a Cablegate-size archive's records never sit in memory together.
            rows = conn.execute(
                "SELECT c.reference_id, coalesce(c.origin, ''), v.record FROM cables c"
                " JOIN versions v ON v.id = c.version_id"
            )
            stored = 0
            for done, (reference_id, origin, blob) in enumerate(rows, start=1):
                body = str(unpack_json(blob).get("body") or "")
                found = [(reference_id, origin, *row) for row in definition_rows(body)]
                conn.executemany(
                    "INSERT OR IGNORE INTO acronym_definitions VALUES (?, ?, ?, ?, ?, ?)", found
                )
                stored += len(found)
                if progress is not None:
                    progress(done)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return stored


def _merged(rows: Iterable[_Row]) -> list[Expansion]:
    """Rows grouped by (acronym, expansion key): counts added up, origins listed, and the
    written form most readers would choose (capitalised, not all capitals) shown."""
    counts: Counter[tuple[str, str]] = Counter()
    per_origin: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    written: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for origin, acronym, key, expansion, count in rows:
        group = (acronym, key)
        counts[group] += count
        per_origin[group][origin] += count
        written[group][expansion] += count
    out = [
        Expansion(
            acronym=group[0],
            expansion=_display(written[group]),
            count=count,
            origins=tuple(sorted(per_origin[group].items(), key=lambda oc: (-oc[1], oc[0]))),
            key=group[1],
        )
        for group, count in counts.items()
    ]
    return sorted(out, key=lambda e: (-e.count, e.acronym, e.expansion))


def _display(forms: Counter[str]) -> str:
    def rank(form: str) -> tuple[bool, bool, int, str]:
        shouting = form.isupper()
        capitalised = form[:1].isupper()
        return (shouting, not capitalised, -forms[form], form)

    return min(forms, key=rank)
