"""A corpus of Pandoc citations, and how Pandoc and citations_fr each read them.

:func:`generated_cases` writes random citations (keys, prefixes, locators, separators,
escapes, emphasis, code, typos such as doubled or trailing ``;`` and parts without a key);
:data:`HAND_CASES` adds the cases that a generator would rarely hit.  Both sides are
reduced to the same thing: for each paragraph, the list of its citations as
``(key, mode, prefix, suffix)``, prefix and suffix as plain text.

* Pandoc: ``pandoc -f markdown-smart-example_lists -t json``, the ``Cite`` elements in
  document order (those nested in a suffix after the group that holds them).  Smart
  punctuation is off (Sphinx's smartquotes do that later, on the output) and so are
  example lists (``(@a)`` is an example label in Pandoc, MyST has none).
* citations_fr: the tokens of its markdown-it plugin, in MyST's own parser, every key
  known, in the same order.

A suffix is compared without the comma that opens it (``, p. 5``: the reference style
writes that comma itself) and white space is folded, on both sides.
"""

from __future__ import annotations

import json
import random
import subprocess

from citations_fr.pandoc import GROUP, PREFIX, SUFFIX, pandoc_citation_plugin
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

Cite = tuple[str, str, str, str]

PANDOC_FORMAT = "markdown-smart-example_lists"

# -- the corpus ---------------------------------------------------------------------------

HAND_CASES = [
    # one form each
    "[@Kim2016]",
    "[@Kim2016, p. 12]",
    "[voir @Kim2016, chap. 3]",
    "[-@Kim2016]",
    "[see -@Kim2016, p. 3]",
    "@Kim2016 says",
    "@Kim2016 [p. 33] says",
    "@Kim2016 [p. 33; @Debois2008]",
    "@Kim2016 [@Debois2008]",
    "@Kim2016\n[p. 4]",
    "[@a; @b]",
    "[@a;@b]",
    "[@a ;@b]",
    "[@a, p. 5 ; @b]",
    "[@a; -@b, p. 3]",
    # parts without a key: the bracket is text, its keys cite in the text
    "[@a; p. 5]",
    "[@a;; @b]",
    "[@a;]",
    "[@a; @b; ]",
    "[; @a]",
    "[;@a]",
    "[ ; @a]",
    "[a; b @c]",
    "[@a; see p. 5; @b]",
    "[p. 5]",
    # keys
    "[@a://b/c]",
    "@a:/b",
    "@a//b",
    "@a::b",
    "@a:/",
    "@a/",
    "[see @a:b//c]",
    "@doe:2020.x,",
    "@a.b.",
    "[@a.]",
    "[@a., p. 5]",
    "[@_a]",
    "[@a-]",
    "@a_b and @a__b",
    "[@{a}]",
    "[@{a}b]",
    "@{a.}.",
    "[-@{a}]",
    # what may come before @
    "x@a",
    "1@a",
    "é@a",
    "x.@a",
    "mail me@a.org",
    "<me@a.org>",
    "text -@b here",
    "x -@b [p. 5]",
    "(@a)",
    "x (@a).",
    "*@a*",
    "_@a_",
    "«@a",
    '"@a"',
    "'@a'",
    "a-@b",
    ":@a",
    "x;@a",
    ",@a",
    "?@a",
    ")@a",
    "~@a",
    "x =@a",
    "x #@a",
    "&@a",
    "x +@a",
    "x %@a",
    "`x`@a",
    # brackets next to brackets
    "[@a][@b]",
    "[@a][]",
    "[@a] [@b]",
    "@a [p. 5](u)",
    "[see [x] @a]",
    "[see [link](http://u) @a]",
    # a key in a suffix
    "[@a, see @b]",
    "[@a -@b]",
    "[@a, see @b [p. 5]]",
    "[@a `;` @b]",
    # Markdown in prefixes and suffixes
    "[*voir* @Kim2016, *passim*]",
    "[**Note**: ask @support]",
    "[@a, *p.* **5** `c`]",
    "[see `x]` @a]",
    "[see `@a` @b]",
    "[see \\@a @b]",
    "[\\@a]",
    "[@a\\]]",
    "[@a\\; p. 5]",
    "[@a;\\;@b]",
    "[see <http://x.org/@a> @b]",
    "[@a, see <http://x/@b>]",
    "[voir &amp; @a]",
    "[see\n@a,\np. 5]",
    "[ @a ]",
    "[@a,p. 5]",
    "[@a, p. {3}]",
    # spans (MyST's attrs_inline, as Pandoc's bracketed spans) and images
    "[from @a]{#credit .small}",
    "[@a]{.x}",
    "![Diagram after @a](img.png)",
]

