"""Compiled queries against a real tantivy index of real cables, checked by brute force.

Each case runs a query over an index of the ~1,300 Cablegate HTML pages of the corpus and
compares the hits with a plain-Python evaluation over the same parsed cables.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import tantivy
from hypothesis import given
from hypothesis import strategies as st

from cablebase.model import Cable, RawCable, Source
from cablebase.parse import parse_cable
from cablebase.search import fields
from cablebase.search.compile import compile_query
from cablebase.search.fields import caveat_set, document_fields, facet_code
from cablebase.search.query import parse_query
from cablebase.sources import read_paths


def tokens(text: str) -> list[str | None]:
    """Tokens as tantivy's default tokeniser: lower case; a long token leaves a gap (None)."""
    return [t.lower() if len(t.encode()) < 40 else None for t in re.findall(r"[^\W_]+", text)]


class Value:
    """The tokens of one value of a text field, with a lazily built position index."""

    def __init__(self, text: str) -> None:
        self.toks = tokens(text)

    @functools.cached_property
    def where(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for p, t in enumerate(self.toks):
            if t is not None:
                out.setdefault(t, []).append(p)
        return out

    def phrase(self, words: Sequence[str]) -> bool:
        n = len(words)
        return any(self.toks[p : p + n] == list(words) for p in self.where.get(words[0], []))

    def near(self, a: str, b: str, slop: int) -> bool:
        """Whether ``b`` stands within ``slop`` positions of right after ``a``, either side, as
        tantivy's phrase query with a slop counts for two words ("b a" is 2 away)."""
        return any(
            abs(q - p - 1) <= slop for p in self.where.get(a, ()) for q in self.where.get(b, ())
        )

    def prefix(self, head: Sequence[str], last: str) -> bool:
        n = len(head)
        return any(
            p >= n and self.toks[p - n : p] == list(head)
            for t, places in self.where.items()
            if t.startswith(last)
            for p in places
        )


class Corpus:
    """What a brute-force check needs of all cables: each text field's tokens (to find the
    words within an edit distance once) and the ids each cable cites."""

    def __init__(self) -> None:
        self.words: dict[str, set[str]] = {}
        self.cites: dict[str, list[str]] = {}

    def add(self, field: str, value: Value) -> None:
        self.words.setdefault(field, set()).update(t for t in value.toks if t)

    @functools.cache  # noqa: B019 (one Corpus per test module)
    def close(self, field: str, word: str, distance: int) -> frozenset[str]:
        near = (t for t in self.words[field] if abs(len(t) - len(word)) <= distance)
        return frozenset(t for t in near if within(word, t, distance))


@dataclass
class Doc:
    cable: Cable
    values: dict[str, list[Value]]  # text field -> its values
    corpus: Corpus

    @property
    def id(self) -> str:
        return self.cable.reference_id

    def phrase(self, field: str, *words: str) -> bool:
        return any(v.phrase(words) for v in self.values[field])

    def prefix(self, field: str, *parts: str) -> bool:
        return any(v.prefix(parts[:-1], parts[-1]) for v in self.values[field])

    def near(self, a: str, b: str, slop: int) -> bool:
        return any(v.near(a, b, slop) for f in ("body", "subject") for v in self.values[f])

    def fuzzy(self, field: str, word: str, distance: int) -> bool:
        close = self.corpus.close(field, word, distance)
        return any(not close.isdisjoint(v.toks) for v in self.values[field])

    def text(self, *words: str) -> bool:
        return self.phrase("body", *words) or self.phrase("subject", *words)


def within(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance, adjacent transpositions costing one (as tantivy's fuzzy
    query counts), is at most ``limit``; stops once two rows are all over it."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        nxt = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            best = min(row[j] + 1, nxt[j - 1] + 1, row[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, before[j - 2] + 1)
            nxt[j] = best
        before, row = row, nxt
        if min(row) > limit and min(before) > limit:
            return False
    return row[-1] <= limit


@dataclass
class Fixture:
    docs: list[Doc]
    schema: tantivy.Schema
    searcher: tantivy.Searcher
    cited_by: Callable[[str], Sequence[str]]

    def hits(self, query: str) -> set[str]:
        compiled = compile_query(parse_query(query), self.schema, self.cited_by)
        result = self.searcher.search(compiled, limit=len(self.docs) + 1)
        return {self.searcher.doc(a)["reference_id"][0] for _, a in result.hits}

    def brute(self, keep: Callable[[Doc], bool]) -> set[str]:
        return {d.id for d in self.docs if keep(d)}


@pytest.fixture(scope="module")
def ix(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    cables = [
        parse_cable(item)
        for item in read_paths([corpus / "cablegate-html"])
        if isinstance(item, RawCable)
    ]
    assert len({c.reference_id for c in cables}) == len(cables) > 1000
    schema = fields.build_schema()
    index = tantivy.Index(schema, path=str(tmp_path_factory.mktemp("index")))
    writer = index.writer()
    docs: list[Doc] = []
    shared = Corpus()
    for cable in cables:
        values = fields.document_fields(cable)
        writer.add_document(fields.make_document(values))
        texts = {
            f: values[f] if isinstance(values[f], list) else [values[f]] for f in fields.TEXT_FIELDS
        }
        doc = Doc(cable, {f: [Value(v) for v in vs] for f, vs in texts.items()}, shared)
        for field, field_values in doc.values.items():
            for value in field_values:
                shared.add(field, value)
        docs.append(doc)
    writer.commit()
    index.reload()
    for c in cables:
        shared.cites[c.reference_id] = [r.reference_id for r in c.references if r.reference_id]
    return Fixture(docs, schema, index.searcher(), lambda rid: shared.cites.get(rid, []))


def _level(d: Doc) -> str:
    level = d.cable.classification_level
    return level.value if level else ""


def _created(d: Doc) -> str:
    return d.cable.created or ""


# query -> the brute-force predicate it must equal (over at least one cable, not all)
CASES: list[tuple[str, Callable[[Doc], bool]]] = [
    ("nuclear", lambda d: d.text("nuclear")),
    # In the body of many cables and in the subject alone of one: the subject counts.
    ("terrorists", lambda d: d.text("terrorists")),
    ("NUCLEAR Iran", lambda d: d.text("nuclear") and d.text("iran")),
    ('"prime minister"', lambda d: d.text("prime", "minister")),
    ('"Human Rights" violations', lambda d: d.text("human", "rights") and d.text("violations")),
    ("e-mail", lambda d: d.text("e", "mail")),
    ("hezbollah OR hizballah", lambda d: d.text("hezbollah") or d.text("hizballah")),
    ("iran -nuclear", lambda d: d.text("iran") and not d.text("nuclear")),
    (
        "iran NOT (nuclear OR sanctions)",
        lambda d: d.text("iran") and not (d.text("nuclear") or d.text("sanctions")),
    ),
    ("NOT iran", lambda d: not d.text("iran")),
    ("iran OR NOT nuclear", lambda d: d.text("iran") or not d.text("nuclear")),
    ("or", lambda d: d.text("or")),
    ("mexic*", lambda d: d.prefix("body", "mexic") or d.prefix("subject", "mexic")),
    (
        '"prime minis"*',
        lambda d: d.prefix("body", "prime", "minis") or d.prefix("subject", "prime", "minis"),
    ),
    ("hizbollah~", lambda d: d.fuzzy("body", "hizbollah", 1) or d.fuzzy("subject", "hizbollah", 1)),
    ("hizbolah~2", lambda d: d.fuzzy("body", "hizbolah", 2) or d.fuzzy("subject", "hizbolah", 2)),
    ("subject:iran", lambda d: d.phrase("subject", "iran")),
    ("body:iran", lambda d: d.phrase("body", "iran")),
    ('origin:"buenos aires"', lambda d: d.phrase("origin", "buenos", "aires")),
    ("from:madrid", lambda d: d.phrase("from", "madrid")),
    ("to:RUEHC", lambda d: d.phrase("to", "ruehc")),
    ("to:secstate", lambda d: d.phrase("to", "secstate")),
    ("signer:clinton", lambda d: d.phrase("signer", "clinton")),
    ("signer:clint*", lambda d: d.prefix("signer", "clint")),
    ("tag:prel", lambda d: "PREL" in d.cable.tags),
    ("-tag:PREL", lambda d: "PREL" not in d.cable.tags),
    ('tag:"OVIP (CLINTON, HILLARY)"', lambda d: "OVIP (CLINTON, HILLARY)" in d.cable.tags),
    ("tag:OVIP*", lambda d: any(t.startswith("OVIP") for t in d.cable.tags)),
    (
        "tag:PREL tag:PGOV OR tag:ECON",
        lambda d: "PREL" in d.cable.tags and ("PGOV" in d.cable.tags or "ECON" in d.cable.tags),
    ),
    ("caveat:noforn", lambda d: "NOFORN" in d.cable.caveats),
    ('caveat:"for official use only"', lambda d: "FOR OFFICIAL USE ONLY" in d.cable.caveats),
    ("classification:secret", lambda d: _level(d) == "SECRET"),
    ("classification:confidential", lambda d: _level(d) == "CONFIDENTIAL"),
    ('classification:"SECRET//NOFORN"', lambda d: d.cable.classification == "SECRET//NOFORN"),
    ("classification:SECRET*", lambda d: (d.cable.classification or "").startswith("SECRET")),
    ("date:2009", lambda d: _created(d).startswith("2009")),
    ("date:2009-01-01..2009-12-31", lambda d: _created(d).startswith("2009")),
    ("date:2009-01..2009-12", lambda d: _created(d).startswith("2009")),
    ("date:2009-01-01..2009-12-30", lambda d: "2009-01-01" <= _created(d)[:10] <= "2009-12-30"),
    ("date:2008..2009", lambda d: _created(d)[:4] in ("2008", "2009")),
    ("iran -date:2009", lambda d: d.text("iran") and not _created(d).startswith("2009")),
    ("date:2009-03", lambda d: _created(d).startswith("2009-03")),
    ("date:2009-03-05", lambda d: _created(d).startswith("2009-03-05")),
    ("date:2007-03..2008-06", lambda d: "2007-03" <= _created(d)[:7] <= "2008-06"),
    ("date:..1990", lambda d: _created(d)[:4] <= "1990"),
    ("date:2009-12..", lambda d: _created(d)[:7] >= "2009-12"),
    ("id:09madrid347", lambda d: d.id == "09MADRID347"),
    (
        "id:09MADRID* -tag:PREL",
        lambda d: d.id.startswith("09MADRID") and "PREL" not in d.cable.tags,
    ),
    (
        "cites:09BERLIN1167",
        lambda d: any(r.reference_id == "09BERLIN1167" for r in d.cable.references),
    ),
    (
        "cites:09berlin*",
        lambda d: any((r.reference_id or "").startswith("09BERLIN") for r in d.cable.references),
    ),
    (
        "cited-by:09madrid347",
        lambda d: d.id in d.corpus.cites["09MADRID347"],
    ),
    # A word of punctuation alone is left out, the rest still applies.
    ("iran & iraq", lambda d: d.text("iran") and d.text("iraq")),
    ("nuclear -- iran OR /", lambda d: d.text("nuclear") and d.text("iran")),
    # Field groups.
    ("tag:(PREL OR PGOV)", lambda d: "PREL" in d.cable.tags or "PGOV" in d.cable.tags),
    ("-tag:(PREL PGOV)", lambda d: not {"PREL", "PGOV"} <= set(d.cable.tags)),
    ("tag:(PREL -PGOV)", lambda d: "PREL" in d.cable.tags and "PGOV" not in d.cable.tags),
    (
        "origin:(madrid OR berlin) iran",
        lambda d: (d.phrase("origin", "madrid") or d.phrase("origin", "berlin")) and d.text("iran"),
    ),
    (
        'subject:("human rights" OR iran*)',
        lambda d: d.phrase("subject", "human", "rights") or d.prefix("subject", "iran"),
    ),
    # Proximity (two words: tantivy's count is simple, so the brute force can follow it).
    ('"nuclear weapons"~3', lambda d: d.near("nuclear", "weapons", 3)),
    ('"minister prime"~2', lambda d: d.near("minister", "prime", 2)),
    ('"iran sanctions"~10', lambda d: d.near("iran", "sanctions", 10)),
    # An id prefix of 1973-1979 in the NARA form finds the Cablegate form too.
    ("id:1975TEHRAN*", lambda d: d.id.startswith("75TEHRAN")),
    ("id:1975TEHRAN02*", lambda d: re.fullmatch(r"75TEHRAN2\d{3}", d.id) is not None),
    ("id:1979*", lambda d: d.id.startswith("79")),
    ("id:75TEHRAN*", lambda d: d.id.startswith("75TEHRAN")),
    (
        "date:2009 classification:secret -tag:PREL iran",
        lambda d: (
            _created(d).startswith("2009")
            and _level(d) == "SECRET"
            and "PREL" not in d.cable.tags
            and d.text("iran")
        ),
    ),
]


@pytest.mark.parametrize(("query", "keep"), CASES, ids=[q for q, _ in CASES])
def test_hits_equal_brute_force(ix: Fixture, query: str, keep: Callable[[Doc], bool]) -> None:
    expected = ix.brute(keep)
    assert 0 < len(expected) < len(ix.docs), "the case must separate cables"
    assert ix.hits(query) == expected


@pytest.mark.parametrize("query", ["iran date:2009", "date:2010", "nuclear date:2009-01..2009-12"])
def test_a_whole_year_ranks_as_the_range_of_its_minutes(ix: Fixture, query: str) -> None:
    # (read from the year field's term; the same hits, in the same order, at the same scores
    # as the range over created keys that a part of a year still compiles to)
    compiled = compile_query(parse_query(query), ix.schema, ix.cited_by)
    words = [w for w in query.split() if not w.startswith("date:")]
    year = int(query.split("date:")[1][:4])
    ranged = tantivy.Query.range_query(
        ix.schema,
        "created",
        tantivy.FieldType.Integer,
        year * 10**8 + 1010000,
        year * 10**8 + 12312359,
    )
    if words:
        word = compile_query(parse_query(" ".join(words)), ix.schema, ix.cited_by)
        ranged = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, word), (tantivy.Occur.Must, ranged)]
        )

    def ranked(q: tantivy.Query) -> list[tuple[str, float]]:
        hits = ix.searcher.search(q, limit=len(ix.docs) + 1).hits
        return [(ix.searcher.doc(a)["reference_id"][0], round(s, 4)) for s, a in hits]

    got, expected = ranked(compiled), ranked(ranged)
    assert len(expected) > 3
    assert got == expected
    assert "TermQuery" in repr(compiled) and "RangeQuery" not in repr(compiled)


