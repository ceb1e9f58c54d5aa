"""The bibliography as a French publisher sets it, in HTML, EPUB and PDF.

``tests/roots/test-citations-bibliography`` (with french_typography, as the book): no
label before author-year entries, a hanging indent, ragged right, no-break spaces inside
« s. d. », « et al. », « p. 12 », « 1<sup>er</sup> » in superscript, a month that starts a
sentence capitalised, the works of the same authors named once in a citation, and the
space that pybtex-docutils shares between entries left where it belongs (« Watters »).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import roots_build
from bs4 import BeautifulSoup
from conftest import require_tool
from roots_build import Built, copy_root, latex_to_pdf


def build(dest: Path, builder: str) -> Built:
    built = roots_build.build(copy_root("citations-bibliography", dest), builder)
    assert built.warnings == ""
    return built


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> BeautifulSoup:
    built = build(tmp_path_factory.mktemp("html"), "html")
    assert (built.outdir / "_static" / "citations_fr.css").is_file()
    return BeautifulSoup((built.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")


def entry(page: BeautifulSoup, author: str):
    """The paragraph of the entry whose text starts with ``author``."""
    found = [p for p in page.select("div.citation > p") if p.get_text().startswith(author)]
    assert len(found) == 1, author
    return found[0]


def test_the_same_authors_are_named_once(html):
    text = html.select_one("section p").get_text()
    assert text.startswith("Les mêmes auteurs (Forsgren et\u00a0al., 2018, 2019), avec")
    # a locator between them: each keeps its authors
    assert "(Forsgren et\u00a0al., 2018, p.\u00a03\u202f; Forsgren et\u00a0al., 2019)" in text


def test_no_break_spaces(html):
    text = html.select_one("section p").get_text()
    assert "(… CloudBees, s.\u00a0d.\u202f;".replace("(… ", "") in text
    assert entry(html, "CloudBees").get_text().startswith("CloudBees (s.\u00a0d.).")


def test_ordinals_in_superscript(html):
    fowler = entry(html, "Fowler")
    assert "1<sup>er</sup>\u00a0mai 2006" in str(fowler)
    assert "(consulté le 1<sup>er</sup>\u00a0novembre 2026)" in str(fowler)


def test_a_month_that_starts_a_sentence_has_a_capital(html):
    assert ". Mars 2020. En ligne" in entry(html, "Business Insider").get_text()


def test_the_shared_space_stays_in_its_entry(html):
    """pybtex-docutils shares one ``Text(" ")`` between entries (see french_typography)."""
    assert (
        entry(html, "Watters")
        .get_text()
        .startswith(
            "Watters, James (2013). Facilitating Open Community. Pivotal, 1er\u00a0août 2013."
        )
    )
    assert (
        entry(html, "Ward")
        .get_text()
        .startswith("Ward, Rory et Betsy Beyer (2014). «\u00a0BeyondCorp\u00a0: A New Approach")
    )
    assert "\u202f" not in entry(html, "Watters").get_text()


def test_an_address_in_a_note_is_a_link(html):
    """As text, a long address cannot be cut at the end of a line (it ran into the margin)."""
    archive = "https://web.archive.org/web/2016/https://tanzu.vmware.com/content/blog/"
    links = [a["href"] for a in entry(html, "Watters").select("a")]
    assert f"{archive}facilitating-open-community" in links  # without the final period
    assert "Copie archivée\u00a0: https://web.archive.org/" in entry(html, "Watters").get_text()


def test_entries_are_marked_for_their_stylesheet(html):
    """No label shown, hanging indent, ragged right: citations_fr.css, for author-year."""
    entries = html.select("div.citation")
    assert len(entries) == 8
    assert all("author-year" in div["class"] for div in entries)
    assert html.select_one('link[href*="citations_fr.css"]') is not None


def test_the_epub_has_the_same_entries_and_stylesheet(tmp_path):
    built = build(tmp_path, "epub")
    page = BeautifulSoup((built.outdir / "index.xhtml").read_text(encoding="utf-8"), "html.parser")
    assert all("author-year" in div["class"] for div in page.select("div.citation"))
    assert page.select_one('link[href*="citations_fr.css"]') is not None
    assert (built.outdir / "_static" / "citations_fr.css").is_file()


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    require_tool("latexmk")
    require_tool("make")
    built = build(tmp_path_factory.mktemp("pdf"), "latex")
    latex_to_pdf(built.outdir)
    return built.outdir / "bibliographie.pdf"


def words(pdf: Path) -> list[tuple[float, float, str]]:
    """The words of the PDF's last page: ``(x, y, word)``."""
    pdftotext = require_tool("pdftotext")
    xml = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], capture_output=True, encoding="utf-8", check=True
    ).stdout
    last_page = xml.rsplit("<page ", 1)[1]
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', last_page)
    return [(float(x), float(y), word) for x, y, word in found]


