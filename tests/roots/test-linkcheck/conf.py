"""Addresses to check, in a chapter and in the bibliography: the test writes refs.bib and the
chapter with the address of a local HTTP server (no network)."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "citations_fr", "book_edition"]
language = "fr"
root_doc = "index"
source_suffix = {".md": "markdown"}
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "fr"
project = "Liens"
linkcheck_timeout = 5
linkcheck_retries = 1
