# A project that loads the devops domain and uses no term or person.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))
extensions = ["myst_parser", "devops_domain"]
project = "Only"
myst_enable_extensions = ["colon_fence"]
