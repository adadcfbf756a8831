"""Creation and release dates as published, normalised to ISO 8601 (UTC).

``created`` is ``YYYY-MM-DDTHH:MM`` when the time is known and trustworthy, else
``YYYY-MM-DD``. The Dec 2010 Cablegate site printed minutes equal to the hour mod 12
(``1966-12-28 18:06`` for a cable of 18:48), so a time from those pages is dropped unless the
cable's own date-time group confirms the day and supplies the real time.
"""

from __future__ import annotations

import re

_US_DATE = re.compile(
    r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?:\s+(?P<H>\d{1,2}):(?P<M>\d\d))?$"
)
_ISO_DATE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T](?P<H>\d{1,2}):(?P<M>\d\d)(?::\d\d)?)?Z?$"
)
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
# PlusD: "1974 April 25, 00:00 (Thursday)"
_PLUSD_DATE = re.compile(
    r"^(?P<y>\d{4})\s+(?P<mon>[A-Za-z]+)\s+(?P<d>\d{1,2}),?\s*(?:(?P<H>\d{1,2}):(?P<M>\d\d))?"
)


def normalise_created(value: str | None, trust_time: bool, dtg_iso: str | None) -> str | None:
    """ISO form of a published date; ``dtg_iso`` (from the header) restores a distrusted time."""
    if not value or not value.strip():
        return None
    text = value.strip()
    m = _US_DATE.match(text) or _ISO_DATE.match(text)
    month: int | None = None
    if m is not None:
        month = int(m.group("m"))
    elif (p := _PLUSD_DATE.match(text)) is not None:
        name = p.group("mon")[:3].upper()
        month = _MONTHS.index(name) + 1 if name in _MONTHS else None
        m = p
    if m is None or month is None:
        return None
    year, day = int(m.group("y")), int(m.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    hour, minute = m.group("H"), m.group("M")
    if dtg_iso is not None and dtg_iso.startswith(date):
        return dtg_iso
    if hour is None or minute is None or not trust_time:
        return date
    if int(hour) > 23 or int(minute) > 59:
        return date
    return f"{date}T{int(hour):02d}:{minute}"
