"""The PDF as a French publisher checks a proof: trim size and measure, front matter, running
heads, blank pages, annexes, hyphenation, and terms and names set as on the web pages.

Everything is read back from the PDF with poppler (``pdfinfo``, ``pdftotext -bbox-layout``
for the lines and their position, ``pdftohtml -xml`` for the fonts and colours of the text).
"""

from __future__ import annotations

import itertools
import re
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BOOK, require_tool
from test_book_pdf import run

pytestmark = pytest.mark.slow

XHTML = "{http://www.w3.org/1999/xhtml}"
#: 17 x 24 cm in PostScript points, and the measure of sdfrbook.sty (108 mm).
TRIM = (481.89, 680.315)
MEASURE = 108 / 25.4 * 72
MONTHS = (
    *("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"),
    *("septembre", "octobre", "novembre", "décembre"),
)
FOLIO = re.compile(r"^([0-9]+|[ivxlc]+)$")


@dataclass(frozen=True)
class Line:
    """One line of a page, as pdftotext places it (points, from the top left corner)."""

    page: int  # 1-based
    left: float
    right: float
    top: float
    bottom: float
    text: str

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@pytest.fixture(scope="module")
def book_pdf(book_build) -> Path:
    require_tool("latexmk")
    return book_build("latexpdf") / "securite-devops.pdf"


@pytest.fixture(scope="module")
def lines(book_pdf) -> list[list[Line]]:
    """The lines of each page, top to bottom."""
    xml = run(require_tool("pdftotext"), "-bbox-layout", "-enc", "UTF-8", str(book_pdf), "-")
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    pages = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        found = [
            Line(
                number,
                *(float(line.get(key)) for key in ("xMin", "xMax", "yMin", "yMax")),
                " ".join(word.text or "" for word in line.iter(f"{XHTML}word")),
            )
            for line in page.iter(f"{XHTML}line")
        ]
        pages.append(sorted(found, key=lambda line: (round(line.top), line.left)))
    return pages


def body(page: list[Line]) -> list[Line]:
    """A page without its running head and its folio."""
    return [line for line in page if 40 < line.top < TRIM[1] - 60]


def head(page: list[Line]) -> list[Line]:
    return [line for line in page if line.top < 40]


def page_of(lines: list[list[Line]], text: str, *, whole_line: bool = False) -> list[Line]:
    """The first page with a line that holds `text` (or is `text`, for a heading)."""
    return next(
        page
        for page in lines
        if any(line.text == text if whole_line else text in line.text for line in page)
    )


def test_trim_size_on_every_page(book_pdf):
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", pdfinfo_pages(book_pdf))
    assert sizes
    assert {(float(width), float(height)) for width, height in sizes} == {TRIM}


def pdfinfo_pages(path: Path) -> str:
    return run(require_tool("pdfinfo"), "-f", "1", "-l", "9999", str(path))


def test_measure_of_60_to_75_characters(lines):
    """The full lines of the body text (11 pt, as wide as the text block) hold 60 to 75
    characters, spaces included: the measure of a comfortable book page.

    The body lines are the full-width lines of the most frequent height: pdftotext's line
    boxes follow the ascent that pdfTeX writes for Termes, which changes once the book uses
    Termes' small capitals too (babel-french's « Fig. » in a figure's caption)."""
    wide = [line for page in lines for line in body(page) if line.width > MEASURE - 2]
    height = statistics.mode(round(line.height) for line in wide)
    full = [len(line.text) for line in wide if round(line.height) == height]
    assert len(full) > 150
    assert 60 <= statistics.median(full) <= 75, statistics.median(full)
    deciles = statistics.quantiles(full, n=10)
    assert deciles[0] >= 55, deciles
    assert deciles[-1] <= 80, deciles


def test_front_matter(lines):
    """Half-title, its blank verso, the title page, the copyright page; then the contents."""
    text = [" ".join(line.text for line in page) for page in lines]
    assert text[0] == "Sécurité & DevOps"
    assert text[1] == ""
    title_page = text[2]
    for expected in (
        "Sécurité & DevOps",
        "Comprendre le DevOps pour en sécuriser les pratiques",
        "L’auteur",
        "Édition 0.1",
    ):
        assert expected in title_page
    months = "|".join(MONTHS)
    assert re.search(rf"(?<!\d)[1-9]\d? ({months}) \d{{4}}", title_page), title_page
    assert not re.search(rf"\b0\d ({months})", " ".join(text)), "a date with a leading zero"
    assert "Version 0.1" not in " ".join(text)
    assert "©" in text[3]
    assert "Édition 0.1" in text[3]
    assert text[4].startswith("Table des matières")