#: Where citations_fr reads differently on purpose (the README says why): each case, and
#: the citations it reads, in the same form as Pandoc's.
DIVERGENCES: dict[str, list[Cite]] = {
    # a URL path or an @user@host address is no citation
    "https://example.org/@a": [],
    "x @a@b.org": [],
    # Pandoc's nocite wildcard means nothing in running text
    "[@*]": [],
    # a braced key with , { or }: a sphinxcontrib-bibtex role target cannot carry it
    "@{a{b}c}": [],
    "[@{a,b}, p. 5]": [],
    # a citation in the text of a link: no link inside a link
    "[see @a](https://example.org)": [],
    # raw HTML in a prefix is raw HTML (MyST), not a span (Pandoc's native_spans)
    "[see <span>x</span> @a]": [("a", "NormalCitation", "see <span>x</span>", "")],
    # emphasis delimiters across the closing bracket: the bracket closes first
    "[@a, *b]*": [("a", "NormalCitation", "", "*b")],
    "*[@a, b*]": [("a", "NormalCitation", "", "b*")],
}

WORDS = ["voir", "see", "cf.", "aussi", "notamment", "e.g.,", "par exemple", "contra", "ibid."]
LOCATORS = [
    "p. 12",
    "pp. 3-5",
    "p. 12--15",
    "chap. 2",
    "sect. 2.1",
    "fig. 3",
    "33",
    "n. 4",
    "vol. 2, p. 7",
    "§ 4",
    "p. 12, note 3",
]
MARKUP = ["*{}*", "**{}**", "_{}_", "`{}`", "{}"]


def random_key(rng: random.Random) -> str:
    """A key as Pandoc reads it: a word, internal punctuation, sometimes ``://``."""
    word = rng.choice(["Kim", "Debois", "shafer", "AgileRoots", "x", "_priv", "Forsgren", "ÉtéA"])
    key = word + rng.choice(["", "2016", "2009a", "_2", "18"])
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        key += rng.choice(":.#$%&-+?<>~/") + rng.choice(["a", "2020", "x1", "Doe"])
    if rng.random() < 0.05:
        key += rng.choice(["://", ":/", "//"]) + rng.choice(["b", "c/d", "e.f"])
    return key


def random_text(rng: random.Random, choices: list[str]) -> str:
    text = rng.choice(choices)
    if rng.random() < 0.3:
        text = rng.choice(MARKUP).format(text)
    if rng.random() < 0.05:
        text = text.replace(";", "\\;") + "\\; " + rng.choice(choices)
    return text


def random_citation(rng: random.Random) -> str:
    """``prefix -@key, suffix``, each part optional."""
    key = random_key(rng)
    marker = "@{" + key + "}" if rng.random() < 0.08 and "{" not in key else "@" + key
    if rng.random() < 0.2:
        marker = "-" + marker
    prefix = random_text(rng, WORDS) + rng.choice([" ", "  ", "\n"]) if rng.random() < 0.35 else ""
    suffix = ""
    if rng.random() < 0.5:
        suffix = rng.choice([", ", ",", " ", ",\n"]) + random_text(rng, LOCATORS)
    return prefix + marker + suffix


def random_group(rng: random.Random) -> str:
    """A bracketed group, with the typos authors make."""
    parts = [random_citation(rng) for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))]
    roll = rng.random()
    if roll < 0.05:
        parts.append("")  # a trailing ;
    elif roll < 0.1:
        parts.insert(rng.randrange(len(parts) + 1), "")  # a doubled or leading ;
    elif roll < 0.15:
        parts.insert(rng.randrange(len(parts) + 1), random_text(rng, LOCATORS))  # no key
    separator = rng.choice(["; ", ";", " ; ", ";\n"])
    return "[" + separator.join(parts) + "]"


def random_textual(rng: random.Random) -> str:
    citation = "@" + random_key(rng)
    roll = rng.random()
    if roll < 0.3:
        citation += " [" + random_text(rng, LOCATORS) + "]"
    elif roll < 0.4:
        citation += " [" + random_text(rng, LOCATORS) + "; " + random_citation(rng) + "]"
    elif roll < 0.45:
        citation += " " + random_group(rng)
    return citation


def random_paragraph(rng: random.Random) -> str:
    """Text with one or two citations in it."""
    pieces = []
    for _ in range(rng.choice([1, 1, 2])):
        citation = random_group(rng) if rng.random() < 0.65 else random_textual(rng)
        before = rng.choice(["Comme le dit ", "Voir ", "Texte ", "Ainsi (", "« ", ""])
        after = rng.choice([".", ", puis", " ici", ")", " »", "", " contact@example.org"])
        pieces.append(before + citation + after)
    return " ".join(pieces)


def generated_cases(count: int, seed: int = 14) -> list[str]:
    rng = random.Random(seed)
    return [random_paragraph(rng) for _ in range(count)]


# -- Pandoc's reading ----------------------------------------------------------------------


def stringify(inlines: list | dict) -> str:
    """Pandoc inlines as plain text (as pandoc's ``stringify``, code and raw kept)."""
    if isinstance(inlines, list):
        return "".join(stringify(inline) for inline in inlines)
    kind, content = inlines["t"], inlines.get("c")
    if kind == "Str":
        return content
    if kind in {"Space", "SoftBreak", "LineBreak"}:
        return " "
    if kind in {"Code", "RawInline", "Math"}:
        return content[1]
    if kind in {"Cite", "Link", "Image", "Span", "Quoted"}:
        return stringify(content[1])
    if kind == "Note":
        return ""
    return stringify(content)


