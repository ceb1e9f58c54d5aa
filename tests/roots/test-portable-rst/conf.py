# What the README asks of a project that uses the devops domain in reStructuredText.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))
extensions = ["devops_domain"]
project = "Portable"
copyright = "2026, Test"
version = release = "1.0"
