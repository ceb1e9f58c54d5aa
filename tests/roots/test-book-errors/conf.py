"""A small book with mistakes: the build must fail and say where they are."""

project = "Livre avec erreurs"
language = "fr"
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
nitpicky = True
source_suffix = {".md": "markdown"}
myst_heading_anchors = 3
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
