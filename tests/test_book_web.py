"""The web book's basics, in `make html`'s site: canonical addresses, the sitemap, link
previews (OpenGraph) and their card, the 404 page, the copy button, each page's date from git,
the links to the PDF and the EPUB.  (In a browser: tests/browser/test_web_book.py; on Read the
Docs, with its addresses and the link to the sources: tests/test_read_the_docs.py.)"""

from __future__ import annotations

import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BOOK

#: conf.py's default address of the website (no READTHEDOCS_CANONICAL_URL, no BOOK_URL).
SITE = "https://securite-devops.readthedocs.io/fr/latest/"
CHAPTERS = ("index", "introduction", "menaces", "glossaire", "personnes", "bibliographie")


@pytest.fixture(scope="module")
def html(book_build) -> Path:
    return book_build("html")


def page(html: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((html / name).read_text(encoding="utf-8"), "html.parser")


def meta(soup: BeautifulSoup, name: str) -> str:
    tag = soup.find("meta", property=name)
    assert tag is not None, f"no <meta property={name!r}>"
    return tag["content"]


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_page_has_its_canonical_address(html, chapter):
    link = page(html, f"source/{chapter}.html").find("link", rel="canonical")
    assert link["href"] == f"{SITE}source/{chapter}.html"


@pytest.mark.slow
def test_the_sitemap_lists_the_chapters_with_their_last_change(html):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(html / "sitemap.xml").getroot()
    entries = {
        url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
        for url in root.findall("s:url", namespace)
    }
    for chapter in CHAPTERS:
        assert entries[f"{SITE}source/{chapter}.html"][:4].isdigit()  # 2026-12-04T…
    assert f"{SITE}404.html" not in entries
    assert f"{SITE}search.html" not in entries


@pytest.mark.slow
def test_link_previews_have_a_title_a_clean_description_and_the_card(html):
    """What a chat or a social network shows for a link to the introduction."""
    soup = page(html, "source/introduction.html")
    assert meta(soup, "og:title") == "Introduction"
    assert meta(soup, "og:url") == f"{SITE}source/introduction.html"
    assert meta(soup, "og:locale") == "fr_FR"
    description = meta(soup, "og:description")
    # The first paragraph as read: no footnote number, a space before the citation.
    assert description.startswith(
        "Lorsque Patrick Debois crée le terme DevOps en 2009 (CloudBees, s. d."
    )
    assert description.endswith("…")
    assert len(description) <= 201
    assert meta(soup, "og:image") == f"{SITE}_static/carte-livre.png"
    assert meta(soup, "og:image:alt").startswith("Sécurité & DevOps : comprendre le DevOps")
    card = (html / "_static" / "carte-livre.png").read_bytes()
    assert card[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", card[16:24]) == (1200, 630)  # the size previews expect


@pytest.mark.slow
def test_the_404_page_is_french_with_links_from_the_site_root(html):
    soup = page(html, "404.html")
    assert soup.html["lang"] == "fr"
    assert soup.title.get_text().startswith("Page introuvable")
    assert soup.find("h1").get_text() == "Page introuvable"
    home = soup.find("a", string="l’accueil du livre")
    assert home["href"] == "/fr/latest/source/index.html"
    stylesheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert stylesheets
    assert all(href.startswith("/fr/latest/_static/") for href in stylesheets)


@pytest.mark.slow
def test_code_blocks_get_a_copy_button_in_french(html):
    scripts = [
        tag.get("src", "") for tag in page(html, "source/introduction.html").find_all("script")
    ]
    assert any(src.startswith("../_static/copybutton.js") for src in scripts)
    script = (html / "_static" / "copybutton.js").read_text(encoding="utf-8")
    assert "'copy_to_clipboard': 'Copier dans le presse-papier'" in script


def shallow() -> bool:
    """Whether this checkout is a shallow clone (its oldest commits have no parents)."""
    return (
        subprocess.run(
            ["git", "-C", str(BOOK), "rev-parse", "--is-shallow-repository"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        == "true"
    )


def git_date(path: str) -> str:
    """The day of the last commit that changed `path`, as the pages print it."""
    return subprocess.run(
        ["git", "-C", str(BOOK), "log", "-1", "--format=%cd", "--date=format:%-d", "--", path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.mark.slow
def test_each_page_shows_its_last_change_from_git(html):
    """« Mis à jour le 4 décembre 2026 »: the day of the chapter's last commit, not of the build."""
    if not (BOOK / ".git").exists():
        pytest.skip("no git history (a tarball): the pages show no date")
    footer = page(html, "source/introduction.html").find(class_="last-updated")
    if footer is None and shallow():
        pytest.skip("a shallow clone: git cannot tell when the introduction last changed")
    assert footer is not None
    text = " ".join(footer.get_text().split())
    assert text.startswith(f"Mis à jour le {git_date('source/introduction.md')} ")


@pytest.mark.slow
def test_the_front_page_links_to_the_pdf_and_the_epub(html):
    """Off Read the Docs too, the formats link to where the book is published."""
    soup = page(html, "source/index.html")
    links = {a.get_text(): a["href"] for a in soup.select("article a.reference.external")}
    downloads = "https://securite-devops.readthedocs.io/_/downloads/fr/latest"
    assert links["en PDF"] == f"{downloads}/pdf/"
    assert links["en EPUB"] == f"{downloads}/epub/"
    assert links["en ligne"] == SITE
