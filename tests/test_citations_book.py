"""The real book: the introduction cites in Pandoc's syntax, the bibliography is French."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

BOOK = Path(__file__).parent.parent


def text_of(node) -> str:
    """Visible text, with every kind of space folded to one ordinary space."""
    return re.sub(r"\s+", " ", node.get_text().replace("\u202f", " "))


#: The citations of « Création du groupe Agile System Administration », in order: the story of
#: August 2008 comes from Debois' paper at Agile 2008 and from New Relic's account, not from
#: Shafer's talk at Agile Roots (June 2009), which is cited in his biography only.
AGILE_2008_CITATIONS = [
    "[@Debois2008]",
    "[@NewRelicDevOpsName]",
    "[@NewRelicDevOpsName; @AgileSysAdminGroup]",
]


def section(text: str, title: str) -> str:
    """The text of a section of a MyST document, from its title to the next title."""
    start = text.index(title)
    end = text.find("\n#", start + len(title))
    return text[start : end if end != -1 else len(text)]


def test_the_manuscript_cites_in_pandoc_form():
    source = (BOOK / "source" / "introduction.md").read_text(encoding="utf-8")
    history = section(source, "### 2008 : la session de Toronto")
    assert re.findall(r"\[[^][]*@[^][]*\]", history) == AGILE_2008_CITATIONS
    assert "@AgileRoots2009" not in source
    for path in sorted((BOOK / "source").glob("*.md")):
        assert "{cite:" not in path.read_text(encoding="utf-8"), path


def test_the_citations_of_the_introduction_link_to_the_bibliography(book_build):
    html = book_build("html") / "source"
    intro = BeautifulSoup((html / "introduction.html").read_text(encoding="utf-8"), "html.parser")
    history = intro.find("section", id="la-session-de-toronto")
    assert [text_of(citation) for citation in history.select(".bibtex-citation")] == [
        "(Debois, 2008)",
        "(New Relic, 2014)",
        "(Agile System Administration, 2008 ; New Relic, 2014)",  # thin space before ;
    ]
    # Every citation of the text and of its footnotes (the tooltips repeat definitions without
    # links, on purpose).
    citations = [
        citation
        for citation in intro.select("article .bibtex-citation")
        if not citation.find_parent(class_="devops-tooltip")
    ]
    assert len(citations) > len(AGILE_2008_CITATIONS)
    bibliography = BeautifulSoup(
        (html / "bibliographie.html").read_text(encoding="utf-8"), "html.parser"
    )
    ids = {entry["id"] for entry in bibliography.select("div.citation")}
    for citation in citations:
        links = citation.find_all("a")
        assert links, citation
        for link in links:
            page, _, anchor = link["href"].partition("#")
            assert (page, anchor in ids) == ("bibliographie.html", True)


def test_the_bibliography_page_follows_french_conventions(book_build):
    page = book_build("html") / "source" / "bibliographie.html"
    entries = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
        "div.citation p"
    )
    # Sorted by author, then by date: Shafer's talk at Velocity (June 2009, no day) is 2009a,
    # the one at Agile Roots (15 June 2009) 2009b.
    assert text_of(entries[0]).startswith("Abrams, Lawrence (2021). ")
    assert text_of(entries[1]).startswith("Agile System Administration (2008). ")
    [entry] = [e for e in entries if text_of(e).startswith("Shafer, Andrew Clay (2009b). ")]
    text = text_of(entry)
    assert text.startswith("Shafer, Andrew Clay (2009b). Agile Infrastructure. ")
    assert entry.em.get_text() == "Agile Infrastructure"  # the title of a work, in italics
    for french in [
        "Salt Lake City (Utah), 15 juin 2009.",  # biblatex's date, French month
        "En ligne : http://www.slideshare.net/littleidea/agile-infra-agileroots-2009",
        "(consulté le 26 novembre 2026).",  # urldate
    ]:
        assert french in text
    for english in ["June", "visited on", "URL:", "Accessed"]:
        assert english not in text


def test_an_authors_apostrophe_is_typographic_in_the_citation_too(book_build):
    """« (O’Reilly Media, s. d.) », as the bibliography entry writes it: not a straight
    quote (in the PDF, LaTeX's ``\\textquotesingle``)."""
    page = book_build("html") / "source" / "personnes.html"
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    cited = [text_of(c) for c in html.select(".bibtex-citation") if "Reilly" in c.get_text()]
    assert set(cited) == {"(O’Reilly Media, s. d.)"}
    [tex] = book_build("latex").glob("*.tex")
    latex = tex.read_text(encoding="utf-8")
    # The hidden label of the entry (``\\bibitem[O\\textquotesingle{}Reilly Media s. d.]``) is
    # not printed; the citations are links to it.
    printed = re.findall(r"\\hyperlink\{cite\.[^}]*\}\{([^}]*Reilly[^}]*)\}", latex)
    assert set(printed) == {"O’Reilly Media, s.\u00a0d."}
