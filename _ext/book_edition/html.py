"""The web pages: the notes set apart from the text, and the one a reader jumps to highlighted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import _
from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CSS_FILE = Path(__file__).parent.resolve() / "static" / "book-html.css"
#: The builders that write furo's pages (the EPUB has its own style sheet: epub.py).
WEB_BUILDERS = ("html", "dirhtml")


def licence_in_footer(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The footer's « Copyright © 2026, L’auteur » goes on with the book's licence."""
    if app.builder.name in WEB_BUILDERS and app.config.book_licence and context.get("copyright"):
        context["copyright"] = f"{context['copyright']}. {app.config.book_licence}"


#: The domain's indexes (devops_domain), shown open on the book's pages: collapsed, a reader
#: saw only the letters and had to unfold each one.
OPEN_INDEXES = ("devops-terms", "devops-people")


def typographic_indexes(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The indexes' entries with a typographic apostrophe, as in the text (« chaîne
    d’approvisionnement »: the names come from the sources, where the author typed « ' »,
    and smart quotes do not reach the indexes); the domain's indexes open."""
    if pagename == "genindex" and "genindexentries" in context:
        genindex = [
            (key, [(_curly(name), _curly_entry(entry)) for name, entry in entries])
            for key, entries in context["genindexentries"]
        ]
        context["genindexentries"] = _linked_see_entries(genindex)
    elif pagename in OPEN_INDEXES and "content" in context:
        context["collapse_index"] = False
        context["content"] = [
            (
                letter,
                [
                    entry._replace(
                        name=_curly(entry.name),
                        extra=_curly(entry.extra),
                        descr=_curly(entry.descr),
                    )
                    for entry in entries
                ],
            )
            for letter, entries in context["content"]
        ]


def _linked_see_entries(genindex: list[Any]) -> list[Any]:
    """« artifact, voir artefact »: the « voir » line links to the entry it names (Sphinx
    writes it as plain text), at the page of its definition (its main link) or its first."""
    links = {name: entry[0] for _key, entries in genindex for name, entry in entries if entry[0]}
    prefix = _("see %s").split("%s")[0]

    def target(name: str, sublinks: list[Any]) -> list[Any]:
        if sublinks or not name.startswith(prefix) or name[len(prefix) :] not in links:
            return sublinks
        found = links[name[len(prefix) :]]
        main = next((link for link in found if link[0]), found[0])
        return [(False, main[1])]

    return [
        (
            key,
            [
                (
                    name,
                    (
                        entry[0],
                        [(sub, target(sub, sublinks)) for sub, sublinks in entry[1]],
                        entry[2],
                    ),
                )
                for name, entry in entries
            ],
        )
        for key, entries in genindex
    ]


def _curly(text: str) -> str:
    return text.replace("'", "\u2019")


def _curly_entry(entry: Any) -> Any:
    """One entry of the general index: (links, sub-entries, key); sub-entries are (name,
    links)."""
    links, subitems, key = entry
    return (links, [(_curly(name), sublinks) for name, sublinks in subitems], key)


def add_style_sheet(app: Sphinx) -> None:
    """Link ``book-html.css`` from every page and put it in ``_static``."""
    if app.builder.name not in WEB_BUILDERS:
        return
    app.add_css_file(CSS_FILE.name)
    # A file path, not the folder: before Sphinx makes ``_static``, copy_asset_file would
    # write the style sheet under the folder's name.
    static = Path(app.builder.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    copy_asset_file(CSS_FILE, static / CSS_FILE.name, force=True)
