"""Raw cable in, exact record out: the one place where header, preamble and message meet.

Values published by the wrapper (the CSV columns, the HTML metadata table) win over values
read from the text, because they are what researchers cite; the text fills in what the
wrapper lacks, and every disagreement that matters becomes a parse issue, never a silent fix.
"""

from __future__ import annotations

import functools
import hashlib
import re

from cablebase.model import Cable, ClassificationLevel, ParseIssue, RawCable, Reference
from cablebase.parse import fields as F
from cablebase.parse import furniture as FU
from cablebase.parse import lines as L
from cablebase.parse import message as M
from cablebase.parse import sections as S
from cablebase.parse.dates import normalise_created
from cablebase.parse.header import Header, parse_header
from cablebase.parse.posts import origin_for_station
from cablebase.parse.preamble import Preamble, read_preamble, repeat_introduction
from cablebase.parse.reference_id import canonical_reference_id
from cablebase.parse.references import parse_references
from cablebase.parse.signature import split_signers

_LEVELS = {level.value: level for level in ClassificationLevel}
# Cablegate's six published values and the older LOU marking; LOU is an unclassified
# handling restriction, so its level is UNCLASSIFIED and the words are kept as a caveat.
_LEVEL_ALIASES = {"UNCLAS": "UNCLASSIFIED", "LIMITED OFFICIAL USE": "UNCLASSIFIED"}
# "MEXICO 000023" at the end of a banner: station and serial of the cable itself.
_BANNER_ID = re.compile(r"\b(?P<station>[A-Z][A-Z .'-]*?)\s+0*(?P<serial>\d{1,6})\s*(?:\S+\s*)?$")
# Whitespace-collapsed exports (the first-day JSON) lost their line breaks; these markers
# start a line in every real cable, so a break is put back before them for parsing only.
_PREAMBLE_SPAN = 2500
_GLUED_FIELD = re.compile(
    r"(?<=\S)[ \t]+(?=(?:TAGS?|SUBJECT)[ \t]*:)|(?<=\S)[ \t]*(?=E\.O\.[ \t]?\d{5}\b)",
    re.IGNORECASE,
)
_COLLAPSED_MARKERS = re.compile(
    r"\s*(¶|(?:E\.\s?O\.\s?\d{5}|(?<![A-Za-z])EO \d{5}|TAGS?:|TAGS (?=[A-Z]{2,5}\b)|SUBJECT:|"
    r"SUBJ:|(?<![A-Za-z])REFS?:|S E C R E T|C O N F I D E N T I A L|U N C L A S|"
    r"(?<![A-Za-z])CLASSIFIED BY\b))",
    re.IGNORECASE,
)
# The same export glued the header lines together ("...BERLINTO RUEHC/SECSTATE WASHDC 5009INFO
# RUEHZL/..."): the ACP-127 line starts are put back on lines of their own.
_COLLAPSED_HEADER = re.compile(
    r"(?<=VZCZC[A-Z]{3}\d{4})|(?<=.)(?=VZCZC)"
    r"|(?<=\S)(?=(?:RR|PP|OO|ZZ|OP|PR) R[A-Z]{3,5}\b|DE R[A-Z]{3,6} #|"
    r"ZN[YR] [UCSTE]{5}|[ZOPR] (?:[ZOPR] )?\d{6}Z [A-Z]{3} \d{2}|FM |TO |INFO |XMT |BT\b|"
    r"R[A-Z]{3,6}/)"
)


