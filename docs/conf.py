"""The documentation of sphinx-devops-domain, for projects that install it.

Built with the distribution itself (the domain defines its own vocabulary in concepts.md,
the citations come from refs.bib): ``make docs`` (-nW), and on Read the Docs with
``docs/.readthedocs.yaml``.
"""

project = "sphinx-devops-domain"
author = "The « Sécurité & DevOps » authors"
copyright = f"2026, {author}"
version = release = "1.0.0"
language = "en"

extensions = [
    "myst_parser",
    "devops_domain",
    "citations_fr",
]

nitpicky = True
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]

bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "fr"

html_theme = "alabaster"
html_title = "sphinx-devops-domain"
