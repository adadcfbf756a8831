"""People's names as cables write them, reduced to one canonical form.

A name reaches us in many shapes: a signature (``ARGYROS``, ``Leslie BASSETT``), the
"Classified By" line with a title around it (``Ambassador George Argyros, reasons 1.4 (b)``,
``MICHAEL J. HABIB, MINISTER-COUNSELOR FOR POLITICAL AFFAIRS``) and a person TAGS entry
(``OVIP (CLINTON, HILLARY)``). The canonical form is ``SURNAME, GIVEN``: upper case, accents
folded, punctuation dropped, ``Mc Mullen`` joined, and only the first full given name kept
(``Douglas H. Paal`` and ``DOUGLAS PAAL`` are one person; a middle initial is not evidence of
another). What this module cannot know from one name alone (is ``ARGYROS`` George Argyros?)
is settled across the archive by :mod:`cablebase.entities.aliases`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that end a title, never a name: whatever stands before the last of them is the title.
_TITLE_WORDS = _words(
    """
    A/S ACTING AFFAIRS AFFAIRES AIT AMB AMBASADOR AMBASSADOR AMEMBASSY ASSISTANT ASST ATTACHE
    BY CDA CG CHAIR CHARGE CHIEF CHIEFS CONGEN CONSUL CONSULATE COORDINATOR COUNSELLOR
    COUNSELOR COUNSELORS COUNS CT D'AFFAIRES D'AFFAIRS DAS DCM DEPUTY DIRECTOR ECON
    ECONCOUNS ECONOFF ECONOMIC ECONOMICS EMBASSY ENVOY FOR GENERAL HEAD MC MINISTER MISSION
    OF OFFICER OFFICE PDAS POL POLCOUNS POLITICAL POLOFF POLMIL PO PRINCIPAL REPRESENTATIVE
    SECRETARY SPECIAL THE U/S UNDER USEU USUN AND PER REASON REASONS FOR CHG RSO PEO
    ESTHOFF EAP EUR ISN IO DS PRT DATT LEGATT PAO CONOFF MGMT USAID DOS STATE DEPARTMENT
    COM MIN HROFF POLMILOFF POLECONOFF ECONPOLOFF DERIVED FROM MULTIPLE SOURCES SOURCE VICE
    SENIOR ADVISOR ADVISER COUNSEL LIAISON
    """
)
_PARTICLES = _words("AL BEN BIN DA DAL DE DEL DELLA DER DI DOS DU EL LA LE ST VAN VON")
# Particles that never are a given name, so may open a surname written alone (LA LIME).
_OPENING_PARTICLES = _PARTICLES - {"AL", "BEN", "BIN", "EL"}
_SUFFIXES = _words("JR SR II III IV")
# "reasons 1.4 (b) and (d)" and its wrapped remnants after a name: a number, a bracket.
_REASON_TAIL = re.compile(
    r"\s(?:\d|\(|per\b|by$|-\s|(?:for\s+|under\s+)?(?:reas[a-z]*|reaons?|rsns?|section)\b)[\s\S]*$",
    re.IGNORECASE,
)
# "(U) Classified by: ..." and "CDA, a.i." (ad interim): no part of a name.
_LEAD = re.compile(r"^(?:\(\w\)\s*)?(?:classified\s+by\s*:?\s*|by\s+)?", re.IGNORECASE)
_AD_INTERIM = re.compile(r"\ba\.\s?i\b\.?", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[,;:]\s*")
# "J.Hull", "A.F.GODFREY": an initial's full stop also ends a word.
_INITIAL_STOP = re.compile(r"(?<=\b[A-Za-z])\.(?=[A-Za-z])")
_NOT_NAME_CHARS = re.compile(r"[^A-Z' \-]")
_NAME_TOKEN = re.compile(r"^[A-Z][A-Z'\-]*$")
# A person tag: a code, then the person in brackets (``OVIP (CLINTON, HILLARY)``).
_PERSON_TAG = re.compile(r"^(?P<code>[A-Z0-9]{0,6}) ?\((?P<who>[^()]+)\)$")
_TITLE_PARTS = re.compile(r"[-/]")
_CAMEL = re.compile(r"[a-z][A-Z]")
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|O'|D'|De|La|Le)[A-Z]")
_ET_AL = re.compile(r"\s+(?:ET AL|AKA\b)[\s\S]*$")


@dataclass(frozen=True, slots=True, order=True)
class PersonName:
    """A person's canonical name: the surname (particles included) and the given names."""

    surname: str
    given: tuple[str, ...] = ()

    @property
    def first(self) -> str:
        """The first full given name; an initial when there is nothing else."""
        full = [g for g in self.given if len(g) > 1]
        return full[0] if full else (self.given[0] if self.given else "")

    @property
    def canonical(self) -> str:
        """``ARGYROS, GEORGE``; ``ARGYROS`` when only the surname is known."""
        return f"{self.surname}, {self.first}" if self.first else self.surname

    @property
    def key(self) -> str:
        return slug(self.canonical)


