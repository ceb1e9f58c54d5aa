"""A small book set up as the real one: terms, people, MyST footnotes and citations in several
documents, for tests/test_equivalence.py (parallel, incremental and repeated builds)."""

import sys
from pathlib import Path

# In place: the repository's _ext.  The tests build a copy and put their copy of _ext on
# PYTHONPATH instead.
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

from book_stack import EXTENSIONS  # noqa: E402

project = "Équivalence"
author = "Test"
copyright = "2026, Test"
version = release = "1.0"
language = "fr"

extensions = list(EXTENSIONS)
primary_domain = "devops"
nitpicky = True
smartquotes = True

source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
myst_footnote_transition = False

bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "fr"

html_theme = "furo"
html_title = project
html_last_updated_fmt = "%-d %B %Y"
html_search_language = "fr"
html_copy_source = False

epub_basename = "equivalence"
epub_title = project
epub_author = epub_publisher = author
epub_copyright = copyright
epub_uid = epub_identifier = "equivalence-5f0d6a52-8f1e-4c1b-9d57-2b1f3c0e7a11"
epub_show_urls = "inline"
