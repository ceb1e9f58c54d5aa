"""Pandoc's citation syntax as a markdown-it plugin, read as Pandoc 2.17 reads it.

The plugin adds two inline rules to a markdown-it parser:

* ``[see @key, p. 12; -@other]``: a *bracketed* citation group, one or more citations
  separated by ``;``, each with an optional prefix, an optional ``-`` (suppress the author:
  year only) and an optional suffix (the locator, after a comma);
* ``@key`` in running text: a *textual* citation, optionally followed by a locator in
  brackets (``@key [p. 33]``), possibly with more citations (``@key [p. 33; @other]``).

A citation group becomes a ``pandoc_citation`` token (``_open``/``_close``), whose
children are, for each citation, a ``pandoc_citation_prefix`` and a
``pandoc_citation_suffix`` holding the inline tokens of the prefix and the suffix: they are
Markdown (emphasis, code, links, escapes, and textual citations in a suffix), parsed by
the same parser as the rest of the paragraph.  The renderer (:mod:`citations_fr.parser`)
turns the group into the equivalent sphinxcontrib-bibtex roles.

Pandoc's grammar, as followed here:

* a key is a letter, a digit or ``_``, then alphanumerics, ``_``, and internal punctuation
  ``:.#$%&-+?<>~/`` followed by an alphanumeric or ``_`` (``:`` and ``/`` also when ``/``
  follows: ``@a://b``); or ``@{key}``;
* ``@`` (or the ``-`` of ``-@``) does not follow a letter, a digit or a period;
* every ``;``-separated part of a group holds a key, and a prefix holds no ``;``: else
  (``[@a; p. 5]``, ``[@a;; @b]``, ``[@a;]``, ``[; @a]``) the bracket is text, and its
  ``@keys`` are textual citations;
* a bracket directly followed by ``[`` (``[@a][@b]``: reference-link syntax) or by ``{``
  when MyST's ``attrs_inline`` is on (``[from @a]{#id .class}``: a span) is no citation
  group;
* a suffix runs to the next ``;`` or ``]``; a key inside it is a textual citation.

Where this differs from Pandoc on purpose (see the README): no ``@`` after ``/`` or in
``@user@host`` (URLs and addresses stay text); no ``@*``; a braced key cannot hold
``,``, ``{`` or ``}`` (a role target cannot); a textual ``@name`` that is no key stays text,
silently (a mention).  A bracket whose citations all have unknown keys stays text (with its
Markdown) in a ``pandoc_citation_unresolved`` token that the renderer turns into a warning.
Code spans, autolinks, raw HTML and links are consumed by other rules before an ``@``
inside them is looked at.  ``\\@key`` and ``\\[`` escape the syntax, as in Pandoc.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.helpers import parseLinkLabel
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.link import link as link_rule
from markdown_it.token import Token

#: Punctuation allowed inside a key when a letter, a digit or ``_`` follows it (Pandoc).
KEY_INTERNAL_PUNCTUATION = frozenset(":.#$%&-+?<>~/")

#: Characters after which ``@`` starts no citation: Pandoc's "not after a string" (letters,
#: digits, a period), plus ``/`` (a URL path) and ``@`` (``@user@host``), on purpose.
NOT_BEFORE_CITATION = frozenset("./@")

#: Characters that start a construct hiding ``;``, ``@`` or ``]`` (code, autolinks, raw
#: HTML, escapes, entities): the scanner lets markdown-it skip them.
CONSTRUCT_STARTS = frozenset("`<\\&")

#: Characters a braced key cannot hold: a sphinxcontrib-bibtex role target could not carry it.
NOT_IN_BRACED_KEY = frozenset(",{}")

GROUP = "pandoc_citation"
PREFIX = "pandoc_citation_prefix"
SUFFIX = "pandoc_citation_suffix"
UNRESOLVED = "pandoc_citation_unresolved"


@dataclass(frozen=True)
class Citation:
    """One citation of a group: its key, its mode, where its prefix and suffix are."""

    key: str
    suppress_author: bool = False
    prefix: tuple[int, int] = (0, 0)  # a range of the source, empty if none
    suffix: tuple[int, int] = (0, 0)


def is_key_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def opens_citation(previous: str) -> bool:
    """May ``@`` (or ``-@``) follow ``previous`` and start a citation?"""
    return not (previous.isalnum() or previous in NOT_BEFORE_CITATION)


def scan_key(src: str, pos: int, end: int) -> tuple[str, int] | None:
    """Read a citation key at ``src[pos:end]`` (just after ``@``): ``(key, end)``."""
    if pos < end and src[pos] == "{":
        depth, i = 0, pos
        while i < end and not src[i].isspace():
            depth += {"{": 1, "}": -1}.get(src[i], 0)
            if depth == 0:
                key = src[pos + 1 : i]
                if not key or NOT_IN_BRACED_KEY & set(key):
                    return None
                return key, i + 1
            i += 1
        return None
    if pos >= end or not is_key_char(src[pos]):
        return None
    i = pos + 1
    while i < end:
        char, after = src[i], src[i + 1] if i + 1 < end else ""
        if is_key_char(char) or (
            after
            and (
                (char in KEY_INTERNAL_PUNCTUATION and is_key_char(after))
                or (char in ":/" and after == "/")
            )
        ):
            i += 1
        else:
            break
    return src[pos:i], i


def key_at(src: str, pos: int, end: int, begin: int) -> tuple[str, int, bool] | None:
    """A citation key whose marker (``@`` or ``-@``) is at ``pos``: ``(key, end, suppress)``.

    ``begin`` is where the text that may precede the marker starts (a bracket's content).
    """
    suppress = src.startswith("-@", pos)
    at = pos + 1 if suppress else pos
    if src[at] != "@" or (pos > begin and not opens_citation(src[pos - 1])):
        return None
    found = scan_key(src, at + 1, end)
    return None if found is None else (found[0], found[1], suppress)


def top_level(state: StateInline, begin: int, end: int) -> list[int]:
    """Positions of ``src[begin:end]`` outside nested brackets and markdown-it constructs
    (code spans, autolinks, raw HTML, escapes, entities), where ``;`` and ``@`` count."""
    src = state.src
    saved = state.pos, state.posMax
    state.posMax = end
    positions, pos, depth = [], begin, 0
    while pos < end:
        char = src[pos]
        if char in CONSTRUCT_STARTS:
            state.pos = pos
            state.md.inline.skipToken(state)
            if state.pos > pos + 1:  # a whole construct: nothing in it counts
                pos = state.pos
                continue
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif depth == 0:
            positions.append(pos)
        pos += 1
    state.pos, state.posMax = saved
    return positions


def trimmed(src: str, begin: int, end: int, comma: bool = False) -> tuple[int, int]:
    """``(begin, end)`` without surrounding white space (and a leading comma if asked)."""
    while begin < end and src[begin].isspace():
        begin += 1
    if comma and begin < end and src[begin] == ",":
        return trimmed(src, begin + 1, end)
    while end > begin and src[end - 1].isspace():
        end -= 1
    return begin, end


def split_parts(state: StateInline, begin: int, end: int) -> list[tuple[int, int]]:
    """The ``;``-separated parts of ``src[begin:end]`` (a bracket's content)."""
    parts, start = [], begin
    for pos in top_level(state, begin, end):
        if state.src[pos] == ";":
            parts.append((start, pos))
            start = pos + 1
    parts.append((start, end))
    return parts


def parse_part(state: StateInline, begin: int, end: int) -> Citation | None:
    """One citation, ``prefix @key suffix``, or None if the part has no key."""
    src = state.src
    for pos in top_level(state, begin, end):
        if src[pos] in "-@" and (found := key_at(src, pos, end, begin)) is not None:
            key, key_end, suppress = found
            return Citation(
                key,
                suppress,
                prefix=trimmed(src, begin, pos),
                suffix=trimmed(src, key_end, end, comma=True),
            )
    return None


def parse_group(state: StateInline, begin: int, end: int) -> list[Citation] | None:
    """The citations of a bracket's content, or None if it is no citation group."""
    citations = []
    for part in split_parts(state, begin, end):
        citation = parse_part(state, *part)
        if citation is None:
            return None
        citations.append(citation)
    return citations


def closing_bracket(state: StateInline, start: int) -> int:
    """Index of the ``]`` that closes the ``[`` at ``start`` (nesting, code), or -1."""
    return parseLinkLabel(state, start)


def is_link(state: StateInline, pos: int) -> bool:
    """Does a CommonMark link (inline, reference, or shortcut) start at ``pos``?"""
    saved = state.pos
    state.pos = pos
    try:
        return link_rule(state, True)
    finally:
        state.pos = saved


def has_span_rule(md: MarkdownIt) -> bool:
    """Is MyST's ``attrs_inline`` (``[text]{#id .class}``) on?"""
    return "span" in {rule.name for rule in md.inline.ruler.__rules__ if rule.enabled}


def tokenize(state: StateInline, begin: int, end: int) -> None:
    """Parse ``src[begin:end]`` as inline Markdown, into the current token stream.

    The source is cut at ``end`` meanwhile: markdown-it-py's text rule looks for the next
    special character in the whole source, past ``posMax`` (``;`` is none of them).
    """
    saved = state.src, state.pos, state.posMax, state.cache
    state.src, state.pos, state.posMax, state.cache = state.src[:end], begin, end, {}
    try:
        state.md.inline.tokenize(state)
    finally:
        state.src, state.pos, state.posMax, state.cache = saved


def push_group(state: StateInline, citations: list[Citation], textual: bool, source: str) -> None:
    """The tokens of a citation group, with the Markdown of prefixes and suffixes."""
    token = state.push(f"{GROUP}_open", "", 1)
    token.meta = {"citations": citations, "textual": textual}
    token.content = source
    for citation in citations:
        for kind, (begin, end) in ((PREFIX, citation.prefix), (SUFFIX, citation.suffix)):
            state.push(f"{kind}_open", "", 1)
            if begin < end:
                tokenize(state, begin, end)
            state.push(f"{kind}_close", "", -1)
    state.push(f"{GROUP}_close", "", -1)


def push_unresolved(state: StateInline, start: int, close: int, keys: list[str]) -> None:
    """A bracket of unknown keys: its Markdown, inside a token that warns about them."""
    token = state.push(f"{UNRESOLVED}_open", "", 1)
    token.meta = {"keys": keys}
    token.content = state.src[start : close + 1]
    state.push("text", "", 0).content = "["
    tokenize(state, start + 1, close)
    state.push("text", "", 0).content = "]"
    state.push(f"{UNRESOLVED}_close", "", -1)


def pandoc_citation_plugin(
    md: MarkdownIt,
    keys: Collection[str],
    on_candidate: Callable[[], None] | None = None,
) -> None:
    """Add Pandoc's citation syntax to ``md``.

    :param keys: the citation keys that exist (case-sensitive, as the roles match them).
    :param on_candidate: called for each citation-like ``@key`` found, known or not
        (so that the caller can make the document depend on the bibliography files).
    """
    notify = on_candidate or (lambda: None)

    def bracketed(state: StateInline, silent: bool) -> bool:
        src, start = state.src, state.pos
        if src[start] != "[" or state.linkLevel > 0 or src.startswith("[^", start):
            return False
        close = closing_bracket(state, start)
        if close < 0 or "@" not in src[start:close]:
            return False
        after = src[close + 1 : close + 2]
        if after == "[" or (after == "{" and has_span_rule(state.md)):
            return False  # reference-link syntax, or a span: Pandoc reads no citation there
        citations = parse_group(state, start + 1, close)
        if citations is None or is_link(state, start):
            return False
        notify()
        if not silent:
            missing = [c.key for c in citations if c.key not in keys]
            if len(missing) == len(citations):
                push_unresolved(state, start, close, missing)
            else:
                push_group(state, citations, False, src[start : close + 1])
        state.pos = close + 1
        return True

    def locator(state: StateInline, stop: int) -> tuple[Citation | None, int, int]:
        """Pandoc's ``@key [p. 33]``: ``(citation of the suffix, its end, rest)``, where
        ``rest`` is the end of the citations that may follow it in the brackets."""
        src, end = state.src, state.posMax
        bracket = stop
        while bracket < end and src[bracket] in " \t":
            bracket += 1
        if bracket < end and src[bracket] == "\n":
            bracket += 1
            while bracket < end and src[bracket] in " \t":
                bracket += 1
        if bracket >= end or src[bracket] != "[" or src.startswith("[^", bracket):
            return None, stop, stop
        close = closing_bracket(state, bracket)
        if close < 0 or src[close + 1 : close + 2] in ("[", "("):
            return None, stop, stop
        parts = split_parts(state, bracket + 1, close)
        rest = [parse_part(state, *part) for part in parts[1:]]
        if parse_group(state, bracket + 1, close) is not None or None in rest:
            return None, stop, stop  # a citation group of its own, or no locator
        if is_link(state, bracket):
            return None, stop, stop
        suffix = trimmed(src, parts[0][0], parts[0][1], comma=True)
        if suffix[0] == suffix[1] and not rest:
            return None, stop, stop
        return Citation("", suffix=suffix), close + 1, parts[0][1]

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
        suffix, close, rest_start = locator(state, stop)
        first = Citation(key, suffix=suffix.suffix if suffix else (0, 0))
        if not silent:
            push_group(state, [first], True, src[start:close])
            if suffix is not None and rest_start < close - 1:
                others = parse_group(state, rest_start + 1, close - 1) or []
                if others:  # the roles warn about the unknown keys among them
                    state.push("text", "", 0).content = " "  # « A (2009, p. 5) (B, 2010) »
                    push_group(state, others, False, src[rest_start : close - 1])
        state.pos = close if suffix is not None else stop
        return True

    md.inline.ruler.before("link", "pandoc_citation_bracketed", bracketed)
    md.inline.ruler.before("link", "pandoc_citation_textual", textual)
    md.add_render_rule(f"{UNRESOLVED}_open", lambda *args: "")
    md.add_render_rule(f"{UNRESOLVED}_close", lambda *args: "")
    md.add_render_rule(f"{GROUP}_open", render_group_html)
    for name in (f"{GROUP}_close", f"{PREFIX}_open", f"{PREFIX}_close"):
        md.add_render_rule(name, lambda *args: "")
    md.add_render_rule(f"{SUFFIX}_open", lambda *args: "")
    md.add_render_rule(f"{SUFFIX}_close", lambda *args: "")


def render_group_html(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    """markdown-it's own HTML rendering (not used by Sphinx): the group as written."""
    depth, end = 0, idx
    for end in range(idx, len(tokens)):
        depth += tokens[end].nesting
        if depth == 0:
            break
    del tokens[idx + 1 : end]
    return escapeHtml(tokens[idx].content)
