"""A tooltip reads as its definition does, French spacing and citations included (the book's
stack)."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from roots_build import Built, build, copy_root, edit

#: A work without author: a citation shows its title, « : » and all.
WORK = """
@misc{Guide2020,
  title = {Intégrer: le guide},
  year  = {2020},
}
"""
#: A definition whose first paragraph cites it: the no-break space before the colon is made
#: once the citation is resolved, when the page is written.
TERM = """
```{term} intégration fréquente

Pratique que décrit [@Guide2020] au moins chaque jour.
```
"""


def chapter_with_tooltip(tmp_path, term: str) -> tuple[Built, BeautifulSoup, Tag]:
    """chap1 of the equivalence root, which now mentions `term` (a definition citing the
    guide): the build, chap1's page and the term's tooltip on it."""
    srcdir = copy_root("equivalence", tmp_path)
    bibliography = srcdir / "refs.bib"
    bibliography.write_text(bibliography.read_text(encoding="utf-8") + WORK, encoding="utf-8")
    glossary = srcdir / "glossaire.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + term, encoding="utf-8")
    edit(srcdir / "chap1.md", "\n\n", "\n\nVoir l'{term}`intégration fréquente`.\n\n")
    built = build(srcdir, "html")
    page = BeautifulSoup((built.outdir / "chap1.html").read_text("utf-8"), "html.parser")
    tip = page.select_one('div.devops-tooltips [id$="term-integration-frequente"]')
    assert tip is not None, "chap1 shows no tooltip for the new term"
    return built, page, tip


def test_a_tooltip_gets_the_no_break_space_of_its_definition(tmp_path):
    built, _, tip = chapter_with_tooltip(tmp_path, TERM)
    text = tip.get_text()
    assert "Intégrer\N{NO-BREAK SPACE}: le guide" in text, text
    glossary_page = BeautifulSoup(
        (built.outdir / "glossaire.html").read_text("utf-8"), "html.parser"
    )
    definition = glossary_page.find(id=tip["id"]).get_text()  # the definition's paragraph
    assert " ".join(text.split()) == " ".join(definition.split())


#: A definition whose citation has a locator: its text travels, as a placeholder, with the
#: definition into the tooltips of other pages.
TERM_WITH_LOCATOR = """
```{term} intégration fréquente

Pratique que décrit le guide [@Guide2020, chap. 3].
```
"""


def test_a_tooltip_and_its_page_keep_their_own_citation_texts(tmp_path):
    """chap1's « (voir Shafer, 2009, p. 12) » and the tooltip's « chap. 3 » were numbered
    in two documents (the first of each), and one page showed the other's: « (chap. 3
    Shafer, 2009, p. 12) »."""
    _, page, tip = chapter_with_tooltip(tmp_path, TERM_WITH_LOCATOR)
    tip_text = tip.get_text()
    assert "chap.\N{NO-BREAK SPACE}3)" in tip_text
    assert "voir" not in tip_text
    tip.decompose()
    assert "(voir Shafer, 2009, p.\N{NO-BREAK SPACE}12)" in page.get_text()
    assert "chap." not in page.select_one("article").get_text()
