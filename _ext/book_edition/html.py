"""The web pages: the notes set apart from the text, and the one a reader jumps to highlighted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CSS_FILE = Path(__file__).parent.resolve() / "static" / "book-html.css"
#: The builders that write furo's pages (the EPUB has its own style sheet: epub.py).
WEB_BUILDERS = ("html", "dirhtml")


def licence_in_footer(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The footer's « Copyright © 2026, L’auteur » goes on with the book's licence."""
    if app.builder.name in WEB_BUILDERS and app.config.book_licence and context.get("copyright"):
        context["copyright"] = f"{context['copyright']}. {app.config.book_licence}"


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
