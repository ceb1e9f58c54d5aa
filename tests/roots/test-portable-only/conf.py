# A project that loads the devops domain and uses no term or person.

extensions = ["myst_parser", "devops_domain"]
project = "Only"
myst_enable_extensions = ["colon_fence"]
