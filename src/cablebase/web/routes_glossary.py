"""Glossaries: the acronyms the cables of each origin define, with counts (and JSON twins)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from cablebase.web.common import WebError, answer, archive

router = APIRouter()


@router.get("/glossary", summary="Origins whose cables define acronyms")
async def glossaries(request: Request) -> Response:
    """Every origin with learned acronyms: how many acronyms, how many definitions."""
    origins = archive(request).acronyms().origins()
    data = {
        "origins": [
            {
                "origin": origin,
                "acronyms": acronyms,
                "definitions": definitions,
                "url": f"/glossary/{quote(origin, safe='')}",
            }
            for origin, acronyms, definitions in origins
        ]
    }
    return answer(request, "glossary_index.html", {"title": "Glossaries"}, data)


@router.get("/glossary/{origin:path}", summary="The acronyms the cables of one origin define")
async def glossary(
    request: Request,
    origin: Annotated[str, Path(description="An origin as the archive names it: Embassy Paris.")],
) -> Response:
    """Each acronym with its expansions in this origin's cables, counted in cables, and what
    the same letters mean in other origins."""
    arc = archive(request)
    entries = arc.glossary(origin)
    if not entries:
        raise WebError(
            404,
            "not_found",
            f"no acronyms learned from cables of {origin}",
            "see /glossary for the origins there are",
        )
    elsewhere = arc.acronyms().for_acronyms(e.acronym for e in entries)
    data = {
        "origin": origin,
        "origin_url": f"/origin/{quote(origin, safe='')}",
        "entries": [
            {
                "acronym": entry.acronym,
                "search_url": f"/search?q={quote(entry.acronym)}",
                "expansions": [
                    {"expansion": e.expansion, "count": e.count} for e in entry.expansions
                ],
                "elsewhere": [
                    {
                        "expansion": e.expansion,
                        "count": e.count,
                        "origins": [o for o, _ in e.origins if o != origin][:5],
                    }
                    for e in elsewhere.get(entry.acronym, ())
                    if e.expansion not in {x.expansion for x in entry.expansions}
                ][:5],
            }
            for entry in entries
        ],
    }
    return answer(request, "glossary.html", {"title": f"Glossary of {origin}"}, data)
