"""Sphinx configuration of the book « Sécurité & DevOps ».

The configuration lives at the repository root (as Read the Docs expects) while the
chapters live in ``source/``; ``include_patterns`` keeps everything else out of the book.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).parent.resolve()
sys.path.insert(0, str(ROOT / "_ext"))

# -- Project -----------------------------------------------------------------
project = "Sécurité & DevOps"
author = "L'auteur"
copyright = "2026, L'auteur"
version = "0.1"
release = "0.1"

language = "fr"
root_doc = "source/index"
include_patterns = ["source/**"]
exclude_patterns = ["_build", ".venv"]

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "citations_fr",  # [@key] citations (Pandoc), French bibliography: _ext/citations_fr
    "devops_domain",
    "furo_fr",
]

primary_domain = "devops"
nitpicky = True
smartquotes = True  # French « » and typographic apostrophes, from docutils' fr rules

# -- MyST ----------------------------------------------------------------------
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
myst_footnote_transition = False

# -- Bibliography --------------------------------------------------------------
# Citations are written [@key], [voir @key, p. 12], [-@key] or @key (Pandoc) or with the
# {cite:p} / {cite:t} roles; citations_fr formats both, and the bibliography, in French.
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year_fr"  # « (Shafer, 2009) », « Shafer (2009) »
bibtex_default_style = "fr"  # French author–year entries, sorted by author

# -- HTML ----------------------------------------------------------------------
html_theme = "furo"
html_title = project
html_static_path = ["_static"]
html_last_updated_fmt = "%d %B %Y"
html_search_language = "fr"
html_copy_source = False

# -- LaTeX / PDF ----------------------------------------------------------------
latex_engine = "pdflatex"
latex_use_xindy = True
latex_documents = [
    (root_doc, "securite-devops.tex", project, author, "manual"),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "babel": r"\usepackage[french]{babel}",
    "fontpkg": r"\usepackage{tgtermes}\usepackage{tgheros}\usepackage{tgcursor}",
}

# -- EPUB ----------------------------------------------------------------------
epub_basename = "securite-devops"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_language = language
epub_show_urls = "footnote"
