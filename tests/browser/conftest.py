"""Fixtures of the browser tests: the built website, served over HTTP and opened from file://,
one Chromium for the whole session, and pages that record their console errors.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from conftest import require_tool
from local_http import serve

from .tools import BOOK, CHROMIUM_ARGS, DESKTOP, INTRODUCTION, REPORT, require_module

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """What a person may want to look at: the screenshots, findings below "serious"."""
    if REPORT:
        terminalreporter.section("browser checks")
        for line in REPORT:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def html_dir(book_build) -> Path:
    """The website, built once for the session (`make html`)."""
    return book_build("html")


@pytest.fixture(scope="session")
def book_pages(html_dir: Path) -> list[str]:
    """Every page of the website, relative to its root (``source/introduction.html``).

    Not ``404.html``: the server sends it for a missing address anywhere on the site, so its
    links start at the site's path (``/fr/latest/``); tests/browser/test_web_book.py opens it
    as served that way.
    """
    pages = sorted(
        path.relative_to(html_dir).as_posix()
        for path in html_dir.rglob("*.html")
        if not path.relative_to(html_dir).parts[0].startswith("_") and path.name != "404.html"
    )
    assert INTRODUCTION in pages, pages
    return pages


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Where the screenshots go: ``_build/screenshots`` (or $BOOK_SCREENSHOTS).

    Not in pytest's temporary folder, which the next few test runs delete.
    """
    folder = Path(os.environ.get("BOOK_SCREENSHOTS") or BOOK / "_build" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder.resolve()


@pytest.fixture(scope="session")
def http_root(html_dir: Path) -> Iterator[str]:
    """The website over http://127.0.0.1:<free port>/, served by a thread of this process."""
    with serve(html_dir) as root:
        yield f"{root}/"


@pytest.fixture(scope="session", params=["http", "file"])
def site_root(request: pytest.FixtureRequest, html_dir: Path) -> str:
    """The website's root URL, as served (http) and as opened from the disk (file)."""
    if request.param == "http":
        return request.getfixturevalue("http_root")
    return html_dir.as_uri() + "/"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium (Debian's) for the whole session."""
    sync_api = require_module("playwright.sync_api")
    executable = require_tool("chromium")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Opened:
    """A tab in a browser context of its own, with the errors its pages wrote to the console."""

    page: Page
    theme: str
    errors: list[str] = field(default_factory=list)

    def goto(self, url: str) -> Page:
        """Load `url` in this tab (cheaper than a new context) and check furo's theme."""
        self.page.goto(url, wait_until="load")
        theme = self.page.evaluate("document.body.dataset.theme")
        assert theme == self.theme, f"{url}: furo's theme is {theme!r}, not {self.theme!r}"
        return self.page


#: Milliseconds for any wait or action: local pages; a failure should not take Playwright's 30 s.
ACTION_TIMEOUT = 10_000
#: Sets furo's colour theme before furo's own inline script reads it.
THEME_SCRIPT = "try { localStorage.setItem('theme', %r); } catch (error) {}"


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Opened]]:
    """``open_page(url, viewport=DESKTOP, theme="light")``: a new tab showing `url`.

    Each tab has a browser context of its own; ``tab.goto(url)`` loads another page in it.
    After the test, an error logged or thrown by any of its pages fails it (at teardown).
    ``theme`` is furo's: "light" or "dark" (stored as a reader's choice), or "auto" (the
    system's preference: ``color_scheme``, light unless told).
    """
    tabs: list[Opened] = []

    def open_(
        url: str,
        *,
        viewport: dict[str, int] = DESKTOP,
        theme: str = "light",
        color_scheme: str | None = None,
    ) -> Opened:
        context = browser.new_context(
            viewport=viewport,
            color_scheme=color_scheme or ("dark" if theme == "dark" else "light"),
            locale="fr-FR",
        )
        context.set_default_timeout(ACTION_TIMEOUT)
        context.add_init_script(THEME_SCRIPT % theme)
        tab = Opened(context.new_page(), theme)
        tabs.append(tab)

        def on_console(message: ConsoleMessage) -> None:
            where = message.location.get("url", "")
            # The book declares no icon, so Chromium asks the server for /favicon.ico by
            # itself (not a request of the page); the 404 is the test server's.
            if message.type == "error" and urlsplit(where).path != "/favicon.ico":
                tab.errors.append(f"{tab.page.url}: console error: {message.text} ({where})")

        def on_error(error: Exception) -> None:
            tab.errors.append(f"{tab.page.url}: uncaught exception: {error}")

        tab.page.on("console", on_console)
        tab.page.on("pageerror", on_error)
        tab.goto(url)
        return tab

    yield open_
    for tab in tabs:
        tab.page.context.close()
    # Whatever a test did in its tabs, no page may log an error or throw meanwhile.
    errors = [error for tab in tabs for error in tab.errors]
    assert not errors, "\n".join(errors)
