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
import zlib
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
        "Version de travail",  # conf.py's book_edition, while the book is a draft
    ):
        assert expected in title_page
    months = "|".join(MONTHS)
    assert re.search(rf"(?<!\d)[1-9]\d? ({months}) \d{{4}}", title_page), title_page
    assert not re.search(rf"\b0\d ({months})", " ".join(text)), "a date with a leading zero"
    assert "Version 0.1" not in " ".join(text)
    assert "©" in text[3]
    assert "Version de travail" in text[3]
    # the licence, from conf.py's book_licence
    assert "Texte sous licence Creative Commons Attribution" in text[3]
    assert "(CC BY-SA 4.0) ; code sous licence MIT." in text[3]
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
    first_cell = next(line for line in page if line.text.startswith("Attaque"))
    # the table ends where the text, at the margin left of the cells, goes on
    end = min(
        (
            line.top
            for line in body(page)
            if line.top > header.bottom and line.left < first_cell.left - 3
        ),
        default=TRIM[1],
    )
    cells = [line for line in page if header.bottom < line.top < end]
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
    than the line, after « _ » or before « - », which then opens the next line), never after
    a dot, and never after one of its own hyphens, which a reader would take for a
    hyphenation (« news/lessons-xz-utils- »)."""
    addresses = set(re.findall(r"https?://[^\s}\"]+", (BOOK / "references.bib").read_text()))
    cut, before_hyphen = [], []
    for page in lines:
        for line, after in itertools.pairwise([*body(page), None]):
            last = line.text.split()[-1] if line.text else ""
            if last.startswith("http") and last.rstrip(".,)") not in addresses:
                cut.append(last)
                following = after.text if after is not None else ""
                if following.startswith("-"):
                    before_hyphen.append(last)
                    continue
                assert last.endswith(("/", "_")), f"page {line.page}: {last!r}"
    assert cut, "no address is cut: the check would see nothing"
    assert before_hyphen, "no address cut before a hyphen: that check would see nothing"


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
        for index, line in enumerate(text):
            if not line.text.startswith("Mentionné dans"):
                continue
            # the list may run over lines (four chapters): its last line, then the next entry
            last = index
            while last + 1 < len(text) and text[last + 1].top - text[last].top < 15:
                last += 1
            if last + 1 < len(text) and text[last + 1].left < line.left:
                gaps.append(round(text[last + 1].top - text[last].top, 1))
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


# -- Page turns: widows, orphans, hyphens, split notes and boxes ------------------------------
#
# Read from pdftotext's line boxes: a line of running text (11 pt) is 13.9 to 15.5 pt high,
# a line of a footnote (9 pt) 10.5 to 12.5 pt; the notes are the small lines under the last
# line of text.  The text block ends above 600 pt, where a chapter's first folio stands.
TEXT_LINE_HEIGHT = (13.9, 15.5)
NOTE_LINE_HEIGHT = (10.5, 12.5)
TEXT_BOTTOM = 600
#: Two lines of one paragraph are this far apart at most; a paragraph break adds \parskip.
PARAGRAPH_GAP = 1.3 * 13.55


def is_text_line(line: Line) -> bool:
    return TEXT_LINE_HEIGHT[0] <= line.height <= TEXT_LINE_HEIGHT[1]


#: The least space above a page's notes (pdftotext measures 5.3 to 7.7 pt in the book).
NOTE_RULE_SPACE = 3


def text_block(page: list[Line]) -> tuple[list[Line], list[Line]]:
    """The page's lines above its notes (text, headings, boxes), and its notes' lines."""
    block = [line for line in page if 40 < line.top < TEXT_BOTTOM]

    def note_sized(line: Line) -> bool:
        return NOTE_LINE_HEIGHT[0] <= line.height <= NOTE_LINE_HEIGHT[1]

    # The notes are the note-sized lines after the last line of another size, below the
    # footnote rule's space (5 pt and more; a code block set small, as chapter 3's workflow,
    # mixes both sizes with no such space, and is not a page's notes).
    last_text = max((line.top for line in block if not note_sized(line)), default=TEXT_BOTTOM)
    notes = [line for line in block if line.top > last_text and note_sized(line)]
    above = [line.bottom for line in block if notes and line.top < notes[0].top]
    if above and notes[0].top - max(above) < NOTE_RULE_SPACE:
        notes = []
    return [line for line in block if line not in notes], notes


def justified_edges(lines: list[Line]) -> set[float]:
    """The right edges that three lines or more share: the text block's, a box's."""
    counts: dict[float, int] = {}
    for line in lines:
        counts[round(line.right)] = counts.get(round(line.right), 0) + 1
    return {edge for edge, count in counts.items() if count >= 3}


def is_full(line: Line, edges: set[float]) -> bool:
    """A justified line that runs to the right edge: its paragraph goes on after it."""
    return any(abs(line.right - edge) <= 1.5 for edge in edges)


@dataclass(frozen=True)
class PageTurn:
    """A paragraph that runs on from one page to the next: its lines on either side."""

    before: list[Line]  # the text of the page before, top to bottom
    after: list[Line]  # the text of the page after


def page_turns(lines: list[list[Line]]) -> list[PageTurn]:
    """Every page turn inside a paragraph of running text."""
    turns = []
    for before, after in itertools.pairwise(lines):
        text_before, text_after = text_block(before)[0], text_block(after)[0]
        if not text_before or not text_after or not head(after):
            continue  # a blank page, or a chapter's first page
        last, first = text_before[-1], text_after[0]
        if (
            is_text_line(last)
            and is_text_line(first)
            and is_full(last, justified_edges(text_before))
            and not last.text.endswith((".", ":"))
        ):
            turns.append(PageTurn(text_before, text_after))
    return turns


def test_no_widow_nor_orphan(lines):
    """No page opens on the last line of a paragraph (a widow: « comprendre. » alone at the
    top of a page) and none ends on the first line of a paragraph (an orphan)."""
    turns = page_turns(lines)
    assert len(turns) > 15, "too few page turns inside a paragraph: the check would see nothing"
    widows, orphans = [], []
    for turn in turns:
        first = turn.after[0]
        following = turn.after[1] if len(turn.after) > 1 else None
        ends_paragraph = not is_full(first, justified_edges(turn.after)) and (
            following is None
            or not is_text_line(following)
            or following.top - first.top > PARAGRAPH_GAP
        )
        if ends_paragraph:
            widows.append(f"page {first.page}: {first.text!r}")
        last = turn.before[-1]
        previous = turn.before[-2] if len(turn.before) > 1 else None
        if (
            previous is None
            or not is_text_line(previous)
            or last.top - previous.top > PARAGRAPH_GAP
        ):
            orphans.append(f"page {last.page}: {last.text!r}")
    assert widows == []
    assert orphans == []


def test_no_word_hyphenated_across_a_page_turn(lines):
    """A word is never cut at the foot of a page (« cha- / cun »); a compound may still
    break at its own hyphen (« Qu'est- / ce »)."""
    sources = " ".join(
        path.read_text(encoding="utf-8") for path in sorted((BOOK / "source").glob("*.md"))
    ).replace("’", "'")
    turns = page_turns(lines)
    assert len(turns) > 15
    cut = []
    for turn in turns:
        last, first = turn.before[-1], turn.after[0]
        if re.search(r"[^\W\d]-$", last.text):
            start = last.text.split()[-1][:-1]
            rest = re.match(r"[\w'’-]*", first.text.split()[0])[0]
            if f"{start}-{rest}".replace("’", "'") not in sources:
                cut.append(f"page {last.page}: {start}-/{rest}")
    assert cut == []


def test_footnotes_never_split_across_pages(lines):
    """The notes of each page start with a note's number: none runs on from the page
    before (note 48 once ran on from p. 40 to p. 41)."""
    pages_with_notes = 0
    for page in lines:
        notes = text_block(page)[1]
        if notes:
            pages_with_notes += 1
            assert re.match(r"\d+\.", notes[0].text), f"page {notes[0].page}: {notes[0].text!r}"
    assert pages_with_notes > 20


def test_summary_box_never_split(lines):
    """The « En résumé » box of each chapter is on one page: the next page does not open on
    the box's indented lines (it was split across pp. 41–42)."""
    margins = {  # the text block's left edge on rectos (odd pages) and versos
        parity: statistics.mode(
            round(line.left)
            for page in lines[parity::2]  # lines[0] is page 1
            for line in text_block(page)[0]
            if is_text_line(line)
        )
        for parity in (0, 1)
    }
    boxes = 0
    for number, (page, after) in enumerate(itertools.pairwise(lines)):
        text = text_block(page)[0]
        title = next((i for i, line in enumerate(text) if line.text == "En résumé"), None)
        if title is None:
            continue
        boxes += 1
        inside = {round(line.left) - margins[number % 2] for line in text[title + 1 :]}
        inside = {offset for offset in inside if offset > 5}  # the box's indented lines
        assert inside, [line.text for line in text[title:]]
        following = text_block(after)[0]
        if following:
            offset = round(following[0].left) - margins[(number + 1) % 2]
            assert all(abs(offset - inner) > 1 for inner in inside), (
                f"page {following[0].page}: {following[0].text!r}"
            )
    assert boxes, "no « En résumé » box: the check would see nothing"


def test_contents_do_not_leave_a_line_alone(lines):
    """The table of contents fills its last page with more than a line or two (« Index 81 »
    once stood alone on p. vi)."""
    first = next(
        i for i, page in enumerate(lines) if any(line.text == "Table des matières" for line in page)
    )
    foreword = next(
        i
        for i, page in enumerate(lines)
        if i > first and any(line.text == "Avant-propos" and line.top > 60 for line in page)
    )
    contents = [text_block(page)[0] for page in lines[first:foreword] if text_block(page)[0]]
    assert contents
    assert any(line.text.startswith("Index") for line in contents[-1])
    assert len(contents) == 1 or len(contents[-1]) >= 4, [line.text for line in contents[-1]]


def test_numbered_table_where_the_text_refers_to_it(lines):
    """Chapter 2's summary table has a number and a caption, and stands on the page that
    refers to it or at the top of the next one, while the text fills that page (it was an
    unbreakable box pushed to the next page, a third of the page left empty)."""
    reference = page_of(lines, "Le tableau ci-dessous")
    caption = page_of(lines, "Tableau 2.1 – Les attaques contre la chaîne")
    assert caption[0].page in (reference[0].page, reference[0].page + 1)
    if caption[0].page != reference[0].page:
        bottom = max(line.bottom for page in lines for line in text_block(page)[0])
        text = text_block(reference)[0]
        # (ragged at the bottom: a page may end some lines short where a widow, a split note
        # or a note kept with its call forbids the break; a third of a page is what failed)
        assert bottom - text[-1].bottom < 4 * 13.55, (text[-1].text, text[-1].bottom, bottom)
    assert (
        next(line for line in caption if "Tableau 2.1" in line.text).top
        < next(line for line in caption if "Maillon visé" in line.text).top
    ), "the caption above the table"


# -- The one-colour PDF for a printer (make latexpdf-print) ----------------------------------

#: A colour operator of a PDF content stream: its operands and its name (gray, RGB, CMYK,
#: or a colour space's values).
COLOUR_OPERATOR = re.compile(
    rb"(?<![\w.])((?:-?[\d.]+\s+){1,4})(rg|RG|k|K|g|G|sc|scn|SC|SCN)(?!\w)"
)


def colour_operators(path: Path) -> list[tuple[tuple[float, ...], str]]:
    """The colour operators of every page content stream (Flate-compressed, as pdfTeX writes
    them; fonts, images and object streams left out)."""
    data = path.read_bytes()
    found = []
    for match in re.finditer(rb"<<(.*?)>>\s*stream\r?\n", data, re.DOTALL):
        head = match[1]
        if b"/FlateDecode" not in head or any(
            key in head for key in (b"/Length1", b"/ObjStm", b"/Image")
        ):
            continue
        stream = data[match.end() : data.index(b"endstream", match.end())]
        content = zlib.decompressobj().decompress(stream)
        for operator in COLOUR_OPERATOR.finditer(content):
            values = tuple(float(value) for value in operator[1].split())
            found.append((values, operator[2].decode()))
    return found


def is_black_or_white(values: tuple[float, ...], operator: str) -> bool:
    if operator.lower() == "k":  # CMYK: no ink but black
        return values[:3] == (0, 0, 0) and values[3] in (0, 1)
    return len(set(values)) == 1 and values[0] in (0, 1)  # gray or RGB: black or white


@pytest.fixture(scope="module")
def print_pdf(book_build) -> Path:
    require_tool("latexmk")
    return book_build("latexpdf-print") / "securite-devops.pdf"


def test_print_pdf_in_one_colour(book_pdf, print_pdf):
    """`make latexpdf-print`: black text, links and headings, no tinted fill (no blue box,
    no grey table rows), for a printer; the screen PDF keeps its colours and its pages."""
    screen = colour_operators(book_pdf)
    assert [op for op in screen if not is_black_or_white(*op)], "the screen PDF has colours"
    printed = colour_operators(print_pdf)
    assert printed
    assert [op for op in printed if not is_black_or_white(*op)] == []
    root = pdftohtml_xml(print_pdf)
    colours = {spec.get("color") for spec in root.iter("fontspec")}
    assert colours == {"#000000"}
    assert pdfinfo_pages(print_pdf).count("size:") == pdfinfo_pages(book_pdf).count("size:")


def test_print_pdf_pages_are_black_on_white(print_pdf, lines, tmp_path):
    """Each page of the print PDF, rendered, is black text on white: no grey or coloured
    area (a table's header row, the summary's box: xcolor's monochrome once filled them
    black), and the pages with those boxes show them as rules and text only."""
    run(require_tool("pdftoppm"), "-r", "20", str(print_pdf), str(tmp_path / "page"))
    pages = sorted(tmp_path.glob("page-*.ppm"))
    assert len(pages) == len(lines)
    boxed = {page_of(lines, "Maillon visé")[0].page, page_of(lines, "En résumé")[0].page}
    for path in pages:
        pixels = ppm_pixels(path)
        chromatic = sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 24)
        dark = sum(1 for r, g, b in pixels if r + g + b < 3 * 128)
        assert chromatic == 0, f"{path.name}: {chromatic} coloured pixels"
        assert dark < 0.05 * len(pixels), f"{path.name}: {dark / len(pixels):.0%} dark"
    assert boxed


