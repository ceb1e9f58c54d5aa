"""Pandoc citations next to the equivalent sphinxcontrib-bibtex roles."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "citations_fr"]
language = "fr"
root_doc = "index"
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "fr"
latex_elements = {"babel": r"\usepackage[french]{babel}"}
project = "Citations"
version = release = "1"
copyright = "2026, Test"
