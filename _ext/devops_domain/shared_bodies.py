"""HTML pages: a footnote body that reads the same on every page is rendered once per build.

A biography becomes a footnote on every page that mentions the person. Copied node by node
onto each page, those copies are most of what the domain adds to a page while it is written,
and what Python's collector then walks again and again in a large book. So the first page
that shows a body without links of its own keeps its HTML, as that page's translator wrote
it among the page's footnotes, and its words; later pages get one node holding both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes

from .nodes import PAGE_INDEPENDENT

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from .domain import DevOpsDomain

#: (entry's document, entry's anchor, id given to its first paragraph on the page)
BodyKey = tuple[str, str, str]


class body_capture(nodes.Invisible, nodes.Element):
    """Marks where a shareable footnote body starts (``edge="start"``) and ends."""


class shared_body(nodes.Element):
    """A footnote body rendered by an earlier page: its HTML, and its words as text (search)."""


def is_shareable(body: list[nodes.Node]) -> bool:
    """Text and formatting only, and links written out by the author (the same everywhere):
    no cross-reference, image or other node whose HTML depends on the page, and nothing the
    search index would skip."""
    return all(
        (
            isinstance(node, PAGE_INDEPENDENT)
            or (isinstance(node, nodes.reference) and "refuri" in node and not node.get("internal"))
        )
        and not (isinstance(node, nodes.Element) and "no-search" in node["classes"])
        for child in body
        for node in child.findall()
    )


def shared_or_marked(
    domain: DevOpsDomain, key: BodyKey, copy: Callable[[], list[nodes.Node]]
) -> list[nodes.Node]:
    """The body an earlier page rendered, or a copy, marked if this page is to keep its HTML."""
    rendered = domain.shared_bodies.get(key)
    if rendered is not None:
        html, words = rendered
        return [shared_body("", nodes.Text(words), html=html)]
    body = copy()
    if not is_shareable(body):
        return body
    return [body_capture(edge="start"), *body, body_capture(edge="end", key=key)]


def visit_body_capture_html(self: HTML5Translator, node: body_capture) -> None:
    """At the end marker, keep what the translator wrote since the start marker."""
    if node["edge"] == "start":
        node["offset"] = len(self.body)
    else:
        siblings = node.parent.children
        start = next(n for n in siblings if isinstance(n, body_capture))
        html = "".join(self.body[start["offset"] :])
        body = siblings[siblings.index(start) + 1 : siblings.index(node)]
        words = "\n".join(text.astext() for child in body for text in child.findall(nodes.Text))
        domain: DevOpsDomain = self.builder.env.domains["devops"]  # type: ignore[assignment]
        domain.shared_bodies[node["key"]] = (html, words)
    raise nodes.SkipNode


def visit_shared_body_html(self: HTML5Translator, node: shared_body) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode
