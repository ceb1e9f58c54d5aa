"""Pandoc's citation syntax as a markdown-it plugin.

The plugin adds two inline rules to a markdown-it parser:

* ``[see @key, p. 12; -@other]``: a *bracketed* citation, one or more citations separated
  by ``;``, each with an optional prefix, an optional ``-`` (suppress the author: year
  only) and an optional suffix (the locator, after a comma);
* ``@key`` in running text: a *textual* citation, optionally followed by a locator in
  brackets (``@key [p. 33]``), as in Pandoc.

Citations whose keys are known become ``myst_role`` tokens, the very tokens that MyST
produces for ``{cite:p}`...``` and ``{cite:t}`...```, so that the Pandoc form and the
role form go through the same code path: same nodes, same links, same bibliography
membership, same warnings.  Keys follow Pandoc's grammar (a letter, a digit or ``_``,
then alphanumerics, ``_`` and internal punctuation ``:.#$%&-+?<>~/``), or ``@{key}``.

What the rules leave alone:

* an ``@`` that does not follow a space or an opening punctuation mark (e-mail addresses
  such as ``contact@example.org``, URLs such as ``https://example.org/@user``);
* code spans, autolinks, raw HTML and links: other markdown-it rules consume them before
  an ``@`` inside them is ever looked at, and citations inside link text are not parsed;
* a textual ``@name`` that matches no key: it stays text, silently (a mention);
* a bracket whose citations all have unknown keys: it stays text, as a
  ``pandoc_citation_unresolved`` token that the renderer turns into a warning (as is a
  bracket whose prefix or suffix holds ``{`` or ``}``, which a role target cannot carry).

``\\@key`` and ``\\[`` escape the syntax, as in Pandoc.  Prefixes and suffixes are plain
text: sphinxcontrib-bibtex's roles take them as plain text too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.link import link as link_rule

#: Punctuation allowed inside a key when a letter, a digit or ``_`` follows it (Pandoc).
KEY_INTERNAL_PUNCTUATION = frozenset(":.#$%&-+?<>~/")

#: Characters that may come right before the ``@`` of a citation, besides white space
#: and Unicode opening punctuation (categories Ps and Pi).
CITATION_OPENERS = frozenset("\"'*_~")

#: ASCII punctuation that a backslash escapes (CommonMark).
ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

UNRESOLVED_TOKEN = "pandoc_citation_unresolved"


@dataclass(frozen=True)
class Citation:
    """One citation of a Pandoc citation group."""

    key: str
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False

    @property
    def target(self) -> str:
        """This citation as a sphinxcontrib-bibtex role target: ``{prefix}key{suffix}``."""
        prefix = f"{{{self.prefix}}}" if self.prefix else ""
        suffix = f"{{{self.suffix}}}" if self.suffix else ""
        return f"{prefix}{self.key}{suffix}"


@dataclass(frozen=True)
class Brackets:
    """The punctuation around a parenthetical citation that mixes ``@a`` and ``-@b``.

    A single sphinxcontrib-bibtex role cannot mix author-year and year-only citations,
    so such a group is written as ``(`` + ``{cite:alp}`` + ``; `` + ``{cite:year}`` +
    ``)``, with the punctuation of the reference style in use.
    """

    left: str = "("
    right: str = ")"
    sep: str = "; "


def is_key_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def opens_citation(char: str) -> bool:
    """May ``char`` come right before the ``@`` (or ``-@``) of a citation?"""
    return char.isspace() or char in CITATION_OPENERS or unicodedata.category(char) in {"Ps", "Pi"}


def scan_key(src: str, pos: int, end: int) -> tuple[str, int] | None:
    """Read a citation key at ``src[pos:end]`` (just after ``@``): ``(key, end)``."""
    if pos < end and src[pos] == "{":
        close = src.find("}", pos + 1, end)
        key = src[pos + 1 : close] if close >= 0 else ""
        if not key or not is_key_char(key[0]) or any(c.isspace() or c in ",{" for c in key):
            return None
        return key, close + 1
    if pos >= end or not is_key_char(src[pos]):
        return None
    i = pos + 1
    while i < end:
        char = src[i]
        if is_key_char(char) or (
            char in KEY_INTERNAL_PUNCTUATION and i + 1 < end and is_key_char(src[i + 1])
        ):
            i += 1
        else:
            break
    return src[pos:i], i


def find_key(text: str, start: int) -> tuple[int, str, int, bool] | None:
    """The first citation key in ``text[start:]``: ``(marker, key, end, suppress_author)``.

    ``marker`` is the index of the ``@``, or of the ``-`` that precedes it.
    """
    at = text.find("@", start)
    while at >= 0:
        suppress = at > start and text[at - 1] == "-"
        marker = at - 1 if suppress else at
        if marker == start or opens_citation(text[marker - 1]):
            found = scan_key(text, at + 1, len(text))
            if found is not None:
                return marker, found[0], found[1], suppress
        at = text.find("@", at + 1)
    return None


def unescape(text: str) -> str:
    """Drop CommonMark backslash escapes, and fold white space (soft line breaks)."""
    chars: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in ASCII_PUNCTUATION:
            i += 1
        chars.append(text[i])
        i += 1
    return " ".join("".join(chars).split())


def split_semicolon(text: str, start: int) -> int:
    """Index of the first ``;`` of ``text[start:]`` that is not escaped, or -1."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == ";":
            return i
        i += 1
    return -1


