"""The book_edition extension: {en} passages, links to the book's formats (one-page books
built in-process), and the EPUB as a reading app sees it (the real book)."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import struct
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from book_edition.epub import cover_svg
from book_edition.roles import read_the_docs_links
from bs4 import BeautifulSoup
from conftest import BOOK, FOOTNOTES, normalize, require_tool
from roots_build import Built, build, copy_root, latex_to_pdf
from test_book_print import fonts_of

READ_THE_DOCS = {
    "READTHEDOCS": "True",
    "READTHEDOCS_CANONICAL_URL": "https://securite-devops.readthedocs.io/fr/latest/",
    "READTHEDOCS_LANGUAGE": "fr",
    "READTHEDOCS_VERSION": "latest",
}
DOWNLOADS = "https://securite-devops.readthedocs.io/_/downloads/fr/latest"


def edition(tmp_path: Path, builder: str, **confoverrides: Any) -> Built:
    """The one-page book of ``tests/roots/test-book-edition``, built afresh."""
    return build(copy_root("book-edition", tmp_path), builder, **confoverrides)


def page(built: Built) -> BeautifulSoup:
    return BeautifulSoup((built.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_read_the_docs_addresses() -> None:
    assert read_the_docs_links(READ_THE_DOCS) == {
        "html": "https://securite-devops.readthedocs.io/fr/latest/",
        "pdf": f"{DOWNLOADS}/pdf/",
        "epub": f"{DOWNLOADS}/epub/",
    }
    assert read_the_docs_links({}) == {}
    assert read_the_docs_links({**READ_THE_DOCS, "READTHEDOCS_CANONICAL_URL": ""}) == {}


def test_english_passage_is_marked_english(tmp_path: Path) -> None:
    app = edition(tmp_path, "html")
    span = page(app).find("span", string="Continuous Delivery")
    assert span["lang"] == "en"
    assert span.find_parent("em") is not None
    # French spaces around the quotation marks, none inside the English title.
    title = page(app).find("span", lang="en", string=re.compile("Deploys"))
    assert title.get_text() == "10+ Deploys Per Day: Dev and Ops Cooperation"
    assert "«\u00a0" in title.parent.get_text()


def test_english_passage_in_latex(tmp_path: Path) -> None:
    app = edition(tmp_path, "latex")
    tex = (app.outdir / "livre.tex").read_text(encoding="utf-8")
    assert r"\sphinxstyleemphasis{\DUrole{language-en}{Continuous Delivery}}" in tex
    assert r"\usepackage{sdfrbook}" in tex
    assert (app.outdir / "sdfrbook.sty").is_file()
    values = (app.outdir / "sdfrbook-values.cfg").read_text(encoding="utf-8")
    assert r"\renewcommand*{\sdfrsubtitle}{Un sous\sphinxhyphen{}titre}" in values


def test_the_copyright_page_gives_the_online_address_of_book_links(tmp_path: Path) -> None:
    """book_online_url follows book_links: set where the book is published, and the PDF's
    copyright page gives that address (it took the Read the Docs variables only)."""
    app = edition(tmp_path, "latex", book_links={"html": "https://livre.example.org/"})
    values = (app.outdir / "sdfrbook-values.cfg").read_text(encoding="utf-8")
    assert "https://livre.example.org/" in values
    again = edition(tmp_path / "own", "latex", book_online_url="https://ailleurs.example/")
    values = (again.outdir / "sdfrbook-values.cfg").read_text(encoding="utf-8")
    assert "https://ailleurs.example/" in values


def test_formats_without_addresses_stay_words(tmp_path: Path) -> None:
    """A local build does not know where the PDF and the EPUB are: no link, no dead link."""
    app = edition(tmp_path, "html")
    paragraph = page(app).find("p", string=re.compile("Le livre est disponible"))
    assert paragraph is not None
    assert paragraph.find("a") is None
    assert "disponible en ligne, en PDF et en EPUB." in " ".join(paragraph.get_text().split())
    warnings = app.warnings
    assert "index.md:9" in warnings
    assert "unknown book format 'paper'" in warnings


def test_formats_link_to_read_the_docs_downloads(tmp_path: Path) -> None:
    app = edition(tmp_path, "html", book_links=read_the_docs_links(READ_THE_DOCS))
    links = {a.get_text(): a["href"] for a in page(app).select("p a") if a["href"] != "#cible"}
    assert links == {
        "en ligne": READ_THE_DOCS["READTHEDOCS_CANONICAL_URL"],
        "en PDF": f"{DOWNLOADS}/pdf/",
        "en EPUB": f"{DOWNLOADS}/epub/",
    }


# -- The real book's EPUB ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def epub(book_build) -> zipfile.ZipFile:
    with zipfile.ZipFile(book_build("epub") / "securite-devops.epub") as archive:
        yield archive


def xhtml(epub: zipfile.ZipFile, name: str) -> BeautifulSoup:
    return BeautifulSoup(epub.read(name).decode("utf-8"), "html.parser")


@pytest.mark.slow
def test_notes_are_epub_pop_up_notes(epub):
    page = xhtml(epub, "source/introduction.xhtml")
    calls = page.select('a[role="doc-noteref"]')
    assert len(calls) == len(FOOTNOTES)
    assert all(call.get("epub:type") == "noteref" for call in calls)
    notes = page.select('aside[role="doc-footnote"]')
    assert len(notes) == len(FOOTNOTES)
    assert all(note.get("epub:type") == "footnote" for note in notes)
    # The call shows its own brackets; the book's style sheet removes epub.css's second pair.
    assert calls[0].get_text() == "[1]"
    assert page.find("link", href="../_static/book-epub.css") is not None
    css = epub.read("_static/book-epub.css").decode("utf-8")
    assert re.search(r"a\.footnote-reference\.brackets::before,[^{]*\{\s*content: none;", css)
    # …and the call is raised and small, its brackets hidden, as in the printed book.
    assert re.search(r"a\.footnote-reference \{[^}]*vertical-align: super;", css)
    assert re.search(r"a\.footnote-reference > span\.fn-bracket \{\s*display: none;", css)
    assert calls[0].find("span", class_="fn-bracket") is not None


@pytest.mark.slow
def test_indexes_in_the_navigation(epub):
    nav = xhtml(epub, "nav.xhtml")
    entries = {a.get_text(): a["href"] for a in nav.find_all("a")}
    assert entries["Index des termes"] == "devops-terms.xhtml"
    assert entries["Index des personnes"] == "devops-people.xhtml"
    assert entries["Index"] == "genindex.xhtml"
    ncx = epub.read("toc.ncx").decode("utf-8")
    for target in ("devops-terms.xhtml", "devops-people.xhtml", "genindex.xhtml"):
        assert f'<content src="{target}" />' in ncx
    # Each page once in the reading order.
    spine = re.findall(r'<itemref idref="([^"]+)"', epub.read("content.opf").decode("utf-8"))
    assert len(spine) == len(set(spine))


@pytest.mark.slow
def test_cover_drawn_from_the_title(epub):
    """The cover is drawn from the title, subtitle, author and edition (no outside image);
    where rsvg-convert is installed (CI), it is the PNG that bookshops and reading apps
    expect, rendered from that drawing, and the SVG is not shipped."""
    opf = epub.read("content.opf").decode("utf-8")
    item = re.search(r'<item id="([^"]+)" properties="cover-image" href="([^"]+)"', opf)
    assert item, "no cover-image in the manifest"
    assert f'<meta name="cover" content="{item[1]}"/>' in opf
    svg = cover_svg(book_settings())
    for text in ("Sécurité &amp;", "DevOps", "Comprendre le DevOps", "L’auteur"):
        assert text in svg
    assert "<image" not in svg  # nothing from outside
    if shutil.which("rsvg-convert") or os.environ.get("BOOK_REQUIRE_ALL_TOOLS"):
        assert item[2] == "_static/couverture.png"
        png = epub.read(item[2])
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (1600, 2560)
        assert len(png) > 20_000, "a cover with its text, not a plain rectangle"
        # no SVG cover left beside the PNG (the figures of the chapters are SVG drawings)
        assert not [
            name for name in epub.namelist() if name.endswith(".svg") and "couverture" in name
        ]
    else:
        assert epub.read(item[2]).decode("utf-8") == svg
    first = re.search(r'<itemref idref="([^"]+)"', opf)[1]
    cover_page = re.search(rf'<item id="{first}" href="([^"]+)"', opf)[1]
    img = xhtml(epub, cover_page).find("img")
    assert img["src"] == item[2]
    assert img["alt"] == "Couverture : Sécurité & DevOps"


class Settings(dict):
    """Settings read as Sphinx's Config is, by key or by attribute."""

    __getattr__ = dict.__getitem__


