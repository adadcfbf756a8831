"""bench/refs: the reference graph of an archive: resolution, consistency, and what it costs.

Reports, for the archive given:

- REF entries by status (resolved, absent, outside, unidentified, non-cable) and the rates;
- the consistency check: every "cites" edge of every cable has its "cited by" twin, through
  the Archive API (and the reverse);
- latency of `neighbourhood` at depth 1 and 2 over sampled cables (p50, p95);
- the cost of counting the most cited for sampled queries, beside counting the five search
  facets of the same queries (the baseline), in the same run.

    python bench/refs.py --archive build/corpus-archive [--samples 300]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from cablebase.graph.cited import cited_counts
from cablebase.search.engine import Engine
from cablebase.service import Archive


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def consistency(arc: Archive, ids: list[str]) -> tuple[int, int]:
    """(edges, edges without their twin) over every cable, both ways round."""
    edges = {(c, cited) for c in ids for cited in arc.cites(c)}
    twins = {(citing, t) for t in {t for _, t in edges} for citing in arc.cited_by(t)}
    return len(edges), len(edges ^ twins)


def facet_cost(arc: Archive, queries: list[str]) -> tuple[list[float], list[float]]:
    """Time to count the most cited (uncached) beside counting the search facets."""
    engine = arc.engine()
    compiled = [engine.query(q)[0] for q in queries]
    facets = [_timed(lambda q=q: engine._counts(q, 20)) for q in compiled]
    cited = [_timed(lambda q=q: cited_counts(Engine(*_parts(engine)), q, 20)) for q in queries]
    return cited, facets


def _parts(engine: Engine) -> tuple[Any, Any, Any]:
    # A fresh engine per call: the most-cited counts are cached per engine.
    return engine.searcher, engine.schema, engine.cited_by


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=Path("build/corpus-archive"))
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(7)
    with Archive.open(args.archive) as arc:
        ids = sorted(arc.iter_ids(""))
        print(
            f"{len(ids):,} cables in {args.archive}; {date.today()}, {platform.python_version()},"
            f" {os.cpu_count()} cores"
        )
        start = time.perf_counter()
        counts = arc.reference_counts()  # the first call also loads the Cablegate id table
        took = time.perf_counter() - start
        print(f"{counts.total:,} REF entries ({took:.2f} s to count):")
        for status, n in counts.by_status:
            print(f"  {status.value:13} {n:7,}  {n / counts.total:6.1%}")
        cables = counts.cable_references
        held = sum(n for s, n in counts.by_status if s.value in ("resolved", "absent"))
        print(
            f"cable references {cables:,}: given an id {counts.identified_rate:.1%},"
            f" resolved in this archive {counts.resolution_rate:.1%},"
            f" held by Cablegate {held / cables:.1%}"
        )
        edges, lonely = consistency(arc, ids)
        print(f"consistency: {edges:,} cites edges, {lonely} without their cited-by twin")
        sample = rng.sample(ids, min(args.samples, len(ids)))
        for depth in (1, 2):
            times = [_timed(lambda c=c, d=depth: arc.neighbourhood(c, depth=d)) for c in sample]
            print(f"neighbourhood depth {depth}: {_ms(times)} over {len(sample)} cables")
        words = ["iran", "nuclear", "human rights", "tag:PREL", "embassy", "", "terrorism"]
        queries = words + [f"origin:{arc.get(c).get('origin') or 'x'}" for c in sample[:20]]
        queries = [q.replace(" ", "_") if q.startswith("origin:") else q for q in queries]
        cited, facets = facet_cost(arc, queries)
        print(
            f"most-cited counts: {_ms(cited)}; the five search facets (baseline): {_ms(facets)};"
            f" ratio {statistics.median(cited) / statistics.median(facets):.2f}x"
        )
        start = time.perf_counter()
        top = arc.most_cited("", 10)
        print(
            f"most cited in the archive ({time.perf_counter() - start:.3f} s):"
            f" {', '.join(f'{c.reference_id} {c.within}' for c in top[:5])}"
        )


if __name__ == "__main__":
    main()
