"""A tooltip reads as its definition does, French spacing included (the book's stack)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from roots_build import build, copy_root, edit

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


def test_a_tooltip_gets_the_no_break_space_of_its_definition(tmp_path):
    srcdir = copy_root("equivalence", tmp_path)
    bibliography = srcdir / "refs.bib"
    bibliography.write_text(bibliography.read_text(encoding="utf-8") + WORK, encoding="utf-8")
    glossary = srcdir / "glossaire.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + TERM, encoding="utf-8")
    edit(srcdir / "chap1.md", "\n\n", "\n\nVoir l'{term}`intégration fréquente`.\n\n")
    built = build(srcdir, "html")
    page = BeautifulSoup((built.outdir / "chap1.html").read_text("utf-8"), "html.parser")
    tip = page.select_one('div.devops-tooltips [id$="term-integration-frequente"]')
    assert tip is not None, "chap1 shows no tooltip for the new term"
    text = tip.get_text()
    assert "Intégrer\N{NO-BREAK SPACE}: le guide" in text, text
    glossary_page = BeautifulSoup(
        (built.outdir / "glossaire.html").read_text("utf-8"), "html.parser"
    )
    definition = glossary_page.find(id=tip["id"]).get_text()  # the definition's paragraph
    assert " ".join(text.split()) == " ".join(definition.split())
