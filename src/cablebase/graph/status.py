"""What a REF entry points at, as far as this archive and Cablegate can tell.

Every entry of a REF line ends in exactly one of five classes:

- ``resolved``: a cable id that is a cable of this archive;
- ``absent``: a cable id that Cablegate published (one of its 251,287 ids) but that this
  archive does not hold, so ingesting more of Cablegate would resolve it;
- ``outside``: a cable id that neither this archive nor Cablegate holds: a telegram never
  published in 2010 (most of what cables cite; 1973-1979 ones keep their NARA form, e.g.
  ``1975STATE012345``) or a mistyped id;
- ``unidentified``: written as a cable, but no id can be made of it (a station without a
  year where the citing cable is undated, a DTG, a "REFTEL" with no number);
- ``non-cable``: an email, a report or another document; the entry keeps its kind.
"""

from __future__ import annotations

import enum

from cablebase.model import ReferenceKind
from cablebase.parse.reference_id import is_cablegate_id


class ReferenceStatus(enum.StrEnum):
    RESOLVED = "resolved"
    ABSENT = "absent"
    OUTSIDE = "outside"
    UNIDENTIFIED = "unidentified"
    NON_CABLE = "non-cable"


def status_of(kind: str, cited_id: str | None, in_archive: bool) -> ReferenceStatus:
    """The class of one REF entry, from its kind, its canonical id and the archive's answer."""
    if cited_id is not None:
        if in_archive:
            return ReferenceStatus.RESOLVED
        # Cablegate's ids are the canonical form of its cables: the serial table answers.
        return ReferenceStatus.ABSENT if is_cablegate_id(cited_id) else ReferenceStatus.OUTSIDE
    if kind == ReferenceKind.CABLE:
        return ReferenceStatus.UNIDENTIFIED
    return ReferenceStatus.NON_CABLE
