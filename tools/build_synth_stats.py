"""Build src/cablebase/data/synth-stats.json.gz: the figures behind ``cablebase synth``.

Run by hand when the corpus changes; the output is committed:

    python tools/build_synth_stats.py [--corpus ../shared/corpus] [--reference ../shared/reference]

Every corpus cable is read and parsed with cablebase itself, and only counts are kept:
distributions (classification by year, precedence, TAGS per station, numbers of references,
paragraphs, words), a word-bigram model and topics. No sentence is stored: the generator
walks the bigram model, so its text is random word sequences, never corpus text.

Topics make the text bursty as real cables are: a cable is about something, so a word such as
"refinery" or a country's name fills some cables and is absent from the rest. The cables are
clustered (spherical k-means over tf-idf word vectors), and each topic keeps only figures: how
much more often than overall each of its marked words occurs (its lift), and how often each
station wrote on it. The generator walks the bigram model with the successors of its topic's
words weighted up by their lift. Words too rare for the pair model are kept as word lists per
topic (the long tail of names and rare terms), without counts or context.
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

import numpy as np

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
# A word pair is kept when the corpus holds it this often: rarer pairs would make the model a
# list of one-off phrases, and the file large.
PAIR_MIN = 2
TOPICS = 48
TOPIC_WORDS = 600  # marked words kept per topic
TOPIC_LIFT_MIN = 2.0
FEATURES = 3000  # words that place a cable in a topic
_WORD = re.compile(r"[a-z]{3,}")
# Tokens the generator must never emit inside running text, because the parser reads them
# as structure: paragraph numbers ("5."), portion marks, preamble labels, banners, furniture
# (the teletype's distribution lists, "LOG-00 AID-00", are furniture, not text).
_BANNED = re.compile(
    r"^\d{1,3}[.)]|^0|[()\\#>¶_=*/]|--|SUMMAR|COMMENT|^REF|TAGS|SUBJ|E\.O|CLASSIF|CONFIDENTIAL|"
    r"SECRET|UNCLAS|NOFORN|SIPDIS|SENSITIVE|^PAGE$|^SECTION$|^END$|^BT$|^NNNN|^PARA|^NOTAL|"
    r"^[A-Z]+-\d\d$",
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


def topics_of(bags: list[Counter[str]], k: int) -> list[int]:
    """The topic of each cable: spherical k-means over tf-idf vectors of its words.

    Features are the FEATURES most widespread words below a fifth of the cables (the very
    common ones say nothing of a topic). Seeded, so a rebuild gives the same topics.
    """
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    features = [w for w, d in df.most_common() if d < 0.2 * n][:FEATURES]
    column = {w: i for i, w in enumerate(features)}
    x = np.zeros((n, len(features)), np.float32)
    for row, bag in enumerate(bags):
        for w, c in bag.items():
            j = column.get(w)
            if j is not None:
                x[row, j] = 1 + np.log(c)
    x *= np.log(n / np.array([df[w] for w in features], np.float32))
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(0)
    centres = x[rng.choice(n, k, replace=False)]
    label = np.zeros(n, np.int64)
    for _ in range(20):
        sim = x @ centres.T
        label = sim.argmax(1)
        for t in range(k):
            if not (label == t).any():
                # an emptied topic takes the worse-fitting half of the largest one
                big = int(np.bincount(label, minlength=k).argmax())
                members = np.flatnonzero(label == big)
                label[members[np.argsort(sim[members, big])[: len(members) // 2]]] = t
            mean = x[label == t].sum(0)
            centres[t] = mean / (np.linalg.norm(mean) + 1e-9)
    return [int(t) for t in (x @ centres.T).argmax(1)]


def topic_lifts(bags: list[Counter[str]], label: list[int], keys: list[str]) -> list[list[int]]:
    """Per topic, [word id, lift x 10, ...] for the words it uses far more than overall.

    A word's lift is its share of the topic's words over its share of all words (smoothed,
    so that a word seen twice does not get a lift of hundreds). Every spelling of a word
    ("Iraq", "Iraq,", "Iraq's") is marked with its key's lift.
    """
    total: Counter[str] = Counter()
    per: list[Counter[str]] = [Counter() for _ in range(max(label) + 1)]
    for bag, t in zip(bags, label, strict=True):
        total.update(bag)
        per[t].update(bag)
    grand = sum(total.values())
    spellings: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if key:
            spellings[key].append(i)
    out: list[list[int]] = []
    for counts in per:
        size = sum(counts.values())
        scored = []
        for key, c in counts.items():
            if key not in spellings or c < 5:
                continue
            lift = ((c + 1) / size) / ((total[key] + 20) / grand)
            if lift >= TOPIC_LIFT_MIN:
                scored.append((c * np.log(lift), key, lift))
        scored.sort(reverse=True)
        flat: list[int] = []
        for _, key, lift in scored[:TOPIC_WORDS]:
            for i in spellings[key]:
                flat += [i, round(min(lift, 100.0) * 10)]
        out.append(flat)
    return out


def _key(token: str) -> str:
    found = _WORD.search(token.lower())
    return found.group() if found else ""


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
    bags: list[Counter[str]] = []
    bag_station: list[str] = []
    seen_in: dict[str, int] = {}  # the last cable each token was seen in
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
        bag: Counter[str] = Counter()
        bags.append(bag)
        bag_station.append(station)
        for p in numbered:
            bag.update(_WORD.findall(p.text.lower()))
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
                    seen_in[tok] = len(bags) - 1
                    if prev:
                        bigram[prev, tok] += 1
                    elif run == 1:
                        starts[tok] += 1
                prev = tok
                if raw_tok.endswith((".", "?", "!")):
                    sent_words[min(run, 60)] += 1
                    run = 0
                    prev = ""
    kept = {pair: n for pair, n in bigram.items() if n >= PAIR_MIN}
    used: Counter[str] = Counter()
    for a, b in kept:
        used[a] = unigram[a]
        used[b] = unigram[b]
    vocab = [w for w, _ in used.most_common()]
    index = {w: i for i, w in enumerate(vocab)}
    rows: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (a, b), n in kept.items():
        rows[index[a]].append((index[b], n))
    # Rows as three flat lists: each word's number of successors, then the successors' ids
    # (each row sorted, written as steps from the one before: small numbers pack well), then
    # their counts.
    next_len: list[int] = []
    next_word: list[int] = []
    next_count: list[int] = []
    for i in range(len(vocab)):
        row = sorted(rows.get(i, []))
        next_len.append(len(row))
        prev = 0
        for j, n in row:
            next_word.append(j - prev)
            next_count.append(n)
            prev = j
    start = [
        v
        for w, n in starts.most_common(2000)
        if w in index and w[:1].isupper()
        for v in (index[w], n)
    ]
    label = topics_of(bags, TOPICS)
    station_topics: dict[str, Counter[int]] = defaultdict(Counter)
    for st, t in zip(bag_station, label, strict=True):
        station_topics[st][t] += 1
    keys = [_key(w) for w in vocab]
    # The long tail: words too rare for the pair model (names, places, rare terms), kept as
    # word lists of the topic of the cable they were last seen in.
    tail: list[set[str]] = [set() for _ in range(TOPICS)]
    for tok, cable_no in seen_in.items():
        if tok not in index and tok.isalpha() and len(tok) >= 3 and not tok.isupper():
            tail[label[cable_no]].add(tok)
    posts = list(csv.DictReader((reference / "posts.csv").open(encoding="utf-8")))
    geo = {p["station"]: p["fips"] for p in posts if p["fips"]}
    return {
        "version": 2,
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
        "next_len": next_len,
        "next_word": next_word,
        "next_count": next_count,
        "topic_size": [label.count(t) for t in range(TOPICS)],
        "topic_lift": topic_lifts(bags, label, keys),
        "topic_tail": [" ".join(sorted(words)) for words in tail],
        "station_topics": {
            st: [v for t, n in c.most_common() for v in (t, n)]
            for st, c in sorted(station_topics.items())
        },
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
