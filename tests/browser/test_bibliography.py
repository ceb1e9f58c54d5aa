"""The book's bibliography in Chromium, as a reader sees it: no label before the entries, each
entry hanging (its next lines indented), ragged right (citations_fr.css)."""

from __future__ import annotations

import pytest

from .tools import DESKTOP, PHONE

pytestmark = pytest.mark.slow

BIBLIOGRAPHY = "source/bibliographie.html"

#: The left edge of each line of an element's text, top to bottom (CSS pixels).
LINE_STARTS = """(element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
    rects.sort((a, b) => a.top - b.top);
    // one line: boxes whose tops are close (a superscript sits a little higher)
    const half = parseFloat(getComputedStyle(element).lineHeight) / 2 || 8;
    const lines = [];
    for (const rect of rects) {
        const line = lines.find((l) => Math.abs(l.top - rect.top) < half);
        if (line) line.left = Math.min(line.left, rect.left);
        else lines.push({top: rect.top, left: rect.left});
    }
    return lines.sort((a, b) => a.top - b.top).map((line) => line.left);
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_entries_hang_without_labels(http_root, open_page, viewport):
    page = open_page(http_root + BIBLIOGRAPHY, viewport=viewport).page
    entries = page.locator("div.citation")
    assert entries.count() > 40
    assert page.locator("div.citation span.label:visible").count() == 0
    margins, indented = set(), 0
    for index in range(entries.count()):
        paragraph = entries.nth(index).locator("p")
        starts = paragraph.evaluate(LINE_STARTS)
        margins.add(round(starts[0]))
        if len(starts) > 1:
            assert min(starts[1:]) > starts[0] + 10, paragraph.inner_text()[:60]
            indented += 1
        assert paragraph.evaluate("(p) => getComputedStyle(p).textAlign") in {"left", "start"}
    assert len(margins) == 1  # every entry starts at the same margin
    assert indented > 10
