"""Reading the entities table: a person's or an organisation's cables, names and roles.

People are read through the archive's aliases (:mod:`cablebase.entities.aliases`): the page
of ``ARGYROS, GEORGE`` holds the cables signed ``ARGYROS`` too when he is the one Argyros.
The alias map and the list of people are computed once per state of the store.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cablebase.entities.aliases import Span, groups, resolve
from cablebase.entities.extract import ORGANISATION, PERSON, tag_kinds
from cablebase.entities.names import query_value, slug
from cablebase.store.db import Store

FRESH_SECONDS = 1.0  # as the archive refreshes its search engine


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One line of the people or organisations list."""

    kind: str
    key: str
    name: str
    cables: int
    names: tuple[str, ...] = ()  # the other canonical names taken for this one

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "name": self.name,
            "cables": self.cables,
            "names": list(self.names),
        }


@dataclass(frozen=True, slots=True)
class EntityCable:
    reference_id: str
    created: str | None
    origin: str | None
    subject: str
    roles: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference_id": self.reference_id,
            "created": self.created,
            "origin": self.origin,
            "subject": self.subject,
            "roles": list(self.roles),
        }


@dataclass(frozen=True, slots=True)
class EntityProfile:
    """Everything the archive knows of one person or organisation."""

    kind: str
    key: str
    name: str
    meaning: str  # an organisation's name from the TAGS table; empty for people
    names: tuple[str, ...]  # canonical names merged into this one (the name first)
    surfaces: tuple[tuple[str, int], ...]  # as the cables write it, most frequent first
    roles: tuple[tuple[str, int], ...]  # cables per role
    total: int
    by_year: tuple[tuple[str, int], ...]
    by_month: tuple[tuple[str, int], ...]
    cables: tuple[EntityCable, ...] = field(default=())  # the requested page, oldest first
    offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "name": self.name,
            "meaning": self.meaning or None,
            "names": list(self.names),
            "surfaces": [{"surface": s, "count": n} for s, n in self.surfaces],
            "roles": [{"role": r, "count": n} for r, n in self.roles],
            "total": self.total,
            "by_year": [{"year": y, "count": n} for y, n in self.by_year],
            "by_month": [{"month": m, "count": n} for m, n in self.by_month],
            "offset": self.offset,
            "cables": [c.to_dict() for c in self.cables],
        }


