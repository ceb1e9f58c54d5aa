"""Pandoc's citation syntax, as the markdown-it plugin reads it (no Sphinx build).

A citation becomes the token of the equivalent sphinxcontrib-bibtex role (``myst_role``
with ``cite:p``, ``cite:t``…); what is not a citation stays text.
"""

from __future__ import annotations

import pytest
from citations_fr.pandoc import (
    UNRESOLVED_TOKEN,
    Brackets,
    Citation,
    find_key,
    pandoc_citation_plugin,
    parse_bracketed,
    scan_key,
)
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

KEYS = {"AgileRoots2009", "Debois2008", "Kim2016", "doe:2020.x", "Trailing.", "a_b"}


def parser(candidates: list[str] | None = None) -> MarkdownIt:
    md = MarkdownIt("commonmark").use(myst_role_plugin).use(footnote_plugin)
    notify = (lambda: candidates.append("@")) if candidates is not None else None
    return md.use(pandoc_citation_plugin, keys=KEYS, brackets=Brackets(), on_candidate=notify)


def inline(source: str) -> list[tuple[str, str]]:
    """The inline tokens of ``source``: (role name or token type, content)."""
    tokens = []
    for block in parser().parse(source):
        for token in block.children or []:
            if token.type == "myst_role":
                tokens.append((token.meta["name"], token.content))
            elif token.type not in {"softbreak"}:
                tokens.append((token.type, token.content))
    return tokens


def roles(source: str) -> list[tuple[str, str]]:
    return [(kind, content) for kind, content in inline(source) if kind.startswith("cite:")]


# -- each form of the syntax ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[@AgileRoots2009]", [("cite:p", "AgileRoots2009")]),
        ("[@AgileRoots2009; @Debois2008]", [("cite:p", "AgileRoots2009,Debois2008")]),
        ("[@Kim2016, p. 12]", [("cite:p", "Kim2016{p. 12}")]),
        ("[see @Kim2016, chap. 3]", [("cite:p", "{see}Kim2016{chap. 3}")]),
        ("[voir @Kim2016, chap. 3]", [("cite:p", "{voir}Kim2016{chap. 3}")]),
        ("[-@Debois2008]", [("cite:yearpar", "Debois2008")]),
        ("[-@Debois2008, p. 4; -@Kim2016]", [("cite:yearpar", "Debois2008{p. 4},Kim2016")]),
        ("@Debois2008 says", [("cite:t", "Debois2008")]),
        ("@Debois2008 [p. 33] says", [("cite:t", "Debois2008{p. 33}")]),
        (
            "[voir @Debois2008, p. 3; aussi @Kim2016]",
            [("cite:p", "{voir}Debois2008{p. 3},{aussi}Kim2016")],
        ),
        # a prefix may hold a semicolon that no key follows, as in Pandoc
        ("[a; b @Kim2016]", [("cite:p", "{a; b}Kim2016")]),
        # a soft line break inside the brackets is a space
        ("[voir\n@Kim2016,\np. 3]", [("cite:p", "{voir}Kim2016{p. 3}")]),
        # a suffix without the comma
        ("[@Kim2016 p. 3]", [("cite:p", "Kim2016{p. 3}")]),
        # escaped punctuation in a suffix
        (r"[@Kim2016, p. 3\; 5]", [("cite:p", "Kim2016{p. 3; 5}")]),
    ],
)
def test_each_form_becomes_the_equivalent_role(source, expected):
    assert roles(source) == expected


def test_mixing_author_and_year_only_citations():
    """No single role mixes them: ``(`` {cite:alp} ``; `` {cite:year} ``)``."""
    assert inline("[@AgileRoots2009; -@Debois2008, p. 3]") == [
        ("text", "("),
        ("cite:alp", "AgileRoots2009"),
        ("text", "; "),
        ("cite:year", "Debois2008{p. 3}"),
        ("text", ")"),
    ]


def test_the_mixed_form_takes_the_brackets_of_the_reference_style():
    md = MarkdownIt("commonmark").use(myst_role_plugin)
    md.use(pandoc_citation_plugin, keys=KEYS, brackets=Brackets("[", "]", ", "))
    tokens = md.parseInline("[@Kim2016; -@Debois2008]")[0].children
    assert [token.content for token in tokens if token.type == "text"] == ["[", ", ", "]"]


def test_a_citation_in_running_text_keeps_the_words_around_it():
    assert inline("Comme le montre @Kim2016, tout commence à Toronto [@Debois2008].") == [
        ("text", "Comme le montre "),
        ("cite:t", "Kim2016"),
        ("text", ", tout commence à Toronto "),
        ("cite:p", "Debois2008"),
        ("text", "."),
    ]


