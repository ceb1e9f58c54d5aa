"""The web pages: the notes set apart from the text, and the one a reader jumps to highlighted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging
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
    try:
        static.mkdir(parents=True, exist_ok=True)
        copy_asset_file(CSS_FILE, static / CSS_FILE.name, force=True)
    except OSError as error:  # a full disk: a warning with the path, not a traceback
        logging.getLogger(__name__).warning(
            "cannot write %s: %s",
            error.filename2 or error.filename or static,
            error.strerror,
            type="book_edition",
            subtype="output",
        )
