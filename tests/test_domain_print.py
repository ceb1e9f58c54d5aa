"""The devops domain in LaTeX/PDF, EPUB and plain text: the same footnotes as in HTML."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import require_tool
from roots_build import build, copy_root, latex_to_pdf


@pytest.fixture(scope="module")
def latex(tmp_path_factory):
    built = build(copy_root("domain", tmp_path_factory.mktemp("latex")), "latex")
    assert built.warnings == ""
    return built


def test_real_footnote_at_first_mention(latex):
    tex = (latex.outdir / "domaine.tex").read_text(encoding="utf-8")
    first = re.search(
        r"\\sphinxstylestrong\{Patrick Debois\}\}\}\}%\n\\begin\{footnote\}\[1\]"
        r"\\sphinxAtStartFootnote\n\\sphinxstylestrong\{Patrick Debois\} a inventé",
        tex,
    )
    assert first, "Debois' biography is not a \\footnote at his first mention"
    assert r"\begin{footnote}[4]\sphinxAtStartFootnote" + "\nL’agilité permet" in tex


def test_footnotes_in_titles_and_captions_become_marks(latex):
    tex = (latex.outdir / "domaine.tex").read_text(encoding="utf-8")
    assert re.search(r"\\section\{Un titre avec .*Gene Kim\}\}\}\}\\sphinxfootnotemark\[5\]\}", tex)
    assert (
        r"\begin{footnotetext}[5]\sphinxAtStartFootnote" + "\n\\sphinxstylestrong{Gene Kim}" in tex
    )
    assert re.search(
        r"\\sphinxcaption\{Tableau avec .*Jez Humble\}\}\}\}\\sphinxfootnotemark\[9\]\}", tex
    )
    assert r"\begin{footnotetext}[9]\sphinxAtStartFootnote" in tex


def test_only_blocks_decide_the_first_mention(latex):
    tex = (latex.outdir / "domaine.tex").read_text(encoding="utf-8")
    fowler = tex[tex.index("Seulement en PDF") : tex.index("pour tous")]
    assert fowler.count(r"\begin{footnote}") == 1  # in the LaTeX-only block, not after it


def test_acronym_expanded_once_per_chapter(latex):
    tex = (latex.outdir / "domaine.tex").read_text(encoding="utf-8")
    chapter = tex[
        tex.index(r"\chapter{Premier chapitre}") : tex.index(r"\chapter{Second chapitre}")
    ]
    assert chapter.count("(intégration continue et déploiement continu)") == 1
    # At the first mention that shows the acronym, not at a mention by an alias.
    assert "CI/CD (intégration continue et déploiement continu)" in chapter
    assert "intégration continue (intégration" not in chapter


def test_one_index_line_per_entry_with_the_pages_of_its_mentions(latex):
    """The book's index gets the definition (bold page, ``spxpagem``) and each mention of
    Patrick Debois under one key: makeindex/xindy print « Debois, Patrick, 1, 3, 9 »."""
    tex = (latex.outdir / "domaine.tex").read_text(encoding="utf-8")
    entry = r"\index{debois, patrick@Debois, Patrick"
    assert tex.count(entry + "|spxpagem}") == 1
    chap1 = tex[tex.index(r"\chapter{Premier chapitre}") : tex.index(r"\chapter{Second chapitre}")]
    # Three mentions in the first chapter (« Debois » is an alias; code is no mention), one in
    # the second, one in Andrew Shafer's biography; not the copies of that biography.
    assert chap1.count(entry + "}") == 3
    assert tex.count(entry + "}") == 5
    assert r"\label{\detokenize{chap1:mention-person-patrick-debois-1}}" in tex


def test_index_entries_in_roman_and_in_french_order(latex):
    tex = (latex.outdir / "domaine.tex").read_text(encoding="utf-8")
    assert r"\index{ethique@Éthique|spxpagem}" in tex  # sorted as « ethique », between E and F
    assert "spxentry{Éthique}" not in tex  # Sphinx's \spxentry is typewriter


def test_the_definition_index_entry_is_on_the_terms_page(latex):
    """Inside the term, not before ``\begin{description}`` (which may start a new page)."""
    tex = (latex.outdir / "domaine.tex").read_text(encoding="utf-8")
    assert not re.search(r"\\index\{[^\n]*\}\\begin\{description\}", tex)
    assert re.search(r"\\sphinxlineitem\{[^\n]*GitOps[^\n]*\\index\{gitops@GitOps\|spxpagem\}", tex)


def test_see_only_for_real_alternative_names(latex):
    """« voir » for an alias (intégration continue), not for a form (agile, of agilité)."""
    tex = (latex.outdir / "domaine.tex").read_text(encoding="utf-8")
    assert r"\index{integration continue@intégration continue|see{CI/CD}}" in tex
    assert "|see{agilité}" not in tex


def test_the_domains_own_indexes_are_left_to_the_books_index(latex):
    tex = (latex.outdir / "domaine.tex").read_text(encoding="utf-8")
    assert r"\sphinxstyleindexentry{Debois, Patrick}" not in tex


def test_mentioned_in_gives_page_numbers(latex):
    tex = (latex.outdir / "domaine.tex").read_text(encoding="utf-8")
    assert r"~(p.~\pageref{\detokenize{chap1:mention-person-patrick-debois-1}})" in tex


@pytest.mark.slow
def test_pdf_shows_the_biography_as_a_footnote(latex):
    require_tool("latexmk")
    require_tool("pdftotext")
    latex_to_pdf(latex.outdir)
    text = subprocess.run(
        ["pdftotext", "-layout", str(latex.outdir / "domaine.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"^\s*1\.?\s+Patrick Debois a inventé le mot DevOps\.", text, re.M)
    assert "??" not in text
    log = (latex.outdir / "domaine.log").read_text(encoding="utf-8", errors="replace")
    assert "There were undefined references" not in log


def test_epub_has_footnotes_but_no_script(tmp_path_factory):
    built = build(copy_root("domain", tmp_path_factory.mktemp("epub")), "epub")
    assert built.warnings == ""
    page = (built.outdir / "chap1.xhtml").read_text(encoding="utf-8")
    assert 'class="footnote brackets devops-footnote devops-person-footnote"' in page
    assert "<strong>Patrick Debois</strong> a inventé le mot DevOps." in page
    assert "devops.js" not in page
    assert "aria-describedby" not in page
    assert "devops-tooltips" not in page
    assert not (built.outdir / "_static" / "devops.js").exists()


def test_text_builder_shows_footnotes(tmp_path_factory):
    built = build(copy_root("domain", tmp_path_factory.mktemp("text")), "text")
    assert built.warnings == ""
    text = (built.outdir / "chap1.txt").read_text(encoding="utf-8")
    assert "Lorsque **Patrick Debois**[1] crée le DevOps[2]" in text
    assert "[1] **Patrick Debois** a inventé le mot DevOps." in text


def test_see_also_shows_names_and_leaves_the_first_mention(tmp_path):
    """« Voir aussi : CI/CD, GitOps. » is a list of names, not running text: no long form
    there, and the chapter's first mention, after it, still explains the acronym."""
    srcdir = copy_root("domain", tmp_path)
    glossary = srcdir / "glossaire.md"
    text = glossary.read_text(encoding="utf-8") + "\nLe {term}`CI/CD` automatise.\n"
    glossary.write_text(text, encoding="utf-8")
    expanded = "CI/CD (intégration continue et déploiement continu) automatise."
    text_output = build(srcdir, "text")
    assert text_output.warnings == ""
    shown = " ".join((text_output.outdir / "glossaire.txt").read_text(encoding="utf-8").split())
    assert "Voir aussi : CI/CD, GitOps." in shown
    assert f"Le {expanded}" in shown
    latex_output = build(srcdir, "latex")
    assert latex_output.warnings == ""
    tex = (latex_output.outdir / "domaine.tex").read_text(encoding="utf-8")
    glossary_tex = tex[tex.index(r"\chapter{Glossaire}") :]
    assert re.search(r"Voir aussi\s: .*\{\\sphinxcrossref\{CI/CD\}\}\}, ", glossary_tex)
    assert glossary_tex.count("(intégration continue et déploiement continu)") == 2
    assert re.search(
        r"\{\\sphinxcrossref\{CI/CD \(intégration[^}]*\)\}\}\} automatise", glossary_tex
    )