def test_part_of_a_year_is_still_a_range_of_minutes(ix: Fixture) -> None:
    for query in ("date:2009-03", "date:2008..2009", "date:2009-01-02..2009-12-31", "date:..2009"):
        assert "RangeQuery" in repr(compile_query(parse_query(query), ix.schema, ix.cited_by))


def test_proximity_finds_more_than_the_phrase(ix: Fixture) -> None:
    for phrase in ('"nuclear weapons"', '"minister prime"'):
        assert ix.hits(phrase) < ix.hits(phrase + "~3")
    assert ix.hits('"nuclear weapons"~0') == ix.hits('"nuclear weapons"')


def test_empty_query_matches_every_cable(ix: Fixture) -> None:
    assert ix.hits("") == {d.id for d in ix.docs}


def test_unknown_cited_by_is_empty_not_an_error(ix: Fixture) -> None:
    assert ix.hits("cited-by:08MEXICO23") == set()
    assert ix.hits("cited-by:08MEXICO23 OR tag:PREL") == ix.brute(lambda d: "PREL" in d.cable.tags)


def test_words_are_ranked_and_the_subject_counts_more(ix: Fixture) -> None:
    compiled = compile_query(parse_query("iran"), ix.schema, ix.cited_by)
    hits = ix.searcher.search(compiled, limit=len(ix.docs)).hits
    scores = [score for score, _ in hits]
    assert len(set(scores)) > 10  # BM25, not a constant score
    top = ix.searcher.doc(hits[0][1])["subject"][0]
    assert "iran" in top.lower()


