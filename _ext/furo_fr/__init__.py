"""French user interface for the furo theme, and a root page for the website.

With ``language = "fr"``, furo still shows English: its ``{% trans %}`` strings have no French
catalog, and some strings are written in English in its templates (aria-labels, the
``<title>`` of its icons).  This extension, when ``html_theme`` is ``"furo"``:

* adds a French catalog for furo's translatable strings to Sphinx's own ``sphinx`` catalog
  (``locale/fr/LC_MESSAGES/sphinx.po``); Sphinx's translations keep priority, this one only
  fills the gaps;
* puts ``templates/furo/`` on ``templates_path``: its ``page.html`` extends furo's and passes
  the page through the ``furo_fr`` filter, which translates the hard-coded strings with the
  ``furo_fr`` catalog (``locale/fr/LC_MESSAGES/furo_fr.po``); it and the index and search
  pages' templates put an en dash between the page's title and the site's in the tab's
  title (« Introduction – Sécurité & DevOps »), where furo writes a hyphen-minus.

Whatever the theme, the ``html`` and ``dirhtml`` builders also write ``index.html`` at the
root of the site when the root document lives in a folder (``root_doc = "source/index"``):
a page that leads to it, so that the root URL of the site (e.g. on Read the Docs) works.
And the EPUB builders title their navigation document in the book's language (Sphinx writes
"Table of Contents" whatever the language) and declare that language on every page (Sphinx
writes it only in the package metadata).

The ``.mo`` files are committed next to their ``.po``: after editing a ``.po``, run
``make catalogs``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape
from sphinx.builders.epub3 import Epub3Builder
from sphinx.locale import get_translation

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"

HERE = Path(__file__).parent.resolve()
LOCALE_DIR = HERE / "locale"
#: furo overrides: only on templates_path when the theme is furo.
FURO_TEMPLATES = HERE / "templates" / "furo"
#: Templates with names of their own (``furo_fr/...``), harmless for any theme.
SITE_TEMPLATES = HERE / "templates" / "site"
ROOT_PAGE_TEMPLATE = "furo_fr/root-page.html"

#: The catalog of the strings that furo writes in English in its templates.
CATALOG = "furo_fr"
_ = get_translation(CATALOG)
sphinx_ = get_translation("sphinx")

#: The English that furo 2025.12.19 hard-codes in its templates, with the markup around it
#: (so that the same words in the text of the book are left alone).
HARDCODED: tuple[tuple[str, str], ...] = (
    # page.html
    ('aria-label="{}"', "Toggle site navigation sidebar"),
    ('aria-label="{}"', "Toggle table of contents sidebar"),
    ('aria-label="{}"', "Toggle Light / Dark / Auto color theme"),
    ('aria-label="{}"', "On Read the Docs"),
    ('aria-label="{}"', "On GitHub"),
    # partials/icons.html
    ("<title>{}</title>", "Contents"),
    ("<title>{}</title>", "Menu"),
    ("<title>{}</title>", "Expand"),
    ("<title>{}</title>", "Light mode"),
    ("<title>{}</title>", "Dark mode"),
    ("<title>{}</title>", "Auto light/dark, in light mode"),
    ("<title>{}</title>", "Auto light/dark, in dark mode"),
    # sidebar/brand.html
    ('alt="{}"', "Logo"),
    ('alt="{}"', "Light Logo"),
    ('alt="{}"', "Dark Logo"),
)

#: The footer says « Made with Sphinx and @pradyunsg's Furo »: the possessive is hard-coded
#: between two links, and French puts the words in another order.
POSSESSIVE = re.compile(
    r"(?P<author><a [^>]*>@pradyunsg</a>)'s\s*(?P<theme><a [^>]*>Furo</a>)", re.DOTALL
)
POSSESSIVE_MSGID = "%(author)s's %(theme)s"

#: furo's navigation labels each expandable entry « Toggle navigation of <title> ».
TOGGLE_NAVIGATION = re.compile(r'aria-label="Toggle navigation of (?P<title>[^"]*)"')
TOGGLE_NAVIGATION_MSGID = "Toggle navigation of %(title)s"

#: The article holds the book's own text, which the filter leaves untouched.
ARTICLE_START = '<article role="main" id="furo-main-content">'
ARTICLE_END = "</article>"


def _translate_ui(html: str) -> str:
    for markup, english in HARDCODED:
        translated = _(english)
        if translated != english:
            html = html.replace(markup.format(english), markup.format(escape(translated)))
    toggle = _(TOGGLE_NAVIGATION_MSGID)
    if toggle != TOGGLE_NAVIGATION_MSGID:
        html = TOGGLE_NAVIGATION.sub(
            lambda m: f'aria-label="{toggle % {"title": m["title"]}}"', html
        )
    pattern = _(POSSESSIVE_MSGID)
    if pattern != POSSESSIVE_MSGID:
        html = POSSESSIVE.sub(
            lambda m: pattern % {"author": m["author"], "theme": m["theme"]}, html
        )
    return html


def translate_furo_page(html: str) -> Markup:
    """The ``furo_fr`` filter: translate furo's hard-coded English around the article."""
    html = str(html)
    start = html.find(ARTICLE_START)
    end = html.rfind(ARTICLE_END)
    if start == -1 or end < start:
        return Markup(_translate_ui(html))
    return Markup(_translate_ui(html[:start]) + html[start:end] + _translate_ui(html[end:]))