def parse_bracketed(content: str) -> list[Citation] | None:
    """Parse the inside of ``[...]`` as Pandoc citations, or None if it is not one.

    As in Pandoc, every ``;``-separated part holds one citation; a prefix runs up to the
    key, a suffix up to the next ``;``; a leading comma of the suffix is the separator
    before the locator, which the reference style writes itself.
    """
    citations: list[Citation] = []
    pos = 0
    while True:
        found = find_key(content, pos)
        if found is None:
            return None  # an empty part, or a part without a key
        marker, key, end, suppress = found
        semicolon = split_semicolon(content, end)
        stop = len(content) if semicolon < 0 else semicolon
        suffix = unescape(content[end:stop])
        if suffix.startswith(","):
            suffix = suffix[1:].lstrip()
        if find_key(content[end:stop], 0) is not None:
            return None  # a second key in a suffix: not Pandoc's grammar
        citations.append(Citation(key, unescape(content[pos:marker]), suffix, suppress))
        if semicolon < 0:
            return citations
        pos = semicolon + 1


def scan_bracket(src: str, start: int, end: int) -> int:
    """Index of the ``]`` closing the ``[`` at ``src[start]``, or -1.

    Nested brackets and code spans are not allowed inside a citation.
    """
    i = start + 1
    while i < end:
        char = src[i]
        if char == "\\":
            i += 2
            continue
        if char == "]":
            return i
        if char in "[`":
            return -1
        i += 1
    return -1


def is_link(state: StateInline, pos: int) -> bool:
    """Does a CommonMark link (inline, reference, or shortcut) start at ``pos``?"""
    saved = state.pos
    state.pos = pos
    try:
        return link_rule(state, True)
    finally:
        state.pos = saved


def role_token(state: StateInline, name: str, citations: Sequence[Citation]) -> None:
    token = state.push("myst_role", "", 0)
    token.meta = {"name": name}
    token.content = ",".join(citation.target for citation in citations)
    token.info = "pandoc"


def text_token(state: StateInline, content: str) -> None:
    token = state.push("text", "", 0)
    token.content = content


def push_bracketed(state: StateInline, citations: Sequence[Citation], brackets: Brackets):
    """Tokens for a parenthetical citation group, as sphinxcontrib-bibtex roles."""
    # Consecutive citations with and without the author: one role each.
    grouped = [
        (suppress, list(group))
        for suppress, group in groupby(citations, key=attrgetter("suppress_author"))
    ]
    if len(grouped) == 1:
        suppress, group = grouped[0]
        role_token(state, "cite:yearpar" if suppress else "cite:p", group)
        return
    text_token(state, brackets.left)
    for index, (suppress, group) in enumerate(grouped):
        if index:
            text_token(state, brackets.sep)
        role_token(state, "cite:year" if suppress else "cite:alp", group)
    text_token(state, brackets.right)


def pandoc_citation_plugin(
    md: MarkdownIt,
    keys: Collection[str],
    brackets: Brackets | None = None,
    on_candidate: Callable[[], None] | None = None,
) -> None:
    """Add Pandoc's citation syntax to ``md``.

    :param keys: the citation keys that exist (case-sensitive, as the roles match them).
    :param brackets: punctuation of a group that mixes ``@a`` and ``-@b``.
    :param on_candidate: called for each citation-like ``@key`` found, known or not
        (so that the caller can make the document depend on the bibliography files).
    """
    brackets = brackets or Brackets()
    notify = on_candidate or (lambda: None)

    def bracketed(state: StateInline, silent: bool) -> bool:
        src, start, end = state.src, state.pos, state.posMax
        if src[start] != "[" or state.linkLevel > 0:
            return False
        if start + 1 < end and src[start + 1] == "^":
            return False  # a footnote reference
        close = scan_bracket(src, start, end)
        if close < 0 or "@" not in src[start:close]:
            return False
        citations = parse_bracketed(src[start + 1 : close])
        if citations is None or is_link(state, start):
            return False
        notify()
        if not silent:
            missing = [c.key for c in citations if c.key not in keys]
            braces = any(set("{}") & set(c.prefix + c.suffix) for c in citations)
            if len(missing) == len(citations) or braces:
                token = state.push(UNRESOLVED_TOKEN, "", 0)
                token.content = src[start : close + 1]
                token.meta = {"keys": missing, "braces": braces}
            else:
                push_bracketed(state, citations, brackets)
        state.pos = close + 1
        return True

    def textual(state: StateInline, silent: bool) -> bool:
        src, start, end = state.src, state.pos, state.posMax
        if src[start] != "@" or state.linkLevel > 0:
            return False
        if start > 0 and not opens_citation(src[start - 1]):
            return False
        found = scan_key(src, start + 1, end)
        if found is None:
            return False
        key, stop = found
        if stop < end and src[stop] == "@":
            return False  # @user@example.org
        notify()
        if key not in keys:
            return False  # a mention, not a citation: it stays text
        suffix = ""
        # Pandoc's "@key [p. 33]": a locator in brackets after a textual citation
        if src.startswith(" [", stop) and not src.startswith(" [^", stop):
            close = scan_bracket(src, stop + 1, end)
            content = src[stop + 2 : close] if close >= 0 else ""
            if content.strip() and find_key(content, 0) is None and not is_link(state, stop + 1):
                suffix, stop = unescape(content), close + 1
        if not silent:
            role_token(state, "cite:t", [Citation(key, suffix=suffix)])
        state.pos = stop
        return True

    md.inline.ruler.before("link", "pandoc_citation_bracketed", bracketed)
    md.inline.ruler.before("link", "pandoc_citation_textual", textual)
    md.add_render_rule(UNRESOLVED_TOKEN, render_unresolved_html)


def render_unresolved_html(self, tokens, idx, options, env) -> str:
    """markdown-it's own HTML rendering (not used by Sphinx): the text as written."""
    return escapeHtml(tokens[idx].content)