def test_an_open_start_leaves_out_undated_cables(tmp_path: Path) -> None:
    # No corpus cable lacks a date, so two hand-made records stand in (created key 0 = none).
    schema = fields.build_schema()
    index = tantivy.Index(schema, path=str(tmp_path))
    writer = index.writer()
    for rid, created in (("08MEXICO23", "2008-01-04T22:01"), ("08MEXICO24", None)):
        cable = Cable(rid, Source("text", "hand-made"), "", created=created, body="mexico")
        writer.add_document(fields.make_document(fields.document_fields(cable)))
    writer.commit()
    index.reload()
    searcher = index.searcher()

    def hits(query: str) -> set[str]:
        compiled = compile_query(parse_query(query), schema, lambda _: [])
        return {searcher.doc(a)["reference_id"][0] for _, a in searcher.search(compiled).hits}

    assert hits("date:..2008") == {"08MEXICO23"}
    assert hits("date:2008-01-04") == {"08MEXICO23"}
    assert hits("date:2008-01-05..") == set()
    assert hits("mexico -date:2008") == {"08MEXICO24"}


# An index of hand-made NARA-era ids: id prefix -> the ids it must find, in either form.
NARA_IDS = ["1975ANKARA00123", "1975ANKARA01234", "75ANKARA12", "1976ANKARA00123"]
NARA_IDS += ["1975STATE000045", "75STATE450000", "08ANKARA12"]
ID_PREFIX_CASES = [
    ("id:75ANKARA*", {"1975ANKARA00123", "1975ANKARA01234", "75ANKARA12"}),
    ("id:1975ANKARA*", {"1975ANKARA00123", "1975ANKARA01234", "75ANKARA12"}),
    ("id:75ANKARA12*", {"1975ANKARA00123", "1975ANKARA01234", "75ANKARA12"}),
    ("id:75ANKARA123*", {"1975ANKARA00123", "1975ANKARA01234"}),
    ("id:1975ANKARA0012*", {"1975ANKARA00123"}),
    ("id:1975ANKARA000*", {"75ANKARA12"}),
    ("id:75ANKARA0*", set()),
    ("id:75STATE45*", {"1975STATE000045", "75STATE450000"}),
    ("id:1975STATE0000*", {"1975STATE000045"}),
    ("id:1975STATE4*", {"75STATE450000"}),
    ("id:197*", {i for i in NARA_IDS if i.startswith("197")}),
    ("id:08ANKARA*", {"08ANKARA12"}),
    ("id:2008ANKARA*", set()),
]


