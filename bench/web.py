"""bench/web: search requests per second and latency of the reading room, over loopback.

Starts ``cablebase serve`` on a free port over an archive, then a load generator (httpx on
asyncio, one process, a fixed number of connections kept busy) asks the search pages for a
mix of queries drawn from the archive's own facets and words: a word, two words, a phrase,
a tag filter, a word with a year filter. Each request is what a reader's page needs: the top
20 hits with snippets, the total, facet counts and the years histogram. The JSON pages are
measured, then the HTML pages (the same work plus the template), each for ``--seconds``,
over 5,000 distinct URLs: the server keeps the facet counts of its recent queries, and a
short list cycled for seconds would measure that. A last run cycles 50 URLs, what readers
paging or re-sorting the same queries get. A warm-up pass goes first.

The load comes from Debian's ``wrk`` when it is installed (``apt-get install wrk``): a C
client that leaves the cores to the server. Without it, httpx on asyncio in this process.

Target (issue 4): at least 300 search requests/s with p95 <= 100 ms on this 2-core machine.
The client shares the machine with the server, so the number is a floor for the server.

    python bench/web.py [build/bench/archive] [--seconds 20] [--connections 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import quote

import httpx
from machine import describe  # bench/machine.py, beside this

from cablebase.service import Archive

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[a-z]{3,}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(archive: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "cablebase", "serve", "--archive", str(archive)]
    command += ["--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300  # opening a large archive may bring its index up to date
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/about.json", timeout=60).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"bench/web: the server did not start over {archive}")


def vocabulary(archive: Path, sample: int = 3000) -> list[str]:
    """Words of the archive's own texts, from frequent to rare (the near-universal header
    words left out), read from a sample of its cables."""
    counts: Counter[str] = Counter()
    with Archive.open(archive) as opened:
        records = opened.store.current_records()
        for _, (_, record) in zip(range(sample), records, strict=False):
            counts.update(set(WORD.findall(record["body"].lower())))
    ranked = [w for w, n in counts.most_common() if n > 1]
    return ranked[20:3000]


def queries(base: str, words: list[str], count: int, seed: int = 0) -> list[str]:
    """``count`` search URLs built from the archive's words, top tags and years.

    Distinct URLs: the server keeps the facet counts of its recent queries, so a short list
    cycled for seconds would measure that cache rather than the search."""
    rng = random.Random(seed)
    about = httpx.get(f"{base}/about.json", timeout=60).json()
    tags = [t["code"] for t in about["tags"][:30]] or ["PREL"]
    years = [y["year"] for y in about["by_year"]] or [2008]
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        kind = rng.randrange(5)
        word = rng.choice(words)
        if kind == 0:
            q, f = word, ""
        elif kind == 1:
            q, f = f"{word} {rng.choice(words)}", ""
        elif kind == 2:
            q, f = f'"{word} {rng.choice(words)}"', ""
        elif kind == 3:
            q, f = word, f"tag:{rng.choice(tags)}"
        else:
            q, f = word, f"date:{rng.choice(years)}"
        url = f"?q={quote(q)}" + (f"&f={quote(f)}" if f else "")
        if url not in seen:
            seen.add(url)
            out.append(url)
    return out


async def load(
    base: str, path: str, urls: list[str], seconds: float, connections: int
) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)

    async def worker(client: httpx.AsyncClient, start: int) -> None:
        nonlocal errors
        i = start
        while time.perf_counter() < stop:
            url = f"{base}{path}{urls[i % len(urls)]}"
            i += connections
            began = time.perf_counter()
            try:
                answer = await client.get(url)
                errors += answer.status_code != 200
            except httpx.TransportError:  # a server that fails a request may drop it
                errors += 1
            latencies.append(time.perf_counter() - began)

    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        began = time.perf_counter()
        await asyncio.gather(*(worker(client, n) for n in range(connections)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "p99": latencies[int(0.99 * (len(latencies) - 1))] * 1000,
    }


_WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("CABLEBASE_BENCH_URLS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %.3f %.3f %.3f\\n", summary.requests,
    summary.duration, summary.errors.status + summary.errors.connect + summary.errors.read,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def load_wrk(
    base: str, path: str, urls: list[str], seconds: float, connections: int
) -> dict[str, float]:
    """The same load from wrk (C, one thread): a client that costs the server little CPU."""
    with tempfile.TemporaryDirectory() as work:
        listing = Path(work) / "urls.txt"
        listing.write_text("".join(f"{path}{u}\n" for u in urls), encoding="utf-8")
        script = Path(work) / "paths.lua"
        script.write_text(_WRK_SCRIPT, encoding="utf-8")
        command = ["wrk", "-t1", f"-c{connections}", f"-d{int(seconds)}s", "-s", str(script), base]
        env = {**os.environ, "CABLEBASE_BENCH_URLS": str(listing)}
        out = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    requests, micros, errors, p50, p95, p99 = line.split()[1:]
    return {
        "requests": int(requests),
        "errors": int(errors),
        "rps": int(requests) / (int(micros) / 1e6),
        "p50": float(p50),
        "p95": float(p95),
        "p99": float(p99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", type=Path, default=ROOT / "build/bench/archive")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--client", choices=("wrk", "httpx"), default=None)
    parser.add_argument("--urls", type=int, default=5000, help="distinct search URLs cycled")
    args = parser.parse_args()
    client = args.client or ("wrk" if shutil.which("wrk") else "httpx")

    def measure(path: str, urls: list[str], seconds: float) -> dict[str, float]:
        if client == "wrk":
            return load_wrk(base, path, urls, seconds, args.connections)
        return asyncio.run(load(base, path, urls, seconds, args.connections))

    port = free_port()
    server = start_server(args.archive, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        urls = queries(base, vocabulary(args.archive), args.urls)
        cables = httpx.get(f"{base}/about.json", timeout=60).json()["cables"]
        print(
            f"bench/web {date.today()} · {describe()} · "
            f"{cables:,} cables in {args.archive} · {args.connections} connections · "
            f"{args.workers} server processes · client {client}"
        )
        # Baseline, same server, same client: a static file, what the HTTP stack alone costs.
        static = ["?v=1"]
        floor = measure("/static/reading-room.css", static, 5.0)
        print(
            f"{'baseline static':18} {floor['rps']:7.1f} req/s  p50 {floor['p50']:6.1f} ms"
            f"  p95 {floor['p95']:6.1f} ms (the ceiling of this server and client)"
        )
        measure("/search.json", urls[::-1], min(5.0, args.seconds))  # warm-up
        runs = (
            ("JSON /search.json", "/search.json", urls),
            ("HTML /search", "/search", urls[1::2]),
            # What readers paging or re-sorting the same few queries get: the kept counts.
            ("JSON, 50 URLs", "/search.json", urls[:50]),
        )
        for label, path, batch in runs:
            r = measure(path, batch, args.seconds)
            verdict = "meets" if r["rps"] >= 300 and r["p95"] <= 100 else "misses"
            print(
                f"{label:18} {r['rps']:7.1f} req/s  p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms"
                f"  p99 {r['p99']:6.1f} ms  {int(r['requests']):,} requests,"
                f" {int(r['errors'])} errors"
                f"  ({verdict} the target: >= 300 req/s, p95 <= 100 ms)"
                f"  | {r['rps'] / floor['rps']:.2f} of the static baseline"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
