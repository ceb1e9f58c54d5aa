"""The PDF (`make latexpdf`), read back with poppler: what a reader of the printed book sees."""

from __future__ import annotations

import re
import subprocess
import textwrap
import unicodedata
from pathlib import Path

import pytest
from conftest import BOOK, CORRECTED_TEXT, FOOTNOTES, require_tool
from roots_build import sphinx_build

#: 17 x 24 cm (sdfrbook.sty), in PostScript points as pdfinfo prints them.
TRIM_POINTS = "481.89 x 680.315 pts"


def squash(text: str) -> str:
    """Text without what a page layout adds or changes: blanks, line-break hyphens, ligatures,
    typographic apostrophes.  (Both sides of a comparison are squashed.)"""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return re.sub(r"[\s\-\u00ad]+", "", text)


def run(*command: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def pdf(book_build) -> Path:
    require_tool("latexmk")
    path = book_build("latexpdf") / "securite-devops.pdf"
    assert path.is_file()
    return path


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    """The text of each page."""
    return run(require_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-").split("\f")


def page_with(pages: list[str], text: str) -> int:
    """The index of the first page that shows `text`."""
    for index, page in enumerate(pages):
        if squash(text) in squash(page):
            return index
    raise AssertionError(f"no page shows {text!r}")


@pytest.mark.slow
def test_title_and_table_of_contents(pages):
    assert "Sécurité & DevOps" in pages[0]
    # The contents run over two pages since chapter 3: from their title to the foreword.
    start = page_with(pages, "Table des matières")
    toc = "".join(pages[start : page_with(pages, "Ce livre s’adresse aux équipes")])
    for chapter in ("Introduction", "Bibliographie"):
        assert chapter in toc
    # The citations are printed in the « Bibliographie » chapter, not in a second one.
    assert toc.count("Bibliographie") == 1


@pytest.mark.slow
def test_text_and_accents(pages):
    book = squash("".join(pages))
    for sentence in (*CORRECTED_TEXT, "2008 : la session de Toronto"):
        assert squash(sentence) in book
    assert "2007 : un conflit entre deux métiers" in "".join(pages)


@pytest.fixture(scope="module")
def layout_pages(pdf) -> list[str]:
    """The text of each page in its physical layout: a column of short notes stays beside
    their numbers (without -layout, pdftotext reads « 17. 18. 19. » first, then the notes)."""
    command = (require_tool("pdftotext"), "-layout", "-enc", "UTF-8", str(pdf), "-")
    return run(*command).split("\f")


@pytest.mark.slow
def test_footnotes_at_the_foot_of_their_page(layout_pages):
    """« n. text » at the foot of the page that calls note n (the glossary and the people
    pages repeat the same texts, without a number)."""
    pages = layout_pages
    for number, (expected, _links) in enumerate(FOOTNOTES, start=1):
        note = re.compile(re.escape(f"{number}.") + r".{0,3}" + re.escape(squash(expected)))
        found = [index for index, page in enumerate(pages) if note.search(squash(page))]
        assert found, f"footnote {number} is not printed as a footnote"


@pytest.mark.slow
def test_bibliography(pages, pdf):
    chapter = pages[page_with(pages, "Shafer, Andrew Clay (2009b)")]
    assert "Bibliographie" in chapter
    assert squash("Agile Infrastructure") in squash(chapter)
    # The author-year citation, in the text.
    assert re.search(r"\(Shafer\W+2009b\)|\[Shafer\W+2009b\]", "".join(pages))
    # The citation is a link to its entry: the destination exists.
    destinations = run(require_tool("pdfinfo"), "-dests", str(pdf))
    assert re.search(r'"cite\.source/bibliographie:[^"]+"', destinations)
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "has been referenced but does not exist" not in log
    assert "There were undefined references" not in log


@pytest.mark.slow
def test_trim_size_with_metadata(pdf):
    info = run(require_tool("pdfinfo"), str(pdf))
    assert TRIM_POINTS in info
    assert re.search(r"^Title:\s+Sécurité & DevOps$", info, re.MULTILINE)


@pytest.mark.slow
def test_fonts_embedded(pdf):
    lines = run(require_tool("pdffonts"), str(pdf)).splitlines()[2:]
    assert lines
    for line in lines:
        name, kind, emb = line.split()[0], line[37:54].strip(), line[72:76].strip()
        assert emb == "yes", line
        assert kind != "Type 3", line
        assert "TeXGyre" in name, line


@pytest.mark.slow
def test_index_with_accented_capitals(tmp_path):
    """The book's LaTeX settings, with index entries that makeindex cannot sort (« Éthique »
    must go under E, before « Zèbre »): xindy does it."""
    require_tool("latexmk")
    require_tool("xindy")
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(
        textwrap.dedent(f"""\
            import runpy
            book = runpy.run_path({str(BOOK / "conf.py")!r})
            for name in ("language", "latex_engine", "latex_use_xindy", "latex_elements"):
                globals()[name] = book[name]
            extensions = ["myst_parser"]
            latex_documents = [("index", "index.tex", "Index", "Test", "manual")]
            """),
        encoding="utf-8",
    )
    (source / "index.md").write_text(
        "# Titre\n\n```{index} Zèbre\n```\n```{index} Éthique\n```\n```{index} abricot\n```\n"
        "```{index} École\n```\n\nTexte.\n",
        encoding="utf-8",
    )
    out = tmp_path / "latex"
    build = sphinx_build("latex", out, srcdir=source, options=("-qW",), doctrees=tmp_path / "dt")
    assert build.returncode == 0, build.stderr
    pdf = subprocess.run(
        ["make", "-C", str(out), "all-pdf", "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    assert pdf.returncode == 0, pdf.stdout[-3000:]
    text = run(require_tool("pdftotext"), "-enc", "UTF-8", str(out / "index.pdf"), "-")
    index = squash(text[text.rindex("Index") :])
    assert re.search(r"A.*abricot.*E.*École.*Éthique.*Z.*Zèbre", index), index
