"""A French MyST document with the typography the book uses."""

project = "Typographie"
author = "L'auteur"
language = "fr"
extensions = ["myst_parser", "french_typography"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["attrs_block", "colon_fence"]
latex_documents = [("index", "typographie.tex", project, author, "howto")]