def test_foreword_holds_the_blurb(lines):
    page = page_of(lines, "Ce livre s’adresse aux équipes")
    assert body(page)[0].text == "Avant-propos"
    words = " ".join(line.text for line in page)
    assert "Ce livre s’adresse aux équipes" in words
    # The subtitle is on the title page; the foreword does not repeat it.
    assert "Comprendre le DevOps" not in words


def test_blank_pages_have_no_head_nor_folio(lines):
    """A page left blank before a recto shows nothing at all (was: a head and a folio)."""
    blank = [page for page in lines if len(page) <= 2]
    assert blank, "the book has versos left blank before its chapters"
    for page in blank:
        for line in page:
            assert not FOLIO.match(line.text), f"page {line.page}: {line.text!r} alone"


def test_running_heads_chapter_on_verso_section_on_recto(lines):
    """Verso: folio, then the chapter; recto: the section, then the folio.  No book title
    on every page, no « Chapitre 1. », no period after a section number."""
    heads = {
        page[0].page: " ".join(line.text for line in sorted(head(page), key=lambda line: line.left))
        for page in lines
        if head(page)
    }
    assert len(heads) > 20
    for number, text in heads.items():
        assert "Version" not in text, text
        assert "Sécurité & DevOps" not in text, text
        assert not re.search(r"\d\.\s", text), f"page {number}: {text!r}"
    introduction = [
        (number, text)
        for number, text in heads.items()
        if any(
            "Qu’est-ce que" in line.text or "Introduction" in line.text
            for line in head(lines[number - 1])
        )
    ]
    verso = [text for number, text in introduction if number % 2 == 0]
    recto = [text for number, text in introduction if number % 2 == 1]
    assert verso
    assert recto
    assert all(re.fullmatch(r"\d+ Introduction", text) for text in verso), verso
    assert all(re.fullmatch(r"1\.\d [^\d].* \d+", text) for text in recto), recto


def test_annexes_without_numbers(book_pdf, lines):
    """Glossary, people, bibliography and indexes: in the contents without a number, and
    their first page without « Chapitre »."""
    layout = run(require_tool("pdftotext"), "-layout", "-enc", "UTF-8", str(book_pdf), "-")
    pages = layout.split("\f")
    first = next(i for i, page in enumerate(pages) if page.lstrip().startswith("Table des"))
    toc = pages[first]  # and the pages it runs on to, up to the foreword
    for page in pages[first + 1 :]:
        if page.lstrip().startswith("Avant-propos"):
            break
        toc += page
    contents = [" ".join(line.split()) for line in toc.splitlines()]
    for annex in ("Glossaire", "Personnes", "Bibliographie", "Index"):
        line = next(text for text in contents if text.startswith(annex) or f" {annex} " in text)
        assert re.fullmatch(rf"{annex}.* \d+", line), line
    assert any(re.fullmatch(r"1 Introduction \d+", text) for text in contents), contents
    for annex in ("Glossaire", "Personnes", "Bibliographie"):
        opening = next(
            page for page in lines if any(line.text == annex and line.top > 60 for line in page)
        )
        assert not any("CHAPITRE" in line.text.upper() for line in opening)


def test_hyphenation_never_cuts_a_name_or_a_date(lines):
    """A word cut at the end of a line is a lowercase word that is not a month: names
    (« Velo-city ») and dates (« dé-cembre ») stay whole.  A compound word may break at its
    own hyphen (« Qu'est-/ce »)."""
    sources = " ".join(
        path.read_text(encoding="utf-8") for path in sorted((BOOK / "source").glob("*.md"))
    )
    cuts = []
    for page in lines:
        text = body(page)
        for line, after in itertools.pairwise(text):
            if re.search(r"[^\W\d]-$", line.text) and after.text:
                start = line.text.split()[-1][:-1]
                rest = re.match(r"[\w'’-]*", after.text.split()[0])[0]
                if f"{start}-{rest}".replace("’", "'") in sources:
                    continue  # a compound, broken at its own hyphen
                word = start + after.text.split()[0]
                cuts.append(word)
                assert not start[:1].isupper(), (
                    f"page {line.page}: {start}-/{after.text.split()[0]}"
                )
                assert re.sub(r"[\W\d_]", "", word.lower()) not in MONTHS, (
                    f"page {line.page}: {word}"
                )
    assert cuts, "no hyphenated line at all: the check would see nothing"


def test_headings_are_never_hyphenated(book_pdf):
    """No line of a heading (TeX Gyre Heros) ends with a hyphen: « Modéliser les menaces
    d'une chaîne de li- / vraison » was cut as running text is."""
    root = pdftohtml_xml(book_pdf)
    families = {spec.get("id"): spec.get("family") for spec in root.iter("fontspec")}
    headings = [
        (page.get("number"), "".join(text.itertext()))
        for page in root.iter("page")
        for text in page.iter("text")
        if "TeXGyreHeros" in families[text.get("font")]
    ]
    assert len(headings) > 20, headings
    assert [(page, line) for page, line in headings if line.rstrip().endswith("-")] == []


