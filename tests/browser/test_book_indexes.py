"""The website's indexes as a reader sees them on a phone (390 px) and a desktop (1280 px):
one column on a phone, entries not cut mid-word, typographic apostrophes, the domain's
indexes open."""

from __future__ import annotations

import pytest

from .tools import REPORT

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
DESKTOP_WIDE = {"width": 1280, "height": 900}


def test_general_index_on_a_phone(browser, html_dir, screenshot_dir):
    """Each entry of genindex.html is as wide as the screen allows: the table's own 33 %
    columns (120 px) cut « administra-teur » in three lines."""
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto((html_dir / "genindex.html").as_uri(), wait_until="load")
        shot = screenshot_dir / "genindex-390.png"
        page.screenshot(path=shot)
        REPORT.append(f"General index at 390 px: {shot}")
        cells = page.locator("table.genindextable td")
        assert cells.count() > 5
        widths = [cells.nth(i).bounding_box()["width"] for i in range(cells.count())]
        assert min(widths) > 300, widths
        entry = page.get_by_text("administrateur système", exact=True).first
        assert entry.bounding_box()["height"] < 40, "on one line"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


@pytest.mark.parametrize("name", ["genindex.html", "devops-terms.html", "devops-people.html"])
def test_indexes_typographic_and_open(browser, html_dir, screenshot_dir, name):
    """No straight apostrophe in an index (« chaîne d'approvisionnement »), and the domain's
    indexes open: every entry visible without unfolding a letter."""
    context = browser.new_context(viewport=DESKTOP_WIDE, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto((html_dir / name).as_uri(), wait_until="load")
        shot = screenshot_dir / f"{name.removesuffix('.html')}-1280.png"
        page.screenshot(path=shot)
        REPORT.append(f"{name} at 1280 px: {shot}")
        text = page.locator("article").inner_text()
        assert "'" not in text, "a straight apostrophe"
        if name != "devops-people.html":
            assert "d’approvisionnement" in text
        links = page.locator("article table a")
        assert links.count() > 5
        hidden = [i for i in range(links.count()) if not links.nth(i).is_visible()]
        assert hidden == [], f"{len(hidden)} entries folded away"
    finally:
        context.close()


def test_table_number_and_caption_set_apart(browser, html_dir):
    """« Tableau 1 – Les attaques… », as the PDF prints it (Sphinx's « Tableau 1 Les
    attaques… » ran the number into the caption)."""
    context = browser.new_context(viewport=DESKTOP_WIDE, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto((html_dir / "source" / "menaces.html").as_uri(), wait_until="load")
        number = page.locator("table > caption span.caption-number")
        assert number.inner_text().strip() == "Tableau 1"
        after = number.evaluate("node => getComputedStyle(node, '::after').content")
        assert after == '"\u2013\u00a0"', after
    finally:
        context.close()
