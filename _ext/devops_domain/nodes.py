"""The domain's doctree nodes; each subclasses a docutils node so any writer can fall back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator


class term_reference(nodes.reference):
    """A link to a term; in HTML it points at the page's tooltip text with aria-describedby."""


class backlinks(nodes.paragraph):
    """Placeholder for « Mentionné dans … » under an entry, filled at write time."""


class tooltip_store(nodes.General, nodes.Element):
    """HTML only: the hidden first paragraphs of the terms a page refers to, once each."""


def visit_term_reference_html(self: HTML5Translator, node: term_reference) -> None:
    """Write the link as Sphinx does, with ``aria-describedby`` when the page holds the tooltip."""
    self.visit_reference(node)
    tooltip_id = node.get("tooltip_id")
    if tooltip_id:
        self.body[-1] = self.body[-1].replace("<a ", f'<a aria-describedby="{tooltip_id}" ', 1)


def visit_tooltip_store_html(self: HTML5Translator, node: tooltip_store) -> None:
    # Visually hidden rather than ``hidden``: without layout, browsers compute the accessible
    # description of inline markup with stray blanks (« ( dev ) »). aria-hidden keeps it out
    # of the reading order; aria-describedby still reads it.
    self.body.append('<div class="devops-tooltips" aria-hidden="true">\n')


def depart_tooltip_store_html(self: HTML5Translator, node: tooltip_store) -> None:
    self.body.append("</div>\n")
