"""Roles of the book's text: English passages, and links to the book's other formats."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

if TYPE_CHECKING:
    from collections.abc import Mapping

logger = logging.getLogger(__name__)

#: docutils' convention for a passage in another language: HTML writers turn the class into
#: ``lang="en"``, french_typography leaves the passage's spaces alone, and sdfrbook.sty
#: sets it with \foreignlanguage{english} (English hyphenation).
ENGLISH = "language-en"
#: The formats a reader can get the book in, as the {book-link} role names them.
FORMATS = ("html", "pdf", "epub")


class EnglishRole(SphinxRole):
    """``{en}`continuous delivery```: an English passage in the French text."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [nodes.inline(self.rawtext, self.text, classes=[ENGLISH])], []


class BookLinkRole(SphinxRole):
    """``{book-link}`en PDF <pdf>```: a link to the book in that format where it is published.

    Where the address is unknown (a local build), the words stay, without a link.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        _, text, target = split_explicit_title(self.text)
        if target not in FORMATS:
            logger.warning(
                "unknown book format %r: expected one of %s",
                target,
                ", ".join(FORMATS),
                location=self.get_location(),
                type="book_edition",
                subtype="format",
            )
            return [nodes.Text(text)], []
        url = self.config.book_links.get(target, "")
        if not url:
            return [nodes.Text(text)], []
        classes = ["book-link", f"book-link-{target}"]
        return [nodes.reference(self.rawtext, text, refuri=url, classes=classes)], []


class UnlinkTheEpubInTheEpub(SphinxPostTransform):
    """In the EPUB, « en EPUB » is the book the reader holds: plain words, not a link that the
    EPUB would follow with its address in brackets (``epub_show_urls = "inline"``)."""

    default_priority = 5
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            if "book-link-epub" in reference["classes"]:
                reference.parent.replace(reference, nodes.Text(reference.astext()))


def read_the_docs_links(environ: Mapping[str, str]) -> dict[str, str]:
    """The book's addresses on Read the Docs (its build variables), or none elsewhere.

    Read the Docs publishes the formats of ``.readthedocs.yaml`` (PDF and EPUB) at
    ``/_/downloads/<language>/<version>/<format>/`` of the project's domain.
    """
    canonical = environ.get("READTHEDOCS_CANONICAL_URL", "")
    parts = urlsplit(canonical)
    if environ.get("READTHEDOCS") != "True" or not parts.scheme or not parts.netloc:
        return {}
    language = environ.get("READTHEDOCS_LANGUAGE", "fr")
    version = environ.get("READTHEDOCS_VERSION", "latest")
    downloads = f"{parts.scheme}://{parts.netloc}/_/downloads/{language}/{version}"
    return {"html": canonical, "pdf": f"{downloads}/pdf/", "epub": f"{downloads}/epub/"}
