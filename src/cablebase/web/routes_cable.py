"""The cable page: metadata, the clean text by paragraph, references both ways, the original."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from cablebase.citation import bibtex, chicago
from cablebase.service import Archive
from cablebase.web.acronym_marks import marked_text
from cablebase.web.common import WebError, answer, archive
from cablebase.web.decode import decode_handling, decode_recipient, decode_tag
from cablebase.web.ref_status import classed_references
from cablebase.web.routes_people import cable_entities

router = APIRouter()


@router.get("/cable/{reference_id}", summary="One cable (HTML page or its JSON twin)")
async def cable(
    request: Request,
    reference_id: Annotated[str, Path(description="A reference id, e.g. 08MEXICO23.")],
    text: Annotated[
        str, Query(pattern="^(clean|original)$", description="clean (default) or original.")
    ] = "clean",
) -> Response:
    """The current version of a cable, as parsed and as ingested, with its links."""
    arc = archive(request)
    canonical = arc.resolve(reference_id)
    if not arc.known([canonical]):
        raise WebError(
            404,
            "not_found",
            f"no cable {reference_id} in this archive",
            "check the id, or search for it: /search?q=id:" + canonical,
        )
    if canonical != reference_id:  # one URL per cable: 08mexico23 -> 08MEXICO23
        suffix = ".json" if request.scope.get("state", {}).get("json_suffix") else ""
        query = f"?{request.url.query}" if request.url.query else ""

        return RedirectResponse(f"/cable/{canonical}{suffix}{query}", status_code=301)
    data = cable_json(arc, canonical, str(request.base_url).rstrip("/"))
    context = {"title": f"{canonical} – {data['record']['subject']}", "text": text}
    return answer(request, "cable.html", context, data)


def cable_json(arc: Archive, reference_id: str, base_url: str) -> dict[str, Any]:
    record = arc.get(reference_id)
    cited = [r["reference_id"] for r in record.get("references") or () if r.get("reference_id")]
    cited_by = arc.cited_by(reference_id)
    present = arc.known([*cited, *cited_by])
    previous, following = arc.neighbours(reference_id)
    permalink = f"{base_url}/cable/{reference_id}"
    # Each entry classed as the reference graph classes it: resolved, absent, outside...
    references = classed_references(record.get("references") or (), present)
    return {
        "reference_id": reference_id,
        "record": record,
        "origin_url": f"/origin/{quote(record['origin'], safe='')}"
        if record.get("origin")
        else None,
        "paragraphs": _anchored(record.get("paragraphs") or ()),
        "decoded": {
            "from": [decode_recipient(r) for r in record.get("from") or ()],
            "to": [decode_recipient(r) for r in record.get("to") or ()],
            "info": [decode_recipient(r) for r in record.get("info") or ()],
            "tags": [
                {**decode_tag(code), "url": f"/tag/{quote(code, safe='')}"}
                for code in record.get("tags") or ()
            ],
            **decode_handling(record),
        },
        "references": references,
        "cited_by": [{"reference_id": c, "url": f"/cable/{c}"} for c in cited_by if c in present],
        "previous": {"reference_id": previous, "url": f"/cable/{previous}"} if previous else None,
        "next": {"reference_id": following, "url": f"/cable/{following}"} if following else None,
        "versions": len(arc.versions(reference_id)),
        "entities": cable_entities(arc, reference_id),
        "permalink": permalink,
        "marked": marked_text(arc, record),  # acronyms explained, text as escaped HTML
        "citation": chicago(record, permalink),
        "citations": {"chicago": chicago(record, permalink), "bibtex": bibtex(record, permalink)},
    }


def _anchored(paragraphs: Any) -> list[dict[str, Any]]:
    """Paragraphs with an anchor each: ``p3`` for paragraph 3, unique even if numbers repeat."""
    seen: set[str] = set()
    out = []
    for i, paragraph in enumerate(paragraphs, start=1):
        number = paragraph.get("number")
        anchor = f"p{number}" if number else f"u{i}"
        if anchor in seen:
            anchor = f"{anchor}-{i}"
        seen.add(anchor)
        out.append({**paragraph, "anchor": anchor})
    return out
