"""The book's chapters together, as a reader meets them: chapter 2 after the introduction, a
person's first-mention note in each chapter, and indexes and « Mentionné dans » lists that
span both chapters — on the web, in the PDF and in the EPUB."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import normalize, require_tool
from test_book_html import article, soup
from test_book_pdf import run

pytestmark = pytest.mark.slow

INTRODUCTION = "Introduction"
THREATS = "Les menaces contre la chaîne de livraison"
#: A person of both chapters (the introduction's pioneers, Tripwire in chapter 2).
PERSON, PERSON_SORTED = "Gene Kim", "Kim, Gene"


@pytest.fixture(scope="module")
def html(book_build) -> Path:
    return book_build("html")


def test_threats_chapter_follows_the_introduction(html):
    toctree = soup(html / "source" / "index.html").select_one("div.toctree-wrapper")
    chapters = [normalize(a.get_text()) for a in toctree.select("li.toctree-l1 > a")]
    assert chapters[:2] == [INTRODUCTION, THREATS]


def test_threats_chapter_is_at_least_4000_words(html):
    text = article(soup(html / "source" / "menaces.html"))
    for aside in text.select("aside.footnote-list, div.devops-tooltips"):
        aside.decompose()  # the prose, without the notes and the definitions' tooltips
    assert len(text.get_text(" ").split()) >= 4000


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


def test_summary_box_ends_the_chapter(html):
    chapter = article(soup(html / "source" / "menaces.html"))
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
    chapters' first pages read from the table of contents)."""
    require_tool("latexmk")
    pdf = str(book_build("latexpdf") / "securite-devops.pdf")
    layout = run(require_tool("pdftotext"), "-layout", "-enc", "UTF-8", pdf, "-")
    starts = [
        re.search(rf"^\s*{line}\s+(\d+)\s*$", layout, re.MULTILINE)
        for line in (f"1\\s+{INTRODUCTION}", f"2\\s+{THREATS}", "Glossaire")
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
    assert "En résumé" in chapter.get_text()


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
