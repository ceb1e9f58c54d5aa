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
from pathlib import Path

import pytest
from portable_build import BUILDERS, OTHERS_DEPRECATIONS, Output, build_all
from roots_build import copy_root

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


@pytest.fixture(scope="module")
def matrix(tmp_path_factory) -> dict[tuple[str, str], dict[str, Output]]:
    """(markup, language) -> builder -> its output."""
    return {
        (markup, language): build_all(
            copy_root(f"portable-{markup}", tmp_path_factory.mktemp(f"{markup}-{language}")),
            language=language,
        )
        for markup in MARKUPS
        for language in LANGUAGES
    }


CELLS = [(m, lang, b) for m in MARKUPS for lang in LANGUAGES for b in BUILDERS]


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


@pytest.mark.parametrize(("markup", "language", "builder"), CELLS)
def test_no_warning_on_correct_input(matrix, markup, language, builder):
    assert matrix[markup, language][builder].warnings == ""


@pytest.mark.parametrize(("markup", "language", "builder"), CELLS)
def test_each_builder_shows_what_the_readme_says(matrix, markup, language, builder):
    output = matrix[markup, language][builder]
    found = {f for f in FEATURE_NAMES if shows(f, builder, output, language)}
    assert found == FEATURES[builder]


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
