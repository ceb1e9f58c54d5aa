"""The real book in Sphinx's other builders, as `make html` builds it (warnings as errors):
each writes chapter 2 and its bibliography.  (html, latex → PDF and epub have files of
their own.)  The text builder once stopped with a traceback on a long author's label."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

THREATS = "Les menaces contre la chaîne de livraison"
#: Where each builder writes chapter 2's title and a bibliography entry of chapter 2.
OUTPUTS = {
    "dirhtml": ("source/menaces/index.html", "source/bibliographie/index.html"),
    "singlehtml": ("source/index.html", "source/index.html"),
    "text": ("source/menaces.txt", "source/bibliographie.txt"),
    "man": ("securite-devops.7", "securite-devops.7"),
    "texinfo": ("securite-devops.texi", "securite-devops.texi"),
    "json": ("source/menaces.fjson", "source/bibliographie.fjson"),
    "xml": ("source/menaces.xml", "source/bibliographie.xml"),
}


@pytest.mark.parametrize("builder", sorted(OUTPUTS))
def test_the_book_builds_without_warnings(book_build, builder):
    out = book_build(builder)  # fails on any warning (-nW --keep-going)
    chapter, bibliography = (text_of(out / name) for name in OUTPUTS[builder])
    assert THREATS in chapter
    assert "Information Administration" in bibliography


def text_of(path: Path) -> str:
    """A page's text; a JSON page's values, with their accents."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".fjson":
        return json.dumps(json.loads(text), ensure_ascii=False)
    return text
