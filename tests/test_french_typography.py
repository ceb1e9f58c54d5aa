"""French typography (_ext/french_typography): elided apostrophes, no-break spaces, the PDF.

The test roots hold the same MyST text: tests/roots/test-typography (``language = "fr"``)
and tests/roots/test-typography-en (``language = "en"``).
"""

from __future__ import annotations

import itertools
import re
import subprocess
from html import unescape
from typing import TYPE_CHECKING, Any

import pytest
from book_stack import EXTENSIONS
from conftest import require_tool
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from french_typography.blocks import is_french, text_blocks
from french_typography.spacing import spacing_replacements
from roots_build import build, copy_root

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

NBSP = "\u00a0"  # NO-BREAK SPACE, before « : » and inside « »
NNBSP = "\u202f"  # NARROW NO-BREAK SPACE, before « ; ! ? »


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Callable[..., Path]:
    """The output folder of a root built with a builder and settings, once per module."""
    done: dict[tuple[str, str, str], Path] = {}

    def build_once(root: str, builder: str = "html", **settings: Any) -> Path:
        key = (root, builder, repr(sorted(settings.items())))
        if key not in done:
            srcdir = copy_root(root, tmp_path_factory.mktemp(root))
            done[key] = build(srcdir, builder, **settings).outdir
        return done[key]

    return build_once


def read(outdir: Path, name: str) -> str:
    return (outdir / name).read_text(encoding="utf-8")


def without_code(html: str) -> str:
    """The HTML without its code (inline and blocks) and math."""
    html = re.sub(r'<div class="highlight-.*?</pre></div>\s*</div>', "", html, flags=re.S)
    html = re.sub(r"<code\b.*?</code>", "", html, flags=re.S)
    return re.sub(r'<span class="math.*?</span>', "", html, flags=re.S)


def body(html: str) -> str:
    return html[html.index('<div class="body"') : html.index('<div class="sphinxsidebar"')]


# -- HTML, French -------------------------------------------------------------------------


def test_elided_apostrophe_before_inline_markup(built) -> None:
    outdir = built("typography")
    html = body(read(outdir, "index.html"))
    assert "l’<strong>Agile Systems Administration Group</strong>" in html
    assert 'de l’<a class="reference internal" href="#term-integration-continue">' in html
    assert "d’<em>abord</em>" in html
    assert "d’«\u00a0Accelerate\u00a0»" in html  # an elision before an opening quote
    assert "jusqu’<strong>ici</strong>" in html
    assert 'lorsqu’<code class="docutils literal notranslate">' in html
    # docutils' French smartquotes would have made a closing quote of each of them.
    assert not re.search(r"\w”<", html)


def test_elided_apostrophe_before_a_restructuredtext_role(built) -> None:
    """reST writes the elision ``l'\\ :devops:term:`Éthique```: « l’Éthique », not « l”… »."""
    outdir = built(
        "portable-rst", extensions=list(EXTENSIONS), bibtex_bibfiles=["refs.bib"], language="fr"
    )
    html = read(outdir, "chapter.html")
    assert re.search(rf"En français{NBSP}: l’<a [^>]*term-Ethique", html)


def test_real_quotes_still_work(built) -> None:
    outdir = built("typography")
    html = body(read(outdir, "index.html"))
    assert f"inspirait{NBSP}: «{NBSP}DevOps{NBSP}» et “x” ici." in html
    assert f"Les «{NBSP}guillemets{NBSP}» tapés" in html  # typed « » with spaces


