"""The cables most cited by a query's hits: ``/most-cited?q=...`` (a page and its JSON twin).

The search page shows them in a panel that ``static/most-cited.js`` fills from the JSON
twin after the page has loaded: counting what the hits cite costs more than the other
facets (see ``graph/cited.py``), so the results are never kept waiting for it. Without
script the panel is a link to this page.

Each entry is a cited cable: how many hits cite it (its link adds ``cites:ID`` to the
search, like any facet), how many cables of the archive cite it, and whether the archive,
or only Cablegate, or neither holds it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from cablebase.web.common import MAX_PAGE_SIZE, answer, archive
from cablebase.web.listing import combined, facet_clause, search_url

router = APIRouter()
PANEL_SIZE = 12


@router.get("/most-cited", summary="The cables a query's hits cite most (page or JSON)")
async def most_cited(
    request: Request,
    q: Annotated[str, Query(description='The query, e.g. `tag:PREL "human rights"`.')] = "",
    f: Annotated[
        list[str] | None, Query(description="Filters: query clauses added to the query.")
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="How many cited cables.")
    ] = PANEL_SIZE,
) -> Response:
    """Cited cables by the number of hits citing them, with their count in the whole archive."""
    arc = archive(request)
    filters = [clause for clause in (f or []) if clause.strip()]
    text = combined(q, filters)
    result = arc.search(text, limit=0, facets=False, snippets=False)  # a bad query fails here
    entries = []
    for cited in arc.most_cited(text, limit):
        clause = facet_clause("cites", cited.reference_id)
        entries.append(
            {
                **cited.to_dict(),
                "url": f"/cable/{cited.reference_id}" if cited.in_archive else None,
                "graph_url": f"/cable/{cited.reference_id}/graph",
                "filter": clause,
                "filter_url": search_url("/search", q, [*filters, clause]),
            }
        )
    data: dict[str, Any] = {
        "query": q,
        "filters": filters,
        "effective_query": result.query,
        "understood": result.understood,
        "total": result.total,
        "search_url": search_url("/search", q, filters),
        "most_cited": entries,
    }
    title = f"Most cited by {text}" if text else "Most cited"
    return answer(request, "most_cited.html", {"title": title}, data)
