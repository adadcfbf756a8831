"""A tiny hostile cable in the real cables.csv format, written for these tests (not corpus text).

Every field a page shows carries markup that would run script if it were not escaped: the
origin, the TAGS line, the subject and the body. A script that runs sets ``window.__pwned``.
"""

from __future__ import annotations

from pathlib import Path

HOSTILE_ID = "09PARIS9901"
HOSTILE_ORIGIN = "Embassy <script>window.__pwned=1</script>"
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">'
MARKER = "zebrafish"  # a word no real cable uses, so a search finds this cable alone

_HEADER = """R 141022Z MAR 09
FM AMEMBASSY PARIS
TO RUEHC/SECSTATE WASHDC IMMEDIATE 0001
INFO RUEHMD/AMEMBASSY MADRID PRIORITY 0002"""

_BODY = f"""C O N F I D E N T I A L PARIS 009901

SIPDIS

E.O. 12958: DECL: 03/14/2019
TAGS: PREL {PAYLOAD_IMG} FR
SUBJECT: {PAYLOAD_SCRIPT} TALKS ON {PAYLOAD_IMG} FISHERIES

REF: A. 05 PARIS 2333
     B. 09 STATE 77

Classified By: POLITICAL COUNSELOR J. DOE FOR REASONS 1.4 B AND D

1. (C) The {MARKER} talks resumed. {PAYLOAD_IMG} and {PAYLOAD_SCRIPT} end.

2. (U) A second paragraph about the {MARKER} quota.

DOE
"""


def _field(text: str) -> str:
    # cables.csv escapes a quote with a backslash, never by doubling it.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_hostile_csv(directory: Path) -> Path:
    row = [
        "900001",
        "3/14/2009 10:22",
        HOSTILE_ID,
        HOSTILE_ORIGIN,
        "CONFIDENTIAL",
        "05PARIS2333|09STATE77",
        _HEADER,
        _BODY,
    ]
    path = directory / "cables.csv"
    path.write_text(",".join(_field(v) for v in row) + "\n", encoding="utf-8")
    return path
