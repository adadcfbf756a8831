"""A handful of cables in the real cables.csv format, written for these tests (not corpus
text): GOM and GOI defined by several posts, each meaning its own host government."""

from __future__ import annotations

from pathlib import Path

# (reference id, origin, what the body says)
CABLES = [
    (
        "09MEXICO9901",
        "Embassy Mexico",
        "The Government of Mexico (GOM) announced a plan for the border. The GOM will pay"
        " for it. Nongovernmental organizations (NGOs) welcomed the plan.",
    ),
    (
        "09MEXICO9902",
        "Embassy Mexico",
        "GOM (Government of Mexico) officials met the Ambassador on the plan.",
    ),
    ("09MEXICO9903", "Embassy Mexico", "The GOM raised steel tariffs again."),
    (
        "09NEWDELHI9901",
        "Embassy New Delhi",
        "The Government of India (GOI) answered quickly. The GOI has no objection.",
    ),
    ("09JAKARTA9901", "Embassy Jakarta", "GOI (Government of Indonesia) officials agreed."),
    ("09TELAVIV9901", "Embassy Tel Aviv", "The Government of Israel (GOI) will reply."),
    ("09TELAVIV9902", "Embassy Tel Aviv", "A note from the Government of Israel (GOI) came."),
    ("09LILONGWE9901", "Embassy Lilongwe", "The GOM raised the maize price."),
    ("09BAGHDAD9901", "Embassy Baghdad", "Units of Multi-National Force-Iraq (MNF-I) left."),
]


def _field(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cable_row(number: int, reference_id: str, origin: str, text: str) -> str:
    station = origin.split()[-1].upper()
    header = f"R 141022Z MAR 09\nFM AMEMBASSY {station}\nTO RUEHC/SECSTATE WASHDC 0001"
    body = (
        f"UNCLAS {station} 00{number}\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PREL ECON\n"
        f"SUBJECT: NOTES FROM {station}\n\n1. (SBU) {text}\n\n2. (U) Nothing more.\n\nDOE\n"
    )
    row = [str(800000 + number), "3/14/2009 10:22", reference_id, origin, "UNCLASSIFIED", ""]
    return ",".join(_field(v) for v in [*row, header, body]) + "\n"


def write_cables(path: Path, cables: list[tuple[str, str, str]] = CABLES) -> Path:
    path.write_text(
        "".join(cable_row(n, *cable) for n, cable in enumerate(cables, start=1)),
        encoding="utf-8",
    )
    return path
