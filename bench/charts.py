"""bench/charts: latency of the chart endpoints, beside the search endpoint for the same query.

Starts ``cablebase serve`` over an archive (by default the synthetic 251,287-cable one that
bench/ingest builds), then asks, one request at a time, for each query of bench/web's mix
(a word, two words, a phrase, a word with a tag filter, a word with a year filter): the search
page's JSON (the baseline: top 20 hits with snippets, total, facets) and then each chart of the
same query and filters. Every query is new to the server's caches the first time it is asked,
so the numbers are those of a reader charting a query, not of a cache.

Target (issue 6): every chart endpoint under 100 ms at p95 on the 251,287-cable archive.

    python bench/charts.py [build/bench/archive] [--queries 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe  # bench/machine.py, beside this

from web import free_port, queries, start_server  # bench/web.py, beside this

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 100.0
CHARTS = ("timeline", "map", "tags", "mix", "compare")


def percentile(sorted_ms: list[float], share: float) -> float:
    return sorted_ms[int(share * (len(sorted_ms) - 1))]


def cpu_ns(pid: int) -> int:
    """Time on a CPU of every thread of a process so far, in ns (Linux schedstat).

    On a machine shared with other work a request waits for a core as long as it runs;
    the server's own CPU time per request is what an idle machine would answer in.
    """
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue  # a thread that ended meanwhile
    return total


def measure(base: str, urls: list[str], pid: int) -> dict[str, list[tuple[float, float]]]:
    """(wall ms, server CPU ms) per request, per endpoint; a failed request stops the bench."""
    times: dict[str, list[tuple[float, float]]] = {"search": [], **{k: [] for k in CHARTS}}
    with httpx.Client(timeout=120) as client:
        for i, url in enumerate(urls):
            # compare: this query against the next one of the mix, under this one's filters.
            other = dict(parse_qsl(urls[(i + 1) % len(urls)].lstrip("?")))["q"]
            asks = {"search": f"/search.json{url}&limit=20"}
            asks.update({kind: f"/api/chart/{kind}{url}" for kind in CHARTS})
            asks["compare"] += "&" + urlencode({"q2": other})
            for name, path in asks.items():
                cpu = cpu_ns(pid)
                began = time.perf_counter()
                answer = client.get(base + path)
                wall = (time.perf_counter() - began) * 1000
                times[name].append((wall, (cpu_ns(pid) - cpu) / 1e6))
                if answer.status_code != 200:
                    sys.exit(f"bench/charts: {path} answered {answer.status_code}: {answer.text}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", default=str(ROOT / "build/bench/archive"))
    parser.add_argument("--queries", type=int, default=200, help="queries of the mix to ask")
    args = parser.parse_args()
    archive = Path(args.archive)
    if not (archive / "cables.sqlite").exists():
        sys.exit(f"bench/charts: no archive at {archive}; build one with python bench/ingest.py")
    port = free_port()
    server = start_server(archive, port, workers=1)
    base = f"http://127.0.0.1:{port}"
    try:
        urls = queries(base)[: args.queries]
        httpx.get(f"{base}/api/chart/timeline", timeout=120)  # the archive opened and warm
        times = measure(base, urls, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"bench/charts {date.today()}: {archive}, {len(urls)} queries, one request at a time, "
        f"{describe()}"
    )
    walls = {name: sorted(w for w, _ in measured) for name, measured in times.items()}
    cpus = {name: sorted(c for _, c in measured) for name, measured in times.items()}
    print(
        "| endpoint | requests | p50 ms | p95 ms | p99 ms | p95 / search p95 "
        "| server CPU p50 ms | CPU p95 ms | CPU p95 / search |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in times:
        wall, cpu = walls[name], cpus[name]
        print(
            f"| {name} | {len(wall)} | {statistics.median(wall):.1f} "
            f"| {percentile(wall, 0.95):.1f} | {percentile(wall, 0.99):.1f} "
            f"| {percentile(wall, 0.95) / percentile(walls['search'], 0.95):.2f}x "
            f"| {statistics.median(cpu):.1f} | {percentile(cpu, 0.95):.1f} "
            f"| {percentile(cpu, 0.95) / percentile(cpus['search'], 0.95):.2f}x |"
        )
    worst = max(percentile(walls[kind], 0.95) for kind in CHARTS)
    worst_cpu = max(percentile(cpus[kind], 0.95) for kind in CHARTS)
    verdict = "met" if worst < TARGET_MS else "NOT met"
    print(
        f"target: every chart endpoint p95 < {TARGET_MS:.0f} ms: {verdict} "
        f"(worst p95 {worst:.1f} ms wall, {worst_cpu:.1f} ms of server CPU)"
    )


if __name__ == "__main__":
    main()