class EntityCatalog:
    """The entities of one store; cached reads are dropped when the store changes."""

    def __init__(
        self, store: Store, spans: Callable[[int], dict[str, Span] | None] | None = None
    ) -> None:
        """``spans``: a faster source of every person's years (the search index), given the
        store's newest version id; it answers None when it does not hold that version yet."""
        self.store = store
        self._faster_spans = spans
        self._state: tuple[int, int] | None = None
        self._aliases: dict[str, str] = {}
        self._known: set[str] = set()
        self._shared: dict[str, bool] = {}
        self._checked = 0.0
        self._groups: dict[str, list[str]] = {}
        self._lists: dict[str, list[EntitySummary]] = {}

    def _fresh(self) -> None:
        now = time.monotonic()
        if self._state is not None and now - self._checked < FRESH_SECONDS:
            return  # asked many times a search: the store is looked at once a second
        self._checked = now
        conn = self.store.conn
        # Cheap to ask on every call (two index lookups): rows change with a new version
        # or when the backlog is worked off; a refill in place calls invalidate().
        row = conn.execute(
            "SELECT (SELECT max(version_id) FROM cables), (SELECT count(*) FROM entities_backlog)"
        ).fetchone()
        state = (int(row[0] or 0), int(row[1]))
        if state == self._state:
            return
        spans = self._faster_spans(state[0]) if self._faster_spans and not state[1] else None
        if spans is None:
            spans = {
                name: (low, high)
                for name, low, high in conn.execute(
                    "SELECT e.name, min(c.year), max(c.year) FROM entities e"
                    " JOIN cables c ON c.reference_id = e.reference_id"
                    " WHERE e.kind = ? GROUP BY e.name",
                    (PERSON,),
                )
            }
        self._aliases = resolve(spans, spans)
        self._known = set(spans)
        self._groups = groups(self._aliases)
        self._lists = {}
        self._shared = {}
        self._state = state

    def aliases(self) -> dict[str, str]:
        self._fresh()
        return self._aliases

    def shares_cables(self, name: str) -> bool:
        """Whether some cable carries two of the names taken for the person ``name``."""
        self._fresh()
        if name not in self._shared:
            names = self._groups.get(name, [name])
            marks = ",".join("?" * len(names))
            row = self.store.conn.execute(
                "SELECT 1 FROM entities WHERE kind = ? AND name IN"
                f" ({marks}) GROUP BY reference_id HAVING count(DISTINCT name) > 1 LIMIT 1",
                (PERSON, *names),
            ).fetchone()
            self._shared[name] = row is not None
        return self._shared[name]

    def invalidate(self) -> None:
        self._state = None
        self._checked = 0.0

    def merged(self) -> dict[str, list[str]]:
        """Person -> every name taken for them, for the people known by more than one."""
        self._fresh()
        return self._groups

    def person_names(self, name: str) -> list[str]:
        """Every canonical name that stands for the person ``name`` stands for; a name
        the archive does not hold as written is read as typed (``John Smith``)."""
        self._fresh()
        if name not in self._known:
            name = query_value(name)
        target = self._aliases.get(name, name)
        return self._groups.get(target, [target])

    def listing(self, kind: str) -> list[EntitySummary]:
        """Every person or organisation with its number of cables, most cables first."""
        self._fresh()
        if kind in self._lists:
            return self._lists[kind]
        cables: dict[str, set[str]] = {}
        names: dict[str, str] = {}  # key -> name
        rows = self.store.conn.execute(
            "SELECT key, name, reference_id FROM entities WHERE kind = ?", (kind,)
        )
        for key, name, reference_id in rows:
            if kind == PERSON:  # a person under the name the archive takes them for
                name = self._aliases.get(name, name)
                key = slug(name)
            names[key] = name
            cables.setdefault(key, set()).add(reference_id)
        out = [
            EntitySummary(
                kind,
                key,
                names[key],
                len(ids),
                tuple(self._groups.get(names[key], [names[key]])[1:]) if kind == PERSON else (),
            )
            for key, ids in cables.items()
        ]
        out.sort(key=lambda e: (-e.cables, e.name))
        self._lists[kind] = out
        return out

    def find(self, kind: str, prefix: str = "") -> list[EntitySummary]:
        """The list, narrowed to names (or merged names) that begin with ``prefix``."""
        entries = self.listing(kind)
        wanted = slug(prefix)
        if not wanted:
            return entries
        return [
            e
            for e in entries
            if any(slug(n).startswith(wanted) for n in (e.key, e.name, *e.names))
            or (kind == PERSON and slug(_given_first(e.name)).startswith(wanted))
        ]

    def resolve_key(self, kind: str, key: str) -> str | None:
        """The canonical name a URL key (or a typed name) stands for; None if unknown."""
        self._fresh()
        conn = self.store.conn
        if kind == ORGANISATION:
            code = key.strip().upper()
            row = conn.execute(
                "SELECT name FROM entities WHERE kind = ? AND key = ? LIMIT 1", (kind, code)
            ).fetchone()
            return row[0] if row else None
        row = conn.execute(
            "SELECT name FROM entities WHERE kind = ? AND key = ? LIMIT 1", (kind, slug(key))
        ).fetchone()
        name = row[0] if row else query_value(key)
        if row is None:
            known = conn.execute(
                "SELECT 1 FROM entities WHERE kind = ? AND name = ? LIMIT 1", (kind, name)
            ).fetchone()
            if known is None:
                return None
        return self._aliases.get(name, name)

    def of_cable(self, reference_id: str) -> list[tuple[str, str, str, str, str]]:
        """The people and organisations one cable names: kind, key, name, role, surface;
        a person under the name the archive takes them for."""
        self._fresh()
        rows = self.store.conn.execute(
            "SELECT kind, name, role, surface FROM entities WHERE reference_id = ?"
            " AND kind IN (?, ?) ORDER BY position",
            (reference_id, PERSON, ORGANISATION),
        )
        out = []
        for kind, name, role, surface in rows:
            if kind == PERSON:
                name = self._aliases.get(name, name)
            out.append((kind, slug(name) if kind == PERSON else name, name, role, surface))
        return out

    def profile(
        self, kind: str, key: str, *, offset: int = 0, limit: int = 50
    ) -> EntityProfile | None:
        name = self.resolve_key(kind, key)
        if name is None:
            return None
        names = self.person_names(name) if kind == PERSON else [name]
        marks = ",".join("?" * len(names))
        rows = self.store.conn.execute(
            "SELECT e.reference_id, e.role, e.surface, c.created, c.origin, c.subject"
            " FROM entities e JOIN cables c ON c.reference_id = e.reference_id"
            f" WHERE e.kind = ? AND e.name IN ({marks})"
            " ORDER BY coalesce(c.created, ''), e.reference_id, e.position",
            (kind, *names),
        ).fetchall()
        surfaces: Counter[str] = Counter()
        roles: dict[str, set[str]] = {}
        cables: dict[str, EntityCable] = {}
        for reference_id, role, surface, created, origin, subject in rows:
            surfaces[surface] += 1
            roles.setdefault(role, set()).add(reference_id)
            seen = cables.get(reference_id)
            if seen is None:
                cables[reference_id] = EntityCable(reference_id, created, origin, subject, (role,))
            elif role not in seen.roles:
                cables[reference_id] = EntityCable(
                    reference_id, created, origin, subject, (*seen.roles, role)
                )
        years: Counter[str] = Counter()
        months: Counter[str] = Counter()
        for cable in cables.values():
            if cable.created:
                years[cable.created[:4]] += 1
                months[cable.created[:7]] += 1
        ordered = list(cables.values())
        meaning = tag_kinds().get(name, (frozenset(), ""))[1] if kind == ORGANISATION else ""
        return EntityProfile(
            kind=kind,
            key=slug(name) if kind == PERSON else name,
            name=name,
            meaning=meaning,
            names=tuple(names),
            surfaces=tuple(surfaces.most_common()),
            roles=tuple(sorted(((r, len(ids)) for r, ids in roles.items()), key=lambda x: -x[1])),
            total=len(ordered),
            by_year=tuple(sorted(years.items())),
            by_month=tuple(sorted(months.items())),
            cables=tuple(ordered[offset : offset + limit]),
            offset=offset,
        )


def _given_first(name: str) -> str:
    """``ARGYROS, GEORGE`` -> ``GEORGE ARGYROS``: a prefix may be typed either way."""
    surname, _, first = name.partition(", ")
    return f"{first} {surname}" if first else surname
