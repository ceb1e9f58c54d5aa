"""Pandoc citations in a Sphinx build: the same output and warnings as the roles.

``tests/roots/test-citations-pandoc`` writes each citation twice, line for line:
``pandoc.md`` in Pandoc's syntax, ``roles.md`` with the equivalent sphinxcontrib-bibtex
roles; ``left.md`` holds what must stay text.  ``test-citations-warnings`` does the same
with unknown keys, and has an entry of an unknown type.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import roots_build
from bs4 import BeautifulSoup
from roots_build import ROOTS, Built, copy_root


def build(root: str, dest: Path, builder: str = "html", **conf) -> Built:
    """Build a private copy of ``tests/roots/test-<root>`` in ``dest``."""
    return roots_build.build(copy_root(root, dest), builder, **conf)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def blocks(page: Path) -> list[str]:
    """The paragraphs, list items and table cells of a page's main section, as HTML."""
    section = soup(page).find("section")
    return [str(block) for block in section.find_all(["p", "li", "td"])]


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Built:
    return build("citations-pandoc", tmp_path_factory.mktemp("html"))


@pytest.fixture(scope="module")
def latex(tmp_path_factory) -> Built:
    return build("citations-pandoc", tmp_path_factory.mktemp("latex"), "latex")


@pytest.fixture(scope="module")
def epub(tmp_path_factory) -> Built:
    return build("citations-pandoc", tmp_path_factory.mktemp("epub"), "epub")


# -- the same output as the roles ----------------------------------------------------------


def test_the_build_is_clean(html, latex, epub):
    assert html.warnings == latex.warnings == epub.warnings == ""


def test_html_is_the_same_as_with_the_roles(html):
    pandoc, roles = blocks(html.outdir / "pandoc.html"), blocks(html.outdir / "roles.html")
    assert pandoc == roles
    cited = [block for block in pandoc if "bibtex-citation" in block]
    assert len(cited) == 16  # each form was read as a citation (a list item counts twice)


@pytest.mark.parametrize(
    "text",
    [
        "(Shafer, 2009a)",
        "(Debois, 2008\u202f; Shafer, 2009a)",
        "(Forsgren et\u00a0al., 2018, p.\u00a012)",
        "(voir Debois, 2008, chap.\u00a03)",
        "(2009)",
        "(2009\u202f; 2008, p.\u00a0202)",
        "Shafer (2009b)",
        "Shafer (2009b, p.\u00a033)",
        "Comme le montre Forsgren et\u00a0al. (2018), tout commence à Toronto (Debois, 2008).",
        "(Shafer, 2009a\u202f; 2008)",
        "Dans une note : Debois (2008, p.\u00a0204).",
    ],
)
def test_each_form_reads_in_french(html, text):
    texts = [
        BeautifulSoup(block, "html.parser").get_text()
        for block in blocks(html.outdir / "pandoc.html")
    ]
    assert text in texts


def test_links_and_bibliography_membership_are_those_of_the_roles(html):
    def links(page: str) -> list[str]:
        anchors = soup(html.outdir / page).select("section .bibtex-citation a")
        return [a["href"] for a in anchors]

    assert links("pandoc.html") == links("roles.html")
    assert all(href.startswith("bibliography.html#") for href in links("pandoc.html"))
    listed = soup(html.outdir / "bibliography.html").select("div.citation")
    labels = sorted(entry.select_one("span.label").get_text().strip("[]") for entry in listed)
    assert labels == [
        "Allspaw et Hammond 2009",
        "Debois 2008",
        "Forsgren et al. 2018",
        "Shafer 2009a",
        "Shafer 2009b",
    ]  # « Jamais cité » (Uncited) is not cited, so not listed
    ids = {entry["id"] for entry in listed}
    assert {href.partition("#")[2] for href in links("pandoc.html")} == ids


def test_latex_is_the_same_as_with_the_roles(latex):
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    chapters = re.split(r"\\chapter\{[^}]*\}\n\\label\{[^\n]*\n", tex)
    pandoc, roles = chapters[1], chapters[2]
    assert pandoc == roles
    assert pandoc.count(r"\hyperlink{cite.bibliography:") == 20


def test_epub_is_the_same_as_with_the_roles(epub):
    pandoc = blocks(epub.outdir / "pandoc.xhtml")
    assert pandoc == blocks(epub.outdir / "roles.xhtml")
    entries = soup(epub.outdir / "bibliography.xhtml").select("div.citation p")
    assert "(consulté le 26\u00a0novembre 2026)" in entries[-1].get_text()


# -- what is left alone --------------------------------------------------------------------


