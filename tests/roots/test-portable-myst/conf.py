# What the README asks of a project that uses the devops domain in MyST, and nothing else.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))
extensions = ["myst_parser", "devops_domain"]
project = "Portable"
copyright = "2026, Test"
version = release = "1.0"
myst_enable_extensions = ["colon_fence"]