def test_table_cells_ragged_right_without_hyphens(lines):
    """The cells of chapter 2's table are set ragged right: justified in 40 mm columns, they
    were hyphenated (« tran-sitive », « construc-tion »)."""
    page = page_of(lines, "Maillon visé")
    header = next(line for line in page if "Maillon visé" in line.text)
    after = next(line for line in page if line.text.startswith("La première leçon"))
    cells = [line for line in page if header.bottom < line.top < after.top]
    assert len(cells) > 10, [line.text for line in cells]
    assert [line.text for line in cells if line.text.endswith("-")] == []


def test_long_table_cells_ragged_right(lines):
    """Chapter 3's checklist runs over three pages, so Sphinx makes it a longtable, which starts
    otherwise than a table: its cells are ragged right too. Justified, a third of its right
    column's lines ran to the column's edge, with wide gaps between the words."""
    cells = []
    for page in lines:
        header = [line for line in page if line.text.startswith("Ce qu’il arrête")]
        if header:
            column = header[0]
            cells += [
                line
                for line in page
                if abs(line.left - column.left) < 2 and line.top > column.bottom
            ]
    assert len(cells) > 30, [line.text for line in cells]
    widest = max(line.right for line in cells)
    flush = [line.text for line in cells if line.right > widest - 1]
    assert len(flush) < len(cells) / 8, flush


def test_addresses_break_after_a_slash(lines):
    """A web address cut at the end of a line is cut after « / » (or, in a segment longer
    than the line, after « - »), never after a dot."""
    addresses = set(re.findall(r"https?://[^\s}\"]+", (BOOK / "references.bib").read_text()))
    cut = []
    for page in lines:
        for line in body(page):
            last = line.text.split()[-1] if line.text else ""
            if last.startswith("http") and last.rstrip(".,)") not in addresses:
                cut.append(last)
                assert last.endswith(("/", "-", "_")), f"page {line.page}: {last!r}"
    assert cut, "no address is cut: the check would see nothing"


def pdftohtml_xml(path: Path, *pages: int) -> ET.Element:
    """pdftohtml's XML of a PDF (or of the pages ``first, last``): runs of text, their fonts."""
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    xml = run(require_tool("pdftohtml"), "-xml", "-i", "-stdout", *span, str(path))
    return ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))


def fonts_of(path: Path, page: int) -> list[tuple[str, str, str]]:
    """(text, style, colour) of each run of text on a page, from pdftohtml's XML."""
    root = pdftohtml_xml(path, page)
    colours = {spec.get("id"): spec.get("color") for spec in root.iter("fontspec")}
    runs = []
    for text in root.iter("text"):
        style = "bold" if text.find(".//b") is not None else ""
        style += "italic" if text.find(".//i") is not None else ""
        runs.append(("".join(text.itertext()), style or "roman", colours[text.get("font")]))
    return runs


def test_terms_and_names_styled_as_on_the_web(book_pdf, lines):
    """Names bold, terms roman, both in the link colour; a term the author put in italics
    stays italic (Sphinx's \\sphinxcrossref is \\emph: terms were italic, names bold italic,
    and an italic term came out roman)."""
    number = page_of(lines, "crée le terme")[0].page
    runs: dict[str, tuple[str, str]] = {}
    for text, style, colour in fonts_of(book_pdf, number):
        runs.setdefault(text, (style, colour))  # the text's, not its footnote's (plain bold)
    black = "#000000"
    assert runs["Patrick Debois"][0] == "bold"
    assert runs["Patrick Debois"][1] != black
    assert runs["DevOps"] == ("roman", runs["Patrick Debois"][1])
    # « le *{term}`shift left`* » (an English term, in italics as the author wrote it)
    link = runs["Patrick Debois"][1]
    number = page_of(lines, "directrice du DevSecOps est le")[0].page
    runs = {text: (style, colour) for text, style, colour in fonts_of(book_pdf, number)}
    assert runs["shift left"] == ("italic", link)


def test_lists_stand_apart_from_the_next_paragraph(lines):
    """The paragraph after a list starts after a gap, as between paragraphs (babel-french's
    compact lists glued it to the last item)."""
    page = page_of(lines, "Depuis, la définition ne dépend plus")
    texts = [line.text for line in page]
    after = next(i for i, text in enumerate(texts) if text.startswith("Depuis, la définition"))
    pitch = statistics.median(b.top - a.top for a, b in itertools.pairwise(page[after : after + 4]))
    gap = page[after].top - page[after - 1].top
    assert gap > 1.3 * pitch, (gap, pitch)


