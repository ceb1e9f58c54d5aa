"""citations_fr alone builds a correct PDF, in French and in English.

The test project (``tests/roots/test-citations-markdown``) loads citations_fr without
the book's configuration (no french_typography, no LaTeX preamble of its own): the
extension ships what its citations need in LaTeX (U+202F between citations, the links of
citations under babel-french's active « : », the bibliography of author-year styles).
"""

from __future__ import annotations

import re
import subprocess

import pytest
import roots_build
from conftest import require_tool
from roots_build import copy_root, latex_to_pdf


@pytest.fixture(scope="module", params=["fr", "en"])
def pdf_build(request, tmp_path_factory):
    """The LaTeX output folder, after latexmk made the PDF (its log kept)."""
    require_tool("latexmk")
    require_tool("make")
    dest = tmp_path_factory.mktemp(f"pdf-{request.param}")
    built = roots_build.build(
        copy_root("citations-markdown", dest),
        "latex",
        language=request.param,
        suppress_warnings=["bibtex.key_not_found"],
    )
    assert built.warnings == ""
    latex_to_pdf(built.outdir)
    return built.outdir


def test_the_pdf_builds(pdf_build):
    assert (pdf_build / "markdown.pdf").stat().st_size > 1000


def test_every_citation_link_has_its_destination(pdf_build):
    log = (pdf_build / "markdown.log").read_text(encoding="utf-8", errors="replace")
    assert "has been referenced but does not exist" not in log
    tex = (pdf_build / "markdown.tex").read_text(encoding="utf-8")
    assert len(re.findall(r"\\hyperlink\{cite\.index:", tex)) >= 6


def test_the_citations_read_in_the_pdf(pdf_build):
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, str(pdf_build / "markdown.pdf"), "-"],
        capture_output=True,
        encoding="utf-8",
        check=True,
    ).stdout
    text = " ".join(text.split())
    assert "Deux sources (Debois, 2008, p. 204 ; Shafer, 2009)." in text
    assert "Préfixe et suffixe (voir Shafer, 2009, passim)." in text