def test_the_pdf_bibliography_has_no_labels_and_hangs(pdf):
    found = words(pdf)
    text = " ".join(word for _, _, word in found)
    assert "[Forsgren" not in text
    assert "2019]" not in text
    lines: dict[float, list[tuple[float, str]]] = {}
    for x, y, word in found:
        lines.setdefault(round(y), []).append((x, word))
    starts = [min(line) for _, line in sorted(lines.items())]
    first = next(i for i, (_, word) in enumerate(starts) if word == "Longue,")
    margin = starts[first][0]
    # the entry's next lines are indented; the next entry starts at the margin again
    assert starts[first + 1][0] > margin + 10
    assert next(x for x, word in starts[first + 1 :] if word == "Ward,") == pytest.approx(margin)


#: An organisation whose label is longer than a line of text (72 characters).
LONG_AUTHOR = """
@techreport{Commerce2021,
  author      = {{U.S. Department of Commerce}
                 and {National Telecommunications and Information Administration}},
  title       = {The Minimum Elements for a Software Bill of Materials},
  institution = {U.S. Department of Commerce},
  year        = {2021},
}
"""


def test_plain_text_entries_without_labels(tmp_path):
    """The text builder writes each entry as a paragraph, as the other outputs show it
    (no « [Forsgren et al., 2018] » before it): a label wider than the line, an
    organisation's, stopped the build with « ValueError: invalid width »."""
    srcdir = copy_root("citations-bibliography", tmp_path)
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + LONG_AUTHOR, encoding="utf-8")
    roots_build.edit(srcdir / "index.md", "@Watters2013]", "@Watters2013; @Commerce2021]")
    built = roots_build.build(srcdir, "text")
    assert built.warnings == ""
    text = (built.outdir / "index.txt").read_text(encoding="utf-8")
    entries = text[text.index("Forsgren, Nicole") :]
    assert "U.S. Department of Commerce et National Telecommunications" in entries
    assert not re.search(r"^\[", entries, re.MULTILINE), entries


@pytest.mark.parametrize("builder", ["html", "text"])
def test_sphinxcontrib_bibtex_author_year_keeps_its_labels(tmp_path, builder):
    """A project that picks sphinxcontrib-bibtex's own ``author_year`` style (not ours) keeps
    the labels that style prints before each entry, in HTML and in plain text."""
    srcdir = copy_root("citations-bibliography", tmp_path)
    built = roots_build.build(
        srcdir, builder, bibtex_reference_style="author_year", bibtex_default_style="plain"
    )
    if builder == "html":
        page = BeautifulSoup((built.outdir / "index.html").read_text("utf-8"), "html.parser")
        citations = page.select("div.citation")
        assert citations
        assert not [c for c in citations if "author-year" in c.get("class", [])]
        assert all(c.select_one("span.label") for c in citations)
    else:
        text = (built.outdir / "index.txt").read_text("utf-8")
        assert re.search(r"^\[\w+\] ", text, re.M), text