#: Terms whose first letter is no accented Latin letter: decomposition leaves them whole.
SPELT_OUT_TERMS = ("Œuvre", "Æsir", "Ørsted", "Łukasiewicz", "ßeta")


@pytest.mark.slow
def test_makeindex_prints_terms_that_start_with_a_ligature(tmp_path):
    """With makeindex (``latex_use_xindy = False``), which reads bytes, the keys of entries
    starting with Œ, Æ, Ø, Ł or ß are ASCII: the PDF compiles and the index lists them."""
    require_tool("latexmk")
    require_tool("pdftotext")
    srcdir = copy_root("domain", tmp_path)
    definitions = "".join(
        f"\n```{{term}} {name}\n\nUne définition de {name}.\n```\n" for name in SPELT_OUT_TERMS
    )
    mentions = " ".join(f"{{term}}`{name}`" for name in SPELT_OUT_TERMS)
    with (srcdir / "chap1.md").open("a", encoding="utf-8") as chapter:
        chapter.write(f"\n\nDes mots rares : {mentions}.\n{definitions}")
    built = build(srcdir, "latex", latex_use_xindy=False)
    assert built.warnings == ""
    pdf = latex_to_pdf(built.outdir)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    index = " ".join(text[text.rindex("Index") :].split())
    for name in SPELT_OUT_TERMS:
        assert re.search(rf"{name}, \d", index), (name, index[:2000])
