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
import re
import shutil
import subprocess
import tempfile
import textwrap
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder
from sphinx.jinja2glue import BuiltinTemplateLoader, SphinxFileSystemLoader
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.fileutil import copy_asset_file
from sphinx.util.i18n import format_date
from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent.resolve()
#: The cover: a PNG rendered from the SVG design when rsvg-convert (librsvg) is there, as
#: bookshops and reading apps expect; the SVG itself, a valid EPUB cover, where it is not.
COVER_SVG = "_static/couverture.svg"
COVER_PNG = "_static/couverture.png"
COVER_RENDERER = "rsvg-convert"
COVER_PAGE_TEMPLATE = "book-cover.html"
COPYRIGHT_PAGE = "copyright"
COPYRIGHT_TEMPLATE = "book-copyright.html"
CSS_FILE = "book-epub.css"
#: The root document's heading in the EPUB, as in the PDF: the title is on the cover and the
#: copyright page, the root's text is the book's foreword.
FOREWORD = "Avant-propos"
#: What Sphinx's basic theme and the site put in ``_static`` that no EPUB page uses (the pages
#: link epub.css, not basic.css; the domain's indexes show minus.png, epub.css names file.png).
UNUSED_STATIC = ("basic.css", "plus.png", "favicon.svg")


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
        for name in UNUSED_STATIC:
            if not self.config.epub_cover or self.config.epub_cover[0] != f"_static/{name}":
                (static / name).unlink(missing_ok=True)
        if self.config.epub_cover and self.config.epub_cover[0] == COVER_SVG:
            Path(self.outdir, COVER_SVG).write_text(cover_svg(self.config), encoding="utf-8")
            logger.info("%s not found: the EPUB's cover is an SVG image", COVER_RENDERER)
        elif self.config.epub_cover and self.config.epub_cover[0] == COVER_PNG:
            Path(self.outdir, COVER_SVG).unlink(missing_ok=True)  # a previous build's
            render_cover(cover_svg(self.config), Path(self.outdir, COVER_PNG))

    def copyright_context(self) -> dict[str, Any]:
        """What the copyright page prints: the book's settings, as on the PDF's."""
        config = self.config
        return {
            "title": config.project,
            "book_title": config.project,
            "book_subtitle": config.book_subtitle,
            "book_author": config.author,
            "book_edition": config.book_edition,
            "book_date": config.today
            or format_date(config.today_fmt or "%x", language=config.language),
            "book_copyright": config.copyright,
            "book_licence": config.book_licence,
            "book_online_url": config.book_online_url,
        }

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
        """Both navigation files list the foreword under its name and the indexes; the spine
        keeps its own list."""
        chapters = self.refnodes
        root = f"{self.config.root_doc}{self.out_suffix}"
        named = [
            {**node, "text": html.escape(FOREWORD)} if node["refuri"] == root else node
            for node in chapters
        ]
        self.refnodes = named + self.index_refnodes()
        try:
            yield
        finally:
            self.refnodes = chapters

    def build_navigation_doc(self) -> None:
        with self.indexes_in_refnodes():
            super().build_navigation_doc()
        path = Path(self.outdir, "nav.xhtml")
        nav = path.read_text(encoding="utf-8")
        path.write_text(nav.replace("  </body>", self.landmarks() + "  </body>", 1), "utf-8")

    def landmarks(self) -> str:
        """The EPUB 3 landmarks: where the cover, the copyright page, the contents, the text
        and the index are, for a reading system's « Go to » menu."""
        root = f"{self.config.root_doc}{self.out_suffix}"
        chapters = [node["refuri"] for node in self.refnodes if "#" not in node["refuri"]]
        first = next((uri for uri in chapters if uri != root), root)
        marks = []
        if self.config.epub_cover and self.config.epub_cover[1]:
            marks.append(("cover", self.coverpage_name, "Couverture"))
        marks += [
            ("copyright-page", f"{COPYRIGHT_PAGE}{self.out_suffix}", "Mentions légales"),
            ("toc", root, "Table des matières"),
            ("bodymatter", first, "Début du texte"),
        ]
        if self.use_index:
            marks.append(("index", f"genindex{self.out_suffix}", _("Index")))
        items = "".join(
            f'        <li><a epub:type="{kind}" href="{html.escape(uri)}">{html.escape(text)}'
            "</a></li>\n"
            for kind, uri, text in marks
        )
        return (
            f'    <nav epub:type="landmarks" hidden="">\n      <ol>\n{items}      </ol>\n'
            "    </nav>\n"
        )

    def build_toc(self) -> None:
        with self.indexes_in_refnodes():
            super().build_toc()

    def build_content(self) -> None:
        # Sphinx writes the cover page while it lists the manifest, and only when the page
        # is not there yet: on a second build it found the previous one first, put it again
        # at the end of the spine (linear="no", an epubcheck error) and did not rewrite it.
        if self.config.epub_cover and self.config.epub_cover[1]:
            Path(self.outdir, self.coverpage_name).unlink(missing_ok=True)
        # The copyright page, after the cover and before the text (in the spine only, not in
        # the table of contents: the landmarks point to it).
        self.handle_page(COPYRIGHT_PAGE, self.copyright_context(), COPYRIGHT_TEMPLATE)
        copyright_page = {"level": 1, "refuri": f"{COPYRIGHT_PAGE}{self.out_suffix}", "text": ""}
        chapters = self.refnodes
        self.refnodes = [copyright_page, *chapters]
        try:
            super().build_content()
        finally:
            self.refnodes = chapters
        path = Path(self.outdir, "content.opf")
        opf = complete_metadata(path.read_text(encoding="utf-8"), self)
        # Sphinx's guide takes the first page of the spine for the contents: the root's.
        root = html.escape(f"{self.config.root_doc}{self.out_suffix}")
        opf = re.sub(r'(<reference type="toc"[^>]*href=")[^"]*"', rf'\g<1>{root}"', opf, count=1)
        path.write_text(opf, encoding="utf-8")


