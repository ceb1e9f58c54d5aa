# Another project that links to the portable project's entries through intersphinx: Sphinx's
# external roles need the domain loaded. The test sets intersphinx_mapping to the inventory it
# built (no network).
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))
extensions = ["myst_parser", "sphinx.ext.intersphinx", "devops_domain"]
project = "Reader"
