"""The reference graph: what cables cite, what cites them, and how each REF entry resolves."""

from cablebase.graph.counts import CitedCable, ReferenceCounts, describe_cited, reference_counts
from cablebase.graph.neighbourhood import (
    DEFAULT_LIMIT,
    MAX_DEPTH,
    MAX_LIMIT,
    Direction,
    Edge,
    Neighbourhood,
    Node,
    walk,
)
from cablebase.graph.status import ReferenceStatus, status_of

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_DEPTH",
    "MAX_LIMIT",
    "CitedCable",
    "Direction",
    "Edge",
    "Neighbourhood",
    "Node",
    "ReferenceCounts",
    "ReferenceStatus",
    "describe_cited",
    "reference_counts",
    "status_of",
    "walk",
]
