"""The term tooltips in Chromium: mouse, keyboard, screen reader, colours, a phone's width.

A term link (``a.devops-term``) names with ``aria-describedby`` a hidden copy of its
definition's first paragraph; ``devops.js`` shows that copy in ``.devops-tooltip-popup``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from .tools import DESKTOP, INTRODUCTION, PHONE, REPORT

if TYPE_CHECKING:
    from playwright.sync_api import CDPSession, Page

pytestmark = pytest.mark.slow

GLOSSARY = "source/glossaire.html"
#: The pages whose term links the interactive tests go through (every link on each).
TERM_PAGES = (INTRODUCTION, GLOSSARY)
POPUP = ".devops-tooltip-popup"
#: WCAG 2.x, 1.4.3 (AA): normal text.
MIN_CONTRAST = 4.5
#: devops.js hides the tooltip 150 ms after the mouse leaves; how long to wait for that.
HIDE_DELAY = 150
HIDE_TIMEOUT = 2000


def words(text: str) -> str:
    return " ".join(text.split())


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def definition(html_dir: Path, root: str, href: str) -> str:
    """The text of the first paragraph of the definition a term link points to."""
    url = urlsplit(href)
    relative = url._replace(fragment="", query="").geturl().removeprefix(root)
    entry = _soup(html_dir / unquote(relative)).find(id=unquote(url.fragment))
    assert entry is not None, href
    assert entry.name == "dt", href
    return words(entry.find_next_sibling("dd").find("p").get_text())


def term_links(page: Page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "a.devops-term",
        "links => links.map(link => ({href: link.href, text: link.textContent,"
        " describedby: link.getAttribute('aria-describedby')}))",
    )


def popup_text(page: Page) -> str:
    return words(page.locator(POPUP).text_content() or "")


def test_hover_shows_the_definition(site_root, html_dir, open_page):
    """Each term's tooltip under the mouse; the pointer may go onto it (WCAG 1.4.13), and
    going from one term to the next switches the tooltip.
    """
    tab = open_page(site_root + TERM_PAGES[0])
    for name in TERM_PAGES:
        page = tab.goto(site_root + name)
        links = term_links(page)
        assert links, f"{name}: no term link"
        popup = page.locator(POPUP)
        first_links = {link["describedby"]: index for index, link in reversed([*enumerate(links)])}
        for index in sorted(first_links.values()):  # each term once: the first of its links
            link = links[index]
            page.locator("a.devops-term").nth(index).hover()
            popup.wait_for(state="visible")
            assert popup_text(page) == definition(html_dir, site_root, link["href"]), (
                name,
                link["text"],
            )
        # The pointer can move onto the tooltip without losing it ...
        popup.hover()
        page.wait_for_timeout(HIDE_DELAY * 2)
        assert popup.is_visible(), f"{name}: the tooltip leaves from under the mouse"
        # ... and it goes once the pointer has left both.
        page.mouse.move(DESKTOP["width"] - 1, DESKTOP["height"] - 1)
        popup.wait_for(state="hidden", timeout=HIDE_TIMEOUT)


def test_keyboard_focus_shows_and_escape_hides(site_root, html_dir, open_page):
    """Tab through the whole page: the tooltip is there exactly while a term link has focus."""
    tab = open_page(site_root + TERM_PAGES[0])
    for name in TERM_PAGES:
        page = tab.goto(site_root + name)
        expected_links = len(term_links(page))
        popup = page.locator(POPUP)
        seen = 0
        for _ in range(500):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                "(() => { const e = document.activeElement;"
                " return e && e !== document.body ? {term: e.matches('a.devops-term'),"
                " href: e.href || '', text: e.textContent} : null; })()"
            )
            if focused is None:  # past the last focusable element
                break
            if not focused["term"]:
                assert not popup.is_visible(), f"{name}: a tooltip stays after leaving its link"
                continue
            seen += 1
            popup.wait_for(state="visible")
            assert popup_text(page) == definition(html_dir, site_root, focused["href"])
            page.keyboard.press("Escape")
            popup.wait_for(state="hidden", timeout=HIDE_TIMEOUT)
            assert page.evaluate("document.activeElement.matches('a.devops-term')"), (
                "Escape must hide the tooltip, not move the focus"
            )
        assert seen == expected_links, f"{name}: {seen} of {expected_links} term links by Tab"


def ax_node(cdp: CDPSession, selector: str) -> list[dict]:
    """Chromium's accessibility nodes (what a screen reader gets) of the elements `selector`."""
    document = cdp.send("DOM.getDocument", {"depth": 0})
    node_ids = cdp.send(
        "DOM.querySelectorAll", {"nodeId": document["root"]["nodeId"], "selector": selector}
    )["nodeIds"]
    return [
        cdp.send("Accessibility.getPartialAXTree", {"nodeId": node_id, "fetchRelatives": False})[
            "nodes"
        ][0]
        for node_id in node_ids
    ]


