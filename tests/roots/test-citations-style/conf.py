"""One entry of each type, listed by a French bibliography."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "citations_fr"]
language = "fr"
root_doc = "index"
project = "Styles"
source_suffix = {".md": "markdown"}
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "fr"
latex_engine = "pdflatex"
latex_documents = [("index", "styles.tex", "Styles", "Test", "manual")]
latex_elements = {"babel": r"\usepackage[french]{babel}"}
