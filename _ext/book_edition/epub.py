"""The EPUB: pop-up notes, the indexes in the navigation, a cover drawn from the title, and
the metadata a bookshop reads.

Sphinx's EPUB 3 builder, with:

* notes marked as EPUB 3 notes (``epub:type="noteref"`` on the call, ``"footnote"`` on the
  note), which Apple Books, Kobo and Thorium show as pop-ups, as Pandoc's EPUB writer does;
  and single brackets around a note's number (Sphinx's ``epub.css`` adds its own brackets
  around the ones the HTML writer already writes: « [[1]] »);
* the general index and the domain's indexes in ``nav.xhtml`` and ``toc.ncx``, not only in
  the spine;
* a cover (an SVG image made from the title, subtitle and author: no outside image) with its
  page, declared ``cover-image``;
* the subtitle, subjects and accessibility metadata in ``content.opf``.
"""

from __future__ import annotations

import html
import textwrap
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.epub3 import Epub3Builder
from sphinx.jinja2glue import BuiltinTemplateLoader, SphinxFileSystemLoader
from sphinx.locale import _
from sphinx.util.fileutil import copy_asset_file
from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

HERE = Path(__file__).parent.resolve()
COVER_IMAGE = "_static/couverture.svg"
COVER_PAGE_TEMPLATE = "book-cover.html"
CSS_FILE = "book-epub.css"


class EpubNotesTranslator(HTML5Translator):
    """Notes as EPUB 3 notes: ``epub:type`` on the call and on the note."""

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        start = len(self.body)
        super().visit_footnote_reference(node)
        self._add_epub_type(start, 'role="doc-noteref"', "noteref")

    def visit_footnote(self, node: nodes.footnote) -> None:
        start = len(self.body)
        super().visit_footnote(node)
        self._add_epub_type(start, 'role="doc-footnote"', "footnote")

    def _add_epub_type(self, start: int, marker: str, epub_type: str) -> None:
        """Add ``epub:type`` to the tag the visitor just wrote (the one with ``marker``)."""
        for position in range(start, len(self.body)):
            if marker in self.body[position]:
                tag = self.body[position]
                name_end = tag.index(" ")
                self.body[position] = f'{tag[:name_end]} epub:type="{epub_type}"{tag[name_end:]}'
                return


class BookEpubBuilder(Epub3Builder):
    """Sphinx's ``epub`` builder, with the book's notes, navigation, cover and metadata."""

    default_translator_class = EpubNotesTranslator

    def init(self) -> None:
        super().init()
        self.add_css_file(CSS_FILE)

    def init_templates(self) -> None:
        """The cover page's template, found after the project's and the theme's.

        Not through ``templates_path``: an absolute path there would make the build's
        configuration, and so ``.buildinfo``, depend on the folder the book is in.
        """
        super().init_templates()
        if isinstance(self.templates, BuiltinTemplateLoader):
            self.templates.loaders.append(SphinxFileSystemLoader(str(HERE / "templates")))

    def copy_static_files(self) -> None:
        super().copy_static_files()
        static = Path(self.outdir, "_static")
        copy_asset_file(HERE / "static" / CSS_FILE, static / CSS_FILE, force=True)
        if self.config.epub_cover and self.config.epub_cover[0] == COVER_IMAGE:
            Path(self.outdir, COVER_IMAGE).write_text(cover_svg(self.config), encoding="utf-8")

    def index_refnodes(self) -> list[dict[str, Any]]:
        """The indexes as entries of the navigation, after the chapters, as in the spine."""
        entries = [
            {"level": 1, "refuri": f"{name}{self.out_suffix}", "text": html.escape(index.localname)}
            for name, index, _content, _collapse in self.domain_indices
        ]
        if self.use_index:
            index = {"level": 1, "refuri": f"genindex{self.out_suffix}", "text": _("Index")}
            entries.append(index)
        return entries

    @contextmanager
    def indexes_in_refnodes(self) -> Iterator[None]:
        """Both navigation files list the indexes; the spine keeps its own list."""
        chapters = self.refnodes
        self.refnodes = chapters + self.index_refnodes()
        try:
            yield
        finally:
            self.refnodes = chapters

    def build_navigation_doc(self) -> None:
        with self.indexes_in_refnodes():
            super().build_navigation_doc()

    def build_toc(self) -> None:
        with self.indexes_in_refnodes():
            super().build_toc()

    def build_content(self) -> None:
        # Sphinx writes the cover page while it lists the manifest, and only when the page
        # is not there yet: on a second build it found the previous one first, put it again
        # at the end of the spine (linear="no", an epubcheck error) and did not rewrite it.
        if self.config.epub_cover and self.config.epub_cover[1]:
            Path(self.outdir, self.coverpage_name).unlink(missing_ok=True)
        super().build_content()
        path = Path(self.outdir, "content.opf")
        path.write_text(complete_metadata(path.read_text(encoding="utf-8"), self), encoding="utf-8")


