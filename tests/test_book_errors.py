"""A book with mistakes (tests/roots/test-book-errors): the build fails and says where."""

from __future__ import annotations

import pytest
from conftest import TESTS, sphinx_build

ROOT = TESTS / "roots" / "test-book-errors"


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    return sphinx_build("html", tmp_path_factory.mktemp("errors") / "html", srcdir=ROOT)


@pytest.mark.slow
def test_build_fails_with_warnings_as_errors(build):
    assert build.returncode != 0
    assert "build finished with problems, 3 warnings" in build.stderr + build.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("line", "message"),
    [
        (5, "'myst' cross-reference target not found: 'section-inexistante'"),
        (7, 'could not find bibtex key "Inconnu2042"'),
        (9, "undefined label: 'etiquette-inconnue'"),
    ],
)
def test_warning_names_file_and_line(build, line, message):
    prefix = f"{ROOT / 'chapitre.md'}:{line}: WARNING: "
    lines = [entry for entry in build.stderr.splitlines() if entry.startswith(prefix)]
    assert lines, build.stderr
    assert any(message in entry for entry in lines), lines
