"""Which addresses may become links, shared by ``devops_domain`` (a person's ``:url:``) and
``citations_fr`` (the bibliography's ``url``, ``doi`` and addresses in notes).

A plain module, not an extension: each of the two imports it, neither depends on the
other.  One rule for every link the book writes from what an author typed: a browser, an
EPUB reader (epubcheck's RSC-020) and LaTeX's ``\\url`` must all accept it, and it must not
run code (``javascript:``).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

#: The characters RFC 3986 allows in a URI (others must be percent-encoded).
URI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL, percent-encoded: what a browser, an EPUB reader and LaTeX's
    \\url all accept."""
    parts = urlsplit(url)
    return (
        parts.scheme in {"http", "https"}
        and bool(parts.netloc)
        and URI_CHARACTERS.fullmatch(url) is not None
    )


def doi_url(doi: str) -> str:
    """The https://doi.org/ address of a DOI, percent-encoded: a DOI may hold any printable
    character (``<``, ``>``, ``"``, ``#``…), which an address may not hold as such."""
    return "https://doi.org/" + quote(doi.strip(), safe="/:;@!$&'()*+,=")
