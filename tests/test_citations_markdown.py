"""Markdown around and inside Pandoc citations, in every builder.

``tests/roots/test-citations-markdown``: emphasis, bold and code in prefixes and suffixes,
a textual citation in a suffix, a bracket that is no citation (its Markdown kept, its
unknown key warned), a MyST span around a citation, a citation in an image's alt text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import roots_build
from bs4 import BeautifulSoup
from roots_build import Built, copy_root


def build(dest: Path, builder: str = "html", **conf) -> Built:
    return roots_build.build(copy_root("citations-markdown", dest), builder, **conf)


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Built:
    return build(tmp_path_factory.mktemp("html"))


def paragraphs(built: Built, page: str = "index.html") -> list:
    soup = BeautifulSoup((built.outdir / page).read_text(encoding="utf-8"), "html.parser")
    return soup.select("section > p")


def test_the_only_warning_is_the_unknown_key(html):
    assert html.warnings.splitlines() == [
        f'{html.srcdir / "index.md"}:9: WARNING: could not find bibtex key "support"'
        " [bibtex.key_not_found]"
    ]


def test_markdown_in_prefixes_and_suffixes_html(html):
    first, second, third = paragraphs(html)[:3]
    assert first.get_text() == "Préfixe et suffixe (voir Shafer, 2009, passim)."
    assert [str(em) for em in first.select("em")] == ["<em>voir</em>", "<em>passim</em>"]
    assert second.get_text() == "Gras et code (cf. Debois, 2008, p. 3)."
    assert [tag.get_text() for tag in second.select("strong, code")] == ["cf.", "p. 3"]
    # a textual citation in a suffix, linked as any citation
    assert third.get_text() == (
        "Une citation dans un suffixe (Shafer, 2009, voir aussi Debois (2008))."
    )
    assert len(third.select("a[href^='#id']")) == 2


def test_a_textual_citation_with_a_locator_and_more_citations(html):
    """Pandoc's ``@a [p. 5; @b]``: the locator is A's, B is cited in parentheses."""
    assert paragraphs(html)[8].get_text() == (
        "Un locateur puis une source Shafer (2009, p.\u00a05) (Debois, 2008)."
    )


def test_a_bracket_that_is_no_citation_keeps_its_markdown(html):
    note = paragraphs(html)[3]
    assert note.get_text() == (
        "Pas une citation : [Note : écrire à @support ou à https://example.org/aide]."
    )
    assert note.select_one("strong").get_text() == "Note"
    assert note.select_one("a.reference.external")["href"] == "https://example.org/aide"


def test_a_span_keeps_its_id_and_classes(html):
    span = paragraphs(html)[4].select_one("span#credit")
    assert span is not None
    assert "small" in span["class"]
    assert span.get_text() == "selon Shafer (2009)"
    assert paragraphs(html)[6].select_one("a")["href"] == "#credit"


def test_a_citation_in_alt_text_is_kept_as_text(html):
    soup = BeautifulSoup((html.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("section img")["alt"] == "Schéma d'après @Shafer2009"


def test_markdown_in_latex(tmp_path):
    built = build(tmp_path, "latex")
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert re.search(
        r"\(\\sphinxstyleemphasis\{voir\} \\hyperlink\{cite\.index:id\d+\}\{Shafer, 2009\},"
        r" \\sphinxstyleemphasis\{passim\}\)",
        tex,
    )
    assert r"\sphinxstylestrong{cf.}" in tex
    assert r"\sphinxcode{\sphinxupquote{p. 3}}" in tex
    assert "*voir*" not in tex
    assert "**cf.**" not in tex


def test_markdown_in_epub_and_text(tmp_path):
    epub = build(tmp_path / "epub", "epub")
    page = (epub.outdir / "index.xhtml").read_text(encoding="utf-8")
    assert "<em>voir</em>" in page
    assert "<strong>cf.</strong>" in page
    text = build(tmp_path / "text", "text")
    written = (text.outdir / "index.txt").read_text(encoding="utf-8")
    # the text builder writes emphasis as *…* and code as "…", as for any text
    assert "(*voir* Shafer, 2009, *passim*)" in written
    assert '(**cf.** Debois, 2008, "p. 3")' in written


def test_a_repeated_bib_key_warns_as_sphinxcontrib_bibtex_does(tmp_path):
    """Its type is sphinxcontrib-bibtex's, so that ``suppress_warnings`` keeps working."""
    srcdir = copy_root("citations-markdown", tmp_path)
    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + "@book{Shafer2009, author = {Autre}, title = {Doublon}, year = {2010}}\n",
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text("# Rien\n\n[@Debois2008]\n\n```{bibliography}\n```\n")
    warned = roots_build.build(srcdir)
    assert warned.warnings.splitlines() == [
        f"{bib}:14: WARNING: repeated bibliography entry: Shafer2009 [bibtex.bibfile_data_error]"
    ]
    quiet = roots_build.build(srcdir, suppress_warnings=["bibtex.bibfile_data_error"])
    assert quiet.warnings == ""
