"""Where a cable came from: stations, posts, origins and countries.

Countries are keyed by their FIPS 10-4 code, the basis of State's geographic TAGS (MX Mexico,
GM Germany), and carry the ISO 3166 alpha-2 code where the FIPS list gives one, for maps.
An origin is the Cablegate wording ("Embassy Madrid", "USEU Brussels"); it maps to one or more
reference-id stations (MADRID; BRUSSELS and USEUBRUSSELS), and a station to its post.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cablebase.decode.loader import table
from cablebase.decode.tags import tags

_NOT_LETTERS = re.compile(r"[^A-Z]")
# Words that say what kind of post an origin is, not which: "Embassy Madrid" is MADRID.
_POST_KIND = re.compile(
    r"^(?:AMERICAN |US |U\.S\. )?(?:EMBASSY|EMBASY|CONSULATE|CONSULATE GENERAL|MISSION|"
    r"INTERESTS SECTION|OFFICE|BRANCH OFFICE|LIAISON OFFICE)\s+"
)


@dataclass(frozen=True, slots=True)
class Country:
    fips: str
    iso: str | None  # ISO 3166 alpha-2 as the FIPS list gives it; None where it gives none
    name: str
    numeric: str | None = None  # ISO 3166 numeric (276), as world maps number their shapes

    @property
    def key(self) -> str:
        """The one name a map gives the country: its ISO numeric code, else its FIPS code."""
        return self.numeric or self.fips


@dataclass(frozen=True, slots=True)
class Post:
    station: str  # as in reference ids: BUENOSAIRES
    origin: str | None  # as in Cablegate: Embassy Buenos Aires
    city: str | None
    country: Country | None


@functools.cache
def _countries() -> dict[str, Country]:
    found: dict[str, Country] = {}
    for row in table("countries.csv"):
        # Burma and Myanmar share BM: the first name listed stands for the code.
        found.setdefault(
            row["fips"],
            Country(row["fips"], row["alpha2"] or None, row["name"], row["numeric"] or None),
        )
    return found


def country(fips: str) -> Country | None:
    """``MX`` -> Mexico (ISO MX); ``GM`` -> Germany (ISO DE); None for an unknown code."""
    return _countries().get(fips.strip().upper())


@functools.cache
def _posts() -> dict[str, Post]:
    return {
        row["station"]: Post(
            row["station"],
            row["origin"] or None,
            row["city"] or None,
            country(row["fips"]) if row["fips"] else None,
        )
        for row in table("posts.csv")
    }


def post(station: str) -> Post | None:
    """``BUENOSAIRES`` -> the post at Buenos Aires, Argentina; None for an unknown station."""
    return _posts().get(station.strip().upper())


def _key(origin: str) -> str:
    return _NOT_LETTERS.sub("", origin.upper())


@functools.cache
def _origins() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for row in table("origins.csv"):
        found.setdefault(_key(row["origin"]), []).append(row["station"])
    for station, known in _posts().items():  # the posts table's own wording, if not listed
        if known.origin:
            found.setdefault(_key(known.origin), []).append(station)
    return {key: tuple(dict.fromkeys(stations)) for key, stations in found.items()}


@functools.cache
def _spellings() -> dict[str, str]:
    return {row["spelling"]: row["station"] for row in table("stations.csv")}


def stations_of_origin(origin: str) -> tuple[str, ...]:
    """``Embassy Madrid`` -> ``("MADRID",)``; case and punctuation do not matter.

    An origin no table lists is tried as a post name once its first words ("Embassy",
    "Consulate") are dropped, through the table of station spellings.
    """
    listed = _origins().get(_key(origin))
    if listed:
        return listed
    name = _key(_POST_KIND.sub("", " ".join(origin.upper().split())))
    station = _spellings().get(name) or (name if name in _posts() else None)
    return (station,) if station else ()


def post_of_origin(origin: str) -> Post | None:
    """The first post an origin stands for that has a country, else the first post."""
    posts = [p for s in stations_of_origin(origin) if (p := post(s)) is not None]
    return next((p for p in posts if p.country), posts[0] if posts else None)


def country_of_origin(origin: str) -> Country | None:
    """``Embassy Madrid`` -> Spain; ``Secretary of State`` -> United States; None if unknown."""
    found = post_of_origin(origin)
    return found.country if found else None


def country_of_station(station: str) -> Country | None:
    found = post(station)
    return found.country if found else None


def country_of_tag(code: str) -> Country | None:
    """A geographic TAG's country: geographic TAGS are FIPS codes (``GM`` -> Germany)."""
    if not any(t.kind == "geographic" for t in tags(code)):
        return None
    return country(code)
