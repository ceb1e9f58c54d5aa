"""Every page of the website in Chromium: no console error, no sideways scroll on a phone;
the biography footnotes of people; screenshots of the introduction for a person to look at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from .tools import DESKTOP, INTRODUCTION, PHONE, REPORT

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.slow

#: A search, so that the search page runs its scripts and loads the index.
SEARCH = "search.html?q=DevOps"


def test_no_console_errors(site_root, book_pages, open_page):
    """No page logs an error or throws, over HTTP and from file://.

    Over HTTP a search runs too.  Not from file://: Sphinx's search fetches every page it
    found for a summary, which Chromium refuses from file:// (CORS), and the failed fetch
    is an uncaught rejection (searchtools.js); the results themselves still show.
    """
    tab = open_page(site_root + book_pages[0])
    searches = [SEARCH] if site_root.startswith("http") else []
    for name in [*book_pages, *searches]:
        page = tab.goto(site_root + name)
        if name == SEARCH:
            # Sphinx's search says how many pages it found once it has looked.
            page.locator("#search-results .search-summary").wait_for()
            assert page.locator("#search-results a").count(), "the search found nothing"
    assert not tab.errors, "\n".join(tab.errors)


#: What scrolls sideways on the page: the document, and any scroll container (furo's
#: ``.content`` has ``overflow-x: auto``, so a too-wide chapter scrolls there, not in the
#: document).  Code and tables may scroll on their own: that is their design.
SIDEWAYS = """() => {
  const found = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > root.clientWidth) found.push(`document: ${root.scrollWidth}px`);
  for (const element of document.body.querySelectorAll("*")) {
    const overflow = getComputedStyle(element).overflowX;
    if (overflow !== "auto" && overflow !== "scroll") continue;
    if (element.closest("pre, .highlight, .table-wrapper, .math-wrapper")) continue;
    if (element.scrollWidth > element.clientWidth + 1) {
      found.push(`${element.tagName.toLowerCase()}.${element.classList[0]}:`
                 + ` ${element.scrollWidth}px in ${element.clientWidth}px`);
    }
  }
  return found;
}"""


def test_no_horizontal_scroll_on_a_phone(http_root, book_pages, open_page):
    tab = open_page(http_root + book_pages[0], viewport=PHONE)
    too_wide = {}
    for name in book_pages:
        page = tab.goto(http_root + name)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], name
        if found := page.evaluate(SIDEWAYS):
            too_wide[name] = found
    assert not too_wide, f"scrolls sideways at {PHONE['width']} px: {too_wide}"


#: Whether an element is in the viewport and on top (not under furo's sticky header).
SEEN = """(element) => {
  const box = element.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + 4, 0), innerWidth - 1);
  const y = box.top + Math.min(box.height / 2, 8);
  if (y < 0 || y >= innerHeight) return false;
  const top = document.elementFromPoint(x, y);
  return top !== null && (element === top || element.contains(top));
}"""


def is_seen(target: Locator) -> bool:
    return target.evaluate(SEEN)


def wait_until_seen(page: Page, target: Locator) -> None:
    """Wait for `target` to be on screen (furo scrolls smoothly to the URL's fragment)."""
    page.wait_for_function(SEEN, arg=target.element_handle(), timeout=5000)


def test_biography_footnote_round_trip(site_root, open_page):
    """The footnote mark after a person's first mention leads to the biography and back."""
    page = open_page(site_root + INTRODUCTION, viewport=PHONE).page
    mark_id = page.evaluate(
        """() => {
          const person = document.querySelector("a.devops-person");
          const marks = [...document.querySelectorAll("a.footnote-reference")];
          const mark = marks.find(
            (m) => person.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING);
          return mark ? mark.id : null;
        }"""
    )
    assert mark_id, "no footnote mark after the first person"
    mark = page.locator(f"[id='{mark_id}']")
    person = page.locator("a.devops-person").first.inner_text()
    note_id = mark.get_attribute("href").partition("#")[2]
    note = page.locator(f"[id='{note_id}']")
    assert person in note.inner_text(), f"footnote {note_id} is not {person}'s biography"
    assert not is_seen(note), "the page is too short to tell a jump from no jump"

    mark.click()
    assert urlsplit(page.url).fragment == note_id
    wait_until_seen(page, note)  # fails if the footnote does not come on screen
    assert not is_seen(mark)

    note.locator("a[role='doc-backlink']").click()
    assert urlsplit(page.url).fragment == mark_id
    wait_until_seen(page, mark)  # the back-link brings the mark back on screen


@pytest.mark.parametrize(
    ("shot", "viewport", "theme"),
    [
        ("desktop-light", DESKTOP, "light"),
        ("desktop-dark", DESKTOP, "dark"),
        ("phone-light", PHONE, "light"),
    ],
)
def test_screenshots(http_root, open_page, screenshot_dir, shot, viewport, theme):
    """The introduction with a term's tooltip open, for a person to look at: the window
    (``introduction-<shot>.png``) and the whole page (``introduction-<shot>-full.png``).
    """
    page = open_page(http_root + INTRODUCTION, viewport=viewport, theme=theme).page
    page.locator("a.devops-term").first.hover()
    page.locator(".devops-tooltip-popup").wait_for(state="visible")
    paths = [
        screenshot_dir / f"introduction-{shot}.png",
        screenshot_dir / f"introduction-{shot}-full.png",
    ]
    page.screenshot(path=paths[0])
    page.screenshot(path=paths[1], full_page=True)
    for path in paths:
        assert path.stat().st_size > 10_000
        print(f"screenshot: {path}")
    if shot == "desktop-light":
        REPORT.append(f"screenshots: {screenshot_dir}")
