"""Markdown around Pandoc citations: in prefixes and suffixes, brackets, spans, alt text."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "citations_fr"]
language = "fr"
root_doc = "index"
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["attrs_inline"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "fr"
project = "Markdown"
version = release = "1"
copyright = "2026, Test"
