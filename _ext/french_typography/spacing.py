"""No-break spaces of French punctuation: before ``: ; ! ?`` and inside ``« »``.

The characters, after the French convention (Imprimerie nationale, *Lexique des règles
typographiques en usage à l'Imprimerie nationale*), which babel-french also follows in the PDF:

* before ``:`` a word space that does not break, U+00A0 NO-BREAK SPACE (« espace mot
  insécable »): the colon is spaced like a word;
* before ``;``, ``!`` and ``?`` a thin space that does not break, U+202F NARROW NO-BREAK SPACE
  (« espace fine insécable »).  Not U+2009 THIN SPACE, which allows a line break, nor U+00A0,
  which is a full word space;
* after ``«`` and before ``»`` U+00A0, as docutils' French smartquotes already write around
  the quotes they make from ``"…"``.

Authors type an ordinary space before the sign (``Qu'est-ce que le DevOps ?``) or none.

* An ordinary space (a run of spaces, tabs or line breaks) before the sign becomes the
  right no-break space.  A no-break space the author typed is kept as it is.
* With no space at all, one is added only when the sign follows a letter, a digit or a
  closing quote (``»``, ``”``) *and* is followed by a space or the end of the paragraph:
  ``Note: voici``, ``Quoi?``, ``CVE-2024-3094: Xz``.  This leaves alone ``10:30``,
  ``http://x``, ``a:b``, ``drôle:)``, ``index.php?q=1``, ``https://x.org/faq?``, the ``!``
  of ``?!``..., where no French space belongs or where guessing wrong would be worse than a
  missing space.  ``«DevOps»`` without spaces is left alone too (Swiss French writes it so).

Code, math, raw output and the visible text of a bare URL are never changed (see
:mod:`.blocks`), and only French text is: the document's language, or the
``language-xx`` class of an element.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.transforms import SphinxSmartQuotes, SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_book_compat import builder_name

from .blocks import Block, is_french, text_blocks

NBSP = "\N{NO-BREAK SPACE}"  # U+00A0
NNBSP = "\N{NARROW NO-BREAK SPACE}"  # U+202F

#: The no-break space each sign wants before it.
SPACE_BEFORE = {":": NBSP, ";": NNBSP, "!": NNBSP, "?": NNBSP}

#: Ordinary, breaking white space as authors type it (not U+00A0, U+202F...).
_BLANK = "[ \t\r\n]+"

#: ``word ?``: a run of ordinary spaces before a sign.
SPACED_SIGN = re.compile(rf"(?P<blank>{_BLANK})(?P<sign>[:;!?])")
#: ``word?``: a sign right after a letter, a digit or a closing quote, then a space or the
#: end of the paragraph (possibly after more ``!`` or ``?``, as in ``Quoi?!``): « CVE-2024-3094:
#: Xz: » is spaced as « Xz: » is (``10:30`` and ``3:2``, followed by a digit, are left alone).
UNSPACED_SIGN = re.compile(r"(?<=[^\W_]|[»”])(?P<sign>[:;!?])(?=[!?]*(?:\s|\Z))")
#: ``« word``: ordinary spaces after an opening guillemet.
SPACED_OPENING = re.compile(rf"«(?P<blank>{_BLANK})")
#: ``word »``: ordinary spaces before a closing guillemet.
SPACED_CLOSING = re.compile(rf"(?P<blank>{_BLANK})»")


#: Characters of addresses and paths (``https://x.org/faq?``, ``user@host:``, ``C:\dir:``).
_ADDRESS_CHARS = frozenset("/\\@=&#%~")


def _looks_like_address(text: str, sign: int) -> bool:
    """Whether the word that ends at ``sign`` looks like a URL, an e-mail or a path.

    A sign glued to such a word may belong to it: no space is added there.
    """
    word = re.split(r"\s", text[:sign])[-1]
    return not _ADDRESS_CHARS.isdisjoint(word)


def _replace_blank(block: Block, match: re.Match[str], space: str, out: dict[int, str]) -> None:
    """Make the blank of ``match`` a single ``space``, unless a character is protected."""
    start, end = match.span("blank")
    if any(block.protected_at(i) for i in range(start, end)):
        return
    for i in range(start, end - 1):
        out[i] = ""
    out[end - 1] = space


def spacing_replacements(block: Block) -> dict[int, str]:
    """The changes (index in ``block.text`` → new text) that French spacing asks for."""
    text = block.text
    out: dict[int, str] = {}
    for match in SPACED_SIGN.finditer(text):
        if not block.protected_at(match.start("sign")):
            _replace_blank(block, match, SPACE_BEFORE[match["sign"]], out)
    for match in UNSPACED_SIGN.finditer(text):
        sign = match.start("sign")
        if block.protected_at(sign) or _looks_like_address(text, sign):
            continue
        out[sign] = SPACE_BEFORE[match["sign"]] + match["sign"]
    for pattern in (SPACED_OPENING, SPACED_CLOSING):
        for match in pattern.finditer(text):
            guillemet = match.start() if pattern is SPACED_OPENING else match.end() - 1
            if not block.protected_at(guillemet):
                _replace_blank(block, match, NBSP, out)
    return out


def apply_spacing(transform: SphinxTransform) -> None:
    """Put the no-break spaces into the French blocks of ``transform.document``."""
    if not transform.config.french_typography:
        return
    # Where Sphinx keeps ASCII typography (smartquotes_excludes: man and text by default),
    # keep ordinary spaces too.
    # (as Sphinx's own smartquotes know it: sphinx_book_compat.builder_name)
    if builder_name(transform.env) in transform.config.smartquotes_excludes.get("builders", []):
        return
    for block in text_blocks(transform.document):
        if is_french(block.language):
            replacements = spacing_replacements(block)
            if replacements:
                block.rewrite(replacements)


class FrenchSpacing(SphinxTransform):
    """Put the no-break spaces of French punctuation into the text of French documents."""

    #: Just after :class:`sphinx.transforms.SphinxSmartQuotes` (750): the text then has its
    #: final quotes (``« … »`` from ``"…"``), and smartquotes saw the text as written.
    default_priority = SphinxSmartQuotes.default_priority + 1

    def apply(self, **kwargs: Any) -> None:
        apply_spacing(self)


class FrenchSpacingLate(SphinxPostTransform):
    """The same, for the text that extensions write after reading, when a page is written.

    The entries of sphinxcontrib-bibtex's bibliography, for one, are made by a
    post-transform.  The rules are idempotent: the text fixed when it was read is left as is.
    """

    #: After the post-transforms that write text (sphinxcontrib-bibtex: 5, Sphinx's
    #: references: 10, the ``devops`` domain: up to 30, LaTeX's URLs in footnotes: 400).
    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        apply_spacing(self)
