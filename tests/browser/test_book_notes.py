"""The notes of a web page, in Chromium: a rule sets them apart from the text, and the note a
reader jumps to from its call is highlighted (it was not: nothing told where to look)."""

from __future__ import annotations

import pytest

from .tools import INTRODUCTION, REPORT

pytestmark = pytest.mark.slow

NOTES = "article aside.footnote-list"
STYLE = "(element, property) => getComputedStyle(element)[property]"


def test_notes_ruled_off_and_target_highlighted(http_root, open_page, screenshot_dir):
    tab = open_page(http_root + INTRODUCTION)
    page = tab.page
    notes = page.locator(NOTES).first
    assert notes.evaluate(STYLE, "borderTopStyle") == "solid"
    assert float(notes.evaluate(STYLE, "borderTopWidth").removesuffix("px")) >= 1
    call = page.locator("a.footnote-reference").first
    target = call.get_attribute("href").removeprefix("#")
    note = page.locator(f"aside.footnote[id='{target}']")
    plain = note.evaluate(STYLE, "backgroundColor")
    call.click()
    page.wait_for_function(f"location.hash === '#{target}'")
    highlighted = note.evaluate(STYLE, "backgroundColor")
    assert highlighted != plain, (plain, highlighted)
    assert highlighted not in {"rgba(0, 0, 0, 0)", "transparent"}
    shot = screenshot_dir / "html-note-target.png"
    note.scroll_into_view_if_needed()
    page.screenshot(path=shot)
    REPORT.append(f"A note reached from its call: {shot}")
