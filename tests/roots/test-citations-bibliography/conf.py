"""A bibliography set as French publishers set it (with french_typography, as the book)."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "citations_fr", "french_typography"]
language = "fr"
root_doc = "index"
source_suffix = {".md": "markdown"}
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "fr"
latex_elements = {"babel": r"\usepackage[french]{babel}"}
project = "Bibliographie"
version = release = "1"
copyright = "2026, Test"
