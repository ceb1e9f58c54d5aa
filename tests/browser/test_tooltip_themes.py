"""The term tooltip under the themes a user of the domain may have, light and dark.

The matrix's MyST project (only the domain loaded) is built once per theme; Chromium hovers a
term under a system that prefers light, then dark. A light-only theme (alabaster,
sphinx-rtd-theme) keeps a light tooltip; a theme with a dark mode (furo, pydata-sphinx-theme,
sphinx-book-theme) follows it. The text is readable in every case (WCAG AA).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from portable_build import OTHERS_DEPRECATIONS, sphinx
from roots_build import copy_root

from .test_tooltips import CONTRAST_SCRIPT, MIN_CONTRAST, POPUP
from .tools import DESKTOP, REPORT

pytestmark = [pytest.mark.slow, OTHERS_DEPRECATIONS]

#: Theme -> whether it has a dark mode that follows the system's preference.
THEMES = {
    "alabaster": False,
    "sphinx_rtd_theme": False,
    "furo": True,
    "pydata_sphinx_theme": True,
    "sphinx_book_theme": True,
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """Theme -> the chapter page of the project built with it (no warning)."""
    srcdir = copy_root("portable-myst", tmp_path_factory.mktemp("themes"))
    pages = {}
    for theme in THEMES:
        output = sphinx(srcdir, "html", srcdir / f"_build_{theme}", html_theme=theme)
        assert output.warnings == "", theme
        pages[theme] = output.outdir / "chapter.html"
    return pages


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("theme", list(THEMES))
def test_tooltip_is_readable_under_every_theme(browser, sites, theme, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme, locale="fr-FR")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(sites[theme].as_uri(), wait_until="load")
        page.locator("a.devops-term").first.hover()
        popup = page.locator(POPUP)
        popup.wait_for(state="visible")
        assert "development and operations" in (popup.text_content() or "")
        results = popup.evaluate(CONTRAST_SCRIPT)
        assert errors == []
    finally:
        context.close()
    worst = min(results, key=lambda result: result["ratio"])
    REPORT.append(f"tooltip contrast ({theme}, {scheme}): {worst['ratio']}:1 at worst")
    assert worst["ratio"] >= MIN_CONTRAST, results
    dark = worst["textLuminance"] > worst["backgroundLuminance"]
    assert dark == (scheme == "dark" and THEMES[theme]), "the tooltip does not follow the page"


@pytest.mark.parametrize("theme", list(THEMES))
def test_the_index_of_people_is_set_in_the_texts_face(browser, sites, theme):
    """Names, not code: an entry of ``devops-people`` has the face of the page's text."""
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto((sites[theme].parent / "devops-people.html").as_uri(), wait_until="load")
        entry = page.locator("table a code.xref").first  # furo: its own table's class
        face = entry.evaluate("(e) => getComputedStyle(e).fontFamily")
        text = entry.evaluate("(e) => getComputedStyle(e.closest('table')).fontFamily")
    finally:
        context.close()
    assert face == text
