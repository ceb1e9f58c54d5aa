"""The book_edition extension's roles, in a one-page French book."""

project = "Livre"
author = "L’auteur"
language = "fr"
extensions = ["myst_parser", "french_typography", "book_edition"]
source_suffix = {".md": "markdown"}
book_subtitle = "Un sous-titre"
latex_documents = [("index", "livre.tex", project, author, "manual")]
latex_engine = "pdflatex"
latex_elements = {"babel": r"\usepackage[english,main=french]{babel}"}
