"""HTML tooltips: each page carries, once, the first paragraph of every term it links to.

The text sits in a hidden block that each link names with ``aria-describedby``, so screen
readers read it and the script (``static/devops.js``) shows it on hover and on focus; with
scripts off, the links stay plain links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import tooltip_store

if TYPE_CHECKING:
    from .domain import DevOpsDomain
    from .entries import Entry

#: The builders whose pages run the tooltip script (EPUB gets plain links).
TOOLTIP_BUILDERS = ("html", "dirhtml")


def is_term_xref(node: nodes.Node) -> bool:
    return (
        isinstance(node, addnodes.pending_xref)
        and node.get("refdomain") == "devops"
        and node.get("reftype") == "term"
    )


class AddTooltips(SphinxPostTransform):
    """Write each term's first paragraph once per page and point the term's links at it.

    Runs before the references are resolved, so citations in a definition resolve as they
    do on the definition's own page; ``FlattenTooltips`` then turns links into text.
    """

    default_priority = 6
    builders = TOOLTIP_BUILDERS

    def run(self, **kwargs: Any) -> None:
        domain: DevOpsDomain = self.env.domains["devops"]  # type: ignore[assignment]
        store = tooltip_store()
        written: set[str] = set()
        for xref in list(self.document.findall(is_term_xref)):
            entry = domain.find("term", xref["reftarget"])
            if entry is None or entry.content is None:
                continue
            tooltip_id = f"devops-tip-{entry.anchor}"
            if tooltip_id not in written:
                paragraph = first_paragraph(entry, xref["refdoc"])
                if paragraph is None:
                    continue
                written.add(tooltip_id)
                store += nodes.container(
                    "", paragraph, ids=[tooltip_id], classes=["devops-tooltip"]
                )
            xref["devops_tooltip"] = tooltip_id
        if written:
            self.document += store


class FlattenTooltips(SphinxPostTransform):
    """Tooltips hold no links (nothing focusable inside a tooltip): keep only their text."""

    default_priority = 30
    builders = TOOLTIP_BUILDERS

    def run(self, **kwargs: Any) -> None:
        linkish = (nodes.reference, nodes.target)
        for store in self.document.findall(tooltip_store):
            for node in list(store.findall(lambda n: isinstance(n, linkish))):
                node.replace_self(nodes.inline("", "", *node.children))


def first_paragraph(entry: Entry, docname: str) -> nodes.paragraph | None:
    """A copy of the definition's first paragraph whose references resolve from ``docname``."""
    paragraph = next(entry.content.findall(nodes.paragraph), None)
    if paragraph is None:
        return None
    paragraph = paragraph.deepcopy()
    for xref in paragraph.findall(addnodes.pending_xref):
        xref["refdoc"] = docname
        xref["devops_copy"] = True
        xref["devops_footnote"] = "never"
    return paragraph
