"""HTML tooltips: each page carries, once, the first paragraph of every term it links to.

The text sits in a hidden block that each link names with ``aria-describedby``, so screen
readers read it and the script (``static/devops.js``) shows it on hover and on focus; with
scripts off, the links stay plain links.  A tooltip is rendered with its page, after every
transform that changes its text (French spacing included), so it reads as the definition does.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .copies import copy_for_page
from .env_access import domain_of
from .nodes import tooltip_store

if TYPE_CHECKING:
    from .entries import Entry

#: The builders whose pages run the tooltip script: one HTML page per document, written with
#: the translator's own visitors (EPUB gets plain links).
TOOLTIP_BUILDERS = ("html", "dirhtml")


def tooltip_id(entry: Entry) -> str:
    """The id of the element whose text a term's links describe themselves with.

    Anchors are unique per document only (« C++ » and « C » both make ``term-C``): the
    document's name keeps two entries of two glossaries apart on a page that shows both.
    """
    return f"{tooltip_prefix(entry.docname)}-{entry.anchor}"


@lru_cache(maxsize=4096)
def tooltip_prefix(docname: str) -> str:
    """``make_id`` normalises Unicode and runs regexes: once per document, not per link."""
    return nodes.make_id("devops-tip-" + docname)


def is_term_xref(node: addnodes.pending_xref) -> bool:
    return bool(node.get("refdomain") == "devops" and node.get("reftype") == "term")


class AddTooltips(SphinxPostTransform):
    """Write each term's first paragraph once per page and point the term's links at it.

    Runs before the references are resolved, so citations in a definition resolve as they
    do on the definition's own page; ``FlattenTooltips`` then turns links into text.
    """

    default_priority = 6
    builders = TOOLTIP_BUILDERS

    def run(self, **kwargs: Any) -> None:
        domain = domain_of(self.env)
        tooltips: list[nodes.Element] = []
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if not is_term_xref(xref):
                continue
            entry = domain.find("term", xref["reftarget"])
            if entry is None or entry.content is None:
                continue
            target = tooltip_id(entry)
            # Already on the page (the definition itself, its footnote, or a tooltip written
            # for an earlier link): point at it, so the text is written once per page.
            if target not in self.document.ids:
                paragraph = first_paragraph(entry, xref["refdoc"])
                if paragraph is None:
                    continue
                self.document.ids[target] = self.document
                tooltips.append(
                    nodes.container("", paragraph, ids=[target], classes=["devops-tooltip"])
                )
            xref["devops_tooltip"] = target
        if tooltips:
            # Not fed to the search index: a definition is found on its own page.
            self.document += tooltip_store("", *tooltips, classes=["no-search"])


class FlattenTooltips(SphinxPostTransform):
    """Tooltips hold no links (nothing focusable inside a tooltip): keep only their text."""

    default_priority = 30
    builders = TOOLTIP_BUILDERS

    def run(self, **kwargs: Any) -> None:
        store = self.document.children[-1] if self.document.children else None
        if not isinstance(store, tooltip_store):  # AddTooltips appends it last, or not at all
            return
        for kind in (nodes.reference, nodes.target):
            for node in list(store.findall(kind)):
                node.replace_self(nodes.inline("", "", *node.children))


def first_paragraph(entry: Entry, docname: str) -> nodes.paragraph | None:
    """A copy of the definition's first paragraph whose references resolve from ``docname``."""
    if entry.content is None:
        return None
    paragraph = next(entry.content.findall(nodes.paragraph), None)
    if paragraph is None:
        return None
    return copy_for_page(paragraph, docname)
