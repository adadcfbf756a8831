"""The repeated parts of a result page, written as Python: facet rows, hits, year bars, the
export form's fields.

Why not Jinja: a search page has some seventy facet rows, twenty hits and up to forty bars,
about 540 values to escape. Jinja took ~1.6 ms a page over them (markupsafe's ``escape``
wraps each value in a ``Markup`` at ~1.4 us, and each of ~1,500 chunks is yielded up through
four nested generators), when the whole search costs a server process ~6 ms, and the reading
room is held to 300 searches a second on two cores. Here the same markup costs ~0.4 ms, and
the whole search page renders in 0.5 ms instead of 2.0 (300 pages of the bench/web mix). The
markup is the one the templates had, byte for byte, and every value is escaped exactly as
Jinja escapes it: tests/web/test_result_html.py renders both, over real and hostile pages.

The templates call these as globals (``{{ facets_html(data) }}``); each returns ``Markup``,
which Jinja outputs as it is. Values are the page's JSON (``data``), so the HTML and its JSON
twin cannot drift apart.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from cablebase.web.listing import FACET_TITLES

_UNSAFE = re.compile(r"[&<>\"']")
_FORMAT_NAMES = {"csv": "CSV", "jsonl": "JSON lines", "parquet": "Parquet"}


def escape(value: object) -> str:
    """``value`` as HTML text, as markupsafe writes it (``&#34;`` and ``&#39;`` for quotes)."""
    text = value if type(value) is str else str(value)
    if _UNSAFE.search(text) is None:  # most values (ids, origins, counts) need nothing
        return text
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


@lru_cache(maxsize=65536)
def _entry_tail(filter_: str, label: str, value: str) -> str:
    """What follows a facet entry's URL up to its count: the same for a value on every page."""
    title = f' title="{escape(label)}"' if label else ""
    return f'" data-filter="{escape(filter_)}"{title}>{escape(value)}</a> <span class="count">'


@lru_cache(maxsize=65536)
def _meaning(meaning: str | None) -> str:
    return f'<span class="facet-meaning">{escape(meaning)}</span></li>\n' if meaning else "</li>\n"


def facets_html(data: dict[str, Any]) -> Markup:
    """The filters aside: the active filters, each facet's entries, the most-cited panel."""
    out = ['<aside class="facets" aria-label="Filters">\n']
    if data["filters"]:
        out.append('  <section class="active-filters">\n    <h2>Filters</h2>\n    <ul>\n')
        for f in data["filters"]:
            out.append(
                f'      <li><a class="remove-filter" href="{escape(f["remove_url"])}" '
                f'title="Remove this filter">{escape(f["filter"])} '
                '<span aria-hidden="true">×</span><span class="visually-hidden">remove</span>'
                "</a></li>\n"
            )
        out.append("    </ul>\n  </section>\n")
    for name, entries in data["facets"].items():
        if not entries:
            continue
        out.append(
            f'  <section class="facet" data-facet="{escape(name)}">\n'
            f"    <h2>{escape(FACET_TITLES[name])}</h2>\n    <ul>\n"
        )
        for e in entries:
            out.append(
                '      <li><a class="facet-value active" href="'
                if e["active"]
                else '      <li><a class="facet-value" href="'
            )
            out.append(escape(e["url"]))
            out.append(_entry_tail(e["filter"], e["label"], e["value"]))
            out.append(f"{e['count']:,}</span>")
            out.append(_meaning(e["meaning"]))
        out.append("    </ul>\n  </section>\n")
    # static/most-cited.js fills this panel from the JSON twin of the page it links to, which
    # lists the same without script. Browse pages have no such page.
    cited = data.get("most_cited_url")
    if cited is not None and data["total"]:
        src = cited.replace("/most-cited?", "/most-cited.json?", 1)
        out.append(
            f'  <section class="facet most-cited" data-facet="cites" data-src="{escape(src)}">\n'
            "    <h2>Most cited</h2>\n"
            f'    <p class="most-cited-link"><a href="{escape(cited)}">'
            "The cables these hits cite most</a></p>\n  </section>\n"
        )
    out.append("</aside>")
    return Markup("".join(out))


def histogram_html(data: dict[str, Any]) -> Markup:
    """The hits-per-year bars, each a link that adds its year as a filter."""
    bars = data["histogram"]
    if not bars:
        return Markup("")
    out = [
        '<figure class="histogram">\n  <svg viewBox="0 -14 600 110" role="img" '
        'aria-label="Hits per year" preserveAspectRatio="none">\n'
    ]
    for bar in bars:
        out.append(
            f'    <a href="{escape(bar["url"])}"><rect class="bar" x="{bar["x"]}" y="{bar["y"]}"'
            f' width="{bar["width"]}" height="{bar["height"]}"><title>{bar["year"]}: '
            f"{bar['count']}</title></rect></a>\n"
        )
    out.append(
        f'    <text class="axis" x="0" y="95">{bars[0]["year"]}</text>\n'
        f'    <text class="axis end" x="600" y="95">{bars[-1]["year"]}</text>\n'
        "  </svg>\n  <figcaption>Hits per year</figcaption>\n</figure>\n"
    )
    return Markup("".join(out))


def hits_html(data: dict[str, Any]) -> Markup:
    """The numbered hits with their snippets, and the pager under them."""
    offset: int = data["offset"]
    hits = data["hits"]
    out = [f'<ol class="hits" start="{offset + 1}">\n']
    for hit in hits:
        out.append(
            f'  <li class="hit">\n    <a class="hit-title" href="{escape(hit["url"])}">'
            f"{escape(hit['subject'] or '(no subject)')}</a>\n"
            f'    <div class="hit-meta">\n      <span class="id">{escape(hit["reference_id"])}'
            "</span>\n"
        )
        # The template's markup: the optional parts run on, without indents or line ends.
        if hit["created"]:
            out.append(f"<time>{escape(hit['created'])}</time>")
        if hit["origin"]:
            out.append(f'<span class="origin">{escape(hit["origin"])}</span>')
        if hit["classification"]:
            out.append(f'<span class="classification">{escape(hit["classification"])}</span>')
        out.append("    </div>\n")
        if hit["snippet_html"]:  # made escaped, with <mark>, by the snippet itself
            out.append(f'<p class="snippet">{hit["snippet_html"]}</p>')
        out.append("  </li>\n")
    out.append('</ol>\n<nav class="pager" aria-label="Pages">\n')
    if data["previous"]:
        out.append(f'<a rel="prev" href="{escape(data["previous"])}">← Previous</a>')
    out.append(
        f"  <span>{offset + 1 if hits else 0}–{offset + len(hits)} of {data['total']:,}</span>\n"
    )
    if data["next"]:
        out.append(f'<a rel="next" href="{escape(data["next"])}">Next →</a>')
    out.append("</nav>")
    return Markup("".join(out))


@lru_cache(maxsize=8)
def _export_choices(formats: tuple[str, ...], fields: tuple[tuple[str, bool], ...]) -> str:
    """The export form's format and field choices: the same on every page."""
    out = ["    <fieldset>\n      <legend>Format</legend>\n"]
    for i, fmt in enumerate(formats):
        checked = " checked" if i == 0 else ""
        out.append(
            f'      <label><input type="radio" name="format" value="{escape(fmt)}"{checked}> '
            f"{_FORMAT_NAMES[fmt]}</label>\n"
        )
    out.append(
        "    </fieldset>\n    <fieldset>\n      <legend>Fields</legend>\n"
        '      <div class="fields">\n'
    )
    for name, default in fields:
        checked = " checked" if default else ""
        out.append(
            f'        <label><input type="checkbox" name="fields" value="{escape(name)}"'
            f"{checked}> {escape(name)}</label>\n"
        )
    out.append("      </div>\n    </fieldset>\n")
    return "".join(out)


def export_form_html(data: dict[str, Any]) -> Markup:
    """The form that exports the results with chosen fields, in a chosen format."""
    form = data["export_form"]
    total: int = data["total"]
    choices = _export_choices(
        tuple(form["formats"]), tuple((f["name"], bool(f["default"])) for f in form["fields"])
    )
    return Markup(
        '<details class="export-form">\n  <summary>Export with chosen fields…</summary>\n'
        f'  <form action="{escape(form["action"])}" method="get" id="export-form">\n'
        f'    <input type="hidden" name="q" value="{escape(form["q"])}">\n'
        f'    <input type="hidden" name="sort" value="{escape(form["sort"])}">\n'
        f"{choices}"
        f'    <button type="submit">Download {total:,} cable{"" if total == 1 else "s"}</button>\n'
        "  </form>\n</details>"
    )


GLOBALS = {
    "facets_html": facets_html,
    "histogram_html": histogram_html,
    "hits_html": hits_html,
    "export_form_html": export_form_html,
}
