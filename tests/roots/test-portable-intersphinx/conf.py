# Another project that links to the portable project's entries through intersphinx: Sphinx's
# external roles need the domain loaded. The test sets intersphinx_mapping to the inventory it
# built (no network).

extensions = ["myst_parser", "sphinx.ext.intersphinx", "devops_domain"]
project = "Reader"
