"""Hostile text in every field of a term and a person, for tests/test_hostile_text.py.

Set up as the book (conf.py at the repository's root) for HTML, EPUB and LaTeX, except that
smart quotes are off: the literal " and ' must reach every output, where the book's French
smart quotes would turn them into « » and “ ” in running text.

In the sources: a directive's argument is text as written; option values that hold " #" are
quoted, as MyST reads options as YAML (an unquoted " #" starts a comment), with '' for a quote
inside; in a definition's Markdown, "\<img" keeps the tag as text (unescaped, CommonMark makes
it raw HTML, by design, as anywhere in the book).
"""

import sys
from pathlib import Path

# In place: the repository's _ext (the tests also put it on PYTHONPATH).
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

from book_stack import EXTENSIONS  # noqa: E402

project = "Texte hostile"
author = "Test"
copyright = "2026, Test"
version = release = "1.0"
language = "fr"

extensions = list(EXTENSIONS)
primary_domain = "devops"
nitpicky = True
smartquotes = False

source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_footnote_transition = False

bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "fr"

html_theme = "furo"
html_search_language = "fr"
html_copy_source = False

latex_engine = "pdflatex"
latex_use_xindy = True
latex_documents = [("index", "hostile.tex", "Texte hostile", author, "manual")]
latex_elements = {
    "papersize": "a4paper",
    "babel": r"\usepackage[french]{babel}",
    "fontpkg": r"\usepackage{tgtermes}\usepackage{tgheros}\usepackage{tgcursor}",
}

epub_basename = "hostile"
epub_title = project
epub_author = epub_publisher = author
epub_copyright = copyright
epub_uid = epub_identifier = "hostile-2b7e0c5a-3f1d-4e8a-9c6b-1d2e3f4a5b6c"
epub_show_urls = "inline"