class ForewordHeading(SphinxPostTransform):
    """The root document's heading reads « Avant-propos » in the EPUB, as in the PDF (the
    title repeated the cover's, and the foreword had no heading of its own)."""

    default_priority = 200
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        if self.env.docname != self.config.root_doc:
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is not None and isinstance(section[0], nodes.title):
            section[0][:] = [nodes.Text(FOREWORD)]


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


def render_cover(svg: str, png: Path) -> None:
    """The cover as a PNG, rendered from its SVG by rsvg-convert (no network, no fonts but
    the system's): the SVG is written outside the book, so it is not shipped."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "couverture.svg")
        source.write_text(svg, encoding="utf-8")
        renderer = shutil.which(COVER_RENDERER) or COVER_RENDERER
        subprocess.run([renderer, "--format=png", f"--output={png}", str(source)], check=True)


def use_generated_cover(app: Sphinx, config: Config) -> None:
    """Without an ``epub_cover`` of the author's, the book gets the one drawn from its title:
    a PNG where rsvg-convert can render it, else the SVG (and a note in the build's log)."""
    if config.epub_cover:
        return
    if shutil.which(COVER_RENDERER):
        config.epub_cover = (COVER_PNG, COVER_PAGE_TEMPLATE)
    else:
        config.epub_cover = (COVER_SVG, COVER_PAGE_TEMPLATE)


def setup(app: Sphinx) -> None:
    app.add_config_value(
        "book_subjects", [], "epub", list, description="The EPUB's subjects (dc:subject)."
    )
    app.add_config_value(
        "book_licence",
        "",
        "env",
        str,
        description="The licence, on the copyright pages (PDF, EPUB) and the site's footer.",
    )
    app.add_builder(BookEpubBuilder, override=True)
    app.add_post_transform(ForewordHeading)
    app.connect("config-inited", use_generated_cover)
