"""Copies of an entry's content shown on other pages than its own.

Made twice: detached from the glossary's tree when its document is read (stored in the
environment), then, when a page that shows it is written, a copy of that for the page.
"""

from __future__ import annotations

from typing import TypeVar

from docutils import nodes
from sphinx import addnodes

AnyElement = TypeVar("AnyElement", bound=nodes.Element)


def definition_content(definition: nodes.definition) -> nodes.Element:
    """A detached copy of what the author wrote in an entry, to show it on other pages."""
    content = nodes.container()
    for child in definition.children:
        if not (isinstance(child, nodes.Element) and child.get("devops_generated")):
            content += child.deepcopy()
    for node in content.findall(nodes.Node):
        # docutils' copies keep a reference to the glossary's whole document: drop it, so
        # the copy belongs to the page it is shown on (and the env stays small).
        node.document = None  # type: ignore[assignment]  # docutils' own way to detach
        if isinstance(node, nodes.Element):
            node["ids"] = []
            node["names"] = []
    for reference in list(content.findall(nodes.footnote_reference)):
        reference.parent.remove(reference)
    return content


def copy_for_page(node: AnyElement, docname: str) -> AnyElement:
    """A copy of an entry's content shown on ``docname``: its references resolve from there,
    and a mention in it never carries a footnote of its own."""
    copy = node.deepcopy()
    for xref in copy.findall(addnodes.pending_xref):
        xref["refdoc"] = docname
        xref["devops_copy"] = True
        xref["devops_footnote"] = "never"
    return copy
