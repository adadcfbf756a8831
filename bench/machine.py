"""What a benchmark ran on, in one line: the figures only mean something beside it.

Two machines of the same kind ("2 cores, AMD EPYC") have read the same files 2.6x apart, and
the same machine gives other numbers when other jobs share its cores, so every benchmark
prints the processor's model, the one-minute load average, and the interpreter.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path


def processor() -> str:
    """The processor's model name with its family and model numbers, from /proc/cpuinfo."""
    fields: dict[str, str] = {}
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or platform.machine()
    for line in text.split("\n\n", 1)[0].splitlines():
        key, _, value = line.partition(":")
        fields.setdefault(key.strip(), value.strip())
    name = fields.get("model name") or platform.machine()
    if "cpu family" in fields and "model" in fields:
        name += f" (family {fields['cpu family']}, model {fields['model']})"
    return name


def describe() -> str:
    """`machine: <processor>, N cores, M GiB RAM, load L, Python X` for a benchmark's header."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[0]
    return (
        f"machine: {processor()}, {os.cpu_count()} cores, {memory:.1f} GiB RAM,"
        f" load {load:.1f}, Python {platform.python_version()}"
    )
