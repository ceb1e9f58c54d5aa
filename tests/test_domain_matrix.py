"""The devops domain in anyone's project: every builder, both markups, French and English.

Two small projects, ``tests/roots/test-portable-myst`` and ``test-portable-rst``, load the
domain as the README tells a new user to (and nothing of the book's conf.py). Each is built
with every builder below; the builders share one environment per project and language, as
``make html latex …`` does, so the whole matrix takes seconds. What each builder shows of the
domain is ``FEATURES``: the README's table is generated from it (``readme_table``) and a test
checks that the README carries it, so the table says what the matrix measures.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from book_stack import EXTENSIONS
from conftest import epubcheck_command, require_tool
from portable_build import BUILDERS, OTHERS_DEPRECATIONS, Output, build_all, sphinx
from roots_build import copy_root, latex_to_pdf

pytestmark = OTHERS_DEPRECATIONS

README = Path(__file__).parents[1] / "README.md"
MARKUPS = ("myst", "rst")
LANGUAGES = ("fr", "en")

#: (chapter page, entries page) of each builder's output.
PAGES = {
    "html": ("chapter.html", "entries.html"),
    "dirhtml": ("chapter/index.html", "entries/index.html"),
    "singlehtml": ("index.html", "index.html"),
    "latex": ("portable.tex", "portable.tex"),
    "epub": ("chapter.xhtml", "entries.xhtml"),
    "text": ("chapter.txt", "entries.txt"),
    "man": ("portable.1", "portable.1"),
    "texinfo": ("portable.texi", "portable.texi"),
    "json": ("chapter.fjson", "entries.fjson"),
    "xml": ("chapter.xml", "entries.xml"),
    "gettext": ("chapter.pot", "entries.pot"),
}

#: What a reader finds in each builder's output (the README's table).
FEATURE_NAMES = {
    "link": "link to the definition",
    "footnote": "biography footnote at the first mention",
    "expansion": "acronym's long form",
    "tooltip": "definition on hover/focus",
    "mentioned": "« Mentionné dans »",
    "indexes": "indexes of terms and people",
}
FEATURES = {
    "html": {"link", "footnote", "expansion", "tooltip", "mentioned", "indexes"},
    "dirhtml": {"link", "footnote", "expansion", "tooltip", "mentioned", "indexes"},
    "singlehtml": {"link", "footnote", "expansion", "mentioned"},
    "latex": {"link", "footnote", "expansion", "mentioned", "indexes"},
    "epub": {"link", "footnote", "expansion", "mentioned", "indexes"},
    "text": {"footnote", "expansion", "mentioned"},
    "man": {"footnote", "expansion", "mentioned"},
    "texinfo": {"link", "footnote", "expansion", "mentioned", "indexes"},
    "json": {"link", "footnote", "expansion", "mentioned", "indexes"},
    "xml": {"link", "footnote", "expansion", "mentioned"},
    "gettext": set(),
}
#: Builders whose output is a translation template: the text of the pages, not what they show.
TEMPLATES = {"gettext"}

MENTIONED = {"fr": "Mentionné dans", "en": "Mentioned in"}
PERSON_ANCHOR = "person-Patrick-Debois"
BIOGRAPHY = "coined the word DevOps"
INDEX_SUFFIXES = (".html", "/index.html", ".xhtml", ".fjson")
EXPANSION = "continuous integration and continuous delivery"


#: The extensions of each kind of project: the domain as the README tells a new user to load
#: it, and the book's whole stack (citations, French typography, furo's French, …).
VARIANTS = {
    "domain": None,  # the root's own conf.py
    "book": {"extensions": list(EXTENSIONS), "bibtex_bibfiles": ["refs.bib"], "html_theme": "furo"},
}


@pytest.fixture(scope="module")
def matrix(tmp_path_factory) -> dict[tuple[str, str, str], dict[str, Output]]:
    """(variant, markup, language) -> builder -> its output."""
    return {
        (variant, markup, language): build_all(
            copy_root(f"portable-{markup}", tmp_path_factory.mktemp(f"{variant}-{markup}")),
            language=language,
            **(VARIANTS[variant] or {}),
        )
        for variant in VARIANTS
        for markup in MARKUPS
        for language in LANGUAGES
    }


CELLS = [
    (variant, markup, language, builder)
    for variant in VARIANTS
    for markup in MARKUPS
    for language in LANGUAGES
    for builder in BUILDERS
]
CELL_NAMES = ("variant", "markup", "language", "builder")


def shows(feature: str, builder: str, output: Output, language: str) -> bool:
    """Whether the builder's output shows ``feature`` to a reader."""
    chapter_page, entries_page = PAGES[builder]
    chapter, entries = output.read(chapter_page), output.read(entries_page)
    if builder == "json":
        chapter, entries = json.loads(chapter)["body"], json.loads(entries)["body"]
    if feature == "link":
        if builder == "texinfo":  # Texinfo renames anchors: @anchor{entries person-…}@anchor{a}
            anchor = re.search(rf"@anchor\{{entries {PERSON_ANCHOR}\}}@anchor\{{(\w+)\}}", chapter)
            return anchor is not None and f"@ref{{{anchor[1]},,Patrick Debois}}" in chapter
        return PERSON_ANCHOR in chapter.replace("\\detokenize{", "").replace("}", "")
    if feature == "footnote":  # one-file outputs also hold the biography in its entry
        shown = chapter.replace("\n", " ").replace("\\-", "").count(BIOGRAPHY)
        return shown >= (2 if chapter_page == entries_page else 1)
    if feature == "expansion":  # at the mentions, not in the entry's heading
        start = chapter.index("Teams practise")
        return EXPANSION in " ".join(chapter[start : start + 800].split())
    if feature == "tooltip":
        return "devops-tooltips" in chapter
    if feature == "mentioned":
        return MENTIONED[language] in entries and builder not in TEMPLATES
    if feature == "indexes":
        if builder == "latex":
            return r"\index{debois, patrick@Debois, Patrick|spxpagem}" in chapter
        if builder == "texinfo":
            return re.search(r"@node Index (of people|des personnes)", chapter) is not None
        return any((output.outdir / f"devops-people{suffix}").exists() for suffix in INDEX_SUFFIXES)
    raise ValueError(feature)


