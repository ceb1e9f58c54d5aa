"""furo's sidebar labels its expandable entries in French too."""

from __future__ import annotations

from roots_build import build, copy_root


def test_expandable_navigation_entries_are_labelled_in_french(tmp_path):
    built = build(copy_root("furo-nested", tmp_path), "html")
    assert built.warnings == ""
    page = (built.outdir / "chapitre.html").read_text(encoding="utf-8")
    assert "Toggle navigation" not in page
    assert 'aria-label="Afficher ou masquer la navigation de Première partie"' in page