@pytest.mark.parametrize(
    ("source", "key"),
    [
        ("@Kim2016.", "Kim2016"),  # the final period ends the sentence
        ("@doe:2020.x,", "doe:2020.x"),  # internal punctuation
        ("(@a_b)", "a_b"),
        ("«\u00a0@Kim2016\u00a0»", "Kim2016"),
        ("*@Kim2016*", "Kim2016"),
        ("@{Trailing.} here", "Trailing."),  # Pandoc's braced key
    ],
)
def test_keys_follow_pandocs_grammar(source, key):
    assert roles(source) == [("cite:t", key)]


def test_scan_key():
    assert scan_key("Kim2016, p. 3", 0, 13) == ("Kim2016", 7)
    assert scan_key("a.b.-c", 0, 6) == ("a.b", 3)
    assert scan_key("-x", 0, 2) is None
    assert scan_key("{a b}", 0, 5) is None
    assert find_key("see -@k1 x", 0) == (4, "k1", 8, True)
    assert find_key("mail a@b.c", 0) is None


def test_parse_bracketed():
    assert parse_bracketed("see @a, p. 1; -@b") == [
        Citation("a", "see", "p. 1"),
        Citation("b", suppress_author=True),
    ]
    assert parse_bracketed("@a; and nothing else") is None  # a part without a key
    assert parse_bracketed("@a, see also @b") is None  # a key inside a suffix
    assert parse_bracketed("no key at all") is None
    assert Citation("k", "voir", "p. 3").target == "{voir}k{p. 3}"


# -- what is left alone ------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "Write to contact@example.org.",
        "Write to AgileRoots2009@example.org.",
        "Code `[@AgileRoots2009]` and `@AgileRoots2009`.",
        "```\n[@AgileRoots2009] @AgileRoots2009\n```",
        "    [@AgileRoots2009] @AgileRoots2009 (indented code)",
        "URL https://example.org/@AgileRoots2009 in text.",
        "Autolink <https://example.org/@AgileRoots2009>.",
        "<span>@AgileRoots2009</span> raw HTML",
        "A [link to @AgileRoots2009](https://example.org).",
        "[@AgileRoots2009](https://example.org) is a link.",
        "[@AgileRoots2009][ref]\n\n[ref]: https://example.org",
        "[@AgileRoots2009]\n\n[@AgileRoots2009]: https://example.org",
        "A mention @nobody, and @AgileRoots2009@example.social.",
        r"Escaped \@AgileRoots2009 and \[\@AgileRoots2009].",
        "A footnote[^AgileRoots2009].\n\n[^AgileRoots2009]: Note.",
        "[see contact@example.org]",
    ],
)
def test_left_alone(source):
    tokens = [token for block in parser().parse(source) for token in block.children or []]
    assert not [t for t in tokens if t.type in {"myst_role", UNRESOLVED_TOKEN}]


def test_a_bracket_that_is_not_a_citation_leaves_textual_citations_inside():
    """As in Pandoc: ``[@a; text]`` is no citation group, but ``@a`` still cites."""
    assert inline("[@Kim2016; no key here]") == [
        ("text", "["),
        ("cite:t", "Kim2016"),
        ("text", "; no key here]"),
    ]


def test_unknown_keys_in_brackets_stay_text_in_an_unresolved_token():
    tokens = parser().parseInline("See [voir @nokey, p. 3; @other] here.")[0].children
    unresolved = [token for token in tokens if token.type == UNRESOLVED_TOKEN]
    assert [(t.content, t.meta["keys"]) for t in unresolved] == [
        ("[voir @nokey, p. 3; @other]", ["nokey", "other"])
    ]
    assert parser().render("[@nokey]") == "<p>[@nokey]</p>\n"


def test_one_known_key_is_enough_for_the_role_which_warns_about_the_others():
    assert roles("[@Debois2008; @nokey]") == [("cite:p", "Debois2008,nokey")]


def test_keys_are_case_sensitive_as_in_the_roles():
    assert roles("@debois2008") == []
    assert [t for t, _ in inline("[@debois2008]")] == [UNRESOLVED_TOKEN]


def test_braces_in_a_prefix_or_suffix_are_not_passed_to_a_role():
    tokens = parser().parseInline("[@Debois2008, p. {3}]")[0].children
    assert [(t.type, t.meta.get("braces")) for t in tokens] == [(UNRESOLVED_TOKEN, True)]


@pytest.mark.parametrize("source", ["[@nokey]", "@Debois2008", "a @mention"])
def test_candidates_are_reported_known_or_not(source):
    seen: list[str] = []
    parser(seen).parse(source)
    assert seen


def test_no_candidate_no_report():
    seen: list[str] = []
    parser(seen).parse("contact@example.org `@Kim2016` https://example.org/@Kim2016")
    assert not seen
