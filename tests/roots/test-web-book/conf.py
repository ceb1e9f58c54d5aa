"""A French page with a pipeline in YAML, under furo: the book's copy button on code blocks."""

project = "Livre"
language = "fr"
extensions = ["myst_parser", "sphinx_copybutton"]
source_suffix = {".md": "markdown"}
html_theme = "furo"