def parse_cable(raw: RawCable) -> Cable:
    """Parse one raw cable. Never raises on text: problems become ``issues``."""
    issues = list(raw.issues)
    meta = raw.meta
    body_text, shown = _unfold(raw.body)
    if (tail := _banner_in_header(raw.header)) is not None and not _BANNER_START.match(body_text):
        # PlusD pages put the banner and the E.O./TAGS/SUBJECT lines in the header pane:
        # the body of the cable begins at that banner.
        body_text = tail + "\n" + body_text
    body_lines = body_text.split("\n")
    preamble = read_preamble(body_lines)
    if raw.header.strip():
        header = _wrapper_header(raw.header)
    else:
        header = parse_header("\n".join(_lines_before_banner(body_lines)))
    if not header.from_ and not header.dtg and (repeated := _repeated_header(body_text)):
        # Partial extracts lost their header, but section 2 of the cable repeats it.
        partial = header.is_partial
        header = parse_header(repeated)
        header.is_partial = header.is_partial or partial
    issues.extend(ParseIssue("dtg", p) for p in header.problems)

    reference_id, published_id = _identify(raw, header, preamble, issues)
    # Readers flag wrappers whose printed times are wrong (the Dec 2010 minutes bug).
    trust_time = meta.get("minutes_bug") != "yes"
    created = normalise_created(meta.get("created"), trust_time, header.dtg_iso)
    if created is None and header.dtg_iso is not None:
        created = header.dtg_iso
    if created is None:
        issues.append(ParseIssue("created", "no creation date in the wrapper or the DTG"))
    released = normalise_created(meta.get("released"), trust_time, None)

    classification, level, caveats = _classification(meta.get("classification"), preamble)
    eo_text = preamble.fields.get("eo", [""])[0]
    eo = F.executive_order(eo_text) if eo_text else F.ExecutiveOrder(None, None, None)

    tags: list[str] = []
    for text in preamble.fields.get("tags", []):
        tags.extend(t for t in F.tags(text) if t not in tags)
    if meta.get("tag_links"):
        # The site's TAGS line is a row of links, one per tag: the link list is exact where
        # the line lost its commas ("YM COUNTER TERRORISM" is two tags, not three).
        # Codes on a wrapped TAGS line that the site did not link are kept after them.
        linked = F.tags(meta["tag_links"].replace("|", ", "))
        words = {w for tag in linked for w in tag.split()}
        tags = linked + [t for t in tags if t not in linked and t not in words]
    elif not tags and meta.get("tags"):
        tags = F.tags(meta["tags"])

    subject_text = preamble.fields.get("subject", [None])[0]
    if subject_text is not None:
        subject, marking = F.subject(subject_text)
    else:
        subject, marking = F.subject(meta.get("subject", "") or meta.get("page_title_subject", ""))

    who, why = F.classified_by(preamble.fields.get("classified_by", [""])[0])
    references = _references(preamble, reference_id, created)

    spans = FU.furniture(body_text)
    if shown is not None and tail is None:
        # The clean body of a page that lost its line breaks keeps what the page printed:
        # a marker glued to the word before it gets its break for the parser only.
        clean_body = FU.clean(shown, FU.furniture(shown))
    else:
        clean_body = FU.clean(body_text, spans)
    # (each line counts its newline: the joined lines and the newline after the last)
    head_lines = body_lines[: preamble.message_start]
    message_offset = len("\n".join(head_lines)) + 1 if head_lines else 0
    message_text, signers = split_signers(FU.clean(body_text, spans, message_offset))

    return Cable(
        reference_id=reference_id,
        published_id=published_id,
        source=raw.source,
        original=raw.original,
        created=created,
        released=released,
        origin=meta.get("origin") or origin_for_station(_station_of(reference_id)),
        classification=classification,
        classification_level=level,
        caveats=tuple(caveats),
        transmission_id=header.transmission_id,
        precedence=header.precedence,
        dtg=header.dtg,
        from_=tuple(header.from_),
        to=tuple(header.to),
        info=tuple(header.info),
        subject=subject,
        subject_marking=marking,
        tags=tuple(tags),
        references=references,
        executive_order=eo.number,
        declassify_on=eo.declassify_on,
        declassify_note=eo.note,
        classified_by=who,
        classification_reasons=why,
        summary=S.summary(message_text),
        comment=S.comment(message_text),
        signers=tuple(signers),
        is_partial=header.is_partial or meta.get("partial") == "yes",
        sections=preamble.sections,
        paragraphs=tuple(
            M.paragraphs(_repeat_intro(body_text, body_lines, preamble) + message_text)
        ),
        body=clean_body,
        issues=tuple(issues),
    )


