"""The real book: the introduction cites in Pandoc's syntax, the bibliography is French."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

BOOK = Path(__file__).parent.parent


def text_of(node) -> str:
    """Visible text, with every kind of space folded to one ordinary space."""
    return re.sub(r"\s+", " ", node.get_text().replace("\u202f", " "))


def test_the_manuscript_cites_in_pandoc_form():
    source = (BOOK / "source" / "introduction.md").read_text(encoding="utf-8")
    assert source.count("[@AgileRoots2009]") == 2
    assert "{cite:" not in source


def test_the_citations_of_the_introduction_link_to_the_bibliography(book_build):
    html = book_build("html") / "source"
    intro = BeautifulSoup((html / "introduction.html").read_text(encoding="utf-8"), "html.parser")
    citations = intro.select(".bibtex-citation")
    assert [text_of(citation) for citation in citations] == ["(Shafer, 2009)"] * 2
    bibliography = BeautifulSoup(
        (html / "bibliographie.html").read_text(encoding="utf-8"), "html.parser"
    )
    ids = {entry["id"] for entry in bibliography.select("div.citation")}
    for citation in citations:
        page, _, anchor = citation.a["href"].partition("#")
        assert (page, anchor in ids) == ("bibliographie.html", True)


def test_the_bibliography_page_follows_french_conventions(book_build):
    page = book_build("html") / "source" / "bibliographie.html"
    entry = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
        "div.citation p"
    )
    text = text_of(entry)
    assert text.startswith("Shafer, Andrew Clay (2009). Agile Infrastructure. ")
    assert entry.em.get_text() == "Agile Infrastructure"  # the title of a work, in italics
    for french in [
        "Salt Lake City (Utah), 15 juin 2009.",  # biblatex's date, French month
        "En ligne : http://www.slideshare.net/littleidea/agile-infra-agileroots-2009",
        "(consulté le 26 novembre 2026).",  # urldate
    ]:
        assert french in text
    for english in ["June", "visited on", "URL:", "Accessed"]:
        assert english not in text