def complete_metadata(opf: str, builder: Epub3Builder) -> str:
    """Add what Sphinx's ``content.opf`` lacks: subtitle, subjects, cover, accessibility."""
    config = builder.config
    extra = []
    if config.book_subtitle:
        extra.append(f'<dc:title id="subtitle">{html.escape(config.book_subtitle)}</dc:title>')
        extra.append('<meta refines="#subtitle" property="title-type">subtitle</meta>')
    extra += [f"<dc:subject>{html.escape(topic)}</dc:subject>" for topic in config.book_subjects]
    extra += [
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        *(
            f'<meta property="schema:accessibilityFeature">{feature}</meta>'
            for feature in ("structuralNavigation", "tableOfContents", "index", "readingOrder")
        ),
        '<meta property="schema:accessibilityHazard">none</meta>',
        '<meta property="schema:accessibilitySummary">Texte structuré par titres, avec notes '
        "liées, table des matières et index.</meta>",
    ]
    opf = opf.replace("</metadata>", "  " + "\n    ".join(extra) + "\n  </metadata>", 1)
    if config.epub_cover:
        item_id = html.escape(builder.make_id(config.epub_cover[0]))
        opf = opf.replace(f'id="{item_id}" ', f'id="{item_id}" properties="cover-image" ', 1)
    return opf


#: The cover's lines of text: what they show, then (characters a line, first baseline, line
#: spacing, SVG attributes).  1600 x 2560 pixels, the shape most reading apps expect.
SANS = 'font-family="sans-serif" fill="#ffffff" text-anchor="middle"'
COVER_TEXTS = (
    ("author", 40, 420, 90, f'{SANS} font-size="72"'),
    ("project", 12, 1040, 190, f'{SANS} font-size="170" font-weight="bold"'),
    (
        "book_subtitle",
        30,
        1820,
        100,
        'font-family="serif" font-size="80" font-style="italic" fill="#f3e6c8" '
        'text-anchor="middle"',
    ),
    ("book_edition", 40, 2380, 80, f'{SANS} font-size="56"'),
)


def cover_svg(config: Config) -> str:
    """The cover: author, title, subtitle and edition on a plain background, as SVG text."""
    texts = [
        f'  <text x="800" y="{top + number * step}" {attributes}>{html.escape(line)}</text>'
        for setting, width, top, step, attributes in COVER_TEXTS
        for number, line in enumerate(textwrap.wrap(config[setting], width))
    ]
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 2560" width="1600"'
            f' height="2560" role="img" aria-label="{html.escape(config.project)}">',
            '  <rect width="1600" height="2560" fill="#1f3b57"/>',
            '  <rect x="120" y="760" width="1360" height="8" fill="#e8b04b"/>',
            '  <rect x="120" y="1640" width="1360" height="8" fill="#e8b04b"/>',
            *texts,
            "</svg>",
            "",
        ]
    )


def use_generated_cover(app: Sphinx, config: Config) -> None:
    """Without an ``epub_cover`` of the author's, the book gets the one drawn from its title."""
    if not config.epub_cover:
        config.epub_cover = (COVER_IMAGE, COVER_PAGE_TEMPLATE)


def setup(app: Sphinx) -> None:
    app.add_config_value(
        "book_subjects", [], "epub", list, description="The EPUB's subjects (dc:subject)."
    )
    app.add_builder(BookEpubBuilder, override=True)
    app.connect("config-inited", use_generated_cover)