def test_no_break_spaces_before_punctuation(built) -> None:
    outdir = built("typography")
    html = body(read(outdir, "index.html"))
    assert f'Qu’est-ce que le DevOps{NNBSP}?<a class="headerlink"' in html
    assert f"un sujet qui l’inspirait{NBSP}: " in html
    assert f"</strong>{NNBSP}; puis" in html
    assert f"s’en mêle{NNBSP}! Vraiment{NNBSP}?" in html
    # A line that starts with « : » (the space was a line break in the source).
    assert f"se termine par{NBSP}: un deux-points" in html
    # No space typed: added after a word or a closing quote, before a space or the end.
    assert f"Note{NBSP}: sans espace. Quoi{NNBSP}? Bien{NNBSP}!" in html
    assert f"Voilà{NNBSP}?! Le " in html
    assert f"</code>{NNBSP}? Et «{NBSP}déjà{NBSP}»{NNBSP}?</p>" in html
    assert f"la FAQ{NNBSP}?</a>" in html  # the text of a link that is not its address
    assert f"Une pratique{NBSP}: fusionner souvent{NNBSP}!" in html  # glossary definition
    assert f"<h2>Pourquoi{NNBSP}? Parce que{NBSP}: voilà<a" in html
    # No ordinary space is left before « : ; ! ? » in the French text (code aside).
    french = re.sub(r'<p lang="en">.*?</p>', "", without_code(html), flags=re.S)
    assert not re.findall(r"[ \t\n][:;!?]", unescape(re.sub(r"<[^>]*>", "", french)))


def test_code_urls_and_math_untouched(built) -> None:
    outdir = built("typography")
    html = body(read(outdir, "index.html"))
    assert '<span class="pre">l\'</span>' in html
    code = '<span class="pre">a</span> <span class="pre">;</span> <span class="pre">b</span> '
    assert code + '<span class="pre">?</span></code>' in html
    assert '<span class="s2">"v ?"</span>' in html
    assert r"\(a : b\)" in html
    assert "10:30, http://x," in html
    assert f"http://x,{NBSP}:) et a:b," in html  # the smiley keeps its colon glued
    url = "https://example.org/faq?q=1;x:y"
    assert f'<a class="reference external" href="{url}">{url}</a>' in html
    assert "voir https://example.org/faq? ou" in html  # an address written as text


def test_element_in_another_language_untouched(built) -> None:
    outdir = built("typography")
    html = body(read(outdir, "index.html"))
    assert '<p lang="en">An English paragraph in a French book: keep it ; “as is” ?</p>' in html


def test_switched_off_shows_the_defects(built) -> None:
    outdir = built("typography", french_typography=False)
    html = body(read(outdir, "index.html"))
    assert "l”<strong>Agile Systems Administration Group</strong>" in html
    assert "Qu’est-ce que le DevOps ?" in html
    assert NNBSP not in html


def test_without_smartquotes_apostrophes_stay_straight(built) -> None:
    outdir = built("typography", smartquotes=False)
    html = body(read(outdir, "index.html"))
    assert "l'<strong>Agile Systems Administration Group</strong>" in html
    assert f"Qu'est-ce que le DevOps{NNBSP}?" in html  # the spaces do not depend on it


def test_ascii_builders_keep_ordinary_spaces(built) -> None:
    outdir = built("typography", "text")
    text = read(outdir, "index.txt")  # smartquotes_excludes: Sphinx keeps ASCII for text
    assert "Qu'est-ce que le DevOps ?" in text
    assert NNBSP not in text
    assert NBSP not in text


# -- HTML, English ------------------------------------------------------------------------


def test_english_document_untouched(built) -> None:
    outdir = built("typography-en")
    html = body(read(outdir, "index.html"))
    assert NNBSP not in html
    assert f"{NBSP}:" not in html
    assert "Qu’est-ce que le DevOps ?<a" in html
    assert "l’inspirait : “DevOps” et \u2018x\u2019 ici." in html
    assert "Note: sans espace. Quoi? Bien!" in html


# -- LaTeX --------------------------------------------------------------------------------


