"""Shared fixtures: sphinx.testing roots under tests/roots, and one build of the real book.

Also the book's acceptance tests: the introduction's footnotes, corrected sentences and
headings as a reader sees them (below); an editorial change to the text updates them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from roots_build import BUILD_ENV, sphinx_build

pytest_plugins = ["sphinx.testing.fixtures"]

TESTS = Path(__file__).parent.resolve()
BOOK = TESTS.parent
#: ``BOOK_EXTENSIONS=installed`` (the version matrix, tests/matrix.py): the packaged extensions
#: come from the wheel installed in the environment, as other projects get them; _ext/ only
#: serves what the wheel does not hold (book_stack).  Otherwise the working copy's _ext/ wins.
EXTENSIONS_INSTALLED = os.environ.get("BOOK_EXTENSIONS") == "installed"
if EXTENSIONS_INSTALLED:
    sys.path.append(str(BOOK / "_ext"))
else:
    sys.path.insert(0, str(BOOK / "_ext"))

#: Plain, one-line-per-event output from every sphinx-build the tests start, even where CI=true
#: or FORCE_COLOR would make Sphinx colour its messages and rewrite its progress line in place.
os.environ["NO_COLOR"] = "1"

#: The builders that have a target of their own in the Makefile (``latexpdf`` runs latexmk in
#: the ``latex`` folder).  The book is built with them as a reader would build it.
MAKE_TARGETS = {"html": "html", "epub": "epub", "latex": "latex", "latexpdf": "latex"}
#: Debian's epubcheck package: /usr/bin/epubcheck needs binfmt support for jars, the jar does not.
EPUBCHECK_JAR = Path(os.environ.get("EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar"))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the `test-<name>` roots."""
    return TESTS / "roots"