@pytest.mark.parametrize(CELL_NAMES, CELLS)
def test_no_warning_on_correct_input(matrix, variant, markup, language, builder):
    assert matrix[variant, markup, language][builder].warnings == ""


@pytest.mark.parametrize(CELL_NAMES, CELLS)
def test_each_builder_shows_what_the_readme_says(matrix, variant, markup, language, builder):
    output = matrix[variant, markup, language][builder]
    found = {f for f in FEATURE_NAMES if shows(f, builder, output, language)}
    assert found == FEATURES[builder]


def test_french_elision_before_a_mention_with_french_typography(matrix):
    """What the README tells a French project to add: « l’Éthique », not docutils' « l”… »."""
    page = matrix["book", "myst", "fr"]["html"].read("chapter.html")
    assert re.search(r"En français\u00a0: l\u2019<a [^>]*term-Ethique", page)


#: The themes a user of the domain may have (tests/browser/test_tooltip_themes.py looks at
#: their tooltips in a browser).
THEMES = ("alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme")


@pytest.mark.parametrize("theme", THEMES)
def test_every_theme_without_a_warning(tmp_path, theme):
    srcdir = copy_root("portable-myst", tmp_path)
    output = sphinx(srcdir, "html", srcdir / "_build", language="fr", html_theme=theme)
    assert output.warnings == ""
    assert {f for f in FEATURE_NAMES if shows(f, "html", output, "fr")} == FEATURES["html"]


#: Builders whose output a parallel build must reproduce byte for byte.
PARALLEL = {"html": "*.html", "latex": "*.tex", "text": "*.txt", "texinfo": "*.texi"}


