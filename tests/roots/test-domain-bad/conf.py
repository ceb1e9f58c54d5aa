import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[3] / "_ext"))
extensions = ["myst_parser", "devops_domain"]
language = "fr"
primary_domain = "devops"
project = "Erreurs"
