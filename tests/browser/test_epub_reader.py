"""The EPUB's pages in Chromium, as a reading app built on a web engine shows them: the note
calls with one pair of brackets, the cover; screenshots of the cover and two chapters."""

from __future__ import annotations

from pathlib import Path

import pytest

from .tools import REPORT

pytestmark = pytest.mark.slow

#: A reading app's page: narrower than a desktop browser.
READER = {"width": 600, "height": 900}
PAGES = ("epub-cover.xhtml", "source/introduction.xhtml", "source/glossaire.xhtml")
BEFORE = "getComputedStyle(document.querySelector('a.footnote-reference'), '::before').content"


@pytest.fixture(scope="module")
def epub_dir(book_build) -> Path:
    """The EPUB's files as the builder leaves them next to the archive."""
    return book_build("epub")


def test_epub_pages(browser, epub_dir, screenshot_dir):
    context = browser.new_context(viewport=READER, locale="fr-FR")
    try:
        page = context.new_page()
        for name in PAGES:
            page.goto((epub_dir / name).as_uri(), wait_until="load")
            shot = screenshot_dir / f"epub-{Path(name).stem}.png"
            page.screenshot(path=shot)  # the first screen, as a reading app opens it
            REPORT.append(f"EPUB page {name}: {shot}")
        page.goto((epub_dir / PAGES[1]).as_uri(), wait_until="load")
        page.locator("aside.footnote-list").first.scroll_into_view_if_needed()
        shot = screenshot_dir / "epub-introduction-notes.png"
        page.screenshot(path=shot)
        REPORT.append(f"EPUB notes of the introduction: {shot}")
        page.goto((epub_dir / PAGES[0]).as_uri(), wait_until="load")
        assert page.evaluate("document.querySelector('img').naturalWidth") > 0
        page.goto((epub_dir / PAGES[1]).as_uri(), wait_until="load")
        call = page.locator("a.footnote-reference").first
        # A raised number, as in the printed book: no brackets (the writer's are hidden, and
        # epub.css's own « [ » is switched off), not « [1] » on the baseline.
        assert call.inner_text() == "1"
        assert page.evaluate(BEFORE) in {"none", "normal"}
        assert call.evaluate("node => getComputedStyle(node).verticalAlign") == "super"
        word = page.locator("a.footnote-reference").first.evaluate(
            "node => node.previousElementSibling.getBoundingClientRect().bottom"
        )
        assert call.bounding_box()["y"] + call.bounding_box()["height"] < word - 2
    finally:
        context.close()


def test_summary_box_is_framed(browser, epub_dir, screenshot_dir):
    """Chapter 2's « En résumé » stands apart from the text, as in the PDF: Sphinx's epub.css
    left it as plain paragraphs after the last one."""
    context = browser.new_context(viewport=READER, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto((epub_dir / "source" / "menaces.xhtml").as_uri(), wait_until="load")
        box = page.locator("div.admonition.summary")
        box.scroll_into_view_if_needed()
        shot = screenshot_dir / "epub-summary.png"
        page.screenshot(path=shot)
        REPORT.append(f"EPUB summary box of chapter 2: {shot}")
        style = box.evaluate(
            "(e) => { const s = getComputedStyle(e);"
            " return [s.borderTopWidth, s.borderLeftWidth, s.paddingLeft]; }"
        )
        assert [float(value.removesuffix("px")) > 0 for value in style] == [True] * 3, style
    finally:
        context.close()


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("name", ["genindex.xhtml", "devops-terms.xhtml"])
def test_indexes_fit_a_phone(browser, epub_dir, screenshot_dir, name):
    """On a phone the general index is one column as wide as the screen: its two columns
    made the page 458 px wide, the right one cut off."""
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto((epub_dir / name).as_uri(), wait_until="load")
        shot = screenshot_dir / f"epub-{Path(name).stem}-390.png"
        page.screenshot(path=shot)
        REPORT.append(f"EPUB {name} at 390 px: {shot}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        text = page.locator("body").inner_text()
        assert "'" not in text, "straight apostrophes in the index"
        assert "d’approvisionnement" in text
    finally:
        context.close()