@pytest.mark.slow
@pytest.mark.parametrize(("markup", "language"), [("myst", "fr"), ("rst", "en")])
def test_parallel_build_equals_serial(tmp_path, markup, language):
    srcdir = copy_root(f"portable-{markup}", tmp_path)
    for builder, pattern in PARALLEL.items():
        serial = sphinx(srcdir, builder, srcdir / "_serial", language=language)
        parallel = sphinx(srcdir, builder, srcdir / "_parallel", 2, language=language)
        assert serial.warnings == parallel.warnings == ""
        files = {p.relative_to(serial.outdir): p.read_bytes() for p in serial.outdir.glob(pattern)}
        assert files
        for name, data in files.items():
            assert (parallel.outdir / name).read_bytes() == data, f"{builder}: {name}"


@pytest.mark.slow
@pytest.mark.parametrize(("markup", "language"), [("myst", "fr"), ("rst", "en")])
def test_pdf_and_its_index(matrix, markup, language):
    """One PDF per language: it compiles (biographies in a rubric and a sidebar's title
    included), no « ?? », and the index prints each person with all their pages."""
    require_tool("latexmk")
    require_tool("pdftotext")
    latex = matrix["domain", markup, language]["latex"].outdir
    latex_to_pdf(latex)
    text = subprocess.run(
        ["pdftotext", "-layout", str(latex / "portable.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "??" not in text
    log = (latex / "portable.log").read_text(encoding="utf-8", errors="replace")
    assert "There were undefined references" not in log
    index = text[text.rindex("Index") :]
    # A mention on page 1 (the chapter), a definition on 5 or 6 (the entries), one line.
    assert re.search(r"Debois, Patrick, 1, [56]\b", index), index
    assert re.search(r"Shafer, Andrew, 1, 3, [56]\b", index), index
    assert re.search(r"continuous integration, (voir|see) CI/CD", index), index
    assert re.search(r"\n\s*Éthique, 1, 3, [56]", index), index  # among the E


@pytest.mark.slow
@pytest.mark.parametrize(("markup", "language"), [("myst", "fr"), ("rst", "en")])
def test_epubcheck(matrix, markup, language):
    epub = matrix["domain", markup, language]["epub"].outdir / "Portable.epub"
    result = subprocess.run(
        [*epubcheck_command(), str(epub)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No errors or warnings detected" in result.stdout + result.stderr


#: What every builder reports of tests/roots/test-portable-bad, and nothing else.
BAD_INPUT_WARNINGS = {
    "entries.md:3: WARNING: unknown term 'Nowhere' in :see: of 'DevOps' [devops.see]",
    "entries.md:14: WARNING: person 'Patrick Debois' is defined twice: here and at "
    "entries.md:9 [devops.duplicate]",
    "index.md:7: WARNING: unknown term 'Kubernetes' [devops.ref]",
    "index.md:7: WARNING: unknown person 'Patrick Debios' (did you mean 'Patrick Debois'?) "
    "[devops.ref]",
}


@pytest.mark.parametrize("builder", BUILDERS)
def test_bad_input_gets_the_same_warnings_from_every_builder(tmp_path, builder):
    """Each builder from a fresh environment: the reading's warnings and its own.

    (The EPUB builder resolves the root document several times and Sphinx repeats its
    warnings, the domain's as its own: the lines are compared, not how often they come.)
    """
    srcdir = copy_root("portable-bad", tmp_path)
    # The subtypes are shown by default since Sphinx 8.0 only.
    output = sphinx(srcdir, builder, srcdir / "_build", show_warning_types=True)
    lines = output.warnings.replace(f"{srcdir}/", "").splitlines()
    assert set(lines) == BAD_INPUT_WARNINGS
    assert "Traceback" not in output.warnings


def readme_table() -> str:
    """The README's « what works where » table, from ``FEATURES``."""
    header = "| builder | " + " | ".join(FEATURE_NAMES.values()) + " |"
    rule = "| --- |" + " --- |" * len(FEATURE_NAMES)
    rows = [
        f"| `{builder}` | "
        + " | ".join("yes" if f in FEATURES[builder] else "—" for f in FEATURE_NAMES)
        + " |"
        for builder in BUILDERS
    ]
    return "\n".join([header, rule, *rows])


def test_readme_table_is_the_matrix():
    assert readme_table() in README.read_text(encoding="utf-8")