# Names repeat from cable to cable (a post's signer signs hundreds): each distinct text is
# read once per process.
_CACHE = 1 << 16


@functools.lru_cache(maxsize=_CACHE)
def slug(text: str) -> str:
    """The URL key of a name or code: ``ARGYROS, GEORGE`` -> ``argyros-george``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def fold(text: str) -> str:
    """Accents off (``Peña`` -> ``Pena``), curly quotes straight, upper case."""
    if text.isascii():
        return text.upper()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def _tokens(text: str) -> list[str]:
    text = _INITIAL_STOP.sub(". ", text)
    out = []
    for raw in fold(text).split():
        token = _NOT_NAME_CHARS.sub("", raw).strip("'-")
        if token:
            out.append(token)
    return out


def _is_title(token: str) -> bool:
    # "MINISTER-COUNSELOR" and "POL/ECON" are titles when one of their parts is;
    # "AMBASSSADOR" and "Ambasador" are the office misspelt
    if token in _TITLE_WORDS or token.startswith("AMBAS"):
        return True
    return any(p in _TITLE_WORDS for p in _TITLE_PARTS.split(token))


def _from_given_order(tokens: list[str]) -> PersonName | None:
    """``GEORGE W ARGYROS`` -> ARGYROS, (GEORGE, W); ``HELEN LA LIME`` -> LA LIME, (HELEN,)."""
    tokens = [t for t in tokens if t not in _SUFFIXES]
    if not tokens:
        return None
    # "CHRISTOPHER MC MULLEN": Mc and Mac stand apart in some spellings, never as a name.
    if len(tokens) >= 3 and tokens[-2] in ("MC", "MAC"):
        tokens = [*tokens[:-2], tokens[-2] + tokens[-1]]
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1] in _PARTICLES:
        start -= 1
    if start == 1 and tokens[0] in _OPENING_PARTICLES:
        start = 0
    surname = " ".join(tokens[start:])
    if len(surname.replace(" ", "")) < 2:
        return None  # "ROBERT S." cut short: an initial is no surname
    return PersonName(surname, tuple(tokens[:start]))


def _name_run(part: str, mixed_case: bool) -> list[str]:
    """The name at the end of one comma-part of a "Classified By" line: the words after the
    last title word (``Political Counselor Andrew Young`` -> ANDREW YOUNG)."""
    raw_words = _INITIAL_STOP.sub(". ", part).split()
    run: list[str] = []
    for i, word in enumerate(raw_words):
        token = _NOT_NAME_CHARS.sub("", fold(word)).strip("'-")
        letters = re.sub(r"[^A-Za-z]", "", word)
        # In mixed-case text an upper-case word before the last is an office ("ECON MC
        # Jeff Hartley"); a surname in capitals ("Leslie BASSETT") comes last.
        # So is a word with capitals inside ("DepPolCouns"), but for McEldowney and kin.
        office = (
            mixed_case
            and i < len(raw_words) - 1
            and len(letters) > 1
            and (letters.isupper() or bool(_CAMEL.search(word) and not _NAME_PREFIX.match(word)))
        )
        # "MC" after a given name is half a surname (CHRISTOPHER MC MULLEN), else an office
        mc = token in ("MC", "MAC") and bool(run) and i < len(raw_words) - 1
        if not mc and (not token or _is_title(token) or office or "/" in word):
            run = []
        else:
            run.append(token)
    return run[-4:] if len(run) > 4 else run


@functools.lru_cache(maxsize=_CACHE)
def person_from_text(text: str) -> PersonName | None:
    """The person a "Classified By" line or a signature names, without title or reasons."""
    text = _AD_INTERIM.sub("", _LEAD.sub("", " ".join(text.split())))
    text = _REASON_TAIL.sub("", " " + text).strip()
    mixed = any(c.islower() for c in text)
    candidates = [_name_run(part, mixed) for part in _SEPARATORS.split(text) if part]
    # "MARK MINTON, POLITICAL COUNSELOR": the part that is a full name; else any.
    run = next((c for c in candidates if len(c) > 1), None) or next(
        (c for c in candidates if c), None
    )
    if not run:
        return None
    # A name cut short by the reasons: "Robert Goldberg fo", "CDA ROBERT S. FOR".
    while run and run[-1] in ("FO", "FOR", "PER", "REA"):
        run.pop()
    if not run or not all(_NAME_TOKEN.match(t) and t.strip("X") for t in run):
        return None
    return _from_given_order(run)


# Words of the message's end that the signature reader can take in with the name.
_NOT_IN_SIGNATURES = _words("END TEXT QUOTE UNQUOTE MINIMIZE CONSIDERED SIPDIS")


@functools.lru_cache(maxsize=_CACHE)
def person_from_signature(text: str) -> PersonName | None:
    """The signer: ``ARGYROS``, ``Leslie BASSETT``; ``KUBISKE KUBISKE`` (the name repeated)
    and ``END TEXT HEFFERN`` (an end mark taken in) are one surname."""
    words: list[str] = []
    for word in text.split():
        if word.upper().strip(".,") in _NOT_IN_SIGNATURES:
            continue
        if not words or fold(word) != fold(words[-1]):
            words.append(word)
    return person_from_text(" ".join(words))


def person_from_listed(text: str) -> PersonName | None:
    """A name written surname first: ``CLINTON, HILLARY``, ``STEINBERG, JAMES B.``.

    Without a comma the order is unknown (``RICHARD ARMITAGE`` beside ``RUMSFELD DONALD``):
    the words are kept whole, as written, rather than guessed.
    """
    text = _ET_AL.sub("", fold(" ".join(text.split())))
    parts = [p for p in _SEPARATORS.split(text) if p.strip()]
    if not parts:
        return None
    if len(parts) == 1:
        words = _tokens(parts[0])
        if not words or not all(_NAME_TOKEN.match(w) for w in words):
            return None
        return PersonName(" ".join(words))
    surname = " ".join(_tokens(parts[0]))
    given = tuple(t for t in _tokens(parts[1]) if t not in _SUFFIXES)
    if len(surname.replace(" ", "")) < 2 or not given:
        return None
    return PersonName(surname, given)


@functools.lru_cache(maxsize=_CACHE)
def person_from_tag(tag: str) -> PersonName | None:
    """The person of a person tag: ``OVIP (CLINTON, HILLARY)`` -> CLINTON, HILLARY.

    Only a code of one word before the brackets makes a person tag: ``HUMAN RIGHTS
    (GENERAL)`` and ``DEFENSE REFORM (MIL & NATO)`` are subjects, not people.
    """
    m = _PERSON_TAG.match(tag.strip())
    if m is None or "&" in m.group("who"):
        return None
    who = m.group("who")
    # "LY (OVIP, RUMSFELD DONALD)": the code went inside the brackets.
    head, sep, rest = who.partition(",")
    if sep and head.strip() in ("OVIP", "MR", "MRS"):
        who = rest
    return person_from_listed(who)


def query_value(text: str) -> str:
    """What a ``person:`` query term means: the canonical name it is written for.

    ``person:"SMITH, JOHN"``, ``person:"John Smith"`` and ``person:smith`` all work; a
    value that reads as no name is searched as typed (upper case), and simply finds nothing.
    """
    name = person_from_listed(text) if "," in text else person_from_text(text)
    return name.canonical if name is not None else " ".join(fold(text).split())
