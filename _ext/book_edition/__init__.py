"""The book as it is published: the PDF's typography, the EPUB's notes, cover and navigation,
English passages marked as such, and links to the book's other formats.

This extension belongs to the book « Sécurité & DevOps » (its values come from ``conf.py``):

* :mod:`.latex`: ``sdfrbook.sty`` (trim size, title pages, running heads, annexes…) and the
  marks of the book's parts in the assembled LaTeX document;
* :mod:`.epub`: notes as EPUB 3 pop-up notes, the indexes in the navigation, a cover drawn
  from the title;
* :mod:`.html`: on the web pages, a rule above the notes and the note jumped to highlighted,
  each page's description for link previews; the site's ``sitemap.xml``;
* :mod:`.linkcheck`: ``make linkcheck`` names a broken address of the bibliography at its
  line of the ``.bib`` file;
* :mod:`.roles`: ``{en}`…``` for English passages, ``{book-link}`en PDF <pdf>``` for the
  book's other formats (linked where Read the Docs publishes them).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from . import epub, html, latex
from .linkcheck import BookLinkcheckBuilder
from .roles import BookLinkRole, EnglishRole, UnlinkTheEpubInTheEpub, read_the_docs_links

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the book's settings, roles, LaTeX package and EPUB adjustments."""
    app.add_config_value(
        "book_subtitle", "", "env", str, description="The subtitle, on the title page and cover."
    )
    app.add_config_value(
        "book_edition",
        lambda config: f"Édition {config.release}" if config.release else "",
        "env",
        str,
        description="The edition, on the title page and the copyright page.",
    )
    app.add_config_value(
        "book_back_matter",
        [],
        "env",
        list,
        description="Documents printed as unnumbered annexes (the first one opens them).",
    )
    links = read_the_docs_links(os.environ)
    app.add_config_value(
        "book_links",
        links,
        "env",
        dict,
        description="Where the book is published: {'html'|'pdf'|'epub': address}.",
    )
    app.add_config_value(
        "book_online_url",
        lambda config: config.book_links.get("html", ""),  # the web address of book_links
        "env",
        str,
        description="The online book's address, printed on the PDF's copyright page.",
    )
    app.add_config_value(
        "book_print",
        False,
        "env",
        bool,
        description="A one-colour PDF for a printer (black text and links, no tinted fills).",
    )
    app.add_role("en", EnglishRole())
    app.add_role("book-link", BookLinkRole())

    app.connect("config-inited", latex.add_package)
    app.connect("config-inited", latex.use_print_colours)
    app.connect("builder-inited", latex.write_package)
    app.connect("build-finished", latex.give_xindy_its_options)
    app.connect("builder-inited", html.add_style_sheet)
    app.connect("html-page-context", html.describe_page, priority=400)  # before opengraph
    app.connect("build-finished", html.write_sitemap)
    app.connect("html-page-context", html.licence_in_footer)
    app.connect("html-page-context", html.typographic_indexes)
    app.add_post_transform(latex.MarkBookParts)
    app.add_post_transform(UnlinkTheEpubInTheEpub)
    app.add_post_transform(latex.PeopleWithoutHeadings)
    app.add_post_transform(latex.PeopleWithoutHeadingsOnScreen)
    app.add_post_transform(latex.KeepEntryNotesTogether)
    app.add_post_transform(latex.FloatNumberedTables)
    app.add_post_transform(latex.IndexReferencesInPrint)

    app.add_builder(BookLinkcheckBuilder, override=True)
    epub.setup(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
