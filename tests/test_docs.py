"""The extensions' documentation (docs/): it builds without a warning with the extensions
themselves, and documents every warning subtype, configuration value and builder cell."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from roots_build import build
from test_domain_matrix import readme_table

from devops_domain.warnings import Subtype

#: myst-parser 5.2's ``include`` directive (docs/changelog.md) reads the deprecated ``env.app``.
pytestmark = pytest.mark.filterwarnings(
    "ignore:'sphinx.environment.BuildEnvironment.app' is deprecated"
)

DOCS = Path(__file__).resolve().parents[1] / "docs"
#: The configuration values the packaged extensions register.
CONFIG_VALUES = (
    "devops_report_unused",
    "devops_write_unchanged_index_pages",
    "citations_format_once",
    "citations_plugin_lookup",
    "french_typography",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    built = build(DOCS, "html", builddir=tmp_path_factory.mktemp("docs"))
    assert built.warnings == ""
    return built.outdir


def text_of(page: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")).split())


def test_every_warning_subtype_is_documented(site):
    page = text_of(site / "warnings.html")
    for subtype in Subtype:
        assert f"devops.{subtype.value}" in page, subtype
    for other in ("citations.bibfile", "citations.unknown_entry_type", "sphinx_compat.version"):
        assert other in page


def test_every_configuration_value_is_documented(site):
    page = text_of(site / "configuration.html")
    for name in CONFIG_VALUES:
        assert name in page, name


def test_the_builders_table_is_the_matrix():
    assert readme_table() in (DOCS / "builders.md").read_text(encoding="utf-8")


def test_the_docs_use_the_domain_they_document(site):
    """The vocabulary of concepts.md is a devops index, and mentions link to it."""
    assert (site / "devops-terms.html").is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="concepts.html#term-entry"' in index or "concepts.html#term-entry" in index


def test_the_changelog_starts_with_the_current_version(site):
    assert "1.0.0" in text_of(site / "changelog.html")
