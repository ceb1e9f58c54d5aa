"""The book's extensions, in load order: one list for conf.py and for every test project that
stands for the book (tests/roots/test-equivalence, test-hostile, the test-bad-* roots)."""

from __future__ import annotations

EXTENSIONS: tuple[str, ...] = (
    "myst_parser",
    "sphinxcontrib.bibtex",
    "citations_fr",  # [@key] citations (Pandoc), French bibliography
    "devops_domain",  # terms and people: links, first-mention footnotes, tooltips, indexes
    "incremental_build",  # an incremental build writes what a clean build writes
    "furo_fr",  # furo's pages in French
    "html_a11y",  # aria fixes for Sphinx/docutils markup
    "french_typography",  # apostrophes and no-break spaces of French punctuation
    "reproducible_epub",  # SOURCE_DATE_EPOCH for the EPUB's zip timestamps too
    "output_errors",  # an unwritable output folder or a full disk: one message, no traceback
)
