"""The book's chapters together, as a reader meets them: chapters 2 and 3 after the
introduction, a person's first-mention note in each chapter, and indexes and « Mentionné dans »
lists that span the chapters — on the web, in the PDF and in the EPUB."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import normalize, require_tool
from test_book_html import article, soup
from test_book_pdf import run

pytestmark = pytest.mark.slow

INTRODUCTION = "Introduction"
THREATS = "Les menaces contre la chaîne de livraison"
PIPELINE = "Le pipeline CI/CD, un système critique"
#: A person of both chapters (the introduction's pioneers, Tripwire in chapter 2).
PERSON, PERSON_SORTED = "Gene Kim", "Kim, Gene"


@pytest.fixture(scope="module")
def html(book_build) -> Path:
    return book_build("html")


def test_threats_chapter_follows_the_introduction(html):
    toctree = soup(html / "source" / "index.html").select_one("div.toctree-wrapper")
    chapters = [normalize(a.get_text()) for a in toctree.select("li.toctree-l1 > a")]
    assert chapters[:2] == [INTRODUCTION, THREATS]


def prose_words(page: Path) -> int:
    """The words of a chapter as a reader reads them, without the notes and the definitions'
    tooltips."""
    text = article(soup(page))
    for aside in text.select("aside.footnote-list, div.devops-tooltips"):
        aside.decompose()
    return len(text.get_text(" ").split())


def test_threats_chapter_is_at_least_4000_words(html):
    assert prose_words(html / "source" / "menaces.html") >= 4000


def test_pipeline_chapter_follows_the_threats_chapter(html):
    toctree = soup(html / "source" / "index.html").select_one("div.toctree-wrapper")
    chapters = [normalize(a.get_text()) for a in toctree.select("li.toctree-l1 > a")]
    assert chapters[:3] == [INTRODUCTION, THREATS, PIPELINE]


def test_pipeline_chapter_is_at_least_6000_words(html):
    assert prose_words(html / "source" / "pipeline.html") >= 6000


def test_mentioned_in_spans_three_chapters(html):
    """A term of the introduction, reused by chapters 2 and 3, links to all three."""
    glossary = soup(html / "source" / "glossaire.html")
    backlinks = glossary.find("dt", id="term-SLSA").find_next("p", class_="devops-backlinks")
    assert normalize(backlinks.get_text()) == (
        f"Mentionné dans : {INTRODUCTION}, {THREATS}, {PIPELINE}."
    )
    pages = [link["href"].split("#")[0] for link in backlinks.select("a")]
    assert pages == ["introduction.html", "menaces.html", "pipeline.html"]


def test_people_index_lists_both_chapters_under_a_person(html):
    page = soup(html / "devops-people.html")
    entry = next(row for row in page.select("tr") if normalize(row.get_text()) == PERSON_SORTED)
    pages = []
    for row in entry.find_next_siblings("tr"):
        if "cap" in row.get("class", []) or not row.get("class"):
            break  # the next letter or the next entry
        pages += [link["href"].split("#")[0] for link in row.select("a")]
    assert pages == ["source/introduction.html", "source/menaces.html"]


def test_mentioned_in_lists_both_chapters(html):
    glossary = soup(html / "source" / "glossaire.html")
    term = glossary.find("dt", id=re.compile("chaine-d-approvisionnement"))
    backlinks = term.find_next("p", class_="devops-backlinks")
    assert normalize(backlinks.get_text()) == f"Mentionné dans : {INTRODUCTION}, {THREATS}."


def test_first_mention_note_in_each_chapter(html):
    """A person met in the introduction is introduced again, by a note, in chapter 2."""
    for page in ("introduction", "menaces"):
        notes = soup(html / "source" / f"{page}.html").select("aside.footnote")
        assert [n for n in notes if f"{PERSON} est un auteur" in normalize(n.get_text())], page


@pytest.mark.parametrize("page", ["menaces", "pipeline"])
def test_summary_box_ends_the_chapter(html, page):
    chapter = article(soup(html / "source" / f"{page}.html"))
    box = chapter.select("div.admonition.summary")
    assert len(box) == 1
    assert box[0].select_one(".admonition-title").get_text() == "En résumé"
    assert len(box[0].select("li")) >= 5
    after = [p for p in box[0].find_all_next("p") if p.find_parent("article") is chapter]
    prose = [
        p
        for p in after
        if box[0] not in p.parents
        and not p.find_parent("aside")  # the notes
        and not p.find_parent("div", class_="devops-tooltips")  # the definitions' tooltips
    ]
    assert prose == []


def test_print_index_gives_pages_in_both_chapters(book_build):
    """The printed index of people gives a page of each chapter for a person of both (the
    chapters' first pages read from the table of contents; chapter 2 ends where chapter 3
    starts)."""
    require_tool("latexmk")
    pdf = str(book_build("latexpdf") / "securite-devops.pdf")
    layout = run(require_tool("pdftotext"), "-layout", "-enc", "UTF-8", pdf, "-")
    starts = [
        re.search(rf"^\s*{line}\s+(\d+)\s*$", layout, re.MULTILINE)
        for line in (f"1\\s+{INTRODUCTION}", f"2\\s+{THREATS}", f"3\\s+{re.escape(PIPELINE)}")
    ]
    assert all(starts), layout[:3000]
    one, two, end = (int(start[1]) for start in starts)
    text = " ".join(run(require_tool("pdftotext"), "-enc", "UTF-8", pdf, "-").split())
    entry = re.search(rf"{PERSON_SORTED}((?:, \d+)+)", text)
    assert entry, "no index entry"
    pages = [int(number) for number in entry[1].split(", ")[1:]]
    assert any(one <= page < two for page in pages), (entry[0], one, two)
    assert any(two <= page < end for page in pages), (entry[0], two, end)


def test_epub_navigation_holds_the_chapter(book_build):
    with zipfile.ZipFile(book_build("epub") / "securite-devops.epub") as epub:
        nav = BeautifulSoup(epub.read("nav.xhtml").decode("utf-8"), "html.parser")
        chapter = BeautifulSoup(epub.read("source/menaces.xhtml").decode("utf-8"), "html.parser")
    titles = [normalize(a.get_text()) for a in nav.select("nav > ol > li > a")]
    assert titles.index(THREATS) == titles.index(INTRODUCTION) + 1
    assert titles.index(PIPELINE) == titles.index(THREATS) + 1
    assert "En résumé" in chapter.get_text()


# -- The figure of SLSA's threats (source/figures/menaces-slsa.dot, drawn by Graphviz) ----------

FIGURE_ID = "fig-menaces-slsa"
SVG = "http://www.w3.org/2000/svg"
FIGURE_ALT = "Schéma de la chaîne de livraison selon SLSA 1.2, de haut en bas"
FIGURE_CAPTION = "Les menaces que distingue SLSA 1.2, de A à I, placées sur la chaîne de livraison."
#: Labels of the drawing itself: a stage, a side input and the nine threats' letters.
FIGURE_LABELS = ("Artefact publié", "Choix du paquet", "Paramètres", *"ABCDEFGHI")


def svg_texts(svg: str) -> list[str]:
    """The text labels of a Graphviz SVG, as a reader of the drawing reads them."""
    root = ElementTree.fromstring(svg)
    return [normalize("".join(text.itertext())) for text in root.iter(f"{{{SVG}}}text")]


def test_threats_figure_is_drawn_in_the_html_with_its_alt_text(html):
    """The web page shows the drawing (an SVG Graphviz drew at build time, not a picture from
    the network), its French caption, and the text alternative a screen reader or a reader
    without images gets."""
    figure = soup(html / "source" / "menaces.html").find("figure", id=FIGURE_ID)
    assert figure is not None
    drawing = figure.select_one("object.graphviz[type='image/svg+xml']")
    assert normalize(drawing.get_text()).startswith(FIGURE_ALT)
    # « Fig. 1 » (numfig) then the caption's own text
    assert normalize(figure.select_one(".caption-text").get_text()).startswith(FIGURE_CAPTION)
    svg = (html / "source" / drawing["data"]).resolve()
    assert svg.parent == (html / "_images").resolve()
    labels = svg_texts(svg.read_text(encoding="utf-8"))
    assert all(label in labels for label in FIGURE_LABELS), labels


def test_threats_figure_falls_back_to_a_sans_serif_font_on_the_web(html):
    """The drawing's labels are set in TeX Gyre Heros, which few browsers have: each names
    Helvetica, Arial and sans-serif after it (not the browser's default serif), and the
    threats' letters stay bold without « TeX Gyre Heros Bold »."""
    drawing = soup(html / "source" / "menaces.html").select_one(f"#{FIGURE_ID} object")
    root = ElementTree.fromstring((html / "source" / drawing["data"]).read_bytes())
    texts = list(root.iter(f"{{{SVG}}}text"))
    assert {text.get("font-family") for text in texts} == {
        "TeX Gyre Heros,Helvetica,Arial,sans-serif"
    }
    letters = [text for text in texts if "".join(text.itertext()) in set("ABCDEFGHI")]
    assert len(letters) == 9
    assert all(text.get("font-weight") == "bold" for text in letters)


def test_threats_figure_is_in_the_epub_without_a_doctype(book_build):
    """The EPUB holds the same drawing, as an SVG with no DOCTYPE: epubcheck rejects the SVG 1.1
    DTD that dot declares (HTM-003), so _ext/dot_svg.py drops it."""
    with zipfile.ZipFile(book_build("epub") / "securite-devops.epub") as epub:
        chapter = BeautifulSoup(epub.read("source/menaces.xhtml").decode("utf-8"), "html.parser")
        drawing = chapter.find("figure", id=FIGURE_ID).select_one("object.graphviz")
        svg = epub.read(posixpath.normpath(posixpath.join("source", drawing["data"])))
    text = svg.decode("utf-8")
    assert "<!DOCTYPE" not in text
    assert all(label in svg_texts(text) for label in FIGURE_LABELS)
    assert normalize(drawing.get_text()).startswith(FIGURE_ALT)


def test_threats_figure_is_printed_with_its_caption(book_build):
    """The PDF prints the drawing (dot's PDF, its labels kept as text) on the page of its
    numbered caption."""
    require_tool("latexmk")
    pdf = str(book_build("latexpdf") / "securite-devops.pdf")
    pages = run(require_tool("pdftotext"), "-layout", "-enc", "UTF-8", pdf, "-").split("\f")
    page = next((normalize(p) for p in pages if "Les menaces que distingue SLSA 1.2" in p), "")
    assert re.search(rf"Fig\. [\d.]+ – {re.escape(FIGURE_CAPTION)}", page), page  # « Fig. 2.1 »
    words = page.split()
    assert all(label in page for label in FIGURE_LABELS[:3]), page
    assert all(letter in words for letter in "ABCDEFGHI"), page


# -- Chapter 4, the dependencies ----------------------------------------------------------------
#
# Another chapter (on the pipeline) may come between the threats and this one: the tests ask only
# that this chapter come after the threats and before the back matter.

DEPENDENCIES = "Connaître, choisir et surveiller ses dépendances"
#: The first of the back matter in the table of contents.
GLOSSARY = "Glossaire"
#: A term of chapter 2 that chapter 4 uses again, and one that chapter 4 brings.
REUSED_TERM, NEW_TERM = "term-fichier-de-verrouillage", "term-CVSS"
#: A person of chapter 2 met again in chapter 4.
REUSED_PERSON = "Alex Birsan"
#: The stages of the checklist table, in the order of the chain.
STAGES = [
    "Choix",
    "Résolution",
    "Verrouillage",
    "Adoption",
    "Installation",
    "Construction",
    "Publication",
    "Exploitation",
]


def backlinks(html: Path, term_id: str) -> str:
    """The « Mentionné dans » line of a glossary entry, as a reader reads it."""
    glossary = soup(html / "source" / "glossaire.html")
    return normalize(glossary.find("dt", id=term_id).find_next("p", class_="devops-backlinks").text)


def test_dependencies_chapter_comes_after_the_threats_and_before_the_back_matter(html):
    toctree = soup(html / "source" / "index.html").select_one("div.toctree-wrapper")
    chapters = [normalize(a.get_text()) for a in toctree.select("li.toctree-l1 > a")]
    assert DEPENDENCIES in chapters, chapters
    assert chapters.index(THREATS) < chapters.index(DEPENDENCIES) < chapters.index(GLOSSARY)


def test_dependencies_chapter_is_at_least_6000_words(html):
    text = article(soup(html / "source" / "dependances.html"))
    for aside in text.select("aside.footnote-list, div.devops-tooltips"):
        aside.decompose()  # the prose, without the notes and the definitions' tooltips
    assert len(text.get_text(" ").split()) >= 6000


def test_dependencies_summary_box_ends_the_chapter(html):
    chapter = article(soup(html / "source" / "dependances.html"))
    box = chapter.select("div.admonition.summary")
    assert len(box) == 1
    assert box[0].select_one(".admonition-title").get_text() == "En résumé"
    assert len(box[0].select("li")) >= 5
    after = [
        p
        for p in box[0].find_all_next("p")
        if p.find_parent("article") is chapter
        and box[0] not in p.parents
        and not p.find_parent("aside")  # the notes
        and not p.find_parent("div", class_="devops-tooltips")  # the definitions' tooltips
    ]
    assert after == []


def test_reused_term_is_mentioned_in_chapters_2_and_4(html):
    line = backlinks(html, REUSED_TERM)
    assert line.startswith("Mentionné dans : "), line
    # (the chapters' titles hold commas: the line is read by position, not split)
    assert THREATS in line, line
    assert DEPENDENCIES in line, line
    assert line.index(THREATS) < line.index(DEPENDENCIES), line


def test_new_term_is_mentioned_in_chapter_4(html):
    assert DEPENDENCIES in backlinks(html, NEW_TERM)


def test_person_of_chapter_2_gets_a_first_mention_note_in_chapter_4(html):
    notes = soup(html / "source" / "dependances.html").select("aside.footnote")
    assert [n for n in notes if f"{REUSED_PERSON} est un chercheur" in normalize(n.get_text())]


def test_dependencies_chapter_table_of_controls(html):
    """The checklist table: one row per stage, in the chain's order, each naming the attacks of
    chapter 2 it answers."""
    chapter = article(soup(html / "source" / "dependances.html"))
    table = next(t for t in chapter.select("table") if "Attaques visées" in t.get_text())
    rows = [[normalize(c.get_text()) for c in r.select("td")] for r in table.select("tbody tr")]
    assert [row[0].split(".")[0] for row in rows] == STAGES
    assert all(len(row) == 2 and row[1] for row in rows)
    assert any("event-stream" in row[1] for row in rows)
    assert any("confusion de dépendances" in row[1] for row in rows)


def test_epub_navigation_holds_the_dependencies_chapter(book_build):
    with zipfile.ZipFile(book_build("epub") / "securite-devops.epub") as epub:
        nav = BeautifulSoup(epub.read("nav.xhtml").decode("utf-8"), "html.parser")
        chapter = BeautifulSoup(
            epub.read("source/dependances.xhtml").decode("utf-8"), "html.parser"
        )
    titles = [normalize(a.get_text()) for a in nav.select("nav > ol > li > a")]
    assert DEPENDENCIES in titles, titles
    assert titles.index(THREATS) < titles.index(DEPENDENCIES) < titles.index(GLOSSARY)
    assert "En résumé" in chapter.get_text()
