"""The templates' environment reads dict keys first, and otherwise behaves as Jinja does."""

from __future__ import annotations

import pytest

from cablebase.web.app import _templates


def render(source: str, **values: object) -> str:
    return _templates().env.from_string(source).render(**values)


def test_a_dict_key_is_read_and_escaped() -> None:
    entry = {"count": 3, "value": "<script>alert(1)</script>"}
    assert render("{{ e.count }} {{ e.value }}", e=entry) == (
        "3 &lt;script&gt;alert(1)&lt;/script&gt;"
    )


def test_a_name_the_dict_lacks_is_its_method() -> None:
    assert render("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", d={"a": 1}) == "a=1;"


def test_objects_and_missing_keys_behave_as_in_jinja() -> None:
    assert render("{{ s.upper() }}", s="paris") == "PARIS"
    with pytest.raises(Exception, match="missing"):
        render("{{ d.missing }}", d={"a": 1})  # StrictUndefined: never a silent blank
