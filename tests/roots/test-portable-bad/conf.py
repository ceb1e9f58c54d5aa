# Bad input in a project that loads only the domain: each builder reports it the same way.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))
extensions = ["myst_parser", "devops_domain"]
project = "Bad"
copyright = "2026, Test"
version = release = "1.0"
