"""The book's outputs through their validators.

- the website: the Nu HTML checker (npm ``vnu-jar``, run with the system's Java) on every page
  and stylesheet, errors only, none filtered (the one upstream error it found, Sphinx's
  toctree captions without ``aria-level``, sphinx-doc/sphinx#14030, is fixed in the book by
  ``_ext/html_a11y``);
- the PDF: no « ?? » of an unresolved reference in its text (pdftotext), no undefined
  reference, citation or link target in the LaTeX log.

Checked elsewhere, not twice: epubcheck on the EPUB (no error, no warning) in
test_book_epub.py::test_epubcheck; the PDF's fonts, all embedded, in
test_book_pdf.py::test_fonts_embedded.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from browser.tools import REPORT, VNU_JAR, require_npm_file
from conftest import require_tool

pytestmark = pytest.mark.slow

#: What LaTeX and hyperref write about a reference they could not resolve.
UNDEFINED_IN_LOG = re.compile(
    r"LaTeX Warning: (?:Reference|Citation|Hyper reference) `[^']*' on page \d+ undefined"
    r"|LaTeX Warning: There were undefined references"
    r"|pdfTeX warning \(dest\): name\{[^}]*\} has been referenced but does not exist"
)


def website_files(html: Path, suffix: str) -> list[Path]:
    """The website's own files (its pages, its stylesheets)."""
    return sorted(path for path in html.rglob(f"*{suffix}") if path.is_file())


def test_nu_html_checker(book_build):
    java = require_tool("java")
    vnu = require_npm_file(VNU_JAR)
    html = book_build("html")
    pages = [path for path in website_files(html, ".html") if "_static" not in path.parts]
    stylesheets = website_files(html / "_static", ".css")
    assert pages
    assert stylesheets
    result = subprocess.run(
        [
            java,
            "-jar",
            str(vnu),
            "--errors-only",
            "--also-check-css",
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, pages + stylesheets),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{message.get('url', '').partition(html.name + '/')[2]}:{message.get('lastLine')}:"
        f" {message['message']}"
        for message in messages
    ]
    REPORT.append(f"vnu: {len(pages)} pages, {len(stylesheets)} stylesheets")
    assert not errors, "\n".join(errors)


@pytest.fixture(scope="module")
def pdf_documents(book_build) -> list[Path]:
    """The PDFs of `make latexpdf` (one per LaTeX document), with their .log next to them."""
    latex = book_build("latexpdf")
    pdfs = [tex.with_suffix(".pdf") for tex in sorted(latex.glob("*.tex"))]
    pdfs = [pdf for pdf in pdfs if pdf.is_file()]
    assert pdfs, f"no PDF in {latex}"
    return pdfs


def test_pdf_has_no_unresolved_reference(pdf_documents):
    for pdf in pdf_documents:
        text = subprocess.run(
            [require_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert text.strip(), f"{pdf.name}: no text"
        lines = [line for line in text.splitlines() if "??" in line]
        assert not lines, f"{pdf.name}: « ?? » (unresolved reference):\n" + "\n".join(lines)


def test_latex_log_has_no_undefined_reference(pdf_documents):
    for pdf in pdf_documents:
        log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
        # TeX breaks its log lines at 79 characters: join them before looking.
        found = UNDEFINED_IN_LOG.findall(log.replace("\n", ""))
        assert not found, f"{pdf.with_suffix('.log').name}:\n" + "\n".join(found)
