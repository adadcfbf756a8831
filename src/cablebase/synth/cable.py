"""One synthetic cable: its ACP-127 header and its body, in the layout of cables.csv rows.

The layout follows real 2004-2010 rows (08MEXICO23 on the Scoop mirror page): transmission
id, precedence and relay line, ``DE`` line, classification line, DTG, FM/TO/INFO; then the
banner, caveats, E.O., TAGS, SUBJECT, REF, Classified By, numbered paragraphs with portion
marks, page-break lines and the signer. Every choice is drawn from the corpus figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from dataclasses import dataclass

from cablebase.synth.stats import CableId, Draw, Stats, Weighted, read_data
from cablebase.synth.text import TextModel, wrap

__all__ = ["Composer", "Plan", "Post", "posts"]

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_LETTER = {"IMMEDIATE": "O", "PRIORITY": "P", "ROUTINE": "R", "FLASH": "Z"}
_TO_WORD = {"O": " IMMEDIATE", "P": " PRIORITY", "R": "", "Z": " FLASH"}
_BANNER = {
    "UNCLASSIFIED": ("UNCLAS", "ZNR UUUUU ZZH"),
    "CONFIDENTIAL": ("C O N F I D E N T I A L", "ZNY CCCCC ZZH"),
    "SECRET": ("S E C R E T", "ZNY SSSSS ZZH"),
}
_SUBJECT_MARK = {"UNCLASSIFIED": "U", "CONFIDENTIAL": "C", "SECRET": "S"}
# Who classifies: the usual signers of a "Classified By" line (titles, not people).
_TITLES = (
    "Ambassador",
    "DCM",
    "Charge d'Affaires",
    "Political Counselor",
    "Economic Counselor",
    "Pol/Econ Chief",
    "Consul General",
    "Acting DCM",
)
# A teletype page held about this many characters; longer messages went in sections, and
# each section break left a page-break line in the text.
_PAGE_CHARS = 4200
# Numbered paragraphs are all the text generated, while corpus messages also hold headings,
# lists, tables and unnumbered blocks: paragraphs are lengthened by that share, so that the
# mean cable comes out near the corpus mean (stats.corpus_mean_chars, ~6.4 KB).
_LENGTH_SCALE = 1.2


@dataclass(frozen=True, slots=True)
class Post:
    """A sending station as the header and banner name it."""

    station: str
    origin: str
    name: str  # "NEW DELHI": banner, page breaks and REF lines
    sender: str  # "AMEMBASSY NEW DELHI": FM, TO and INFO lines
    routing: str


@functools.cache
def posts(stats: Stats) -> dict[str, Post]:
    """Every station of the package's posts table, with its names and routing indicator."""
    out: dict[str, Post] = {}
    text = read_data("posts.csv").decode("utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        station = row["station"]
        city = row["city"].upper()
        letters = "".join(ch for ch in city if ch.isalpha())
        name = city if letters == station else station
        kind = stats.post_type.get(station, "embassy")
        if station == "STATE":
            sender = "SECSTATE WASHDC"
        elif kind == "consulate":
            sender = f"AMCONSUL {name}"
        elif kind == "mission":
            sender = f"USMISSION {name}"
        else:
            sender = f"AMEMBASSY {name}"
        origin = row["origin"].split("|")[0] or f"Embassy {row['city'] or station.title()}"
        routing = stats.routing.get(station) or f"RUEH{station[:2]}"
        out[station] = Post(station, origin, name, sender, routing)
    return out


@dataclass(frozen=True, slots=True)
class Plan:
    """What the writer decided for one cable before it is written out."""

    cable: CableId
    created: dt.datetime
    classification: str
    references: tuple[CableId, ...]


@dataclass(frozen=True, slots=True)
class Written:
    """One composed cable: the CSV's origin column, its header and its body."""

    origin: str
    header: str
    body: str
    tags: tuple[str, ...]
    subject: str
    paragraphs: int


class Composer:
    """Composes cables; holds the tables that every cable draws from."""

    def __init__(self, stats: Stats, text: TextModel, draw: Draw) -> None:
        self.stats = stats
        self.text = text
        self.draw = draw
        self.posts = posts(stats)
        relays = [p for p in self.posts.values() if p.station != "STATE"]
        # "RUEHNE/AMEMBASSY NEW DELHI": addressees as TO and INFO lines write them
        self._addressees = Weighted.of([(f"{p.routing}/{p.sender}", 1.0) for p in relays])
        self._relay = Weighted.of([(p.routing, 1.0) for p in relays])
        self._mcn = Weighted.of([(f"{n:04d}", 1.0) for n in range(1, 10000)])
        self._titles = Weighted.of([(t, 1.0) for t in _TITLES])
        self._initials = Weighted.of([(chr(c), 1.0) for c in range(65, 91)])

    def post(self, station: str) -> Post:
        found = self.posts.get(station)
        if found is None:  # a station the posts table lacks: name it by its letters
            found = Post(
                station,
                f"Embassy {station.title()}",
                station,
                f"AMEMBASSY {station}",
                f"RUEH{station[:2]}",
            )
            self.posts[station] = found
        return found

    def compose(self, plan: Plan) -> Written:
        post = self.post(plan.cable.station)
        level = plan.classification.split("//")[0]
        level = "UNCLASSIFIED" if level.startswith("UNCLAS") else level
        header = self._header(plan, post, level)
        body, tags, subject, paragraphs = self._body(plan, post, level)
        return Written(post.origin, header, body, tags, subject, paragraphs)

    def _header(self, plan: Plan, post: Post, level: str) -> str:
        s, draw, c = self.stats, self.draw, plan.created
        prec = _LETTER.get(draw(s.precedence), "R")
        n_info = draw(s.info_count)
        mcn = self._mcn
        info = list(dict.fromkeys(draw.many(self._addressees, n_info)))
        lines = [f"VZCZC{draw(s.transmission_prefix)}{draw(mcn)}"]
        if info:
            relays = " ".join(dict.fromkeys(draw.many(self._relay, min(9, n_info))))
            lines.append(f"{prec}{prec} {relays}")
        doy = c.timetuple().tm_yday
        lines.append(f"DE {post.routing} #{plan.cable.serial % 10000:04d}/01 {doy:03d}{c:%H%M}")
        lines.append(_BANNER[level][1])
        lines.append(f"{prec} {c:%d%H%M}Z {_MONTHS[c.month - 1]} {c:%y}")
        if post.station == "STATE":
            lines.append("FM SECSTATE WASHDC")
            lines.append(f"TO {draw(self._addressees)}{_TO_WORD[prec]} {draw(mcn)}")
        else:
            lines.append(f"FM {post.sender}")
            lines.append(f"TO RUEHC/SECSTATE WASHDC{_TO_WORD[prec]} {draw(mcn)}")
        if info:
            serials = draw.many(mcn, len(info))
            lines.append(
                "INFO " + "\n".join(f"{a} {m}" for a, m in zip(info, serials, strict=True))
            )
        return "\n".join(lines)

    def _body(self, plan: Plan, post: Post, level: str) -> tuple[str, tuple[str, ...], str, int]:
        s, draw, c, cls = self.stats, self.draw, plan.created, plan.classification
        rng = draw.rng
        serial = plan.cable.serial
        head: list[str] = [""]  # the banner, written once the number of pages is known
        caveats = []
        if c.year >= 2004:
            caveats.append("SIPDIS")
        if cls.endswith("FOR OFFICIAL USE ONLY"):
            caveats.append("SENSITIVE")
        if cls.endswith("NOFORN"):
            caveats.append("NOFORN")
        if caveats:
            head.append("\n".join(caveats))
        decl = f"DECL: {c:%m/%d}/{c.year + 10}" if level != "UNCLASSIFIED" else "N/A"
        tags = self._tags(post.station)
        sep = " " if c.year >= 2004 else ", "
        topic = self.text.topic(post.station, draw)
        subject = self.text.subject(min(draw(s.subject_words), 10), topic)
        mark = f"({_SUBJECT_MARK[level]}) " if c.year >= 1995 and rng.random() < 0.7 else ""
        head.append(
            f"E.O. {_executive_order(c)}: {decl}\nTAGS: {sep.join(tags)}\nSUBJECT: {mark}{subject}"
        )
        if plan.references:
            items = [
                f"{r.year % 100:02d} {self.post(r.station).name} {r.serial}"
                for r in plan.references
            ]
            if len(items) == 1:
                head.append(f"REF: {items[0]}")
            else:
                lettered = (f"{chr(65 + i)}. {item}" for i, item in enumerate(items))
                head.append("REF: " + "\n     ".join(lettered))
        if level != "UNCLASSIFIED":
            who = draw(s.signers_global).title()
            head.append(
                f"Classified By: {draw(self._titles)} {draw(self._initials)}. {who}, "
                "reasons 1.4 (b) and (d)"
            )
        paragraphs = self._paragraphs(cls, level, c.year, topic)
        # A page-break line between paragraphs every _PAGE_CHARS characters of message.
        message: list[str] = []
        pages, done = 1, 0
        for p in paragraphs:
            if done > _PAGE_CHARS * pages:
                pages += 1
                message.append(f"{post.name} {serial:08d}  {pages:03d} OF @@@")
            done += len(p)
            message.append(p)
        signers = s.signers.get(post.station, s.signers_global)
        message.append(draw(signers))
        section = f" SECTION 01 OF {pages:02d}" if pages > 1 else ""
        head[0] = f"{_BANNER[level][0]}{section} {post.name} {serial:06d}"
        text = wrap("\n\n".join(message))
        if pages > 1:
            text = text.replace("OF @@@", f"OF {pages:03d}")
        return "\n\n".join(head) + "\n\n" + text, tags, subject, len(paragraphs)

    def _tags(self, station: str) -> tuple[str, ...]:
        s, draw = self.stats, self.draw
        k = draw(s.tag_count)
        local = s.tags_by_station.get(station, s.tags_global)
        drawn = draw.many(local, 2 * k) + draw.many(s.tags_global, k)
        geo = s.geo_tag.get(station)
        out = [t for t in dict.fromkeys(drawn) if t != geo][: max(0, k - 1 if geo else k)]
        if geo:
            out.append(geo)
        return tuple(out)

    def _paragraphs(self, cls: str, level: str, year: int, topic: int) -> list[str]:
        s, draw = self.stats, self.draw
        rng = draw.rng
        n = max(1, draw(s.paragraph_count))
        marks = _marks(s, cls, level)
        summary = n >= 3 and rng.random() < s.summary_share
        comment = n >= 3 and rng.random() < s.comment_share
        lengths = draw.many(s.paragraph_words, n)
        marked = draw.many(marks, n)
        paragraph = self.text.paragraph
        out: list[str] = []
        for i in range(1, n + 1):
            text = paragraph(int((lengths[i - 1] + 5) * _LENGTH_SCALE), topic)
            if summary and i == 1:
                text = f"Summary: {text} End Summary."
            elif comment and i == n:
                text = f"Comment: {text} End Comment."
            mark = marked[i - 1]
            out.append(f"{i}. ({mark}) {text}" if mark else f"{i}. {text}")
        if year < 1995:  # teletype-era cables are all capitals
            out = [p.upper() for p in out]
        return out


def _executive_order(c: dt.datetime) -> str:
    # The order in force on the day: 13526 replaced 12958 from mid-2010, and so on back.
    if c >= dt.datetime(2010, 6, 27):
        return "13526"
    if c >= dt.datetime(1995, 10, 14):
        return "12958"
    if c >= dt.datetime(1982, 8, 1):
        return "12356"
    if c >= dt.datetime(1978, 12, 1):
        return "12065"
    return "11652"


@functools.cache
def _marks(stats: Stats, cls: str, level: str) -> Weighted:
    allowed = {"", "U", "SBU"}
    if level in ("CONFIDENTIAL", "SECRET"):
        allowed.add("C")
    if level == "SECRET":
        allowed.add("S")
    if cls.endswith("NOFORN"):
        allowed |= {f"{m}/NF" for m in allowed if m in ("C", "S")}
    table = stats.marks_by_level.get(level) or stats.marks_by_level["UNCLASSIFIED"]
    pairs = [(m, w) for m, w in zip(table.values, table.cum, strict=True)]
    weights: dict[str, float] = {}
    prev = 0.0
    for m, c in pairs:
        if m in allowed:
            weights[m] = c - prev
        prev = c
    return Weighted.of(weights or {"": 1.0})
