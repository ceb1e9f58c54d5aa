"""The web pages: the notes set apart from the text, the one a reader jumps to highlighted,
each page's description for link previews, and the site's ``sitemap.xml``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import _
from sphinx.util import logging
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
    try:
        static.mkdir(parents=True, exist_ok=True)
        copy_asset_file(CSS_FILE, static / CSS_FILE.name, force=True)
    except OSError as error:  # a full disk: a warning with the path, not a traceback
        logging.getLogger(__name__).warning(
            "cannot write %s: %s",
            error.filename2 or error.filename or static,
            error.strerror,
            type="book_edition",
            subtype="output",
        )


#: The length of a page's description for link previews (OpenGraph), in characters.
DESCRIPTION_LENGTH = 200


def describe_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``og:description``: the page's first paragraph as a reader reads it.

    sphinxext-opengraph reads the text itself, but joins inline nodes without their spaces
    and keeps the footnote numbers (« Debois 1 crée … en 2009( CloudBees »); a page's own
    ``og:description`` (its front matter) still wins, as this runs first.
    """
    if app.builder.name not in WEB_BUILDERS or doctree is None:
        return
    meta = context.get("meta") or {}
    if "og:description" in meta:
        return
    for paragraph in doctree.findall(nodes.paragraph):
        if _in_note_or_navigation(paragraph):
            continue
        copy = paragraph.deepcopy()
        for note in list(copy.findall(nodes.footnote_reference)):
            note.parent.remove(note)
        text = " ".join(copy.astext().split())
        if text:
            context["meta"] = {**meta, "og:description": _shorten(text)}
            return


def _in_note_or_navigation(node: nodes.Node) -> bool:
    """Whether a paragraph is not the page's text: a note, a table, a box, the contents."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.footnote, nodes.citation, nodes.Admonition, nodes.table)):
            return True
        if isinstance(parent, addnodes.compact_paragraph | addnodes.toctree):
            return True
        parent = parent.parent
    return False


def _shorten(text: str) -> str:
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:(«\u00a0\u202f") + "…"


#: The sitemap protocol's namespace (sitemaps.org).
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: Pages that a search engine has no use for.
NOT_IN_SITEMAP = frozenset({"genindex", "search", "404"})


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``sitemap.xml``: every page at its address (``html_baseurl``), with its last change.

    Written by hand rather than with sphinx-sitemap, which lists the pages a build writes, in
    the order it writes them: after an incremental build (``make html`` again, ``make
    livehtml``) its sitemap held the changed pages only.  Here, every document and index
    page, sorted; the date is the one sphinx-last-updated-by-git found, when it did.
    """
    base = app.config.html_baseurl
    if exception is not None or app.builder.name not in WEB_BUILDERS or not base:
        return
    dates = getattr(app.env, "git_last_updated", {})
    pages = sorted(app.env.found_docs) + sorted(
        name for name, *_ in getattr(app.builder, "domain_indices", [])
    )
    root = ElementTree.Element("urlset", xmlns=SITEMAP_NAMESPACE)
    for page in pages:
        if page in NOT_IN_SITEMAP:
            continue
        url = ElementTree.SubElement(root, "url")
        address = base.rstrip("/") + "/" + app.builder.get_target_uri(page)
        ElementTree.SubElement(url, "loc").text = address
        timestamp = (dates.get(page) or (None,))[0]
        if timestamp:
            when = datetime.fromtimestamp(int(timestamp), UTC)
            ElementTree.SubElement(url, "lastmod").text = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    ElementTree.ElementTree(root).write(
        Path(app.builder.outdir, "sitemap.xml"), xml_declaration=True, encoding="utf-8"
    )
