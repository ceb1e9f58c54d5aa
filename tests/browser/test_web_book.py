"""The web book's basics as a reader sees them in Chromium: the date of each page, the link to
its source, the links to the PDF and the EPUB, the 404 page served as Read the Docs serves it
(for any missing address, under /fr/latest/), and the copy button of code blocks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BOOK
from local_http import QuietHandler, serve
from roots_build import BUILD_ENV, build, copy_root
from test_book_web import shallow

from .tools import DESKTOP

pytestmark = pytest.mark.slow

#: Where the site is served, as on Read the Docs.
PREFIX = "/fr/latest/"
REPOSITORY = "https://github.com/exemple/securite-devops"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The book built with the address of its repository (as Read the Docs gives it)."""
    out = tmp_path_factory.mktemp("web") / "html"
    env = {**BUILD_ENV, "BOOK_SOURCE_REPOSITORY": REPOSITORY, "BOOK_SOURCE_BRANCH": "main"}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-nW", "--keep-going", "-b", "html", str(BOOK), str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out


class ReadTheDocsLikeHandler(QuietHandler):
    """The site under PREFIX; any missing address gets 404.html with status 404."""

    def translate_path(self, path: str) -> str:
        return super().translate_path(
            "/" + path.removeprefix(PREFIX) if path.startswith(PREFIX) else "/missing"
        )

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = Path(self.directory, "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve(site, ReadTheDocsLikeHandler) as root:
        yield root


def new_tab(browser, errors: list[str], **options: Any):
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def test_a_chapter_shows_its_date_and_links_to_its_source(browser, server):
    errors: list[str] = []
    page = new_tab(browser, errors)
    page.goto(f"{server}{PREFIX}source/menaces.html", wait_until="load")
    date = page.locator(".last-updated")
    if date.count() or not shallow():
        assert date.is_visible()
        assert date.inner_text().startswith("Mis à jour le ")
    view = page.locator(".view-this-page a")
    assert view.is_visible()
    assert view.get_attribute("title") == "Voir la source de cette page"
    assert view.get_attribute("href") == f"{REPOSITORY}/blob/main/source/menaces.md?plain=true"
    page.context.close()
    assert errors == []


def test_the_front_page_links_to_the_pdf_and_the_epub(browser, server):
    errors: list[str] = []
    page = new_tab(browser, errors)
    page.goto(f"{server}{PREFIX}source/index.html", wait_until="load")
    for words, format_ in (("en PDF", "pdf"), ("en EPUB", "epub")):
        link = page.get_by_role("link", name=words, exact=True)
        assert link.is_visible()
        assert link.get_attribute("href").endswith(f"/_/downloads/fr/latest/{format_}/")
    page.context.close()
    assert errors == []


def test_a_missing_page_shows_the_french_404_page_with_its_style(browser, server):
    """Served for an address deep in the site: its style sheets and its links still work."""
    errors: list[str] = []
    failed: list[str] = []
    page = new_tab(browser, errors)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on(
        "response",
        lambda response: (
            failed.append(response.url)
            if response.status == 404 and "pas-de-page" not in response.url
            else None
        ),
    )
    response = page.goto(f"{server}{PREFIX}source/chapitre/pas-de-page.html", wait_until="load")
    assert response.status == 404
    heading = page.get_by_role("heading", name="Page introuvable")
    assert heading.is_visible()
    assert page.evaluate("document.documentElement.lang") == "fr"
    # furo's style sheet applies: the sidebar is laid out beside the article.
    assert page.locator(".sidebar-drawer").is_visible()
    assert failed == []
    page.get_by_role("link", name="l’accueil du livre").click()
    page.wait_for_load_state("load")
    assert page.url == f"{server}{PREFIX}source/index.html"
    assert page.get_by_role("heading", name="Sécurité & DevOps", level=1).is_visible()
    page.context.close()
    assert errors == []


def test_a_code_block_has_a_copy_button_in_french(browser, tmp_path):
    built = build(copy_root("web-book", tmp_path), "html")
    assert built.warnings == ""
    errors: list[str] = []
    with serve(built.outdir, ReadTheDocsLikeHandler) as root:
        page = new_tab(browser, errors, permissions=["clipboard-read", "clipboard-write"])
        try:
            page.goto(f"{root}{PREFIX}index.html", wait_until="load")
            page.locator("div.highlight").hover()
            button = page.locator("button.copybtn")
            button.wait_for(state="visible")
            assert button.get_attribute("data-tooltip") == "Copier"
            button.click()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == "étapes:\n  - construire: make\n  - tester: make test"
            assert button.get_attribute("data-tooltip") == "Copié !"
        finally:
            page.context.close()
    assert errors == []
