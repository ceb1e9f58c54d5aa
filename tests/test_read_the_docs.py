"""Read the Docs, emulated: its own commands, run as its builder runs them, on a clean copy.

Read the Docs does not use the book's Makefile.  For each format of ``.readthedocs.yaml`` it
runs, from the folder of ``conf.py`` (readthedocs/readthedocs.org,
``readthedocs/doc_builder/backends/sphinx.py``):

* html and epub: ``python -m sphinx -T -W --keep-going -b <builder> -d _build/doctrees
  -D language=<project's language> . $READTHEDOCS_OUTPUT/<builder>`` (``-W --keep-going``
  from ``fail_on_warning``);
* pdf: ``python -m sphinx -T -b latex -d _build/doctrees -D language=<language> .
  $READTHEDOCS_OUTPUT/pdf``, then, in that folder, ``latexmk -r latexmkrc -pdf -f -dvi- -ps-
  -jobname=<project slug> -interaction=nonstopmode``; it publishes whatever PDF latexmk wrote,
  whatever its exit status (so an index that xindy could not build goes unnoticed there).

The slug here is not the PDF's file name (``securite-devops``), as on a real project.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BOOK, epubcheck_command, require_tool
from roots_build import BUILD_ENV

#: The project's slug on Read the Docs: the PDF's and EPUB's names there (-jobname).
SLUG = "livre-securite-devops"
SPHINX = [sys.executable, "-m", "sphinx", "-T"]
FAIL_ON_WARNING = ["-W", "--keep-going"]
#: Read the Docs' build variables (docs.readthedocs.io, « Environment variable reference »).
RTD_ENV = {
    "READTHEDOCS": "True",
    "READTHEDOCS_PROJECT": SLUG,
    "READTHEDOCS_LANGUAGE": "fr",
    "READTHEDOCS_VERSION": "latest",
    "READTHEDOCS_VERSION_TYPE": "branch",
    "READTHEDOCS_CANONICAL_URL": f"https://{SLUG}.readthedocs.io/fr/latest/",
    "READTHEDOCS_GIT_CLONE_URL": "https://github.com/exemple/securite-devops.git",
    "READTHEDOCS_GIT_IDENTIFIER": "main",
}
#: What only Sphinx's Makefile or a reader's shell would set: never there on Read the Docs.
NOT_ON_READ_THE_DOCS = ("XINDYOPTS", "LATEXOPTS", "LATEXMKOPTS", "TEXINPUTS")


def clean_copy(dest: Path) -> Path:
    """The repository as Read the Docs clones it: a git clone, none of _build, .venv or
    node_modules; with this checkout's uncommitted changes on top (so that they are tested
    too).  Without git (a tarball), a copy of the files."""
    if (BOOK / ".git").exists() and shutil.which("git"):
        git = ["git", "-C", str(BOOK)]
        subprocess.run(["git", "clone", "--quiet", str(BOOK), str(dest)], check=True)
        changed = subprocess.run(
            [*git, "ls-files", "-z", "--modified", "--others", "--exclude-standard"],
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        for name in filter(None, changed.split("\0")):
            source, target = BOOK / name, dest / name
            if source.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
            else:  # deleted here
                target.unlink(missing_ok=True)
    else:
        ignored = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__")
        shutil.copytree(BOOK, dest, ignore=ignored, dirs_exist_ok=True)
    return dest


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        encoding="utf-8",
        errors="replace",  # LaTeX's output is not always UTF-8
        check=False,
    )


@pytest.fixture(scope="module")
def read_the_docs(tmp_path_factory) -> dict[str, subprocess.CompletedProcess[str] | Path]:
    """Read the Docs' three builds, in its order, sharing its doctrees (_build/doctrees)."""
    require_tool("latexmk")
    require_tool("xindy")
    checkout = clean_copy(tmp_path_factory.mktemp("rtd") / "checkout")
    output = tmp_path_factory.mktemp("readthedocs_output")
    env = {key: value for key, value in BUILD_ENV.items() if key not in NOT_ON_READ_THE_DOCS}
    env.update(RTD_ENV, READTHEDOCS_OUTPUT=str(output))
    language = ["-d", "_build/doctrees", "-D", "language=fr", "."]
    results: dict[str, subprocess.CompletedProcess[str] | Path] = {"output": output}
    results["html"] = run(
        [*SPHINX, *FAIL_ON_WARNING, "-b", "html", *language, str(output / "html")], checkout, env
    )
    results["latex"] = run([*SPHINX, "-b", "latex", *language, str(output / "pdf")], checkout, env)
    results["latexmk"] = run(
        [
            "latexmk",
            "-r",
            "latexmkrc",
            "-pdf",
            "-f",
            "-dvi-",
            "-ps-",
            f"-jobname={SLUG}",
            "-interaction=nonstopmode",
        ],
        output / "pdf",
        env,
    )
    results["epub"] = run(
        [*SPHINX, *FAIL_ON_WARNING, "-b", "epub", *language, str(output / "epub")], checkout, env
    )
    return results


