# What the README asks of a project that uses the devops domain in reStructuredText.

extensions = ["devops_domain"]
project = "Portable"
copyright = "2026, Test"
version = release = "1.0"
