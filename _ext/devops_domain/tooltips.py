"""HTML tooltips: each page carries, once, the first paragraph of every term it links to.

The text sits in a hidden block that each link names with ``aria-describedby``, so screen
readers read it and the script (``static/devops.js``) shows it on hover and on focus; with
scripts off, the links stay plain links.

A tooltip holds no links, so its HTML is the same on every page: it is rendered once per
build, on the first page that needs it, and later pages get that HTML as it is.  In a book
of hundreds of pages this saves a copy of each definition per page, and the time Python's
collector spends walking those copies.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .collect import copy_for_page, tooltip_id
from .nodes import HTML_PAGE_BUILDERS, PAGE_INDEPENDENT, tooltip_store

if TYPE_CHECKING:
    from .domain import DevOpsDomain
    from .entries import Entry

#: The builders whose pages run the tooltip script (EPUB gets plain links).
TOOLTIP_BUILDERS = HTML_PAGE_BUILDERS


def is_term_xref(node: addnodes.pending_xref) -> bool:
    return node.get("refdomain") == "devops" and node.get("reftype") == "term"


class AddTooltips(SphinxPostTransform):
    """Write each term's first paragraph once per page and point the term's links at it.

    Runs before the references are resolved, so citations in a definition resolve as they
    do on the definition's own page; ``FlattenTooltips`` then turns links into text.
    """

    default_priority = 6
    builders = TOOLTIP_BUILDERS

    def run(self, **kwargs: Any) -> None:
        domain: DevOpsDomain = self.env.domains["devops"]  # type: ignore[assignment]
        tooltips: list[str | nodes.Element] = []  # rendered HTML, or a paragraph to render
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
                tooltip = self.tooltip(domain, entry, target, xref["refdoc"])
                if tooltip is None:
                    continue
                self.document.ids[target] = self.document
                tooltips.append(tooltip)
            xref["devops_tooltip"] = target
        if tooltips:
            # Not fed to the search index: a definition is found on its own page.
            self.document += tooltip_store("", *html_runs(tooltips), classes=["no-search"])

    def tooltip(
        self, domain: DevOpsDomain, entry: Entry, target: str, docname: str
    ) -> str | nodes.Element | None:
        """The HTML an earlier page rendered, or a copy of the paragraph to resolve and render."""
        html = domain.rendered_tooltips.get(target)
        if html is not None:
            return html
        paragraph = first_paragraph(entry, docname)
        if paragraph is None:
            return None
        return nodes.container("", paragraph, ids=[target], classes=["devops-tooltip"])


def html_runs(parts: list[str | nodes.Element]) -> list[nodes.Element]:
    """The parts as nodes, each run of rendered HTML joined into one raw node.

    Once the first pages have rendered them, a page's tooltips are one node instead of one
    per tooltip: fewer objects kept alive while the page is written, so Python's collector
    runs less often on a large book.
    """
    result: list[nodes.Element] = []
    for is_html, run in groupby(parts, key=lambda part: isinstance(part, str)):
        if is_html:
            result.append(nodes.raw("", "".join(run), format="html"))  # type: ignore[arg-type]
        else:
            result.extend(run)  # type: ignore[arg-type]
    return result


class FlattenTooltips(SphinxPostTransform):
    """Tooltips hold no links (nothing focusable inside a tooltip): keep only their text.

    Then render each new tooltip once and keep its HTML for the pages that follow.
    """

    default_priority = 30
    builders = TOOLTIP_BUILDERS

    def run(self, **kwargs: Any) -> None:
        store = self.document.children[-1] if self.document.children else None
        if not isinstance(store, tooltip_store):  # AddTooltips appends it last, or not at all
            return
        for kind in (nodes.reference, nodes.target):
            for node in list(store.findall(kind)):
                node.replace_self(nodes.inline("", "", *node.children))
        domain: DevOpsDomain = self.env.domains["devops"]  # type: ignore[assignment]
        builder = self.env._app.builder
        rendered: list[str | nodes.Element] = []
        for tooltip in store.children:
            if isinstance(tooltip, nodes.raw):  # rendered by an earlier page
                rendered.append(tooltip.astext())
            elif all(isinstance(node, PAGE_INDEPENDENT) for node in tooltip.findall()):
                html = builder.render_partial(tooltip.deepcopy())["fragment"]
                domain.rendered_tooltips[tooltip["ids"][0]] = html
                rendered.append(html)
            else:
                rendered.append(tooltip)  # rendered with this page, as any other node
        store.children = []
        store.extend(html_runs(rendered))


def first_paragraph(entry: Entry, docname: str) -> nodes.paragraph | None:
    """A copy of the definition's first paragraph whose references resolve from ``docname``."""
    paragraph = next(entry.content.findall(nodes.paragraph), None)
    if paragraph is None:
        return None
    return copy_for_page(paragraph, docname)