@pytest.mark.slow
@pytest.mark.parametrize("step", ["html", "latex", "latexmk", "epub"])
def test_each_command_succeeds(read_the_docs, step):
    """Exit status 0 for each command: latexmk's own, not Read the Docs' « a PDF was written »."""
    result = read_the_docs[step]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.mark.slow
@pytest.mark.parametrize("step", ["html", "latex", "epub"])
def test_no_warning(read_the_docs, step):
    """No warning, also in the LaTeX build, which Read the Docs runs without -W."""
    result = read_the_docs[step]
    assert "WARNING" not in result.stderr + result.stdout
    assert "build succeeded." in result.stdout


@pytest.mark.slow
def test_pdf_has_its_index(read_the_docs):
    """The PDF named after the slug ends with its index: « Index », entries with their pages.

    Without xindy's options, latexmk still writes a PDF, five pages shorter, with no index.
    """
    latexmk = read_the_docs["latexmk"]
    assert "has no value" not in latexmk.stdout + latexmk.stderr  # xindy's error, if any
    pdf = read_the_docs["output"] / "pdf" / f"{SLUG}.pdf"
    text = subprocess.run(
        [require_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")
    start = next((i for i, page in enumerate(pages) if page.strip().startswith("Index")), None)
    assert start is not None, "no page of the PDF opens with « Index »"
    entries = "\n".join(pages[start:])  # the index runs over several pages, to the end
    # A person with the pages of the mentions, an alias sent to its term.
    assert re.search(r"Debois, Patrick, \d+(, \d+)+", entries)
    assert re.search(r"artifact, voir artefact", entries)
    assert len(re.findall(r", \d+\n", entries)) >= 30


@pytest.mark.slow
def test_epub_passes_epubcheck(read_the_docs):
    epub = read_the_docs["output"] / "epub" / "securite-devops.epub"
    result = subprocess.run(
        [*epubcheck_command(), str(epub)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No errors or warnings detected" in result.stdout + result.stderr


def test_a_build_in_another_language_stops_with_how_to_fix_it(tmp_path):
    """A new Read the Docs project is English: it passes -D language=en.  The book stops at
    once, with one error that says where to set the language, instead of an English book."""
    result = run(
        [*SPHINX, "-b", "html", "-D", "language=en", str(BOOK), str(tmp_path / "html")],
        tmp_path,
        {**BUILD_ENV, **RTD_ENV, "READTHEDOCS_LANGUAGE": "en"},
    )
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert errors == [
        "ERROR: The book is written in French, but this build's language is 'en' (set with"
    ]
    assert "set the project's language to French: Admin > Settings > Language" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "html" / "index.html").exists()


def test_read_the_docs_configuration_says_how_the_pdf_is_built():
    """The comment of .readthedocs.yaml tells what Read the Docs runs for the PDF."""
    text = (BOOK / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert "latexmk -r latexmkrc" in text
    assert "without the Makefile" in text
    assert os.path.basename(__file__) in text


@pytest.mark.slow
def test_the_site_has_read_the_docs_addresses_and_links_to_the_sources(read_the_docs):
    """Canonical addresses, the sitemap and the formats are Read the Docs' own; each page
    links to its source in the repository Read the Docs cloned (furo's view button)."""
    site = RTD_ENV["READTHEDOCS_CANONICAL_URL"]
    html = read_the_docs["output"] / "html"
    soup = BeautifulSoup(
        (html / "source" / "menaces.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert soup.find("link", rel="canonical")["href"] == f"{site}source/menaces.html"
    view = soup.select_one(".view-this-page a")
    assert view["href"] == (
        "https://github.com/exemple/securite-devops/blob/main/source/menaces.md?plain=true"
    )
    assert view["title"] == "Voir la source de cette page"
    assert f"<loc>{site}source/menaces.html</loc>" in (html / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    index = BeautifulSoup(
        (html / "source" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    pdf = index.find("a", string="en PDF")
    assert pdf["href"] == f"https://{SLUG}.readthedocs.io/_/downloads/fr/latest/pdf/"


@pytest.mark.slow
@pytest.mark.parametrize("history", ["none", "shallow"])
def test_a_copy_without_git_history_builds_without_dates(tmp_path, history):
    """A tarball of the book (no git), or a shallow clone (`git clone --depth 1`: its one
    commit, without parents, cannot tell when a file last changed): no « Mis à jour le », and
    no warning about it."""
    copy = tmp_path / "copy"
    if history == "none":
        ignored = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__")
        shutil.copytree(BOOK, copy, ignore=ignored)
    else:
        if not (BOOK / ".git").exists():
            pytest.skip("the book has no git history to clone")
        git = require_tool("git")
        subprocess.run(
            [git, "clone", "--quiet", "--depth", "1", BOOK.as_uri(), str(copy)], check=True
        )
    result = run(
        [*SPHINX, "-nW", "--keep-going", "-b", "html", ".", str(tmp_path / "html")],
        copy,
        dict(BUILD_ENV),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr
    page = (tmp_path / "html" / "source" / "introduction.html").read_text(encoding="utf-8")
    assert "Lorsque Patrick Debois" in page
    assert "Mis à jour le" not in page