def require_tool(name: str) -> str:
    """The path of an external program; skip without it, fail in CI (BOOK_REQUIRE_ALL_TOOLS)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("BOOK_REQUIRE_ALL_TOOLS"):
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return path


def epubcheck_command() -> list[str]:
    """How to run epubcheck here (skip without it, fail in CI)."""
    java = require_tool("java")
    if not EPUBCHECK_JAR.is_file():
        if os.environ.get("BOOK_REQUIRE_ALL_TOOLS"):
            pytest.fail(f"epubcheck is required in CI but {EPUBCHECK_JAR} is missing")
        pytest.skip(f"epubcheck is not installed ({EPUBCHECK_JAR})")
    return [java, "-jar", str(EPUBCHECK_JAR)]


def make(target: str, builddir: Path) -> subprocess.CompletedProcess:
    """Run the book's Makefile target into `builddir`, with this Python's Sphinx.

    ``-o`` keeps make from (re)creating .venv: the tests use the environment they run in.
    """
    return subprocess.run(
        [
            require_tool("make"),
            "--no-print-directory",
            "-C",
            str(BOOK),
            "-o",
            ".venv/bin/sphinx-build",
            target,
            f"BUILDDIR={builddir}",
            f"SPHINXBUILD={sys.executable} -m sphinx",
        ],
        capture_output=True,
        encoding="utf-8",
        errors="replace",  # LaTeX's output is not always UTF-8
        check=False,
        env=BUILD_ENV,
    )


@pytest.fixture(scope="session")
def book_build(tmp_path_factory):
    """Build the real book once per session with a given builder; cached per builder.

    ``html``, ``epub``, ``latex`` and ``latexpdf`` go through the Makefile (``make <target>``,
    which is what a reader runs); they return the output folder (``latexpdf``: the ``latex``
    folder, with the PDF in it).  Other builders run sphinx-build with the same options.
    """
    base = tmp_path_factory.mktemp("book")
    done: dict[str, Path] = {}

    def build(builder: str) -> Path:
        if builder not in done:
            if builder in MAKE_TARGETS:
                if builder == "latexpdf":
                    require_tool("latexmk")
                result = make(builder, base)
                out = base / MAKE_TARGETS[builder]
            else:
                out = base / builder
                result = sphinx_build(builder, out)
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr
            done[builder] = out
        return done[builder]

    return build


# -- What a reader of the book sees -------------------------------------------------------------
#
# The book's acceptance tests: FOOTNOTES, CORRECTED_TEXT and introduction_headings() pin what a
# reader of the introduction sees (its notes, sentences the copy editor corrected, its
# headings), and test_book_*.py check them in every output (HTML, LaTeX, PDF, EPUB).  They are
# the manuscript's text, not the code's behaviour: an editorial change to source/*.md is
# expected to touch them, in the same commit.

#: The introduction's footnotes, in the order of their calls (1 to 25): the beginning of their
#: text and the addresses they link to.  Whatever writes them (plain MyST footnotes, or the
#: devops domain from {person}/{term} entries), this is what must come out: the biographies
#: of the people at their first mention, the definitions of the terms marked :footnote:, and
#: the original English of translated quotations (the [^orig-…] notes).
FOOTNOTES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Patrick Debois est un consultant et ingénieur belge, à qui l'on doit le mot DevOps",
        ("http://www.jedi.be/blog/",),
    ),
    ("« Culture, Automation, Measurement, Sharing ».", ()),
    (
        "Professionnel chargé d'installer, de configurer, de maintenir et de surveiller les "
        "serveurs et les systèmes informatiques d'une organisation",
        (),
    ),
    # (Its « Extreme Programming » and « Manifeste agile » link to their entries.)
    ("Ensemble de méthodes de développement logiciel (Scrum,", ()),
    (
        "Andrew Shafer est un développeur et l'un des associés fondateurs de Reductive Labs "
        "(devenue Puppet), aux côtés de Luke Kanies, créateur de Puppet, outil de gestion "
        "de configuration",
        ("https://puppet.com/",),
    ),
    ("John Allspaw est un ingénieur spécialiste de l'exploitation des sites web.", ()),
    ("Paul Hammond est un développeur web.", ()),
    ("« 10+ Deploys Per Day", ()),
    ("« I picked “DevOpsDays” as Dev and Ops working together", ()),
    ("« by accident coining the term DevOps with the first event ».", ()),
    ("« Continuous Integration, Pipelines and Deployment ».", ()),
    (
        "Kent Beck est un développeur, créateur de l'Extreme Programming (XP)",
        (),
    ),
    (
        "Martin Fowler est un auteur britannique, naturalisé américain en 2005, spécialiste du "
        "développement logiciel",
        ("https://martinfowler.com/",),
    ),
    ("« at least daily » ; « verified by an automated build (including test) ».", ()),
    ("Jez Humble est un ingénieur et auteur, entré chez ThoughtWorks en 2004", ()),
    ("« GitOps – Operations by Pull Request ».", ()),
    (
        "Alexis Richardson est un entrepreneur, cofondateur de Rabbit Technologies, "
        "l'entreprise à l'origine de RabbitMQ",
        (),
    ),
    (
        "Nicole Forsgren est une chercheuse spécialiste de la performance des équipes de "
        "développement.",
        (),
    ),
    ("Gene Kim est un auteur et chercheur.", ()),
    ("« shift left on security ».", ()),
    ("« DevOps Needs to Become DevOpsSec ».", ()),
    ("« largely transparent to developers » ; « largely “assembled,” not developed ».", ()),
    ("« security and compliance are typically afterthoughts »", ()),
    ("« Shift-Left Testing ».", ()),
    ("« culture of fear ».", ()),
)

#: Sentences of the introduction as the copy editor corrected them (REVIEW-introduction.md):
#: each replaces a language error of the manuscript.
CORRECTED_TEXT = (
    "La sécurité ne faisait pas partie du projet de départ",
    "« Agile Infrastructure »",
    "Leur conversation porte sur les conflits entre développeurs et exploitants qui préoccupent "
    "Debois depuis 2007",
    "Codecov révèle l'attaque à la mi-avril",
    "quelle règle de pare-feu a été ajoutée ou modifiée",
)


def normalize(text: str) -> str:
    """Text as a reader reads it: one space for any run of blanks, straight apostrophes.

    (The book shows typographic ones, U+2019, which a test checks on its own.)
    """
    return " ".join(text.replace("\u2019", "'").split())


def introduction_headings() -> list[str]:
    """The headings of source/introduction.md, as the reader sees them (in order)."""
    headings, fenced = [], False
    for line in (BOOK / "source" / "introduction.md").read_text(encoding="utf-8").splitlines():
        if line.startswith(("```", "~~~", ":::")):
            fenced = not fenced
        elif not fenced and (match := re.match(r"#{1,6} +(.+?) *#* *$", line)):
            headings.append(normalize(match[1]))
    return headings
