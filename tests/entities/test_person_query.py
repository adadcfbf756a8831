"""``person:`` in the query language, against a real tantivy index of three cables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cablebase.entities.aliases import groups, resolve
from cablebase.entities.names import query_value
from cablebase.search.compile import compile_query
from cablebase.search.fields import build_schema, document_fields
from cablebase.search.index import CableIndex
from cablebase.search.query import QueryError, describe, parse_query

RECORDS = [
    {"reference_id": "04MADRID1", "signers": ["ARGYROS"], "created": "2004-01-02"},
    {
        "reference_id": "04MADRID2",
        "classified_by": "Ambassador George L. Argyros, reasons 1.4 (b) and (d)",
        "created": "2004-02-03",
    },
    {
        "reference_id": "09STATE3",
        "tags": ["PREL", "OVIP (CLINTON, HILLARY)"],
        "signers": ["MORRIS ARNOLD FREDERICK"],
        "created": "2009-01-01",
    },
]


@pytest.fixture(scope="module")
def searcher_hits(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], set[str]]:
    index = CableIndex(Path(tmp_path_factory.mktemp("person-index")))
    writing = index.writer()
    names: set[str] = set()
    for i, record in enumerate(RECORDS, start=1):
        values = document_fields(record)
        names.update(values["person"])
        writing.put(i, values)
    writing.commit()
    writing.close()
    aliases = resolve(names)
    grouped = groups(aliases)
    known = names

    def person_names(name: str) -> list[str]:
        name = name if name in known else query_value(name)
        target = aliases.get(name, name)
        return grouped.get(target, [target])

    searcher = index.searcher()
    schema = build_schema()

    def hits(query: str) -> set[str]:
        compiled = compile_query(parse_query(query), schema, lambda _: [], person_names)
        result = searcher.search(compiled, limit=10)
        return {searcher.doc(a)["reference_id"][0] for _, a in result.hits}

    return hits


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('person:"ARGYROS, GEORGE"', {"04MADRID1", "04MADRID2"}),
        ('person:"George Argyros"', {"04MADRID1", "04MADRID2"}),
        ("person:argyros", {"04MADRID1", "04MADRID2"}),  # the short name, merged
        ('person:"Hillary Clinton"', {"09STATE3"}),
        ('person:"clinton, hillary" tag:PREL', {"09STATE3"}),
        # a signature and a typed name are both read given name first: FREDERICK, MORRIS
        ('person:"MORRIS ARNOLD FREDERICK"', {"09STATE3"}),
        ('person:"FREDERICK, MORRIS"', {"09STATE3"}),
        ("person:ARG*", {"04MADRID1", "04MADRID2"}),
        ('person:"John Smith"', set()),
        ('-person:"George Argyros"', {"09STATE3"}),
    ],
)
def test_person_queries(
    searcher_hits: Callable[[str], set[str]], query: str, expected: set[str]
) -> None:
    assert searcher_hits(query) == expected


def test_person_query_is_described_and_checked() -> None:
    assert describe(parse_query('person:"Smith, John"')) == 'person:"SMITH, JOHN"'
    with pytest.raises(QueryError):
        parse_query("person:")
