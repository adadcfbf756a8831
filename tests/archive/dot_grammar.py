"""A strict reader of the DOT subset Graphviz documents (graph, node, edge statements).

Written for the tests so that `refs --format dot` is checked without the `dot` program: it
rejects what Graphviz would reject in that subset (unbalanced braces, a bad attribute list,
an unescaped quote) and returns the nodes and edges it read.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r'\s*(?:(?P<comment>//[^\n]*)|(?P<quoted>"(?:\\.|[^"\\])*")|(?P<arrow>->)'
    r"|(?P<id>[A-Za-z_\x80-\uffff][\w\x80-\uffff]*|-?(?:\.\d+|\d+(?:\.\d*)?))"
    r"|(?P<punct>[{}\[\];,=]))",
    re.S,
)


@dataclass
class DotGraph:
    name: str
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"bad DOT at offset {pos}: {text[pos : pos + 20]!r}")
        pos = m.end()
        if m.group("comment") is None:
            out.append(m.group(m.lastgroup or ""))
    return out


def _value(token: str) -> str:
    if token.startswith('"'):
        return re.sub(
            r"\\(.)", lambda m: m.group(1) if m.group(1) in '"\\' else m.group(0), token[1:-1]
        )
    if token in "{}[];,=" or token == "->":
        raise ValueError(f"an id was expected, not {token!r}")
    return token


def parse_dot(text: str) -> DotGraph:
    tokens = _tokens(text)
    i = 0

    def take(expected: str | None = None) -> str:
        nonlocal i
        if i >= len(tokens):
            raise ValueError("DOT ends too early")
        token = tokens[i]
        if expected is not None and token != expected:
            raise ValueError(f"{expected!r} expected, found {token!r}")
        i += 1
        return token

    def attributes() -> dict[str, str]:
        attrs: dict[str, str] = {}
        while i < len(tokens) and tokens[i] == "[":
            take("[")
            while tokens[i] != "]":
                key = _value(take())
                take("=")
                attrs[key] = _value(take())
                if tokens[i] in (",", ";"):
                    take()
            take("]")
        return attrs

    take("digraph")
    graph = DotGraph(_value(take()) if tokens[i] != "{" else "")
    take("{")
    while tokens[i] != "}":
        head = take()
        if head in ("graph", "node", "edge"):
            attributes()
        else:
            chain = [_value(head)]
            while tokens[i] == "->":
                take("->")
                chain.append(_value(take()))
            attrs = attributes()
            if len(chain) == 1:
                graph.nodes[chain[0]] = attrs
            graph.edges.extend((a, b, attrs) for a, b in itertools.pairwise(chain))
        if tokens[i] == ";":
            take(";")
    take("}")
    if i != len(tokens):
        raise ValueError(f"text after the graph: {tokens[i]!r}")
    return graph
