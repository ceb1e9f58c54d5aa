"""The LaTeX source of the PDF (`make latex`): French, real footnotes, the bibliography."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORRECTED_TEXT, FOOTNOTES, normalize

LINK_COMMANDS = re.compile(r"\\(?:sphinxhref|href|sphinxurl|url)\{([^{}]*)\}")


@pytest.fixture(scope="module")
def latex(book_build) -> Path:
    return book_build("latex")


@pytest.fixture(scope="module")
def tex(latex) -> str:
    return (latex / "securite-devops.tex").read_text(encoding="utf-8")


def braced(text: str, start: int) -> str:
    """The content of the {group} that opens at text[start]."""
    assert text[start] == "{"
    depth = 0
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return text[start + 1 : index]
    raise AssertionError(f"unbalanced braces from {start}")


def footnotes(tex: str) -> list[str]:
    """The bodies of the footnotes, in order: Sphinx writes \\begin{footnote}[n]…\\end{footnote}
    (its environment form of \\footnote, from sphinxpackagefootnote.sty), or
    \\begin{footnotetext} for a note called from a title or a table; \\footnote{…} counts too."""
    bodies = []
    pattern = re.compile(
        r"\\begin\{(footnote|footnotetext)\}\[\d+\](.*?)\\end\{\1\}|\\footnote(?=\{)", re.DOTALL
    )
    for match in pattern.finditer(tex):
        bodies.append(match[2] if match[1] else braced(tex, match.end()))
    return bodies


def plain(latex_text: str) -> str:
    """Roughly what LaTeX prints for a piece of Sphinx's LaTeX."""
    text = re.sub(r"%\n", "", latex_text)
    text = re.sub(r"\\sphinxAtStart(?:Footnote|Par)\b", " ", text)
    text = re.sub(r"\\(?:sphinxhref|href)\{[^{}]*\}", "", text)
    text = re.sub(r"\\sphinxhyphen\{\}", "-", text)
    text = re.sub(r"\\DUrole\{[^{}]*\}", "", text)  # a class name ({en}: language-en)
    text = re.sub(r"\\textendash\{\}", "\u2013", text)
    text = re.sub(r"\\([&%$#_{}])", r"\1", text)
    text = re.sub(r"\\[a-zA-Z@]+\*?", "", text)
    return normalize(text.replace("{", "").replace("}", ""))


def chapter(tex: str, title: str) -> str:
    start = tex.index(rf"\chapter{{{title}}}")
    end = tex.find(r"\chapter{", start + 1)
    return tex[start : end if end != -1 else len(tex)]


@pytest.mark.slow
def test_french_book(tex):
    documentclass = re.search(r"\\documentclass\[([^]]*)\]\{sphinxmanual\}", tex)
    assert "french" in documentclass[1].split(",")
    # French, with English hyphenation for the {en} passages; the book's own layout.
    assert r"\usepackage[english,main=french]{babel}" in tex
    assert r"\usepackage{sdfrbook}" in tex
    assert r"\usepackage[utf8]{inputenc}" in tex
    assert r"\usepackage[T1]{fontenc}" in tex
    for font in ("tgtermes", "tgheros", "tgcursor"):
        assert rf"\usepackage{{{font}}}" in tex
    assert r"\title{Sécurité \& DevOps}" in tex
    assert r"\renewcommand{\contentsname}{Table des matières}" in tex


@pytest.mark.slow
def test_index_with_xindy(latex):
    """makeindex breaks on entries that start with an accented capital: xindy, in French."""
    makefile = (latex / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"XINDYOPTS\s*=.*-L french -C utf8", makefile)
    latexmkrc = (latex / "latexmkrc").read_text(encoding="utf-8")
    assert "xindy" in latexmkrc
    # Without the Makefile (Read the Docs runs latexmk itself), xindy gets the same options.
    options = "-L french -C utf8 -M sphinx.xdy -M LICRlatin2utf8.xdy"
    assert latexmkrc.count(f"$ENV{{'XINDYOPTS'}} = '{options}';") == 1


@pytest.mark.slow
def test_introduction_text(tex):
    text = plain(chapter(tex, "Introduction"))
    for sentence in CORRECTED_TEXT:
        assert sentence in text
    assert "réclame qu\u2019on l\u2019y ajoute" in chapter(tex, "Introduction")


@pytest.mark.slow
def test_footnotes_are_real_footnotes(tex):
    """Each note is a LaTeX footnote at its call, with its text and links."""
    notes = footnotes(chapter(tex, "Introduction"))
    assert len(notes) == len(FOOTNOTES)
    for body, (expected, links) in zip(notes, FOOTNOTES, strict=True):
        assert expected in plain(body), body
        assert set(links) <= set(LINK_COMMANDS.findall(body)), body


@pytest.mark.slow
def test_citation_and_bibliography(tex):
    citations = re.findall(r"\\hyperlink\{cite\.([^{}]+)\}\{([^{}]*)\}", tex)
    assert citations, "no citation"
    bibliography = re.search(
        r"\\begin\{sphinxthebibliography\}(.*?)\\end\{sphinxthebibliography\}", tex, re.DOTALL
    )
    assert bibliography, "no bibliography"
    # \bibitem[Debois 2008]{source/bibliographie:id2}: the label of the entry, its key.
    labels = {
        key: label
        for label, key in re.findall(r"\\bibitem\[([^]]*)\]\{([^{}]+)\}", bibliography[1])
    }
    for key, shown in citations:
        assert key in labels, key
        # « Forsgren et al., 2018 » is the label « Forsgren et al. 2018 »; a later work of the
        # same authors in the same citation shows only its year: « 2019 »
        label = " ".join(shown.replace(",", "").replace("~", " ").split())
        assert labels[key] == label or labels[key].endswith(f" {label}"), (label, labels[key])
    assert "Shafer" in bibliography[1]
    assert "Agile Infrastructure" in bibliography[1]


def test_see_also_lists_only_the_names(tex):
    """The glossary's « Voir aussi : DevSecOps, CI/CD. » names the terms: the long form of
    CI/CD is for running text."""
    see_lines = [line for line in tex.splitlines() if line.startswith("Voir aussi")]
    assert any(r"\sphinxcrossref{CI/CD}}}" in line for line in see_lines)
    assert not [line for line in see_lines if "(intégration" in line]