def ppm_pixels(path: Path) -> list[tuple[int, int, int]]:
    """The pixels of a binary PPM (P6, 8 bits), as pdftoppm writes them."""
    data = path.read_bytes()
    fields = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    assert fields, path
    raster = data[fields.end() :]
    return [tuple(raster[i : i + 3]) for i in range(0, len(raster), 3)]


def test_pdf_metadata(book_pdf):
    """The PDF says its language (/Lang, for screen readers) and its keywords (conf.py's
    book_subjects); both were missing."""
    info = run(require_tool("pdfinfo"), str(book_pdf))
    assert re.search(r"^Keywords:\s+DevOps, Sécurité informatique, DevSecOps$", info, re.M), info
    data = book_pdf.read_bytes()
    catalogs = [data] + [
        zlib.decompress(data[match.end() : data.index(b"endstream", match.end())])
        for match in re.finditer(rb"<<([^>]*/ObjStm[^>]*)>>\s*stream\r?\n", data)
    ]
    assert any(re.search(rb"/Lang\s*\(fr\)", part) for part in catalogs)


def test_index_references_name_the_printed_index(lines):
    """The glossary and the people pages send the reader to « l'index », which the printed
    book has, not to an « index des termes » or « index des personnes » it has not."""
    text = " ".join(" ".join(line.text for line in page) for page in lines)
    assert "Les personnes citées dans le livre. L’index indique" in text
    assert "L’index indique où chacun est employé" in text
    assert "index des personnes" not in text
    assert "index des termes" not in text


def test_index_entries_run_on_with_a_small_indent(lines):
    """A long index entry goes on under its first line indented 1.5 em (the class's 40 pt,
    a third of the column, made « voir » entries run to three or four lines)."""
    index_pages = [page for page in lines if any(line.text == "Index" for line in head(page))]
    assert index_pages
    offsets = []
    for page in index_pages:
        block = [line for line in body(page) if not FOLIO.match(line.text)]
        middle = (min(line.left for line in block) + max(line.right for line in block)) / 2
        for column in (
            [line for line in block if line.left < middle],
            [line for line in block if line.left >= middle],
        ):
            if column:
                start = min(line.left for line in column)
                offsets += [line.left - start for line in column if line.left - start > 3]
    assert len(offsets) > 10, "entries that run on"
    assert max(offsets) < 1.5 * 11 + 2, sorted(offsets)[-5:]