def test_screen_readers_get_the_definition(site_root, html_dir, book_pages, open_page):
    """Chromium's accessibility tree gives every term link its definition as description,
    once: the hidden text itself and the visible popup are not read on their own.
    """
    checked = 0
    tab = open_page(site_root + INTRODUCTION)
    for name in book_pages:
        page = tab.goto(site_root + name)
        links = term_links(page)
        if not links:
            continue
        cdp = page.context.new_cdp_session(page)
        nodes = ax_node(cdp, "a.devops-term")
        assert len(nodes) == len(links)
        for link, node in zip(links, nodes, strict=True):
            expected = definition(html_dir, site_root, link["href"])
            target = link["describedby"]
            assert target, f"{name}: {link['text']} has no aria-describedby"
            source = page.locator(f"[id='{target}']")
            assert source.count() == 1, f"{name}: aria-describedby={target} names no element"
            assert words(source.text_content()) == expected
            assert node["role"]["value"] == "link"
            description = node.get("description", {}).get("value", "")
            assert words(description) == expected, (name, link["text"], description)
            checked += 1
        assert all(node["ignored"] for node in ax_node(cdp, ".devops-tooltip")), (
            f"{name}: the tooltip texts are read where they stand"
        )
        page.locator("a.devops-term").first.hover()
        page.locator(POPUP).wait_for(state="visible")
        (popup,) = ax_node(cdp, POPUP)
        assert popup["ignored"], f"{name}: the visible tooltip is read a second time"
        cdp.detach()
    assert checked, "no term link in the book"


CONTRAST_SCRIPT = """
(root) => {
  const parse = (value) => {
    const m = value.match(/^rgba?\\(([\\d.]+),? *([\\d.]+),? *([\\d.]+)(?:[,\\/] *([\\d.]+))?\\)$/);
    if (!m) throw new Error("colour not in sRGB: " + value);
    return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
  };
  // `top` painted over the opaque `bottom`.
  const over = (top, bottom) =>
    [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  // The backgrounds from the element up to the first opaque one, painted bottom first.
  const background = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = (colour) => {
    const [r, g, b] = colour.slice(0, 3).map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const results = [];
  for (const element of [root, ...root.querySelectorAll("*")]) {
    const text = [...element.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join("").trim();
    if (!text) continue;
    const back = background(element);
    const fore = over(parse(getComputedStyle(element).color), back);
    results.push({element: element.tagName.toLowerCase(), text: text.slice(0, 30),
                  colour: fore.slice(0, 3), background: back.slice(0, 3),
                  ratio: Math.round(ratio(fore, back) * 100) / 100,
                  textLuminance: luminance(fore), backgroundLuminance: luminance(back)});
  }
  return results;
}
"""


@pytest.mark.parametrize("theme", ["light", "dark", "auto-dark"])
def test_tooltip_is_readable(http_root, open_page, theme):
    """WCAG contrast of every text of the tooltip against its own (computed) background."""
    # "auto-dark": furo's "auto" theme (the default) on a system that prefers dark.
    furo_theme, _, scheme = theme.partition("-")
    page = open_page(http_root + INTRODUCTION, theme=furo_theme, color_scheme=scheme or None).page
    page.locator("a.devops-term").first.hover()
    popup = page.locator(POPUP)
    popup.wait_for(state="visible")
    results = popup.evaluate(CONTRAST_SCRIPT)
    assert results, "no text in the tooltip"
    worst = min(results, key=lambda result: result["ratio"])
    REPORT.append(
        f"tooltip contrast ({theme}): {worst['ratio']}:1 at worst, text {worst['colour']}"
        f" on {worst['background']}"
    )
    assert worst["ratio"] >= MIN_CONTRAST, results
    dark_text = worst["textLuminance"] < worst["backgroundLuminance"]
    assert dark_text == (theme == "light"), f"the tooltip does not follow the {theme} theme"
    box = popup.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= DESKTOP["width"]


def test_tooltip_fits_a_phone(http_root, open_page):
    """At 375 px every term's tooltip stays inside the viewport and adds no sideways scroll."""
    tab = open_page(http_root + TERM_PAGES[0], viewport=PHONE)
    for name in TERM_PAGES:
        page = tab.goto(http_root + name)
        popup = page.locator(POPUP)
        for index, link in enumerate(term_links(page)):
            anchor = page.locator("a.devops-term").nth(index)
            anchor.focus()
            popup.wait_for(state="visible")
            box = popup.bounding_box()
            width = page.evaluate("document.documentElement.clientWidth")
            assert box is not None
            assert box["x"] >= 0, (name, link["text"], box)
            assert box["x"] + box["width"] <= width, (name, link["text"], box)
            scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
            assert scroll_width <= PHONE["width"], (name, link["text"], scroll_width)
            anchor.blur()
            popup.wait_for(state="hidden", timeout=HIDE_TIMEOUT)


def test_tooltip_stays_on_screen_near_the_bottom(http_root, open_page):
    """A link at the bottom edge of the window: the tooltip opens where it can be read."""
    page = open_page(http_root + INTRODUCTION, viewport=PHONE).page
    link = page.locator("a.devops-term").last
    # The link's last line (a link may wrap) 20 px above the bottom edge; the pointer on it.
    line = link.evaluate(
        """(a) => {
          const last = () => [...a.getClientRects()].pop();
          window.scrollBy({top: last().bottom - innerHeight + 20, behavior: "instant"});
          const r = last();
          return {x: r.left + r.width / 2, y: r.top + r.height / 2, bottom: r.bottom};
        }"""
    )
    assert line["bottom"] > PHONE["height"] - 40, "the link did not reach the bottom"
    page.mouse.move(line["x"], line["y"])
    popup = page.locator(POPUP)
    popup.wait_for(state="visible", timeout=HIDE_TIMEOUT)
    shown = popup.bounding_box()
    box = link.bounding_box()
    assert shown is not None
    assert box is not None
    assert shown["y"] >= 0
    assert shown["y"] + shown["height"] <= PHONE["height"]
    # Above the link, not over it.
    assert shown["y"] + shown["height"] <= box["y"]
