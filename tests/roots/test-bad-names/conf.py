"""Bad input for tests/test_bad_inputs.py: see index.md."""

import sys
from pathlib import Path

# tests/roots, when built in place (tests/test_bad_inputs.py puts it on PYTHONPATH).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bad_input_settings import *  # noqa: E402, F403 (the book's settings)

project = "Entrées fautives (names)"
