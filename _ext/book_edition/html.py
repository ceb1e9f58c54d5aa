"""The web pages: the notes set apart from the text, the one a reader jumps to highlighted,
and each page's description for link previews."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CSS_FILE = Path(__file__).parent.resolve() / "static" / "book-html.css"
#: The builders that write furo's pages (the EPUB has its own style sheet: epub.py).
WEB_BUILDERS = ("html", "dirhtml")


def add_style_sheet(app: Sphinx) -> None:
    """Link ``book-html.css`` from every page and put it in ``_static``."""
    if app.builder.name not in WEB_BUILDERS:
        return
    app.add_css_file(CSS_FILE.name)
    # A file path, not the folder: before Sphinx makes ``_static``, copy_asset_file would
    # write the style sheet under the folder's name.
    static = Path(app.builder.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    copy_asset_file(CSS_FILE, static / CSS_FILE.name, force=True)


#: The length of a page's description for link previews (OpenGraph), in characters.
DESCRIPTION_LENGTH = 200


def describe_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``og:description``: the page's first paragraph as a reader reads it.

    sphinxext-opengraph reads the text itself, but joins inline nodes without their spaces
    and keeps the footnote numbers (« Debois 1 crée … en 2009( CloudBees »); a page's own
    ``og:description`` (its front matter) still wins, as this runs first.
    """
    if app.builder.name not in WEB_BUILDERS or doctree is None:
        return
    meta = context.get("meta") or {}
    if "og:description" in meta:
        return
    for paragraph in doctree.findall(nodes.paragraph):
        if _in_note_or_navigation(paragraph):
            continue
        copy = paragraph.deepcopy()
        for note in list(copy.findall(nodes.footnote_reference)):
            note.parent.remove(note)
        text = " ".join(copy.astext().split())
        if text:
            context["meta"] = {**meta, "og:description": _shorten(text)}
            return


def _in_note_or_navigation(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.footnote, nodes.citation, nodes.Admonition, nodes.table)):
            return True
        if isinstance(parent, addnodes.compact_paragraph | addnodes.toctree):
            return True
        parent = parent.parent
    return False


def _shorten(text: str) -> str:
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:(«\u00a0\u202f") + "…"