def test_latex_output(built) -> None:
    outdir = built("typography", "latex")
    tex = read(outdir, "typographie.tex")
    assert r"\usepackage{sphinxfrenchtypography}" in tex
    assert tex.index(r"\usepackage{babel}") < tex.index(r"\usepackage{sphinxfrenchtypography}")
    assert (outdir / "sphinxfrenchtypography.sty").is_file()
    assert rf"\section{{Qu’est\sphinxhyphen{{}}ce que le DevOps{NNBSP}?}}" in tex
    assert r"l’\sphinxstylestrong{Agile Systems Administration Group}" in tex
    assert f"l’inspirait{NBSP}: «{NBSP}DevOps{NBSP}» et “x” ici." in tex
    assert rf"jusqu’\sphinxstylestrong{{ici}}{NNBSP}; puis lorsqu’\sphinxcode" in tex
    assert r"\sphinxcode{\sphinxupquote{a ; b ?}}" in tex
    assert r"\sphinxcode{\sphinxupquote{l\textquotesingle{}}}" in tex
    assert r"\(a : b\), 10:30, http://x," in tex
    assert r"\sphinxurl{https://example.org/faq?q=1;x:y}" in tex
    assert r"\sphinxhref{https://example.org/faq}{la FAQ" + NNBSP + "?}" in tex


def test_latex_english_untouched(built) -> None:
    outdir = built("typography-en", "latex")
    tex = read(outdir, "typography.tex")
    assert "sphinxfrenchtypography" not in tex
    assert not (outdir / "sphinxfrenchtypography.sty").exists()
    assert NNBSP not in tex
    assert r"DevOps ?}" in tex