def pandoc_cites(node: object, out: list[Cite]) -> list[Cite]:
    """The citations in a Pandoc JSON tree, a group's before those nested in it."""
    if isinstance(node, dict):
        if node.get("t") == "Cite":
            for citation in node["c"][0]:
                out.append(
                    normalized(
                        citation["citationId"],
                        citation["citationMode"]["t"],
                        stringify(citation["citationPrefix"]),
                        stringify(citation["citationSuffix"]),
                    )
                )
        for value in node.values():
            pandoc_cites(value, out)
    elif isinstance(node, list):
        for value in node:
            pandoc_cites(value, out)
    return out


def read_with_pandoc(pandoc: str, cases: list[str]) -> list[list[Cite]]:
    """Pandoc's citations of each case (each case one paragraph)."""
    source = "\n\n".join(cases) + "\n"
    result = subprocess.run(
        [pandoc, "-f", PANDOC_FORMAT, "-t", "json"],
        input=source,
        capture_output=True,
        encoding="utf-8",
        check=True,
    )
    blocks = json.loads(result.stdout)["blocks"]
    assert len(blocks) == len(cases), "a case is not one paragraph"
    return [pandoc_cites(block, []) for block in blocks]


# -- citations_fr's reading ----------------------------------------------------------------


class EveryKey:
    """Every key is known: the comparison is about the syntax, not the .bib."""

    def __contains__(self, key: object) -> bool:
        return True


def myst_parser():
    """MyST's markdown-it parser (with ``attrs_inline``, Pandoc's spans), plus the plugin."""
    config = MdParserConfig(enable_extensions={"attrs_inline"})
    md = create_md_parser(config, RendererHTML)
    return md.use(pandoc_citation_plugin, keys=EveryKey())


def plain_text(tokens) -> str:
    """Inline tokens as plain text; a citation group as written (as Pandoc's ``Cite``)."""
    text, index = "", 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in {"softbreak", "hardbreak"}:
            text += " "
        elif token.type in {"text", "text_special", "code_inline", "html_inline"}:
            text += token.content
        elif token.type == "image":
            text += plain_text(token.children or [])
        elif token.type == f"{GROUP}_open":
            text += token.content
            index = closing(tokens, index)
        index += 1
    return text


def closing(tokens, index: int) -> int:
    """Index of the token that closes the group opened at ``index``."""
    depth = 0
    for end in range(index, len(tokens)):
        depth += {f"{GROUP}_open": 1, f"{GROUP}_close": -1}.get(tokens[end].type, 0)
        if depth == 0:
            return end
    raise ValueError("unclosed citation group")


def parts(inner) -> list[list]:
    """The token lists of the prefixes and suffixes of a group, in order."""
    out, index = [], 0
    while index < len(inner):
        token = inner[index]
        if token.type in {f"{PREFIX}_open", f"{SUFFIX}_open"}:
            close = token.type.replace("_open", "_close")
            depth, end = 0, index
            for end in range(index, len(inner)):
                if inner[end].type == token.type:
                    depth += 1
                elif inner[end].type == close:
                    depth -= 1
                    if depth == 0:
                        break
            out.append(inner[index + 1 : end])
            index = end
        index += 1
    return out


def our_cites(tokens, out: list[Cite]) -> list[Cite]:
    """The citations in markdown-it tokens, in the order of :func:`pandoc_cites`."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "image":
            our_cites(token.children or [], out)
        elif token.type == f"{GROUP}_open":
            end = closing(tokens, index)
            texts = parts(tokens[index + 1 : end])
            for number, citation in enumerate(token.meta["citations"]):
                if token.meta["textual"]:
                    mode = "AuthorInText"
                else:
                    mode = "SuppressAuthor" if citation.suppress_author else "NormalCitation"
                prefix, suffix = texts[2 * number], texts[2 * number + 1]
                out.append(normalized(citation.key, mode, plain_text(prefix), plain_text(suffix)))
            for text in texts:
                our_cites(text, out)
            index = end
        index += 1
    return out


def read_with_citations_fr(cases: list[str]) -> list[list[Cite]]:
    md = myst_parser()
    read = []
    for case in cases:
        inline = [token for token in md.parse(case) if token.type == "inline"]
        assert len(inline) == 1, f"not one paragraph: {case!r}"
        read.append(our_cites(inline[0].children, []))
    return read


def normalized(key: str, mode: str, prefix: str, suffix: str) -> Cite:
    """White space folded; a suffix without the comma that opens it."""
    suffix = " ".join(suffix.split())
    if suffix.startswith(","):
        suffix = suffix[1:].lstrip()
    return key, mode, " ".join(prefix.split()), suffix