def book_settings() -> Settings:
    """The book's settings, read from conf.py as Sphinx reads them."""
    namespace: dict[str, Any] = {"__file__": str(BOOK / "conf.py")}
    exec((BOOK / "conf.py").read_text(encoding="utf-8"), namespace)
    return Settings(namespace)


@pytest.mark.slow
def test_copyright_page_after_the_cover(epub):
    """A copyright page, second in the reading order: title, author, edition, ©, licence."""
    opf = epub.read("content.opf").decode("utf-8")
    spine = re.findall(r'<itemref idref="([^"]+)"', opf)
    second = re.search(rf'<item id="{spine[1]}" href="([^"]+)"', opf)[1]
    page = xhtml(epub, second)
    section = page.find("section", attrs={"epub:type": "copyright-page"})
    assert section is not None, second
    text = normalize(section.get_text(" "))
    for expected in ("Sécurité & DevOps", "L'auteur", "Version de travail", "© 2026, L'auteur"):
        assert expected in text, text
    assert "(CC BY-SA 4.0)" in text
    assert "code sous licence MIT" in text


@pytest.mark.slow
def test_landmarks(epub):
    """nav.xhtml has the EPUB 3 landmarks a reading system's « Go to » menu lists."""
    nav = xhtml(epub, "nav.xhtml")
    landmarks = nav.find("nav", attrs={"epub:type": "landmarks"})
    assert landmarks is not None
    marks = {a["epub:type"]: a["href"] for a in landmarks.find_all("a")}
    assert marks == {
        "cover": "epub-cover.xhtml",
        "copyright-page": "copyright.xhtml",
        "toc": "source/index.xhtml",
        "bodymatter": "source/introduction.xhtml",
        "index": "genindex.xhtml",
    }
    assert set(marks.values()) <= set(epub.namelist())


