"""The neighbourhood of a cable in the reference graph: what it cites, what cites it, N steps out.

Nodes are found breadth first from the centre; the edges drawn are then every citation among
the nodes found (so two cited cables that cite each other are joined too). A cable node is
a canonical id, in the archive or not; an entry of a REF line that is not an identified
cable (an email, a report, "REFTEL" without a number) is a node of its own, named
``CITING#refN`` after the citing cable and the entry's position, and keeps its kind and text.

Fan-out is bounded: a much-cited cable (a Secretary's instruction cited by hundreds of posts)
would otherwise pull thousands of nodes two steps out. The walk admits at most ``limit``
nodes, nearest first and in id order within a step, and says how many it left out.
"""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from cablebase.graph.status import ReferenceStatus, status_of
from cablebase.model import ReferenceKind
from cablebase.parse.reference_id import is_cablegate_id
from cablebase.store.refs import RefRow, citing, refs_of, summaries

MAX_DEPTH = 4
DEFAULT_LIMIT = 200
MAX_LIMIT = 5000


class Direction(enum.StrEnum):
    CITES = "cites"
    CITED_BY = "cited-by"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class Node:
    """A cable (by canonical id) or a non-cable REF entry of a cable."""

    id: str
    kind: str  # a ReferenceKind value: "cable" for cables
    status: ReferenceStatus
    depth: int
    reference_id: str | None = None
    text: str | None = None  # the REF entry as written (reference nodes only)
    in_archive: bool = False
    in_cablegate: bool = False
    created: str | None = None
    origin: str | None = None
    classification: str | None = None
    level: str | None = None
    subject: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status.value,
            "depth": self.depth,
            "reference_id": self.reference_id,
            "text": self.text,
            "in_archive": self.in_archive,
            "in_cablegate": self.in_cablegate,
            "absent_from_archive": self.status is ReferenceStatus.ABSENT,
            "created": self.created,
            "origin": self.origin,
            "classification": self.classification,
            "level": self.level,
            "subject": self.subject,
        }


@dataclass(frozen=True, slots=True)
class Edge:
    """``source`` cites ``target``: the first REF entry naming it (label and text as written)."""

    source: str
    target: str
    kind: str
    status: ReferenceStatus
    label: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "status": self.status.value,
            "label": self.label,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    centre: str
    depth: int
    direction: Direction
    limit: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    omitted: int = 0  # nodes found but left out by the limit (not walked on from)
    notes: tuple[str, ...] = field(default=())

    @property
    def truncated(self) -> bool:
        return self.omitted > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "centre": self.centre,
            "depth": self.depth,
            "direction": self.direction.value,
            "limit": self.limit,
            "truncated": self.truncated,
            "omitted": self.omitted,
            "notes": list(self.notes),
            "nodes": [n.to_dict() for n in self.nodes],
            "edges": [e.to_dict() for e in self.edges],
        }


def reference_node_id(row: RefRow) -> str:
    return f"{row.citing_id}#ref{row.position + 1}"


def walk(
    conn: sqlite3.Connection,
    centre: str,
    *,
    depth: int = 1,
    direction: Direction = Direction.BOTH,
    limit: int = DEFAULT_LIMIT,
) -> Neighbourhood:
    """The neighbourhood of canonical id ``centre`` (the caller checks that it is known)."""
    follows_cites = direction in (Direction.CITES, Direction.BOTH)
    follows_cited_by = direction in (Direction.CITED_BY, Direction.BOTH)
    depth_of: dict[str, int] = {centre: 0}
    entries: dict[str, tuple[RefRow, int]] = {}  # reference nodes: their REF row and depth
    frontier = [centre]
    omitted = 0
    for step in range(1, depth + 1):
        cables: set[str] = set()
        loose: list[RefRow] = []
        if follows_cites:
            for row in refs_of(conn, frontier):
                if row.cited_id is None:
                    loose.append(row)
                elif row.cited_id not in depth_of:
                    cables.add(row.cited_id)
        if follows_cited_by:
            cables.update(c for c, _ in citing(conn, frontier) if c not in depth_of)
        room = max(limit - len(depth_of) - len(entries), 0)
        admitted = sorted(cables)[:room]
        omitted += len(cables) - len(admitted)
        for reference_id in admitted:
            depth_of[reference_id] = step
        room -= len(admitted)
        for row in loose[:room]:
            entries[reference_node_id(row)] = (row, step)
        omitted += max(len(loose) - room, 0)
        frontier = admitted
        if not frontier:
            break
    return _assemble(conn, centre, depth, direction, limit, depth_of, entries, omitted)


def _assemble(
    conn: sqlite3.Connection,
    centre: str,
    depth: int,
    direction: Direction,
    limit: int,
    depth_of: dict[str, int],
    entries: dict[str, tuple[RefRow, int]],
    omitted: int,
) -> Neighbourhood:
    known = summaries(conn, list(depth_of))
    nodes: list[Node] = []
    for reference_id, step in sorted(depth_of.items(), key=lambda kv: (kv[1], kv[0])):
        found = known.get(reference_id)
        nodes.append(
            Node(
                id=reference_id,
                kind=ReferenceKind.CABLE.value,
                status=status_of(ReferenceKind.CABLE, reference_id, found is not None),
                depth=step,
                reference_id=reference_id,
                in_archive=found is not None,
                in_cablegate=is_cablegate_id(reference_id),
                created=found.created if found else None,
                origin=found.origin if found else None,
                classification=found.classification if found else None,
                level=found.level if found else None,
                subject=found.subject if found else None,
            )
        )
    for node_id, (row, step) in entries.items():
        nodes.append(
            Node(
                id=node_id,
                kind=row.kind,
                status=status_of(row.kind, None, False),
                depth=step,
                text=row.text,
            )
        )
    status = {n.id: n.status for n in nodes}
    edges: dict[tuple[str, str], Edge] = {}
    # Every citation among the nodes: the REF lines of each archive cable of the graph.
    for row in refs_of(conn, list(known)):
        target = row.cited_id if row.cited_id is not None else reference_node_id(row)
        if target in status and (row.citing_id, target) not in edges:
            edges[(row.citing_id, target)] = Edge(
                row.citing_id, target, row.kind, status[target], row.label, row.text
            )
    notes: tuple[str, ...] = ()
    if omitted:
        notes = (
            f"stopped at {limit} nodes: {omitted} more found were left out, and the walk did"
            " not go on from them; lower the depth or raise the limit to see them",
        )
    return Neighbourhood(
        centre=centre,
        depth=depth,
        direction=direction,
        limit=limit,
        nodes=tuple(nodes),
        edges=tuple(edges.values()),
        omitted=omitted,
        notes=notes,
    )
