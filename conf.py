"""Sphinx configuration of the book « Sécurité & DevOps ».

The configuration lives at the repository root (as Read the Docs expects) while the
chapters live in ``source/``; ``include_patterns`` keeps everything else out of the book.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).parent.resolve()
# The book's own extensions (book_edition, book_gc_tuning, french_search,
# template_bytecode_cache, book_stack), which are not packaged.  Appended: the reusable ones
# (devops_domain, citations_fr, …) come first from the distribution that requirements.txt
# installs from _ext/ (sphinx-devops-domain), exactly as other projects get them.
sys.path.append(str(ROOT / "_ext"))

from book_stack import EXTENSIONS  # noqa: E402 (found through the line above)

# -- Project -----------------------------------------------------------------
project = "Sécurité & DevOps"
author = "L’auteur"
copyright = "2026, L’auteur"
version = "0.1"
release = "0.1"
today_fmt = "%-d %B %Y"  # « 4 décembre 2026 », as on the web pages

# -- The published book (_ext/book_edition) -------------------------------------------------
book_subtitle = "Comprendre le DevOps pour en sécuriser les pratiques"
book_back_matter = ["source/glossaire", "source/personnes", "source/bibliographie"]
book_subjects = ["DevOps", "Sécurité informatique", "DevSecOps"]

language = "fr"
root_doc = "source/index"
include_patterns = ["source/**"]
exclude_patterns = ["_build", ".venv"]

# The book's stack (_ext/book_stack.py), plus what belongs to this book only: its build tuning
# (_ext/book_gc_tuning: Python's collector walks what was read less often;
# _ext/template_bytecode_cache: the theme's templates compiled once, kept with the doctrees),
# its edition (_ext/book_edition: the PDF's and EPUB's layout, {en} passages, links to the
# formats) and its search (_ext/french_search: a search that ignores accents, the index in
# French order).
extensions = [
    *EXTENSIONS,
    "book_gc_tuning",
    "template_bytecode_cache",
    "book_edition",
    "french_search",
    "sphinx.ext.graphviz",  # figures drawn at build time from a text source (source/figures/*.dot)
]

# Graphviz's dot (Debian's graphviz package) draws them: SVG on the web and in the EPUB, PDF in
# the LaTeX output (sphinx.ext.graphviz always asks dot for PDF there), their labels in TeX
# Gyre Heros (fonts-texgyre). Sphinx runs dot through _ext/dot_svg.py, which drops the DOCTYPE
# of dot's SVG (epubcheck rejects it) and gives its fonts fallbacks for browsers.
graphviz_output_format = "svg"
graphviz_dot = sys.executable
graphviz_dot_args = [str(ROOT / "_ext" / "dot_svg.py")]

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
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = "%-d %B %Y"
html_search_language = "fr"
html_copy_source = False

# -- LaTeX / PDF ----------------------------------------------------------------
LATEX_PREAMBLE = r"""
% Names of movements and tools are never cut at the end of a line (« De-vOps »).
\hyphenation{DevOps DevSecOps GitOps NetDevOps}
% Sphinx names the table of contents after the root toctree's caption (« Sommaire »); the
% printed book has a « Table des matières ».  This comes after Sphinx's own \contentsname.
\addto\captionsfrench{\renewcommand{\contentsname}{Table des matières}}
% fancyhdr asks for this much room for the running heads in 11pt.
\setlength{\headheight}{13.6pt}
\makeatletter
% LaTeX typesets the citations after the last chapter, which is already « Bibliographie »
% (source/bibliographie.md): no second, unnumbered chapter for them.
\renewenvironment{sphinxthebibliography}[1]
  {\def\sdfr@nochapter*##1{}\let\chapter\sdfr@nochapter\begin{thebibliography}{#1}}
  {\end{thebibliography}}
\makeatother
"""

latex_engine = "pdflatex"
latex_use_xindy = True
latex_documents = [
    # The title is LaTeX source: the « & » of the project name must be escaped.
    (root_doc, "securite-devops.tex", r"Sécurité \& DevOps", author, "manual"),
]
latex_elements = {
    # The trim size (17 x 24 cm) and the text block are in _ext/book_edition's sdfrbook.sty.
    "pointsize": "11pt",
    "babel": r"\usepackage[english,main=french]{babel}",  # French; English for {en} passages
    "fontpkg": r"\usepackage{tgtermes}\usepackage{tgheros}\usepackage{tgcursor}",
    "preamble": LATEX_PREAMBLE,
}

# -- Other outputs ---------------------------------------------------------------
# The file names of the PDF and the EPUB, not Sphinx's default from the project's name,
# which drops its accents (« scuritdevops.1 »).  Section 7 of the manual: overviews.
man_pages = [(root_doc, "securite-devops", project, [author], 7)]
texinfo_documents = [
    (root_doc, "securite-devops", project, author, "securite-devops", book_subtitle, "Books"),
]

# -- EPUB ----------------------------------------------------------------------
epub_basename = "securite-devops"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright  # EPUB 3 requires it (and a version)
epub_language = language
epub_description = f"{book_subtitle}."
epub_contributor = author
# The book's identifier: toc.ncx repeats epub_uid as the book's id, so both are equal, and an
# XML name without colons.  uuid5(NAMESPACE_URL, "securite-devops"), stable across builds.
epub_uid = epub_identifier = "securite-devops-cf033f99-26c3-5d38-ac40-6ba74335dd6e"
# The root document is in source/: Sphinx then fixes the links of the table of contents
# only in the "includehidden" scope (with "default", nav.xhtml and toc.ncx point to missing
# files).  The book has no hidden toctree, so the scope is the same.
epub_tocscope = "includehidden"
# "footnote" adds an English « Footnotes » heading to every page without footnotes.
epub_show_urls = "inline"
