"""The fields of the full-text index, and how a parsed cable becomes an index document.

The index is derived from the SQLite store and can always be rebuilt from it, so it holds
only what search needs: the searchable texts, the facet values (as fast fields, counted by
tantivy's aggregations) and the few stored values a result line shows.

Tokenisers: free text (body, subject, origin, from, to, signer) uses tantivy's ``default``
tokeniser (split on non-alphanumerics, lower case, no stemming): researchers want the word
they typed, not its stem. Codes (ids, tags, caveats, classification) are ``raw``: one term
per value, upper case, so ``tag:PREL`` never matches ``PRELX`` and facets show the code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import tantivy

from cablebase.entities.extract import person_names
from cablebase.model import Cable

# Bump when the fields change: an index written with another number is rebuilt on open.
SCHEMA_VERSION = 6  # 2: cites is a fast field (counted by cablebase.graph.cited); 3: person;
# 4: caveat_set; 5: the facet codes; 6: the body indexed, not stored (the store keeps it)

# Free-text fields, searched with the default tokeniser.
TEXT_FIELDS = ("body", "subject", "origin", "from", "to", "signer")
# Facets: a name users see -> the fast field that is counted.
FACET_FIELDS = {
    "origin": "origin_facet",
    "year": "year",
    "classification": "classification",
    "caveat": "caveat_set",
    "tag": "tag",
    "person": "person",
}
# A cable's caveats as one value (the distinct ones, sorted, joined by this): tantivy counts a
# single-valued column about three times faster than a multi-valued one, and a collection
# holds few distinct sets of caveats (their counts are added up per caveat after counting).
CAVEAT_SET_SEPARATOR = "\n"
# Facets with many values again as numbers (see facet_code): tantivy counts a number column
# without looking each value up in the field's term dictionary, which for the people facet
# (thousands of names) is most of what counting a small result costs. (Classifications and
# sets of caveats, a few dozen values, count as fast either way.)
FACET_CODES = {"origin": "origin_code", "tag": "tag_code", "person": "person_code"}


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    # The canonical id: stored for results, fast so a hit can be named without the doc store.
    sb.add_text_field("reference_id", stored=True, tokenizer_name="raw", fast=True)
    # Every id the cable is known by (canonical and as published), for `id:` queries.
    sb.add_text_field("ids", tokenizer_name="raw")
    # Searched, not stored: snippets read the text from the store's `bodies` table. Stored,
    # it was two thirds of the index, and a merge maps the segments' stores into memory.
    sb.add_text_field("body")
    sb.add_text_field("subject", stored=True)
    sb.add_text_field("origin")
    sb.add_text_field("origin_facet", stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("from")
    sb.add_text_field("to")
    sb.add_text_field("signer")
    sb.add_text_field("classification", stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("level", tokenizer_name="raw")
    sb.add_text_field("caveat", tokenizer_name="raw")
    sb.add_text_field("caveat_set", tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_text_field("tag", stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("cites", tokenizer_name="raw", fast=True)
    # People by canonical name (ARGYROS, GEORGE): `person:` queries and the person facet.
    sb.add_text_field("person", tokenizer_name="raw", fast=True)
    # created as yyyymmddHHMM (HHMM 0000 when the time is unknown): date ranges and sorting.
    sb.add_integer_field("created", stored=True, indexed=True, fast=True)
    # The store's id of the indexed version: a hit's snippet is made from its text there.
    sb.add_integer_field("version", stored=True)
    sb.add_integer_field("year", indexed=True, fast=True)
    for code in FACET_CODES.values():
        sb.add_integer_field(code, fast=True)
    # created as written in the record, for display ("2008-01-04" when the time is unknown).
    sb.add_text_field("created_text", stored=True, index_option="basic", tokenizer_name="raw")
    return sb.build()


def created_key(created: str | None) -> int:
    """``2008-01-04T22:01`` -> 200801042201; ``2008-01-04`` -> 200801040000; none -> 0."""
    if not created:
        return 0
    digits = created.replace("-", "").replace("T", "").replace(":", "")
    if len(digits) == 8:
        digits += "0000"
    return int(digits[:12]) if digits[:12].isdigit() else 0


def document_fields(
    cable: Cable | Mapping[str, Any], people: list[str] | None = None
) -> dict[str, Any]:
    """The index document of one cable, as plain values (picklable across processes).

    Takes a :class:`Cable` or its record (``Cable.to_dict()``), which is what the store
    keeps: the index is rebuilt from records without parsing again. ``people``: the
    canonical names of its people when the caller has them already.
    """
    record = cable.to_dict() if isinstance(cable, Cable) else cable
    reference_id = str(record["reference_id"])
    key = created_key(record.get("created"))
    ids = [reference_id.upper()]
    published = record.get("published_id")
    if published and published.upper() not in ids:
        ids.append(published.upper())
    origin = record.get("origin") or ""
    caveats = [c.upper() for c in record.get("caveats") or ()]
    tags = [t.upper() for t in record.get("tags") or ()]
    person = person_names(record) if people is None else people
    return {
        "reference_id": reference_id,
        "ids": ids,
        "body": record.get("body") or "",
        "subject": record.get("subject") or "",
        "origin": origin,
        "origin_facet": origin,
        "from": _addressees(record.get("from") or ()),
        "to": _addressees(record.get("to") or ()) + _addressees(record.get("info") or ()),
        "signer": list(record.get("signers") or ()),
        "classification": (record.get("classification") or "").upper(),
        "level": record.get("classification_level") or "",
        "caveat": caveats,
        "caveat_set": caveat_set(caveats),
        "tag": tags,
        "cites": sorted(
            {r["reference_id"] for r in record.get("references") or () if r["reference_id"]}
        ),
        "person": person,
        "created": key,
        "created_text": record.get("created") or "",
        "year": key // 100_000_000,
        "origin_code": _codes([origin]),
        "tag_code": _codes(tags),
        "person_code": _codes(person),
    }


@lru_cache(maxsize=1 << 16)
def facet_code(value: str) -> int:
    """A facet value as a number: 53 bits of its BLAKE2b digest.

    53 bits because tantivy hands aggregation keys back as float64, exact up to 2**53. The
    search engine decodes a code through the values the index holds, and counts a facet from
    its text instead if two of them ever share a code (about one chance in 10**8 for ten
    thousand values, one in 20,000 for a million), so a collision never merges two values'
    counts.
    """
    digest = hashlib.blake2b(value.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 11


def _codes(values: Iterable[str]) -> list[int]:
    return [facet_code(v) for v in values if v]


def caveat_set(caveats: Iterable[str]) -> str:
    """``["SIPDIS", "NOFORN", "SIPDIS"]`` -> ``"NOFORN\\nSIPDIS"``; no caveats -> ``""``."""
    return CAVEAT_SET_SEPARATOR.join(sorted({c for c in caveats if c}))


def _addressees(recipients: Iterable[Mapping[str, Any]]) -> list[str]:
    # The route is searchable too: `to:RUEHC` finds cables sent to the Department.
    return [f"{r['route']} {r['name']}" if r.get("route") else r["name"] for r in recipients]


def make_document(values: dict[str, Any]) -> tantivy.Document:
    """A tantivy document from :func:`document_fields`; empty values are left out."""
    doc = tantivy.Document()
    for name, value in values.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, int):
                doc.add_integer(name, item)
            elif item:
                doc.add_text(name, item)
    return doc
