# What the README asks of a project that uses the devops domain in MyST, and nothing else.

extensions = ["myst_parser", "devops_domain"]
project = "Portable"
copyright = "2026, Test"
version = release = "1.0"
myst_enable_extensions = ["colon_fence"]
