"""The "most cited" panel of a result page: the ``cites`` facet, told apart by status.

Each entry is a cable the hits cite: how many hits cite it (the facet count; its link adds
``cites:ID`` to the query, like any facet), how many cables of the archive cite it, and
whether the archive, or only Cablegate, or neither holds it.
"""

from __future__ import annotations

from typing import Any

from cablebase.search.engine import FacetCount
from cablebase.service import Archive


def most_cited_json(arc: Archive, facet: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries of the ``cites`` facet with what the archive knows of each cited cable."""
    by_value = {entry["value"]: entry for entry in facet}
    counts = [FacetCount(entry["value"], entry["count"]) for entry in facet]
    out = []
    for cited in arc.describe_cited(counts):
        entry = by_value[cited.reference_id]
        out.append(
            {
                **cited.to_dict(),
                "url": f"/cable/{cited.reference_id}" if cited.in_archive else None,
                "graph_url": f"/cable/{cited.reference_id}/graph",
                "filter": entry["filter"],
                "filter_url": entry["url"],
                "active": entry["active"],
            }
        )
    return out
