"""The same text in an English document: the French rules must not apply."""

project = "Typography"
author = "The author"
language = "en"
extensions = ["myst_parser", "french_typography"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["attrs_block", "colon_fence"]
latex_documents = [("index", "typography.tex", project, author, "howto")]
