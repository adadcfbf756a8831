"""The people, organisations and places a cable names in its structure.

Read from the parsed record only (never the free text): the signature, the "Classified By"
line, the TAGS (person tags, organisation and geographic codes) and the origin. Works on a
record as the store keeps it (``Cable.to_dict()`` without ``original``), so the worker of an
ingest and a catch-up over stored records find the same mentions.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from cablebase.entities.names import (
    PersonName,
    person_from_signature,
    person_from_tag,
    person_from_text,
    slug,
)

PERSON = "person"
ORGANISATION = "organisation"
PLACE = "place"

# Roles: how the cable names the entity.
SIGNER = "signer"
CLASSIFIED_BY = "classified-by"
TAGGED = "tagged"  # a person tag: OVIP (CLINTON, HILLARY)
TAG = "tag"  # an organisation or geographic TAGS code
ORIGIN = "origin"


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity named by one cable: what it is, its key and name, how, and as written."""

    kind: str
    key: str
    name: str
    role: str
    surface: str

    def row(self) -> tuple[str, str, str, str, str]:
        return (self.kind, self.key, self.name, self.role, self.surface)


@functools.cache
def tag_kinds() -> dict[str, tuple[frozenset[str], str]]:
    """TAGS code -> (its kinds, the first meaning recorded) from the packaged table."""
    found: dict[str, tuple[set[str], str]] = {}
    with resources.files("cablebase.data").joinpath("tags.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            kinds, meaning = found.setdefault(row["code"], (set(), ""))
            kinds.add(row["kind"])
            if row["meaning"] and not meaning:
                found[row["code"]] = (kinds, row["meaning"])
    return {code: (frozenset(k), m) for code, (k, m) in found.items()}


def _person(name: PersonName, role: str, surface: str) -> Mention:
    return Mention(PERSON, name.key, name.canonical, role, surface)


def mentions(record: Mapping[str, Any]) -> list[Mention]:
    """Every entity the record names, once per (kind, key, role), in the order found."""
    found: list[Mention] = []
    classifier = None
    if text := record.get("classified_by"):
        classifier = person_from_text(text)
        if classifier is not None:
            found.append(_person(classifier, CLASSIFIED_BY, text))
    for surface in record.get("signers") or ():
        signer = person_from_signature(surface)
        if signer is None:
            continue
        # "ARGYROS" signs what "Ambassador George Argyros" classified: one person.
        if not signer.given and classifier is not None and classifier.surname == signer.surname:
            signer = classifier
        found.append(_person(signer, SIGNER, surface))
    kinds = tag_kinds()
    for tag in record.get("tags") or ():
        person = person_from_tag(tag) if "(" in tag else None
        if person is not None:
            found.append(_person(person, TAGGED, tag))
            continue
        tag_kind, meaning = kinds.get(tag, (frozenset(), ""))
        if "organization" in tag_kind:
            found.append(Mention(ORGANISATION, tag, tag, TAG, tag))
        elif "geographic" in tag_kind:
            found.append(Mention(PLACE, tag, meaning or tag, TAG, tag))
    if origin := record.get("origin"):
        found.append(Mention(PLACE, slug(origin), origin, ORIGIN, origin))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for m in found:
        if (m.kind, m.key, m.role) not in seen:
            seen.add((m.kind, m.key, m.role))
            unique.append(m)
    return unique


def person_names(record: Mapping[str, Any]) -> list[str]:
    """The canonical names of the people a record names: the index's ``person`` values."""
    return sorted({m.name for m in mentions(record) if m.kind == PERSON})
