"""Unknown keys in Pandoc brackets and in roles, an unknown entry type, braces."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "citations_fr"]
language = "fr"
root_doc = "index"
source_suffix = {".md": "markdown"}
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "fr"