@pytest.fixture(scope="module")
def nara_hits(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], set[str]]:
    schema = fields.build_schema()
    index = tantivy.Index(schema, path=str(tmp_path_factory.mktemp("nara")))
    writer = index.writer()
    for rid in NARA_IDS:
        cable = Cable(rid, Source("text", "hand-made"), "", body="ankara")
        writer.add_document(fields.make_document(fields.document_fields(cable)))
    writer.commit()
    index.reload()
    searcher = index.searcher()

    def hits(query: str) -> set[str]:
        compiled = compile_query(parse_query(query), schema, lambda _: [])
        return {searcher.doc(a)["reference_id"][0] for _, a in searcher.search(compiled, 20).hits}

    return hits


@pytest.mark.parametrize(("query", "expected"), ID_PREFIX_CASES)
def test_an_id_prefix_finds_both_written_forms(
    nara_hits: Callable[[str], set[str]], query: str, expected: set[str]
) -> None:
    assert nara_hits(query) == expected


def test_a_cables_caveats_are_one_counted_value() -> None:
    # The caveat facet counts sets of caveats, then adds them up per caveat: a set holds
    # each caveat once, in one order, whatever the record's repetitions and order.
    assert caveat_set(["SIPDIS", "NOFORN", "SIPDIS"]) == "NOFORN\nSIPDIS"
    assert caveat_set([]) == ""
    record = {"reference_id": "08MEXICO23", "caveats": ["noforn", "NOFORN"]}
    assert document_fields(record, people=[])["caveat_set"] == "NOFORN"


@given(st.text())
def test_a_facet_code_is_a_whole_number_a_float_holds_exactly(value: str) -> None:
    code = facet_code(value)
    assert 0 <= code < 2**53 and float(code) == code
    assert facet_code(value) == code


def test_the_facets_with_many_values_are_indexed_as_codes_too() -> None:
    record = {"reference_id": "08MEXICO23", "origin": "Embassy Mexico", "tags": ["prel", "PGOV"]}
    values = document_fields(record, people=["DOE, JANE"])
    assert values["origin_code"] == [facet_code("Embassy Mexico")]
    assert values["tag_code"] == [facet_code("PREL"), facet_code("PGOV")]
    assert values["person_code"] == [facet_code("DOE, JANE")]
    assert document_fields({"reference_id": "X"}, people=[])["origin_code"] == []
