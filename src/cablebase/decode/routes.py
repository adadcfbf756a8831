"""Routing indicators: ``RUEHC`` on a TO line is the message centre of the Department of State.

Most come from the Allied Routing Indicator Book (ACP 117, source ``acp117-2010``); some from
cable headers themselves (``cable-headers``: an indicator seen with the same addressee in
several cables). One indicator can stand for several stations, and some ACP entries are ranges
(``RHFJAAA`` to ``RHFJAAZ``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from cablebase.decode.loader import table


@dataclass(frozen=True, slots=True)
class Route:
    indicator: str  # the indicator looked up, or the first of its range
    station: str
    source: str  # acp117-2010 or cable-headers


@functools.cache
def _routes() -> tuple[dict[str, tuple[Route, ...]], tuple[tuple[str, str, Route], ...]]:
    exact: dict[str, list[Route]] = {}
    ranges: list[tuple[str, str, Route]] = []
    for row in table("routing-indicators.csv"):
        route = Route(row["indicator"], row["station"], row["source"])
        if row["indicator_end"]:
            ranges.append((row["indicator"], row["indicator_end"], route))
        else:
            exact.setdefault(row["indicator"], []).append(route)
    return {k: tuple(v) for k, v in exact.items()}, tuple(ranges)


@functools.cache
def routes(indicator: str) -> tuple[Route, ...]:
    """The stations ``indicator`` stands for (ACP entries first); () if no table knows it."""
    wanted = indicator.strip().upper()
    exact, ranges = _routes()
    found = list(exact.get(wanted, ()))
    found += [r for low, high, r in ranges if len(low) == len(wanted) and low <= wanted <= high]
    return tuple(sorted(found, key=lambda r: r.source != "acp117-2010"))


def route_station(indicator: str) -> str | None:
    """The one station an indicator stands for, or None if it stands for none or several."""
    names = {r.station for r in routes(indicator)}
    return names.pop() if len(names) == 1 else None