def test_left_alone(html):
    section = soup(html.outdir / "left.html").find("section")
    assert not section.select(".bibtex-citation")
    text = section.get_text()
    for kept in [
        "contact@example.org",
        "Shafer2009a@example.org",
        "[@Shafer2009a] et @Shafer2009a dans un bloc de code",
        "https://example.org/@Shafer2009a",
        "Une mention @quelquun, un compte @Shafer2009a@example.social",
        "Échappés : @Shafer2009a et [@Shafer2009a].",
    ]:
        assert kept in text
    assert [code.get_text() for code in section.select("code")] == [
        "[@Shafer2009a]",
        "@Shafer2009a",
    ]
    assert [a.get_text() for a in section.select("a.reference.external")] == [
        "https://example.org/@Shafer2009a",
        "lien vers @Shafer2009a",
        "@Shafer2009a",
    ]


# -- the same warnings as the roles ----------------------------------------------------------


@pytest.fixture(scope="module")
def warned(tmp_path_factory) -> Built:
    return build("citations-warnings", tmp_path_factory.mktemp("warnings"))


def warnings_of(built: Built, document: str) -> list[str]:
    prefix = f"{built.srcdir / document}:"
    return [
        line.removeprefix(prefix) for line in built.warnings.splitlines() if line.startswith(prefix)
    ]


def test_unknown_keys_warn_as_with_the_roles(warned):
    pandoc = warnings_of(warned, "pandoc.md")
    assert pandoc == warnings_of(warned, "roles.md")
    assert pandoc == [
        '3: WARNING: could not find bibtex key "nokey" [bibtex.key_not_found]',
        '5: WARNING: could not find bibtex key "nokey2" [bibtex.key_not_found]',
        '8: WARNING: could not find bibtex key "nokey3" [bibtex.key_not_found]',
    ]  # the line of the paragraph, as for a role; no warning for the mention @nokey4


def test_unknown_keys_stay_text(warned):
    texts = [
        BeautifulSoup(b, "html.parser").get_text() for b in blocks(warned.outdir / "pandoc.html")
    ]
    assert texts[:4] == [
        "Une clé inconnue [@nokey] au début.",
        "Une ligne\npuis une clé inconnue [voir @nokey2, p. 3] plus bas.",
        "Une connue et une inconnue (Connu, 2001).",
        "Une mention @nokey4 sans crochets reste du texte, sans avertissement.",
    ]


def test_an_unknown_entry_type_warns_and_is_formatted_as_misc(warned):
    assert warnings_of(warned, "refs.bib") == [
        '8: WARNING: unknown entry type "@dataset" for "Strange": formatted as @misc'
        " [citations.unknown_entry_type]"
    ]
    entries = soup(warned.outdir / "bibliography.html").select("div.citation p")
    assert [p.get_text() for p in entries][1] == (
        "Étrange, Marie (2020). Un jeu de données. En ligne\u00a0: https://example.org/data"
        " (consulté le 1er\u00a0février 2026)."
    )


def test_warnings_can_be_suppressed(tmp_path_factory):
    built = build(
        "citations-warnings",
        tmp_path_factory.mktemp("suppressed"),
        suppress_warnings=["bibtex.key_not_found", "citations.unknown_entry_type"],
    )
    assert built.warnings == ""


def test_braces_and_markdown_in_a_suffix_are_kept(tmp_path):
    """A role target cannot carry braces: the prefix and suffix do not go through it."""
    srcdir = tmp_path / "citations-warnings"
    shutil.copytree(ROOTS / "test-citations-warnings", srcdir)
    (srcdir / "roles.md").write_text("# Roles\n", encoding="utf-8")
    (srcdir / "pandoc.md").write_text(
        "# Pandoc\n\nVoir [*voir* @Known, p. {3}, `x;y`].\n", encoding="utf-8"
    )
    built = build(
        "citations-warnings", tmp_path, suppress_warnings=["citations.unknown_entry_type"]
    )
    assert warnings_of(built, "pandoc.md") == []
    paragraph = soup(built.outdir / "pandoc.html").select("section p")[0]
    assert paragraph.get_text() == "Voir (voir Connu, 2001, p. {3}, x;y)."
    assert [str(tag) for tag in paragraph.select("em, code")] == [
        "<em>voir</em>",
        '<code class="docutils literal notranslate"><span class="pre">x;y</span></code>',
    ]


def test_a_document_is_read_again_when_the_bibliography_changes(tmp_path):
    """Whether ``@key`` cites depends on the .bib: adding the key updates the citation."""
    first = build("citations-warnings", tmp_path)
    assert "nokey2" in first.warnings
    bib = first.srcdir / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + "\n@book{nokey2, author = {Nouveau, Paul}, title = {Ajouté}, year = {2024}}\n",
        encoding="utf-8",
    )
    second = build("citations-warnings", tmp_path)
    assert '"nokey2"' not in second.warnings
    texts = [
        BeautifulSoup(b, "html.parser").get_text() for b in blocks(second.outdir / "pandoc.html")
    ]
    assert "Une ligne\npuis une clé inconnue (voir Nouveau, 2024, p.\u00a03) plus bas." in texts
