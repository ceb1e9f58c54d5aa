"""The EPUB (`make epub`): valid for epubcheck, French, the whole book and nothing else."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup
from conftest import CORRECTED_TEXT, FOOTNOTES, epubcheck_command, normalize


@pytest.fixture(scope="module")
def epub_dir(book_build) -> Path:
    return book_build("epub")


@pytest.fixture(scope="module")
def epub(epub_dir) -> zipfile.ZipFile:
    with zipfile.ZipFile(epub_dir / "securite-devops.epub") as archive:
        yield archive


def xhtml(epub: zipfile.ZipFile, name: str) -> BeautifulSoup:
    return BeautifulSoup(epub.read(name).decode("utf-8"), "html.parser")


@pytest.mark.slow
def test_epubcheck(epub_dir):
    result = subprocess.run(
        [*epubcheck_command(), str(epub_dir / "securite-devops.epub")],
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"Messages: 0 fatals / 0 errors / 0 warnings", output), output
    assert "No errors or warnings detected" in output, output


@pytest.mark.slow
def test_contents(epub, epub_dir):
    names = epub.namelist()
    assert names[0] == "mimetype"
    assert epub.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    for page in ("index", "introduction", "bibliographie"):
        assert f"source/{page}.xhtml" in names
    # The website's root page is not part of the book; neither are the doctrees.
    assert "index.xhtml" not in names
    assert "index.html" not in names
    assert not [name for name in names if name.endswith((".doctree", ".pickle", ".buildinfo"))]
    assert not list(epub_dir.rglob("*.doctree"))
    assert not list(epub_dir.rglob("environment.pickle"))


@pytest.mark.slow
def test_metadata(epub):
    opf = epub.read("content.opf").decode("utf-8")
    assert "<dc:language>fr</dc:language>" in opf
    assert "<dc:title>Sécurité &amp; DevOps</dc:title>" in opf
    assert re.search(r"<dc:rights>[^<]*2026[^<]*</dc:rights>", opf)
    assert "unknown" not in opf


@pytest.mark.slow
def test_navigation_in_french(epub):
    nav = xhtml(epub, "nav.xhtml")
    assert nav.html["lang"] == "fr"
    assert nav.title.get_text() == "Table des matières"
    targets = {PurePosixPath(a["href"].split("#")[0]).as_posix() for a in nav.find_all("a")}
    assert targets <= set(epub.namelist())
    assert "source/introduction.xhtml" in targets


@pytest.mark.slow
def test_every_page_in_french(epub):
    pages = [name for name in epub.namelist() if name.endswith(".xhtml")]
    for name in pages:
        page = xhtml(epub, name)
        assert page.html["lang"] == "fr", name
        # Sphinx's « Footnotes » heading, with epub_show_urls = "footnote".
        assert "Footnotes" not in page.get_text(), name


@pytest.mark.slow
def test_introduction(epub):
    page = xhtml(epub, "source/introduction.xhtml")
    text = normalize(page.get_text())
    for sentence in CORRECTED_TEXT:
        assert sentence in text
    assert "«\u00a0Agile Infrastructure\u00a0»" in page.get_text()
    # epub_show_urls = "no": a link's address is not printed in the text (« Puppet
    # [https://puppet.com/] » in the biographies); the reader taps the link.
    assert page.select("span.link-target") == []
    assert page.find("a", href="https://puppet.com/") is not None
    assert xhtml(epub, "source/personnes.xhtml").select("span.link-target") == []
    calls = page.select('a[role="doc-noteref"]')
    assert len(calls) == len(FOOTNOTES)
    for call, (expected, links) in zip(calls, FOOTNOTES, strict=True):
        note = page.find(id=call["href"].removeprefix("#"))
        assert expected in normalize(note.get_text("")), note
        assert set(links) <= {a["href"] for a in note.find_all("a", href=True)}, note
    # Each citation leads to the entry of its first author and year (« Debois, 2008 »).
    citations = [a for a in page.find_all("a", href=True) if "bibliographie" in a["href"]]
    assert citations
    bibliography = xhtml(epub, "source/bibliographie.xhtml")
    names = None
    for citation in citations:
        shown = normalize(citation.get_text())
        if cited := re.fullmatch(r"(.+), (\d{4}[a-z]?|s\. d\.)", shown):
            names, year = cited[1], cited[2]
        else:  # « (Forsgren et al., 2018, 2019) »: the same authors' next work, its year
            assert names, citation
            assert re.fullmatch(r"\d{4}[a-z]?|s\. d\.", shown), citation
            year = shown
        entry = normalize(bibliography.find(id=citation["href"].split("#")[1]).p.get_text())
        assert entry.startswith(re.split(r" et al\.| et ", names)[0]), (citation, entry)
        assert f"({year})" in entry, (citation, entry)


@pytest.mark.slow
def test_the_front_page_links_to_the_other_formats_not_to_the_epub_itself(epub):
    """« en ligne » and « en PDF » link to the published book (their address in brackets, as
    every link of the EPUB); « en EPUB » is the book in the reader's hands: plain words."""
    soup = xhtml(epub, "source/index.xhtml")
    links = {a.get_text(): a["href"] for a in soup.select("a.reference.external")}
    assert links["en PDF"].endswith("/_/downloads/fr/latest/pdf/")
    assert "en ligne" in links
    assert "en EPUB" not in links
    text = normalize(soup.get_text())
    assert "et en EPUB." in text
    assert "/epub/" not in text
    # Nothing else of the web book in the EPUB: no link-preview card.
    assert not [name for name in epub.namelist() if "carte-livre" in name]


def test_people_page_names_each_person_once(epub):
    """As on the web pages: no heading repeats the name that opens each biography."""
    page = xhtml(epub, "source/personnes.xhtml")
    assert page.find("dt") is None
    entries = page.select('div[id^="person-"]')
    assert len(entries) >= 10
    assert all(entry.find("p").find("strong") is not None for entry in entries)