def test_glossary_entries_evenly_spaced(lines):
    """The same space before every glossary entry, and « Mentionné dans » or « Voir aussi »
    never alone at the top of a page."""
    pages = [
        page for page in lines if any(line.text == "Glossaire" for line in head(page) + page[:3])
    ]
    gaps = []
    for page in pages:
        text = body(page)
        assert text
        assert not text[0].text.startswith(("Mentionné dans", "Voir aussi")), text[0]
        for before, line in itertools.pairwise(text):
            if before.text.startswith("Mentionné dans") and line.left < before.left:
                gaps.append(round(line.top - before.top, 1))
    assert len(gaps) > 5
    assert max(gaps) - min(gaps) < 1.5, gaps


def test_see_also_ends_with_a_period(lines):
    glossary = " ".join(line.text for page in lines for line in page)
    see = re.findall(r"Voir aussi : (.*?)(?= Mentionné dans)", glossary)
    assert see
    assert all(entry.endswith(".") for entry in see), see


def test_people_page_names_each_person_once(lines):
    """Each biography opens on the name in bold: no heading above it repeats the name."""
    pages = [
        page for page in lines if any(line.text == "Personnes" for line in head(page) + page[:3])
    ]
    text = [line.text for page in pages for line in body(page)]
    assert any(line.startswith("Patrick Debois est") for line in text)
    assert "Patrick Debois" not in text
    assert "Andrew Shafer" not in text


def test_english_passages_use_english_hyphenation(book_pdf):
    """{en} passages are set with \\foreignlanguage{english}, which has its patterns."""
    tex = book_pdf.with_name("securite-devops.tex").read_text(encoding="utf-8")
    assert r"\DUrole{language-en}{" in tex
    sty = book_pdf.with_name("sdfrbook.sty").read_text(encoding="utf-8")
    assert r"\csname DUrolelanguage-en\endcsname#1{\foreignlanguage{english}{#1}}" in sty
    assert r"\usepackage[english,main=french]{babel}" in tex
    log = book_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "No hyphenation patterns were preloaded for" not in log


def test_fonts_of_every_page(book_pdf, lines):
    """Each page with text uses only the book's embedded TeX Gyre fonts (an address set in
    math mode once took its dots from Computer Modern); running heads are in Termes italic."""
    for page in lines:
        if not page:
            continue
        number = str(page[0].page)
        report = run(require_tool("pdffonts"), "-f", number, "-l", number, str(book_pdf))
        fonts = [line.split()[0].split("+")[-1] for line in report.splitlines()[2:]]
        assert fonts, f"page {number}: no font"
        assert all(font.startswith("TeXGyre") for font in fonts), (number, fonts)
        assert all(line.split()[-5] == "yes" for line in report.splitlines()[2:]), report
        if head(page):
            assert "TeXGyreTermes-Italic" in fonts, (number, fonts)


def test_index_gives_each_entry_once_with_its_definition_page(book_pdf, lines):
    """One index line per term or person: the pages that mention it, then its definition's
    page — a person's biography on the people page too (the people page's layout once
    dropped it), and a term whose name has an apostrophe (« d'approvisionnement » once made
    two lines of one term, one for its definition, one for its mentions)."""
    index_pages = [page for page in lines if any(line.text == "Index" for line in page[:3])]
    assert index_pages, "no index"
    columns = []  # each column on its own: pdftotext joins the lines of the two columns
    for page in index_pages:
        block = body(page)
        middle = (min(line.left for line in block) + max(line.right for line in block)) / 2
        for left, width in ((0, middle), (middle, TRIM[0] - middle)):
            crop = [str(int(value)) for value in (left, 0, width, TRIM[1])]
            command = ["-r", "72", "-f", str(page[0].page), "-l", str(page[0].page)]
            command += ["-x", crop[0], "-y", crop[1], "-W", crop[2], "-H", crop[3]]
            columns.append(run(require_tool("pdftotext"), *command, str(book_pdf), "-"))
    text = " ".join(" ".join(columns).split())
    debois = re.search(r"Debois, Patrick((?:, \d+)+)", text)
    assert debois, text
    pages = [int(number) for number in debois[1].split(", ")[1:]]
    # his first mention, in the introduction, then his biography, later in the book
    assert len(pages) >= 2, debois[0]
    assert pages == sorted(pages), debois[0]
    entries = re.findall(r"chaîne d’approvisionnement logicielle,(?: \d+,?)+", text)
    assert len(entries) == 1, text
    assert "d'approvisionnement" not in text
