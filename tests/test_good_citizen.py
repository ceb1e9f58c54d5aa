"""The extensions in someone else's project: they leave its output folder, its parsers and its
inventory as Sphinx would, and work on the Sphinx versions they support.

Other projects run their own test suites with our extensions loaded (Sphinx's shared-result
fixtures skip a build whose output folder is not empty), read Markdown with another parser,
or use no entry at all.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
import sphinx
from roots_build import build, copy_root

import sphinx_book_compat

#: The packaged extensions that ship files (stylesheets, script, LaTeX packages).
SHIPPING = ["myst_parser", "devops_domain", "citations_fr", "french_typography"]


@pytest.mark.parametrize("builder", ["html", "epub", "latex", "singlehtml"])
def test_nothing_is_written_into_the_output_folder_before_the_build(tmp_path, builder):
    """Once the builder is set up (``builder-inited`` has run) and until documents are read,
    the output folder is still empty; the files arrive with the builder's own copy of
    ``html_static_path`` and ``latex_additional_files``."""
    srcdir = copy_root("portable-myst", tmp_path)
    seen: dict[str, list[str]] = {}

    def look(app) -> None:
        seen["files"] = sorted(str(p.relative_to(app.outdir)) for p in app.outdir.rglob("*"))

    built = build(
        srcdir,
        builder,
        events={"env-before-read-docs": lambda app, env, docnames: look(app)},
        extensions=SHIPPING,
        bibtex_bibfiles=["refs.bib"],
        language="fr",
    )
    assert built.warnings == ""
    assert seen["files"] == []
    if builder == "latex":
        shipped = {"sphinxcitationsfr.sty", "sphinxfrenchtypography.sty"}
        assert shipped <= {p.name for p in built.outdir.iterdir()}
    else:
        static = built.outdir / "_static"
        assert {"devops.css", "citations_fr.css"} <= {p.name for p in static.iterdir()}
        assert (static / "devops.js").exists() == (builder == "html")


def test_a_project_with_another_markdown_parser_keeps_it(tmp_path, monkeypatch):
    """citations_fr reads Pandoc citations in MyST only where the project loads myst-parser:
    a project whose ``.md`` files another parser reads builds as before."""
    srcdir = copy_root("portable-rst", tmp_path)
    (srcdir / "other_markdown.py").write_text(
        "from docutils import nodes\n"
        "from docutils.parsers import Parser\n\n\n"
        "class PlainMarkdown(Parser):\n"
        "    supported = ('markdown',)\n\n"
        "    def parse(self, inputstring, document):\n"
        "        document += nodes.paragraph(text='plain: ' + inputstring.strip())\n\n\n"
        "def setup(app):\n"
        "    app.add_source_suffix('.md', 'markdown')\n"
        "    app.add_source_parser(PlainMarkdown)\n"
        "    return {'parallel_read_safe': True}\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(srcdir))
    (srcdir / "notes.md").write_text("Some *notes*.\n", encoding="utf-8")
    with (srcdir / "index.rst").open("a", encoding="utf-8") as index:
        index.write("\n.. toctree::\n\n   notes\n")
    built = build(
        srcdir,
        "html",
        extensions=["other_markdown", "citations_fr", "devops_domain"],
        bibtex_bibfiles=["refs.bib"],
    )
    assert "already registered" not in built.warnings
    assert "Traceback" not in built.warnings + built.status
    assert "plain: Some *notes*." in (built.outdir / "notes.html").read_text(encoding="utf-8")


def inventory_names(outdir: Path) -> str:
    """The names and locations of ``objects.inv`` (after its four header lines)."""
    data = (outdir / "objects.inv").read_bytes()
    body = data.split(b"\n", 4)[4]
    return zlib.decompress(body).decode("utf-8")


def test_no_index_labels_in_the_inventory_of_a_project_without_entries(tmp_path):
    """The domain's index pages are written only when they list something: a project with
    no term and no person publishes no ``devops-terms`` or ``devops-people`` label for
    other projects to link to a page that does not exist."""
    srcdir = copy_root("portable-only", tmp_path)
    built = build(srcdir, "html")
    assert not (built.outdir / "devops-terms.html").exists()
    names = inventory_names(built.outdir)
    assert "genindex" in names  # the inventory is read right
    assert "devops-terms" not in names
    assert "devops-people" not in names


def test_index_labels_in_the_inventory_of_a_project_with_entries(tmp_path):
    srcdir = copy_root("portable-myst", tmp_path)
    built = build(srcdir, "html")
    names = inventory_names(built.outdir)
    assert "devops-terms std:label -1 devops-terms.html" in names
    assert "devops-people std:label -1 devops-people.html" in names
    assert (built.outdir / "devops-people.html").is_file()


def test_below_the_minimum_sphinx_the_build_stops_with_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(sphinx, "__display_version__", "7.3.7")
    monkeypatch.setattr(sphinx, "version_info", (7, 3, 7, "final", 0))
    from sphinx.errors import VersionRequirementError

    with pytest.raises(VersionRequirementError, match=r"at least Sphinx v7\.4"):
        build(copy_root("portable-rst", tmp_path), "html")


def test_the_checked_versions_run_from_the_minimum_to_the_newest():
    assert sphinx_book_compat.MINIMUM_SPHINX == "7.4"
    assert {(7, 4), (9, 1)} <= sphinx_book_compat.CHECKED_SPHINX
    assert sphinx_book_compat.checked()  # the Sphinx of this environment