def _identity(html: str) -> str:
    return html


def _is_furo(app: Sphinx) -> bool:
    return bool(app.config.html_theme == "furo")


def _relative_to_confdir(app: Sphinx, folder: Path) -> str:
    """``folder`` as ``templates_path`` wants it: relative to the configuration folder.

    Sphinx hashes ``templates_path`` into ``.buildinfo``: an absolute path would make the
    output depend on where the book is checked out.  Both paths are resolved, so that a
    symbolic link in either does not lead ``..`` astray.
    """
    try:
        return os.path.relpath(folder, Path(app.confdir).resolve())
    except ValueError:  # Windows: another drive
        return str(folder)


def _config_inited(app: Sphinx, config: Config) -> None:
    config.templates_path = [*config.templates_path, _relative_to_confdir(app, SITE_TEMPLATES)]
    if not _is_furo(app):
        return
    config.templates_path = [_relative_to_confdir(app, FURO_TEMPLATES), *config.templates_path]
    # The {% trans %} strings of furo's templates go through Sphinx's own catalog:
    # this one is added as a fallback.
    app.add_message_catalog("sphinx", LOCALE_DIR)
    app.add_message_catalog(CATALOG, LOCALE_DIR)


def _builder_inited(app: Sphinx) -> None:
    if isinstance(app.builder, Epub3Builder):
        # Sphinx leaves these in English ("XXX These strings should be localized").
        app.builder.guide_titles = {
            key: str(sphinx_(title)) for key, title in app.builder.guide_titles.items()
        }
        html_tag = getattr(app.builder, "html_tag", "")
        language = escape(app.config.epub_language)
        if html_tag.startswith("<html ") and " lang=" not in html_tag:
            app.builder.html_tag = html_tag.replace(
                "<html ", f'<html lang="{language}" xml:lang="{language}" ', 1
            )
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None:
        return
    # The EPUB builder also finds our page.html (html_theme is furo) but uses its own theme:
    # there the filter changes nothing.
    theme = getattr(getattr(app.builder, "theme", None), "name", None)
    environment.filters["furo_fr"] = translate_furo_page if theme == "furo" else _identity


def _root_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``index.html`` at the root of the website, leading to the root document."""
    if (
        app.builder.name in {"html", "dirhtml"}
        and app.config.root_doc != "index"
        and "index" not in app.env.all_docs
    ):
        yield "index", {"furo_fr_target": app.config.root_doc}, ROOT_PAGE_TEMPLATE


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-collect-pages", _root_page)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