@pytest.mark.slow
def test_no_unused_file(epub):
    """Every image and style sheet of the EPUB is used by a page or a style sheet (Sphinx
    shipped the site's favicon and its index's plus.png)."""
    names = epub.namelist()
    used = set()
    for name in names:
        if name.endswith((".xhtml", ".css")):  # not content.opf, whose manifest lists all
            text = epub.read(name).decode("utf-8")
            folder = PurePosixPath(name).parent
            for target in re.findall(r'(?:href|src)="([^"#]+)|url\(([^)]+)\)', text):
                path = (folder / (target[0] or target[1]).strip("'\"")).as_posix()
                used.add(posixpath.normpath(path))
    shipped = [name for name in names if name.startswith("_static/")]
    assert len(shipped) > 5
    assert [name for name in shipped if name not in used] == []


@pytest.mark.slow
def test_complete_metadata(epub):
    opf = epub.read("content.opf").decode("utf-8")
    subtitle = re.search(r'^book_subtitle = "([^"]+)"', (BOOK / "conf.py").read_text(), re.M)[1]
    for expected in (
        "<dc:title>Sécurité &amp; DevOps</dc:title>",
        f'<dc:title id="subtitle">{subtitle}</dc:title>',
        '<meta refines="#subtitle" property="title-type">subtitle</meta>',
        "<dc:creator>L’auteur</dc:creator>",
        "<dc:subject>DevOps</dc:subject>",
        f"<dc:description>{subtitle}.</dc:description>",
        '<meta property="schema:accessMode">textual</meta>',
    ):
        assert expected in opf
    assert re.search(r"<dc:date>\d{4}-\d\d-\d\dT", opf)


@pytest.mark.slow
def test_author_italics_kept_on_links(tmp_path: Path) -> None:
    """A link the author put in italics prints in italics; a plain one in roman (Sphinx's
    \\sphinxcrossref is \\emph: the two cancelled out, and plain links were italic)."""
    require_tool("latexmk")
    app = edition(tmp_path, "latex")
    latex_to_pdf(app.outdir)
    pages = (fonts_of(app.outdir / "livre.pdf", number) for number in range(1, 20))
    runs = next(page for page in pages if any(text == "la section" for text, _, _ in page))
    link_colour = next(colour for text, _, colour in runs if text == "la section")
    assert link_colour != "#000000"
    links = [(text, style) for text, style, colour in runs if colour == link_colour]
    assert links[0] == ("la section", "italic"), runs
    assert "".join(text for text, _ in links[1:]) in {"la section", "lasection"}, runs
    assert {style for _, style in links[1:]} == {"roman"}, runs


