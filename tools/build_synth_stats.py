"""Build src/cablebase/data/synth-stats.json.gz: the figures behind ``cablebase synth``.

Run by hand when the corpus changes; the output is committed:

    python tools/build_synth_stats.py [--corpus ../shared/corpus] [--reference ../shared/reference]

Every corpus cable is read and parsed with cablebase itself, and only counts are kept:
distributions (classification by year, precedence, TAGS per station, numbers of references,
paragraphs, words), and a word-frequency / word-bigram model. No sentence is stored: the
generator walks the bigram model, so its text is random word sequences, never corpus text.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from cablebase.model import RawCable
from cablebase.parse import parse_cable
from cablebase.sources import read_paths

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "cablebase" / "data" / "synth-stats.json.gz"
CLASSIFICATIONS = (
    "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "CONFIDENTIAL",
    "CONFIDENTIAL//NOFORN",
    "SECRET",
    "SECRET//NOFORN",
)
VOCAB = 9000
SUCCESSORS = 24
# Tokens the generator must never emit inside running text, because the parser reads them
# as structure: paragraph numbers ("5."), portion marks, preamble labels, banners, furniture.
_BANNED = re.compile(
    r"^\d{1,3}[.)]|^0|[()\\#>¶_=*/]|--|SUMMAR|COMMENT|^REF|TAGS|SUBJ|E\.O|CLASSIF|CONFIDENTIAL|"
    r"SECRET|UNCLAS|NOFORN|SIPDIS|SENSITIVE|^PAGE$|^SECTION$|^END$|^BT$|^NNNN|^PARA|^NOTAL",
    re.IGNORECASE,
)
_TOKEN_OK = re.compile(r"^[\"']?[A-Za-z0-9][A-Za-z0-9,.'\-:;\"%$]*$")
_TAG = re.compile(r"^[A-Z]{2,6}$")
_SIGNER = re.compile(r"^[A-Z][A-Z'-]{2,20}$")


_SYLLABLES = (
    "BAR",
    "KEL",
    "MOR",
    "TAN",
    "VIL",
    "DEN",
    "SOR",
    "LAN",
    "PER",
    "GUL",
    "RIN",
    "HOL",
    "MAS",
    "TEV",
    "NOR",
    "CAL",
    "FEN",
    "DUR",
    "WES",
    "BRO",
)


def pseudonym(surname: str) -> str:
    """A made-up surname that stands for a real one, the same each time.

    Synthetic cables carry random text; signing it with the names of real diplomats would
    put words in their mouths. The counts per post are kept, the names are not.
    """
    digest = hashlib.sha256(surname.encode("utf-8")).digest()
    return "".join(_SYLLABLES[b % len(_SYLLABLES)] for b in digest[:2]) + "SON"[: 1 + digest[2] % 3]


def _hist(counter: Counter[int], cap: int) -> dict[str, int]:
    out: Counter[int] = Counter()
    for k, v in counter.items():
        out[min(k, cap)] += v
    return {str(k): v for k, v in sorted(out.items())}


def _first(values: str) -> str:
    return values.split("|")[0]


def _ok_token(tok: str) -> bool:
    return bool(_TOKEN_OK.match(tok)) and not _BANNED.search(tok) and len(tok) <= 24


def build(corpus: Path, reference: Path) -> dict[str, object]:
    by_year: dict[int, Counter[str]] = defaultdict(Counter)
    precedence: Counter[str] = Counter()
    tags_by_station: dict[str, Counter[str]] = defaultdict(Counter)
    tags_global: Counter[str] = Counter()
    tag_count: Counter[int] = Counter()
    ref_count: Counter[int] = Counter()
    par_count: Counter[int] = Counter()
    par_words: Counter[int] = Counter()
    sent_words: Counter[int] = Counter()
    subject_words: Counter[int] = Counter()
    info_count: Counter[int] = Counter()
    marks: dict[str, Counter[str]] = defaultdict(Counter)
    signers: dict[str, Counter[str]] = defaultdict(Counter)
    prefixes: Counter[str] = Counter()
    unigram: Counter[str] = Counter()
    bigram: Counter[tuple[str, str]] = Counter()
    starts: Counter[str] = Counter()
    full = summaries = comments = 0
    text_chars = text_words = 0
    lengths: list[int] = []
    for item in read_paths(
        [corpus / "cables-csv" / "cables.sample.csv", corpus / "cablegate-html"]
    ):
        if not isinstance(item, RawCable):
            continue
        cable = parse_cable(item)
        year = int(cable.created[:4]) if cable.created else None
        if cable.classification in CLASSIFICATIONS and year:
            by_year[year][cable.classification] += 1
        if cable.precedence:
            precedence[cable.precedence] += 1
        station = re.sub(r"^\d+|\d+$", "", cable.reference_id)
        good_tags = [t for t in cable.tags if _TAG.match(t)]
        if good_tags:
            tag_count[len(good_tags)] += 1
            tags_by_station[station].update(good_tags)
            tags_global.update(good_tags)
        if not cable.paragraphs:
            continue
        full += 1
        lengths.append(len(item.header) + len(item.body))
        ref_count[sum(1 for r in cable.references if r.reference_id)] += 1
        numbered = [p for p in cable.paragraphs if p.number]
        par_count[len(numbered)] += 1
        summaries += cable.summary is not None
        comments += cable.comment is not None
        info_count[len(cable.info)] += 1
        if cable.transmission_id and cable.transmission_id.startswith("VZCZC"):
            prefixes[cable.transmission_id[5:8]] += 1
        if cable.subject:
            subject_words[len(cable.subject.split())] += 1
        level = cable.classification_level.value if cable.classification_level else ""
        for sig in cable.signers:
            last = sig.split()[-1] if sig.split() else ""
            if _SIGNER.match(last):
                signers[station][pseudonym(last)] += 1
        for p in numbered:
            marks[level][(p.marking or "").upper()] += 1
            words = p.text.split()
            par_words[len(words) // 10 * 10] += 1
            text_chars += len(p.text)
            text_words += len(words)
            if p.text.isupper():
                # All-capitals text (teletype era) would give every word two entries; the
                # generator upper-cases text of those years instead.
                continue
            run = 0
            prev = ""
            for raw_tok in words:
                tok = raw_tok if _ok_token(raw_tok) else ""
                run += 1
                if tok:
                    unigram[tok] += 1
                    if prev:
                        bigram[prev, tok] += 1
                    elif run == 1:
                        starts[tok] += 1
                prev = tok
                if raw_tok.endswith((".", "?", "!")):
                    sent_words[min(run, 60)] += 1
                    run = 0
                    prev = ""
    vocab = [w for w, _ in unigram.most_common(VOCAB)]
    index = {w: i for i, w in enumerate(vocab)}
    successors: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (a, b), n in bigram.items():
        if a in index and b in index and n >= 2:
            successors[index[a]].append((index[b], n))
    nxt: list[list[int]] = []
    for i in range(len(vocab)):
        best = sorted(successors.get(i, []), key=lambda x: -x[1])[:SUCCESSORS]
        nxt.append([v for pair in best for v in pair])
    start = [
        v
        for w, n in starts.most_common(800)
        if w in index and w[:1].isupper()
        for v in (index[w], n)
    ]
    posts = list(csv.DictReader((reference / "posts.csv").open(encoding="utf-8")))
    geo = {p["station"]: p["fips"] for p in posts if p["fips"]}
    return {
        "version": 1,
        "source": "counts over shared/corpus (cables.sample.csv, cablegate-html)",
        "classification_by_year": {
            str(y): dict(c.most_common()) for y, c in sorted(by_year.items())
        },
        "precedence": dict(precedence.most_common()),
        "tags_by_station": {
            s: [v for t, n in c.most_common(24) for v in (t, n)]
            for s, c in sorted(tags_by_station.items())
            if sum(c.values()) >= 8
        },
        "tags_global": [v for t, n in tags_global.most_common(400) if len(t) > 2 for v in (t, n)],
        "geo_tag": geo,
        # DE-line routing indicator and FM-line wording per station (facts from posts.csv)
        "routing": {
            p["station"]: _first(p["routing_indicator_observed"] or p["routing_indicator_acp"])
            for p in posts
            if p["routing_indicator_observed"] or p["routing_indicator_acp"]
        },
        "post_type": {p["station"]: p["post_type"] for p in posts if p["post_type"]},
        "tag_count": _hist(tag_count, 10),
        "ref_count": _hist(ref_count, 6),
        "paragraph_count": _hist(par_count, 40),
        "paragraph_words": _hist(par_words, 300),
        "sentence_words": _hist(sent_words, 60),
        "subject_words": _hist(subject_words, 14),
        "info_count": _hist(info_count, 30),
        "marks_by_level": {lv: dict(c.most_common(8)) for lv, c in sorted(marks.items()) if lv},
        "summary_share": round(summaries / full, 4),
        "comment_share": round(comments / full, 4),
        "signers": {
            s: [v for t, n in c.most_common(4) for v in (t, n)] for s, c in sorted(signers.items())
        },
        "transmission_prefix": dict(prefixes.most_common(30)),
        "corpus_full_cables": full,
        "corpus_mean_chars": round(sum(lengths) / max(1, len(lengths))),
        "chars_per_word": round(text_chars / max(1, text_words), 3),
        "words": vocab,
        "start": start,
        "next": nxt,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    stats = build(args.corpus, args.reference)
    text = json.dumps(stats, separators=(",", ":"), ensure_ascii=False)
    # mtime=0: the same corpus gives the same bytes, so the committed file only changes
    # when the figures do.
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(stats['words'])} words)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
