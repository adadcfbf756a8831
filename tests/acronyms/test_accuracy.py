"""Precision of the learned expansions on a hand-checked sample (docs/accuracy.md).

``acronym_sample.csv`` holds learned (origin, acronym, expansion) entries drawn from the
corpus, stratified: frequent ones (3 cables or more), rare ones (1 or 2 cables), the
per-origin government acronyms (GOI is Iraq in Baghdad's cables, Ireland in Dublin's), and
a further draw from all entries (``random``).
Each was judged by reading the cable it was learned from (``read_in``). This test mines the
corpus again: every sampled entry must still be learned (a few may drop out when the miner
changes; they are counted apart), and the share judged correct must stay at 90 % or more.
Run with ``-s`` to see the numbers.
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from pathlib import Path

from cablebase.acronyms.forms import acronym_key, expansion_key
from cablebase.acronyms.mine import mine
from cablebase.model import Cable, RawCable

SAMPLE = Path(__file__).with_name("acronym_sample.csv")
MIN_PRECISION = 0.90
MAX_DROPPED = 0.05  # sampled entries the miner no longer learns, as a share of the sample


def _learned(records: list[tuple[RawCable, Cable]]) -> dict[tuple[str, str, str], int]:
    """Cables per (origin, acronym key, expansion key), one current record per cable."""
    current = {cable.reference_id: cable for _, cable in records}
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for cable in current.values():
        for d in mine(cable.body):
            counts[(cable.origin or "", d.acronym_key, d.expansion_key)] += 1
    return counts


def test_precision_of_learned_expansions(corpus_records: list[tuple[RawCable, Cable]]) -> None:
    with SAMPLE.open(newline="", encoding="utf-8") as f:
        sample = list(csv.DictReader(f))
    learned = _learned(corpus_records)
    kept, dropped = [], []
    for row in sample:
        assert row["correct"] in ("yes", "no"), row
        keys = {
            (row["origin"], acronym_key(row["acronym"]), expansion_key(row["expansion"], plural))
            for plural in (False, True)
        }
        (kept if keys & learned.keys() else dropped).append(row)
    correct = sum(row["correct"] == "yes" for row in kept)
    precision = correct / len(kept)
    strata: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in kept:
        strata[row["stratum"]][0] += row["correct"] == "yes"
        strata[row["stratum"]][1] += 1
    print(
        f"\nacronym sample: {len(sample)} entries, {len(kept)} still learned, "
        f"{len(dropped)} no longer learned; {correct} correct: precision {precision:.1%}"
    )
    for name, (good, total) in sorted(strata.items()):
        print(f"  {name}: {good}/{total}")
    assert len(sample) >= 100
    assert len(dropped) <= MAX_DROPPED * len(sample), [r["acronym"] for r in dropped]
    assert precision >= MIN_PRECISION
    # The per-origin cases are among them: GOI in four origins at least, meaning four things.
    goi = {(r["origin"], r["expansion"]) for r in kept if r["acronym"].upper() == "GOI"}
    assert len({o for o, _ in goi}) >= 4 and len({e for _, e in goi}) >= 4, goi


def test_mining_speed(corpus_records: list[tuple[RawCable, Cable]]) -> None:
    """Mining runs on every cable at ingest: it must cost little beside parsing."""
    bodies = [cable.body for _, cable in corpus_records]
    started = time.perf_counter()
    for body in bodies:
        mine(body)
    per_cable = (time.perf_counter() - started) / len(bodies)
    print(f"\nmining: {per_cable * 1e6:.0f} µs per cable over {len(bodies):,} cables")
    assert per_cable < 0.005  # a generous bound on a loaded machine; parsing costs more
