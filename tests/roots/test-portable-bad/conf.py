# Bad input in a project that loads only the domain: each builder reports it the same way.

extensions = ["myst_parser", "devops_domain"]
project = "Bad"
copyright = "2026, Test"
version = release = "1.0"
