"""Decoding tables: what the codes and markings of a cable stand for.

Packaged facts (``cablebase/data/``), read once per process: TAGS, routing indicators, posts
and countries, precedence, caveats, classification markings, executive orders and the
classification reasons they define. Used by the cable page, by ``tag:`` searches by meaning,
and by the facets. Every lookup returns None or () for a value no table knows.
"""

from cablebase.decode.facets import facet_meaning
from cablebase.decode.handling import (
    Caveat,
    Classification,
    Marking,
    Precedence,
    caveat,
    caveat_meaning,
    classification,
    marking,
    markings,
    precedence,
)
from cablebase.decode.orders import ExecutiveOrder, Reason, executive_order, reasons
from cablebase.decode.places import (
    Country,
    Post,
    country,
    country_of_origin,
    country_of_station,
    country_of_tag,
    post,
    post_of_origin,
    stations_of_origin,
)
from cablebase.decode.routes import Route, route_station, routes
from cablebase.decode.tags import Tag, codes_meaning, is_tag, tag_meaning, tags

__all__ = [
    "Caveat",
    "Classification",
    "Country",
    "ExecutiveOrder",
    "Marking",
    "Post",
    "Precedence",
    "Reason",
    "Route",
    "Tag",
    "caveat",
    "caveat_meaning",
    "classification",
    "codes_meaning",
    "country",
    "country_of_origin",
    "country_of_station",
    "country_of_tag",
    "executive_order",
    "facet_meaning",
    "is_tag",
    "marking",
    "markings",
    "post",
    "post_of_origin",
    "precedence",
    "reasons",
    "route_station",
    "routes",
    "stations_of_origin",
    "tag_meaning",
    "tags",
]
