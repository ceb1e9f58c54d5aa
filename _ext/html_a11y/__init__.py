"""HTML accessibility fixes for markup that Sphinx 9.0 and docutils 0.22 write.

* Toctree captions are ``<p class="caption" role="heading">`` with no ``aria-level``
  (required by ARIA; sphinx-doc/sphinx#14030): they get ``aria-level="2"``, the level
  browsers already assume.
* Bibliography entries have the role ``doc-biblioentry``, deprecated by DPUB-ARIA 1.1,
  inside a ``role="list"``: the list then has no items and screen readers announce it
  empty. Each entry becomes a ``listitem``.
* The furo theme wraps each table (and display math) in a ``div`` that copies the table's
  attributes, its ``id`` included: a numbered table's id then stands twice on the page
  (invalid HTML; a link to it may land on either).  The wrapper keeps its classes only.
* ``sphinx.ext.graphviz`` embeds an SVG figure as an ``<object>`` whose text alternative
  (the directive's ``:alt:``) is only its fallback content, which assistive technologies do
  not read as its name (axe's ``object-alt``): the ``<object>`` gets ``role="img"`` and the
  ``:alt:`` as its ``aria-label``.

Each visitor writes what Sphinx writes and only amends the opening tag.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata
    from sphinx.writers.html5 import HTML5Translator

CAPTION_TAG = '<p class="caption" role="heading">'


def visit_title(self: HTML5Translator, node: nodes.title) -> None:
    start = len(self.body)
    type(self).visit_title(self, node)
    for position in range(start, len(self.body)):  # the tag, then a <span> for the text
        if self.body[position].startswith(CAPTION_TAG):
            self.body[position] = CAPTION_TAG[:-1] + ' aria-level="2">'
            break


def visit_citation(self: HTML5Translator, node: nodes.citation) -> None:
    type(self).visit_citation(self, node)
    self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"', 1)


SVG_OBJECT = '<object data="'


def visit_graphviz(self: HTML5Translator, node: nodes.Element) -> None:
    from sphinx.ext.graphviz import html_visit_graphviz

    start = len(self.body)
    try:
        html_visit_graphviz(self, node)  # type: ignore[arg-type]  # ends with SkipNode
    finally:
        alt = node.get("alt")
        for position in range(start, len(self.body)):
            tag = self.body[position]
            if alt and tag.startswith(SVG_OBJECT) and 'type="image/svg+xml"' in tag:
                label = self.attval(alt)
                self.body[position] = tag.replace(
                    SVG_OBJECT, f'<object role="img" aria-label="{label}" data="', 1
                )
                break


def amend_graphviz(app: Sphinx, config: Config) -> None:
    """Where the project loads ``sphinx.ext.graphviz`` (every extension is set up before
    ``config-inited``), its HTML visitor is amended too."""
    if "sphinx.ext.graphviz" in app.extensions:
        from sphinx.ext.graphviz import graphviz

        app.add_node(graphviz, override=True, html=(visit_graphviz, None))


class UniqueWrapperIds(SphinxPostTransform):
    """A wrapper ``div`` does not repeat the id of what it wraps (furo's table-wrapper)."""

    default_priority = 501  # just after furo's WrapTableAndMathInAContainerTransform (500)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for container in self.document.findall(nodes.container):
            inner = container.children[0] if container.children else None
            if isinstance(inner, nodes.Element) and container["ids"] == inner["ids"]:
                container["ids"] = []


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the amended visitors for HTML-like outputs (HTML, EPUB)."""
    app.add_post_transform(UniqueWrapperIds)
    # No depart function: the translator's own stays in place.
    app.add_node(nodes.title, override=True, html=(visit_title, None))
    app.add_node(nodes.citation, override=True, html=(visit_citation, None))
    app.connect("config-inited", amend_graphviz)
    return {"version": "1.0.0", "parallel_read_safe": True, "parallel_write_safe": True}
