"""The reference graph of a cable: ``/cable/ID/graph`` (a page and its JSON twin).

The page draws the neighbourhood with cytoscape (``static/ref-graph.js`` reads the JSON
twin); without script it is a table of the same nodes and citations. The cable page embeds
the one-step graph from the same JSON.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from cablebase.errors import UsageError
from cablebase.graph import DEFAULT_LIMIT, MAX_DEPTH, MAX_LIMIT, Direction, Neighbourhood
from cablebase.graph.style import STATUS_NOTES, fill_of, legend
from cablebase.web.common import WebError, answer, archive

router = APIRouter()


@router.get(
    "/cable/{reference_id}/graph", summary="The reference graph around a cable (page or JSON)"
)
async def graph(
    request: Request,
    reference_id: Annotated[str, Path(description="A reference id, e.g. 08MEXICO23.")],
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Citations out.")] = 1,
    direction: Annotated[Direction, Query(description="cites, cited-by or both.")] = (
        Direction.BOTH
    ),
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="At most this many nodes.")
    ] = DEFAULT_LIMIT,
) -> Response:
    """Nodes (cables and other references, each with its status) and the citations among them."""
    arc = archive(request)
    canonical = arc.resolve(reference_id)
    try:
        found = arc.neighbourhood(canonical, depth=depth, direction=direction, limit=limit)
    except UsageError:
        raise WebError(
            404,
            "not_found",
            f"no cable {reference_id} in this archive, nor cited by one",
            "check the id, or search for it: /search?q=id:" + canonical,
        ) from None
    if canonical != reference_id:
        suffix = ".json" if request.scope.get("state", {}).get("json_suffix") else ""
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/cable/{canonical}/graph{suffix}{query}", status_code=301)
    data = graph_json(found)
    query = f"?{request.url.query}" if request.url.query else ""
    context = {"title": f"References of {canonical}", "graph_src": f"{data['url']}.json{query}"}
    return answer(request, "graph.html", context, data)


def graph_json(found: Neighbourhood) -> dict[str, Any]:
    """The neighbourhood with what a page needs: links, fill colours, the legend, variants."""
    nodes = []
    for node in found.nodes:
        nodes.append(
            {
                **node.to_dict(),
                "url": f"/cable/{node.reference_id}" if node.in_archive else None,
                "graph_url": f"/cable/{node.reference_id}/graph" if node.kind == "cable" else None,
                "fill": fill_of(node),
                "note": STATUS_NOTES[node.status],
            }
        )
    base = f"/cable/{found.centre}/graph"

    def variant(**change: Any) -> str:
        params = {"depth": found.depth, "direction": found.direction.value, **change}
        return f"{base}?{urlencode(params)}"

    return {
        **found.to_dict(),
        "url": base,
        "nodes": nodes,
        "cable_url": next((n["url"] for n in nodes if n["id"] == found.centre), None),
        "legend": legend(),
        "depths": {d: variant(depth=d) for d in range(1, MAX_DEPTH + 1)},
        "directions": {d.value: variant(direction=d.value) for d in Direction},
    }