def pdf_words(pdf: Path) -> list[tuple[float, float, float, str]]:
    """The words of a PDF as (x min, x max, y min, text), in reading order."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<'
    return [
        (float(x0), float(x1), float(y0), unescape(w)) for x0, y0, x1, w in re.findall(pattern, xml)
    ]


def gap(words: list[tuple[float, float, float, str]], first: str, second: str) -> float:
    """The space (pt) between the first word ``first`` followed by ``second`` on its line."""
    for (_, x1, y, word), (nx0, _, ny, next_word) in itertools.pairwise(words):
        if word == first and next_word == second and abs(y - ny) < 1:
            return nx0 - x1
    raise AssertionError(f"{first!r} {second!r} not found on one line")


@pytest.mark.slow
def test_pdf_spaces(built) -> None:
    """pdflatex + babel-french: one thin space before « ? », no line break, 10:30 as is."""
    for tool in ("latexmk", "pdflatex", "pdftotext"):
        require_tool(tool)
    outdir = built("typography", "latex")
    result = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "typographie.tex"],
        cwd=outdir,
        capture_output=True,
        text=True,
        check=False,
    )
    log = (outdir / "typographie.log").read_text(encoding="latin-1")
    assert result.returncode == 0, log[-3000:]
    assert "not set up for use with LaTeX" not in log
    words = pdf_words(outdir / "typographie.pdf")

    # The section title: a thin space (half a word space), not two spaces, not none.
    word_space = gap(words, "le", "DevOps")
    thin = gap(words, "DevOps", "?")
    assert 0.3 * word_space < thin < 0.7 * word_space, (thin, word_space)
    # In the text: « ? » a thin space, « : » a word space.
    assert 0 < gap(words, "Quoi", "?") < gap(words, "Note", ":")
    # babel-french adds no space where the text has none.
    texts = [word for *_, word in words]
    assert "10:30," in texts
    assert "http://x," in texts
    assert "a:b," in texts
    # The narrow column: many line breaks, none before « ? : ; ! ».
    lines = subprocess.run(
        ["pdftotext", str(outdir / "typographie.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    column = lines[lines.index(next(x for x in lines if x.startswith("Qu’est-ce que le"))) :]
    column = [line for line in column[:40] if line.strip()]
    assert len(column) > 15
    assert not [line for line in column if line.lstrip()[:1] in {"?", ":", ";", "!"}]


# -- The rules, one string at a time -----------------------------------------------------


def french_paragraph(text: str, language: str = "fr") -> str:
    """``text`` as one paragraph of a document, after the spacing rules."""
    settings = get_default_settings(Parser)
    settings.language_code = language
    document = new_document("test", settings)
    document += nodes.paragraph("", "", nodes.Text(text))
    for block in text_blocks(document):
        if is_french(block.language):
            block.rewrite(spacing_replacements(block))
    return document.astext()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Qu’est-ce que le DevOps ?", f"Qu’est-ce que le DevOps{NNBSP}?"),
        ("Qu’est-ce que le DevOps?", f"Qu’est-ce que le DevOps{NNBSP}?"),
        ("qui l’inspirait : la suite", f"qui l’inspirait{NBSP}: la suite"),
        ("Note: voici", f"Note{NBSP}: voici"),
        ("un ; deux", f"un{NNBSP}; deux"),
        ("Bien  !", f"Bien{NNBSP}!"),  # a run of spaces: one no-break space
        ("Quoi ?!", f"Quoi{NNBSP}?!"),
        ("Quoi?!", f"Quoi{NNBSP}?!"),
        (f"«{NBSP}DevOps{NBSP}»?", f"«{NBSP}DevOps{NBSP}»{NNBSP}?"),
        ("« DevOps »", f"«{NBSP}DevOps{NBSP}»"),
        (f"déjà{NBSP}?", f"déjà{NBSP}?"),  # a no-break space typed by the author stays
        ("«DevOps»", "«DevOps»"),  # no space added inside guillemets (Swiss French)
        ("à 10:30 précises", "à 10:30 précises"),
        ("le ratio 3:2", "le ratio 3:2"),
        # after a number as after a word: « CVE-2024-3094: Xz: » came out « 3094: Xz : »
        ("CVE-2024-3094: Xz: code", f"CVE-2024-3094{NBSP}: Xz{NBSP}: code"),
        ("en 2024; puis", f"en 2024{NNBSP}; puis"),
        ("voir http://x et https://example.org/faq?", "voir http://x et https://example.org/faq?"),
        ("page index.php?q=1", "page index.php?q=1"),
        ("a:b et x;y", "a:b et x;y"),
        ("c’est drôle:)", "c’est drôle:)"),
        ("mel@example.org: écrire", "mel@example.org: écrire"),
        ("Why? Because: this", "Why? Because: this"),
    ],
)
def test_spacing_rules(written: str, expected: str) -> None:
    language = "en" if written.startswith("Why") else "fr"
    assert french_paragraph(written, language) == expected


@pytest.mark.parametrize("language", ["fr", "fr_FR", "fr-CA", "FR", "fr-ch-x-altquot"])
def test_french_language_tags(language: str) -> None:
    assert is_french(language)


@pytest.mark.parametrize("language", ["", "en", "frr", "de-fr", "en-FR"])
def test_other_language_tags(language: str) -> None:
    assert not is_french(language)


def test_a_node_shared_by_two_paragraphs_is_replaced_where_it_was_found():
    """pybtex-docutils gives every bibliography entry the same ``Text(" ")``; its
    ``parent`` is the last entry.  The space before « ;login: » (first entry) must become a
    thin no-break space there, not in the last entry (« Watters (2013).\u202fFacilitating »)."""
    from docutils import nodes
    from docutils.utils import new_document
    from french_typography.blocks import text_blocks
    from french_typography.spacing import spacing_replacements

    document = new_document("bibliography")
    document.settings.language_code = "fr"
    shared = nodes.Text(" ")
    first = nodes.paragraph(
        "", "", nodes.Text("Ward (2014)."), shared, nodes.Text("«\u00a0Beyond\u00a0»."), shared
    )
    first += nodes.Text(";login:, vol. 39")
    last = nodes.paragraph(
        "", "", nodes.Text("Watters (2013)."), shared, nodes.Text("Facilitating")
    )
    document += [first, last]
    assert shared.parent is last
    for block in text_blocks(document):
        block.rewrite(spacing_replacements(block))
    # the second of its two places in the first entry, not the first one
    assert first.astext() == "Ward (2014). «\u00a0Beyond\u00a0».\u202f;login:, vol. 39"
    assert last.astext() == "Watters (2013). Facilitating"
