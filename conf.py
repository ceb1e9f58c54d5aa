"""Sphinx configuration of the book « Sécurité & DevOps ».

The configuration lives at the repository root (as Read the Docs expects) while the
chapters live in ``source/``; ``include_patterns`` keeps everything else out of the book.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

ROOT = Path(__file__).parent.resolve()
# The book's own extensions (book_edition, book_gc_tuning, french_search,
# template_bytecode_cache, book_stack), which are not packaged.  Appended: the reusable ones
# (devops_domain, citations_fr, …) come first from the distribution that requirements.txt
# installs from _ext/ (sphinx-devops-domain), exactly as other projects get them.
sys.path.append(str(ROOT / "_ext"))

from book_edition.roles import read_the_docs_links  # noqa: E402
from book_stack import EXTENSIONS  # noqa: E402 (found through the line above)

# sphinxext-opengraph prints « matplotlib is not installed, social cards will not be
# generated » when it is imported, on every build; the book draws its own card
# (_static/carte-livre.png) and needs no matplotlib.  Imported here once, quietly.
with contextlib.redirect_stdout(io.StringIO()):
    import sphinxext.opengraph  # noqa: F401

# -- Project -----------------------------------------------------------------
project = "Sécurité & DevOps"
# The author's name, set once: the title and copyright pages, the PDF's and EPUB's metadata,
# the EPUB's cover and the site's footer all read it from here.
author = "L’auteur"
copyright = f"2026, {author}"
version = "0.1"
release = "0.1"
today_fmt = "%-d %B %Y"  # « 4 décembre 2026 », as on the web pages

# -- The published book (_ext/book_edition) -------------------------------------------------
book_subtitle = "Comprendre le DevOps pour en sécuriser les pratiques"
book_back_matter = ["source/glossaire", "source/personnes", "source/bibliographie"]
book_subjects = ["DevOps", "Sécurité informatique", "DevSecOps"]
# « Édition 1 » once the book is published; until then it is a working draft.
book_edition = "Version de travail"
book_licence = (
    "Texte sous licence Creative Commons Attribution – Partage dans les mêmes conditions 4.0 "
    "International (CC BY-SA 4.0)\u202f; code sous licence MIT."
)

# The book is French (its text, its typography, its index); check_language() below stops any
# build in another language, such as Read the Docs' default, `-D language=en`.
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
    # The web book (HTML only; the other builders ignore them): a copy button on code blocks,
    # each page's last change from git, OpenGraph metadata, a French 404 page.  (The sitemap
    # is book_edition's: sphinx-sitemap's lists only the pages an incremental build writes.)
    "sphinx_copybutton",
    "sphinx_last_updated_by_git",
    "sphinxext.opengraph",
    "notfound.extension",
]

# Graphviz's dot (Debian's graphviz package) draws them: SVG on the web and in the EPUB, PDF in
# the LaTeX output (sphinx.ext.graphviz always asks dot for PDF there), their labels in TeX
# Gyre Heros (fonts-texgyre). Sphinx runs dot through _ext/dot_svg.py, which drops the DOCTYPE
# of dot's SVG (epubcheck rejects it) and gives its fonts fallbacks for browsers.
graphviz_output_format = "svg"
# The script's path goes through the environment, not the arguments: sphinx.ext.graphviz names
# each image after a hash of its arguments, and an absolute path there made the images' names
# (and so the pages) depend on the folder the book is built in.
os.environ["BOOK_DOT_SVG"] = str(ROOT / "_ext" / "dot_svg.py")
graphviz_dot = sys.executable
graphviz_dot_args = [
    "-c",
    "import os, runpy; runpy.run_path(os.environ['BOOK_DOT_SVG'], run_name='__main__')",
]

primary_domain = "devops"
nitpicky = True
# Tables and figures with a caption are numbered: « Tableau 2.1 » in the PDF (by chapter),
# « Tableau 1 » on the web pages, where the chapters are not numbered.
numfig = True
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

# -- The web book -----------------------------------------------------------------
# Where the website is published: Read the Docs' address for this build, or BOOK_URL, or the
# default below.  It gives every page its <link rel="canonical">, the sitemap's and
# OpenGraph's addresses, and (book_links) the links to the PDF and the EPUB.
DEFAULT_URL = "https://securite-devops.readthedocs.io/fr/latest/"
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL") or os.environ.get(
    "BOOK_URL", DEFAULT_URL
)
# {book-link}`en PDF <pdf>` (_ext/book_edition): where Read the Docs publishes each format,
# on Read the Docs and elsewhere (a local build links to the published book).
book_links = read_the_docs_links(os.environ) or read_the_docs_links(
    {"READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": html_baseurl}
)

# « Voir la source de cette page » (furo's view button) on each page: the repository where
# the chapters live.  Read the Docs gives its clone URL and the branch or tag it builds;
# BOOK_SOURCE_REPOSITORY and BOOK_SOURCE_BRANCH set them elsewhere (https://github.com/…,
# gitlab.com or bitbucket.org).
# Without a repository, no link.
SOURCE_REPOSITORY = os.environ.get("BOOK_SOURCE_REPOSITORY") or os.environ.get(
    "READTHEDOCS_GIT_CLONE_URL", ""
).removesuffix(".git")
if SOURCE_REPOSITORY.startswith("https://"):
    html_theme_options = {
        "source_repository": SOURCE_REPOSITORY,
        "source_branch": os.environ.get("BOOK_SOURCE_BRANCH")
        or os.environ.get("READTHEDOCS_GIT_IDENTIFIER", "main"),
        "source_directory": "/",
        "top_of_page_buttons": ["view"],
    }

# The last change of each page, from git (sphinx_last_updated_by_git): « Mis à jour le … ».
# Without git history (a tarball, a copy), pages show no date rather than a wrong one.


def has_git_history(folder: Path) -> bool:
    """Whether git runs here and ``folder`` is in a repository with at least one commit."""
    try:
        command = ["git", "-C", str(folder), "rev-parse", "--verify", "--quiet", "HEAD"]
        return subprocess.run(command, capture_output=True, check=False).returncode == 0
    except OSError:  # no git
        return False


HAS_GIT_HISTORY = has_git_history(ROOT)
git_last_updated_timezone = "Europe/Paris"
# A shallow clone (`git clone --depth 1`) knows no date for the files changed before its first
# commit: they show none, silently too (Read the Docs fetches the whole history first).
suppress_warnings = ["git.too_shallow"]
if not HAS_GIT_HISTORY:
    suppress_warnings += ["git.subprocess_error", "git.command_not_found"]

# OpenGraph: the page's title, description and a card image (a static PNG, drawn from the
# cover: no image made at build time, nothing from the network).
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_image = "_static/carte-livre.png"
ogp_image_alt = f"{project} : {book_subtitle[0].lower()}{book_subtitle[1:]}"
ogp_type = "book"
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = ['<meta property="og:locale" content="fr_FR" />']

# The 404 page, in French, with links that work from any address of the site (absolute
# paths, under the site's own: /fr/latest/ on Read the Docs).
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"
notfound_context = {
    "title": "Page introuvable",
    "body": (
        "<h1>Page introuvable</h1>\n"
        "<p>Cette page n’existe pas ou n’existe plus. Revenez à "
        f'<a href="{notfound_urls_prefix}source/index.html">l’accueil du livre</a> '
        "ou faites une recherche.</p>"
    ),
}

# -- make linkcheck ----------------------------------------------------------------
# Not the book's own addresses (the website and its downloads): they exist once published.
linkcheck_ignore = [rf"^https?://{re.escape(urlsplit(html_baseurl).netloc)}/"]
linkcheck_timeout = 30
linkcheck_retries = 2

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
# "footnote" adds an English « Footnotes » heading to every page without footnotes, and
# "inline" printed the addresses in the biographies' text; a reader taps the link instead.
epub_show_urls = "no"
# The web book's link-preview card is for the website only; .buildinfo.bak is what Sphinx
# keeps of the last build's settings after conf.py changed, which the EPUB builder would
# otherwise warn about (« unknown mimetype ») in the next `make epub`.  sphinx-copybutton's
# two icons are drawn by its script, which reading systems do not run: no page uses them.
epub_exclude_files = [
    "_static/carte-livre.png",
    "_static/carte-livre.svg",
    ".buildinfo.bak",
    "_static/check-solid.svg",
    "_static/copy-button.svg",
]


# -- The book's language ---------------------------------------------------------
LANGUAGE_ERROR = """\
The book is written in French, but this build's language is {language!r} (set with
`-D language={language}`?): its pages would say lang="{language}", its interface and its
typography would not be French.
On Read the Docs, set the project's language to French: Admin > Settings > Language: "French
(fr)" (a new project is English, and Read the Docs passes `-D language=<that language>` to
Sphinx); the book is then published under /fr/.  Elsewhere, leave out `-D language=...`."""


def check_language(app: Sphinx, config: Config) -> None:
    """Stop a build whose language is not French, with how to fix it, rather than publish a
    book whose pages say English to screen readers (Read the Docs' default language).

    One error line and exit status 2, as for a bad option: a ``ConfigError`` would print it
    inside Sphinx 9's crash report (versions, traceback, « please report this »).
    """
    if config.language.split("_")[0].split("-")[0] != "fr":
        logging.getLogger(__name__).error(LANGUAGE_ERROR.format(language=config.language))
        raise SystemExit(2)


def opengraph_on_web_pages_only(app: Sphinx) -> None:
    """sphinxext-opengraph reads each page's name from the context of HTML pages; the JSON and
    pickle builders' has none and it stops them (KeyError: 'pagename').  Link previews are
    for the website: with any other builder, its handler is disconnected."""
    if app.builder.name in {"html", "dirhtml", "singlehtml"}:
        return
    for listener in list(app.events.listeners.get("html-page-context", [])):
        if getattr(listener.handler, "__module__", "") == "sphinxext.opengraph":
            app.disconnect(listener.id)


def setup(app: Sphinx) -> None:
    """The book's own checks (its extensions are in ``extensions`` above)."""
    app.connect("config-inited", check_language, priority=0)
    app.connect("builder-inited", opengraph_on_web_pages_only)