def test_a_second_epub_build_keeps_the_cover_once(tmp_path):
    """Sphinx found the previous build's cover page and listed it a second time at the end of
    the spine (linear="no": epubcheck's RSC-005), and kept its old text: the second build
    gives the first one's manifest and spine, and a new title on the cover page."""
    srcdir = copy_root("book-edition", tmp_path)
    first = build(srcdir, "epub")
    opf = (first.outdir / "content.opf").read_text(encoding="utf-8")
    spine = re.findall(r'<itemref idref="([^"]+)"', opf)
    assert len(spine) == len(set(spine)), spine
    again = build(srcdir, "epub", project="Un autre titre")
    second = (again.outdir / "content.opf").read_text(encoding="utf-8")
    assert contents(second) == contents(opf)  # the manifest and the spine
    cover = (again.outdir / "epub-cover.xhtml").read_text(encoding="utf-8")
    assert "<title>Un autre titre</title>" in cover, cover


def contents(opf: str) -> str:
    """The manifest and the spine of a ``content.opf``."""
    return opf[opf.index("<manifest>") : opf.index("</spine>")]


def test_author_is_one_setting():
    """The author writes their name once, in conf.py's ``author``: the copyright line (title
    and copyright pages, site footer, EPUB's rights), the PDF's and EPUB's metadata and the
    other outputs all follow it."""
    source = (BOOK / "conf.py").read_text(encoding="utf-8")
    assert source.count("L’auteur") == 1, "the placeholder name is written once"
    namespace: dict[str, Any] = {"__file__": str(BOOK / "conf.py")}
    exec(source.replace('author = "L’auteur"', 'author = "Camille Exemple"'), namespace)
    settings = Settings(namespace)
    assert settings.copyright == "2026, Camille Exemple"
    for name in ("epub_author", "epub_publisher", "epub_contributor", "epub_copyright"):
        assert "Camille Exemple" in settings[name], name
    assert settings.latex_documents[0][3] == "Camille Exemple"
    assert settings.man_pages[0][3] == ["Camille Exemple"]
    assert settings.texinfo_documents[0][3] == "Camille Exemple"
    assert "Camille Exemple" in cover_svg(settings)
    assert "L’auteur" not in repr(
        {key: value for key, value in namespace.items() if not key.startswith("__")}
    )


@pytest.mark.slow
def test_every_page_has_a_heading(epub):
    """Each page of the reading order but the cover opens on a heading; the root's is
    « Avant-propos », as in the PDF (it repeated the book's title, which the cover and the
    copyright page give), and so is its entry in the table of contents."""
    opf = epub.read("content.opf").decode("utf-8")
    pages = [
        re.search(rf'<item id="{item}" href="([^"]+)"', opf)[1]
        for item in re.findall(r'<itemref idref="([^"]+)"', opf)
    ]
    assert len(pages) > 8
    for name in pages[1:]:
        assert xhtml(epub, name).find("h1") is not None, name
    assert xhtml(epub, "source/index.xhtml").find("h1").get_text() == "Avant-propos"
    toc = xhtml(epub, "nav.xhtml").find("nav", attrs={"epub:type": "toc"})
    nav = {a["href"]: a.get_text() for a in toc.find_all("a")}
    assert nav["source/index.xhtml"] == "Avant-propos"


def test_cover_without_rsvg_convert_stays_an_svg(tmp_path, monkeypatch):
    """Where rsvg-convert is not installed the book still builds, without a warning: the
    EPUB's cover is the SVG drawing (a valid EPUB cover), and the log says why."""
    import book_edition.epub

    real_which = shutil.which
    monkeypatch.setattr(
        book_edition.epub.shutil,
        "which",
        lambda name, *args, **kwargs: None if name == "rsvg-convert" else real_which(name),
    )
    built = build(copy_root("book-edition", tmp_path), "epub")
    # the root warns about its own bad inputs, not about the cover
    assert "rsvg-convert" not in built.warnings
    assert "couverture" not in built.warnings
    opf = (built.outdir / "content.opf").read_text(encoding="utf-8")
    assert 'properties="cover-image" href="_static/couverture.svg"' in opf
    assert (
        (built.outdir / "_static" / "couverture.svg")
        .read_text(encoding="utf-8")
        .startswith("<?xml")
    )
    assert not (built.outdir / "_static" / "couverture.png").exists()
    assert "rsvg-convert not found: the EPUB's cover is an SVG image" in built.status