def _has_line_breaks(body: str) -> bool:
    # (the newlines of the head are enough in most cables: counting them all took 5 us)
    threshold = -(-len(body) // 400)
    return body.count("\n", 0, _PREAMBLE_SPAN) >= threshold or body.count("\n") >= threshold


def _repeat_intro(body_text: str, body_lines: list[str], preamble: Preamble) -> str:
    # (the word is looked for first: few cables repeat another)
    head = body_text[:_PREAMBLE_SPAN]
    if "REPEATED" not in head and "epeated" not in head:
        return ""
    return repeat_introduction(body_lines, preamble.message_start)


def _unfold(body: str) -> tuple[str, str | None]:
    """The body as the parser reads it, and, for a page that lost its line breaks, the
    body as the page printed it with only the breaks that replace blanks (else None)."""
    if _has_line_breaks(body):
        if " OF 0" in body:
            body = _without_inline_markers(body)
        # Line breaks are there, but the first-day pages glued the preamble fields onto one
        # line in some cables (04ANKARA348: "E.o. 12958: decl: ... Tags: prel ... Subject:").
        head = body[:_PREAMBLE_SPAN]
        if not _has_glued_field(head):
            return body, None
        return _unglue(head) + body[_PREAMBLE_SPAN:], None
    return _breaks_put_back(body)


def _breaks_put_back(body: str) -> tuple[str, str]:
    """A collapsed body with line breaks before the markers that start a line.

    Two texts in one pass: the parser's, with every break put back, and the clean body's,
    where a marker glued to the word before it ("... SG UVSUBJECT: (S) ...") stays glued,
    as the page printed it.
    """
    # Page markers fell into the running text with the line breaks ("KABUL 00003068  002 OF
    # 002"): without their own line they can only be taken out here.
    body = _INLINE_SECTION_MARKER.sub(" ", body) if " OF 0" in body else body
    parsed: list[str] = []
    shown: list[str] = []
    done = 0
    for m in _COLLAPSED_MARKERS.finditer(body):
        before = body[done : m.start()]
        marker = m.group(1)
        if marker == "¶":
            parsed += (before, "\n\n")
            shown += (before, "\n\n")
        else:
            parsed += (before, "\n", marker)
            shown += (before, "\n" if m.start(1) > m.start() else "", marker)
        done = m.end()
    parsed.append(body[done:])
    shown.append(body[done:])
    return "".join(parsed).lstrip("\n"), "".join(shown).lstrip("\n")


# (after a blank or at a line start: "...unrest and\nCAPE TOWN 00000204 002 OF 002" keeps its
# one line break in a page that lost the others, and the whole station goes with it)
_INLINE_SECTION_MARKER = re.compile(
    r"(?:[ \t]+|\n)[A-Z][A-Z .'-]{1,30}?[ \t]+0{3,}\d+[ \t]+\d{3}(?:\.\d+)?[ \t]+OF[ \t]+\d{3}\b"
)


def _without_inline_markers(body: str) -> str:
    """The body without the page markers that the 2011 site ran into a line of text.

    "... no objection to a TRIPOLI 00000220 002 OF 003 visit by Emboffs" (08TRIPOLI220):
    a marker with text before it on its line is no furniture line, so it goes here. Each
    " OF 0" found by str.find after three digits is tested on its own line only.
    """
    pieces: list[str] = []
    done = 0
    i = body.find(" OF 0")
    while i >= 0:
        if not body[i - 3 : i].isdigit():
            # ("PAGE 02 SOFIA 03382 01 OF 02 111320Z": the page count has two digits, and
            # most hits are such page lines; a section marker counts its pages in three)
            i = body.find(" OF 0", i + 5)
            continue
        line_start = body.rfind("\n", 0, i) + 1
        line_end = body.find("\n", i)
        line_end = len(body) if line_end < 0 else line_end
        m = _INLINE_SECTION_MARKER.search(body, max(line_start, done), line_end)
        if (
            m is not None
            and body[line_start : m.start()].strip()
            and not L.is_noise(body[line_start:line_end])  # ("UNVIE VIEN 00000540 002 OF 005")
        ):
            pieces.append(body[done : m.start()])
            done = m.end()
        i = body.find(" OF 0", line_end)
    if not pieces:
        return body
    pieces.append(body[done:])
    return "".join(pieces)


# The two halves of _GLUED_FIELD, matched at a label found by str.find.
_GLUED_LABEL = re.compile(r"(?:TAGS?|SUBJECT)[ \t]*:", re.IGNORECASE)
_GLUED_EO = re.compile(r"E\.O\.[ \t]?\d{5}\b", re.IGNORECASE)


def _unglue(head: str) -> str:
    """``_GLUED_FIELD.sub("\\n", head)``, without trying the pattern at every position.

    The lookbehind pattern costs ~300 us on a 2,500-character head, and _has_glued_field
    lets through one cable in 15 (a SUBJECT or TAGS word inside a line is common). Every
    match is the run of blanks right before a label, after a non-blank character, so the
    labels are found with str.find on the upper-cased head and only their runs are tested.
    """
    upper = head.upper()
    if len(upper) != len(head):
        return _GLUED_FIELD.sub("\n", head)  # upper() grew a character: offsets differ
    labels: set[int] = set()
    for word in ("TAG", "SUBJECT", "E.O."):
        i = upper.find(word)
        while i >= 0:
            labels.add(i)
            i = upper.find(word, i + 1)
    pieces: list[str] = []
    done = 0
    for label in sorted(labels):
        start = label
        while start > 0 and head[start - 1] in " \t":
            start -= 1
        if start == 0 or head[start - 1].isspace():
            continue  # (?<=\S) fails: a label at the start of its line stays
        if (start < label and _GLUED_LABEL.match(head, label)) or _GLUED_EO.match(head, label):
            pieces.append(head[done:start])
            pieces.append("\n")
            done = label
    if not pieces:
        return head
    pieces.append(head[done:])
    return "".join(pieces)


def _has_glued_field(head: str) -> bool:
    # str.find is far cheaper than the lookbehind pattern; it runs on every cable.
    upper = head.upper()
    for word in ("TAGS", "SUBJECT", "E.O."):
        i = upper.find(word)
        while i > 0:
            before = upper[upper.rfind("\n", 0, i) + 1 : i]
            if before.strip():
                return True
            i = upper.find(word, i + 1)
    return False


_REPEATED_HEADER = re.compile(
    r"^[ \t]*(?:[ZOPR][ \t]+){1,2}\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2}[ \t]*\n"
    r"(?:[ \t]*\n)?[ \t]*FM[ \t]",
    re.MULTILINE,
)


_HEADER_END = re.compile(
    r"\n[ \t]*(?:(?:UNCLAS|C O N F|S E C R|CONFIDENTIAL|SECRET|LIMITED)[^\n]*\d[ \t]*\n"
    r"|E\.\s?O\.|TAGS|SUBJECT)"
)


def _repeated_header(body: str) -> str | None:
    if "\nFM " not in body:
        return None
    m = _REPEATED_HEADER.search(body)
    if m is None:
        return None
    # It runs to the banner of the section (or its E.O. line); page breaks and their blank
    # lines fall inside it in the partial extracts of the 1990s (92ZAGREB1869).
    end = _HEADER_END.search(body, m.end(), m.end() + 6000)
    return body[m.start() : end.start() if end else min(len(body), m.end() + 6000)]


_BANNER_START = re.compile(
    r"\s*(?:UNCLAS|C O N F|S E C R|T O P|LIMITED OFFICIAL USE|CONFIDENTIAL|SECRET)", re.IGNORECASE
)
_HEADER_BANNER = re.compile(
    r"^[ \t]*(?:UNCLAS\w*|LIMITED OFFICIAL USE|C O N F I D E N T I A L|CONFIDENTIAL|S E C R E T"
    r"|SECRET)\b[^\n]*\d[^\n]*\n(?=(?:[^\n]*\n){0,6}?[ \t]*(?:E\.\s?O\.|TAGS|SUBJECT))",
    re.MULTILINE,
)


def _banner_in_header(header: str) -> str | None:
    if "TAGS" not in header and "E.O" not in header:
        return None
    m = _HEADER_BANNER.search(header)
    return header[m.start() :] if m else None


# Most cables.csv rows (84 % of cables.sample.csv) have the same header text, "This record is
# a partial extract of the original cable...": unfolding and reading it took ~30 us a cable.
# The Header is shared by every cable with that text, so parse_cable only reads it.
@functools.lru_cache(maxsize=64)
def _wrapper_header(header: str) -> Header:
    return parse_header(_unfold_header(header))


def _unfold_header(header: str) -> str:
    if "\n" in header.strip() or len(header) < 40:
        return header
    return _COLLAPSED_HEADER.sub("\n", header)


def _lines_before_banner(body_lines: list[str]) -> list[str]:
    # Formats with one text block (plain text, PlusD) carry the routing header in the body.
    out: list[str] = []
    for line in body_lines:
        if F.PORTION_MARK.match(line) or line.lstrip().startswith(("E.O.", "TAGS", "SUBJECT")):
            break
        out.append(line)
    return out


def _identify(
    raw: RawCable, header: Header, preamble: Preamble, issues: list[ParseIssue]
) -> tuple[str, str | None]:
    published = raw.meta.get("reference_id")
    if published:
        canonical = canonical_reference_id(published)
        if canonical is None:
            issues.append(
                ParseIssue("reference_id", f"{published!r} is not a cable id as published")
            )
            return published, None
        return canonical, (published if published != canonical else None)
    derived = _id_from_text(header, preamble)
    if derived is not None:
        return derived, None
    digest = hashlib.sha1(raw.original.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    issues.append(ParseIssue("reference_id", "no reference id in the wrapper or the text"))
    return f"UNIDENTIFIED-{digest}", None


_NOT_LETTER = re.compile(r"[^A-Z]")
_SECTION_LEFTOVER = re.compile(r"^\d*OF\d*")
_STATION_IN_ID = re.compile(r"^\d{2,4}([A-Z]+?)\d+$")


def _id_from_text(header: Header, preamble: Preamble) -> str | None:
    if preamble.banner is None or header.dtg_iso is None:
        return None
    m = _BANNER_ID.search(preamble.banner)
    if m is None:
        return None
    station = _NOT_LETTER.sub("", m.group("station").split("SECTION")[-1])
    station = _SECTION_LEFTOVER.sub("", station)
    return canonical_reference_id(f"{header.dtg_iso[2:4]}{station}{m.group('serial')}")


def _station_of(reference_id: str) -> str:
    m = _STATION_IN_ID.match(reference_id)
    return m.group(1) if m else ""


def _classification(
    published: str | None, preamble: Preamble
) -> tuple[str | None, ClassificationLevel | None, list[str]]:
    caveats: list[str] = []
    level: ClassificationLevel | None = None
    if published:
        head, *tail = [p.strip() for p in published.upper().split("//")]
        name = " ".join(head.split())
        level = _LEVELS.get(_LEVEL_ALIASES.get(name, name))
        if name == "LIMITED OFFICIAL USE":
            caveats.append(name)
        caveats.extend(t for t in tail if t)
    if level is None and preamble.level is not None:
        level = _LEVELS.get(preamble.level)
    for caveat in preamble.caveats:
        if caveat not in caveats:
            caveats.append(caveat)
    classification = published or (level.value if level else None)
    return classification, level, caveats


def _references(
    preamble: Preamble, reference_id: str, created: str | None
) -> tuple[Reference, ...]:
    blocks = preamble.fields.get("ref", [])
    if not blocks:
        return ()
    return parse_references("\n".join(blocks), citing_id=reference_id, created=created)
