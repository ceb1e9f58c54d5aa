"""Defects a new user meets next to the happy path, one test each (issue 13).

The projects are the matrix's (``tests/roots/test-portable-*``): they load the domain as the
README says, and nothing of the book's conf.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from portable_build import OTHERS_DEPRECATIONS, Output, sphinx
from roots_build import copy_root

pytestmark = OTHERS_DEPRECATIONS


@pytest.fixture(scope="module")
def myst(tmp_path_factory):
    """The MyST project in French, built by name: ``myst("latex")``."""
    srcdir = copy_root("portable-myst", tmp_path_factory.mktemp("myst"))
    done: dict[str, Output] = {}

    def build(builder: str) -> Output:
        if builder not in done:
            done[builder] = sphinx(srcdir, builder, srcdir / "_build", language="fr")
            assert done[builder].warnings == ""
        return done[builder]

    return build


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# -- 1. a mention in a document the output leaves out ------------------------------------------


@pytest.mark.parametrize("builder", ["latex", "texinfo"])
def test_a_mention_in_an_orphan_document_stops_no_build(myst, builder):
    """``aside.md`` is an orphan: the PDF and Texinfo do not hold it (NoUri before the fix)."""
    output = myst(builder)
    text = output.read("portable.tex" if builder == "latex" else "portable.texi")
    assert "aside" not in text.lower()


def test_the_website_lists_the_orphan_among_the_mentions(myst):
    entries = soup(myst("html").outdir / "entries.html")
    mentioned = entries.find(id="person-Patrick-Debois").find_next("p", class_="devops-backlinks")
    assert [a["href"] for a in mentioned.find_all("a")] == [
        "chapter.html#mention-person-patrick-debois-1",
        "aside.html#mention-person-patrick-debois-1",
    ]


# -- 2. the json builder ---------------------------------------------------------------------


def test_json_builder_writes_the_pages_and_the_indexes(myst):
    outdir = myst("json").outdir
    page = json.loads((outdir / "chapter.fjson").read_text(encoding="utf-8"))
    assert ["devops-people", "Index des personnes", "", "personnes"] in page["rellinks"]
    assert (outdir / "devops-terms.fjson").exists()


# -- 3. the domain hides no other extension's warning ------------------------------------------


def test_references_in_an_excluded_only_block_still_warn(tmp_path):
    """A project without any term: Sphinx checks the references of an ``{only} latex`` block
    in HTML too, with or without the domain (before the fix the domain deleted the block
    first, and ``-W`` passed)."""
    srcdir = copy_root("portable-only", tmp_path)
    without = sphinx(srcdir, "html", tmp_path / "without", extensions=["myst_parser"])
    with_domain = sphinx(srcdir, "html", tmp_path / "with")
    assert "undefined label: 'nowhere'" in without.warnings
    assert "unknown document: 'missing'" in without.warnings
    assert with_domain.warnings == without.warnings


# -- 4. mentions inside {only} blocks -----------------------------------------------------------


def test_an_only_block_mention_counts_only_where_it_is_shown(myst):
    """Jez Humble is mentioned in an ``{only} latex`` block, Nicole Forsgren in an
    ``{only} html`` one."""
    entries = soup(myst("html").outdir / "entries.html")
    humble = entries.find(id="person-Jez-Humble").find_next("dd")
    assert humble.find("p", class_="devops-backlinks") is None
    forsgren = entries.find(id="person-Nicole-Forsgren").find_next("dd")
    assert forsgren.find("p", class_="devops-backlinks") is not None
    people = (myst("html").outdir / "devops-people.html").read_text(encoding="utf-8")
    assert "Humble, Jez" in people
    assert "mention-person-jez-humble" not in people
    assert "mention-person-nicole-forsgren-1" in people
    tex = myst("latex").read("portable.tex")
    assert "chapter:mention-person-nicole-forsgren" not in tex
    assert r"\label{\detokenize{chapter:mention-person-jez-humble-1}}" in tex


def test_every_page_reference_of_the_pdf_has_its_label(myst):
    """No « ?? » in the printed indexes and « Mentionné dans » (also for mentions in titles of
    topics and sidebars, and in rubrics)."""
    tex = myst("latex").read("portable.tex")
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    wanted = set(re.findall(r"\\sphinxstyleindexpageref\{([^:]+):\\detokenize\{([^}]*)\}", tex))
    wanted |= set(re.findall(r"\\pageref\{\\detokenize\{([^:]+):([^}]*)\}", tex))
    assert wanted
    missing = {f"{doc}:{anchor}" for doc, anchor in wanted} - labels
    assert missing == set()


# -- 5. footnotes in headings that LaTeX sets as macro arguments ---------------------------


def test_a_biography_in_a_rubric_or_sidebar_title_is_a_mark_and_a_text(myst):
    tex = myst("latex").read("portable.tex")
    rubric = tex[tex.index(r"\subsubsection*{A rubric") :]
    rubric = rubric[: rubric.index("The end of the page")]
    assert r"\begin{footnote}" not in rubric
    assert re.search(r"Gene Kim\}\}\}\}\\sphinxfootnotemark\[(\d)\]\}", rubric)
    assert r"\begin{footnotetext}" in rubric
    sidebar = tex[tex.index(r"\sphinxstylesidebartitle") : tex.index(r"\subsubsection*{A rubric")]
    assert r"\begin{footnote}" not in sidebar
    assert r"\sphinxfootnotemark[" in sidebar
    assert "Andrew Shafer} is a developer." in sidebar


# -- 6. MyST's numeric footnote labels -------------------------------------------------------


def test_footnotes_numbered_in_reading_order_with_numeric_myst_labels(myst):
    text = myst("text").read("chapter.txt")
    assert "When **Patrick Debois**[1] named DevOps[2], he met **Shafer**[3][4]." in text
    notes = re.findall(r"^\[(\d)\] (.*)$", text, re.M)
    assert notes == [
        ("1", "**Patrick Debois** coined the word DevOps."),
        ("2", "A note of the author."),
        ("3", "**Andrew Shafer** is a developer."),
        ("4", "Another note of the author."),
    ]


def test_restructuredtext_keeps_a_number_the_author_fixed(tmp_path):
    srcdir = copy_root("portable-rst", tmp_path)
    text = sphinx(srcdir, "text", srcdir / "_build").read("chapter.txt")
    assert "When **Patrick Debois**[2] named DevOps [3], he met **Shafer**[4] [1]." in text


# -- 7. the acronym's long form ----------------------------------------------------------------


def test_the_long_form_explains_only_the_acronym(myst):
    chapter = soup(myst("html").outdir / "chapter.html")
    links = {a.get_text(): a for a in chapter.select("a.devops-term")}
    assert links["continuous integration"].find("abbr") is None
    assert links["CI/CD"].abbr["title"] == "continuous integration and continuous delivery"
    text = myst("text").read("chapter.txt")
    assert "continuous integration (continuous" not in text
    assert "CI/CD (continuous integration and continuous delivery)" in text


# -- 8. footnotes in Texinfo and man ---------------------------------------------------------


def test_texinfo_keeps_the_biography_at_the_first_mention(myst):
    texi = myst("texinfo").read("portable.texi")
    biography = r"Patrick Debois\}@footnote\{\s*`Patrick Debois' coined the word DevOps\."
    assert re.search(biography, texi)


def test_man_page_puts_each_chapters_footnotes_after_it(myst):
    page = myst("man").read("portable.1")
    chapter = page[page.index(".SH CHAPTER") : page.index(".SH TITLES")]
    assert re.findall(r"^\.IP \[(\d)\]", chapter, re.M) == ["1", "2", "3", "4"]
    assert "coined the word DevOps" in chapter
    assert "<#" not in page  # no in-page « addresses » printed after the names


# -- 10. intersphinx ----------------------------------------------------------------------------


def test_intersphinx_finds_entries_by_alias_and_in_lower_case(myst, tmp_path):
    inventory = myst("html").outdir / "objects.inv"
    srcdir = copy_root("portable-intersphinx", tmp_path)
    mapping = {"portable": ("https://example.org/portable/", str(inventory))}
    output = sphinx(srcdir, "html", srcdir / "_build", intersphinx_mapping=mapping)
    assert output.warnings == ""
    links = {
        a.get_text(): a["href"]
        for a in soup(output.outdir / "index.html").select("div.body a.reference.external")
    }
    base = "https://example.org/portable/entries.html"
    assert links == {
        "CI/CD": f"{base}#term-CI-CD",
        "continuous integration": f"{base}#term-CI-CD",
        "continuous integrations": f"{base}#term-CI-CD",
        "devops": f"{base}#term-DevOps",
        "Debois": f"{base}#person-Patrick-Debois",
    }


def test_texinfo_loses_no_biography_in_a_sidebar_title(myst):
    """Texinfo writes a sidebar's title as plain text (« Andrew Shafer2 », the note lost):
    there the mention carries no footnote, and its number is not left behind."""
    texi = myst("texinfo").read("portable.texi")
    assert "@subheading A sidebar on Andrew Shafer\n" in texi
    titles = texi[texi.index("@chapter Titles") : texi.index("@chapter Entries")]
    assert re.findall(r"@footnote\{\s*`(\w+ \w+)'", titles) == ["John Allspaw", "Gene Kim"]


@pytest.mark.parametrize("builder", ["latex", "man", "texinfo", "text"])
def test_no_note_or_long_form_in_a_heading_and_its_copies(tmp_path, builder):
    """A section title is copied into the contents, the running heads, a man page's ``.SH``
    and a Texinfo ``@node``: a mention there carries no biography note and no acronym's long
    form; the next mention in the text carries them, as a publisher sets it."""
    srcdir = copy_root("portable-myst", tmp_path)
    with (srcdir / "chapter.md").open("a", encoding="utf-8") as chapter:
        chapter.write(
            "\n## Usage with {devops:term}`CI/CD` and {devops:person}`Nicole Forsgren`\n\n"
            "Then {devops:person}`Nicole Forsgren` measures {devops:term}`CI/CD` again.\n"
        )
    built = sphinx(srcdir, builder, srcdir / "_build")
    assert built.warnings == ""
    output = "".join(
        p.read_text(encoding="utf-8")
        for p in sorted(built.outdir.glob("*.*"))
        if p.suffix in {".tex", ".1", ".texi", ".txt"}
    )
    heading = {
        "latex": r"\\section\{Usage with .*",
        "man": r"\.S[HS] (?:USAGE WITH|Usage with) .*",
        "texinfo": r"@(?:node|section) Usage with .*",
        "text": r"Usage with CI/CD and Nicole Forsgren.*",
    }[builder]
    copies = re.findall(heading, output)
    assert copies, output[-3000:]
    for copy in copies:
        assert "continuous" not in copy, copy
        assert "footnote" not in copy, copy
        assert not re.search(r"Forsgren\W*\d", copy), copy
    after = output[output.rindex("Then") :]
    assert "measures" in after
    assert re.search(r"Forsgren.{0,80}(footnote|\[\d\]|\\fB?\d|\d)", after, re.S), after[:400]
