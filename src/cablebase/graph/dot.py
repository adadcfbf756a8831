"""A neighbourhood as Graphviz DOT: ``cablebase refs ID --format dot | dot -Tsvg > refs.svg``."""

from __future__ import annotations

from cablebase.graph.neighbourhood import Neighbourhood, Node
from cablebase.graph.status import ReferenceStatus
from cablebase.graph.style import fill_of

# Line styles of what the archive lacks: dashed can be fetched from Cablegate, dotted cannot.
_BORDER = {
    ReferenceStatus.ABSENT: "dashed",
    ReferenceStatus.OUTSIDE: "dotted",
    ReferenceStatus.UNIDENTIFIED: "dotted",
}


def quoted(text: str) -> str:
    """A DOT quoted string: quotes and backslashes escaped, line ends as DOT's ``\\n``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def _label(node: Node) -> str:
    if node.kind != "cable" or node.reference_id is None:
        return f"{node.kind}: {node.text or ''}"[:80]
    lines = [node.reference_id]
    if node.subject:
        lines.append(node.subject[:48])
    if node.status is not ReferenceStatus.RESOLVED:
        lines.append(f"({node.status.value})")
    return "\n".join(lines)


def _node_line(node: Node, centre: str) -> str:
    attrs = [f"label={quoted(_label(node))}", f"fillcolor={quoted(fill_of(node))}"]
    style = ["filled"]
    if node.status in _BORDER:
        style.append(_BORDER[node.status])
    attrs.append(f"style={quoted(','.join(style))}")
    if node.status is ReferenceStatus.NON_CABLE or node.kind != "cable":
        attrs.append("shape=note")
    if node.status is ReferenceStatus.RESOLVED and node.level in ("SECRET", "CONFIDENTIAL"):
        attrs.append('fontcolor="#ffffff"')  # dark fills
    if node.id == centre:
        attrs.append("penwidth=3")
    return f"  {quoted(node.id)} [{', '.join(attrs)}];"


def to_dot(graph: Neighbourhood) -> str:
    lines = [
        f"digraph {quoted('references of ' + graph.centre)} {{",
        "  graph [rankdir=LR];",
        '  node [shape=box, fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for note in graph.notes:
        lines.append(f"  // {note}")
    lines.extend(_node_line(node, graph.centre) for node in graph.nodes)
    for edge in graph.edges:
        label = f" [label={quoted(edge.label)}]" if edge.label else ""
        lines.append(f"  {quoted(edge.source)} -> {quoted(edge.target)}{label};")
    lines.append("}")
    return "\n".join(lines) + "\n"
