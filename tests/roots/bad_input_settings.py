"""Settings shared by the tests/roots/test-bad-* roots: the book's extensions and options,
so that each root meets its bad input as the book would. Each root's conf.py imports them
and names its project."""

import sys
from pathlib import Path

# In place: the repository's _ext (tests/test_bad_inputs.py also puts it on PYTHONPATH).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "_ext"))

from book_stack import EXTENSIONS  # noqa: E402

copyright = "2026, Test"
version = release = "1.0"
language = "fr"
extensions = list(EXTENSIONS)
primary_domain = "devops"
nitpicky = True
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "fr"
html_theme = "furo"
