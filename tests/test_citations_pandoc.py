"""Pandoc's citation syntax, as the markdown-it plugin reads it (no Sphinx build).

A citation group becomes ``pandoc_citation`` tokens, which the renderer turns into the
equivalent sphinxcontrib-bibtex roles (:func:`citations_fr.parser.roles_of`); what is not
a citation stays Markdown.  (Agreement with Pandoc itself: ``test_citations_differential``.)
"""

from __future__ import annotations

import pytest
from citations_fr.pandoc import GROUP, UNRESOLVED, Citation, pandoc_citation_plugin, scan_key
from citations_fr.parser import roles_of
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.myst_role import myst_role_plugin
from pandoc_corpus import our_cites

KEYS = {"AgileRoots2009", "Debois2008", "Kim2016", "doe:2020.x", "Trailing.", "a_b"}


def parser(candidates: list[str] | None = None) -> MarkdownIt:
    md = MarkdownIt("commonmark").use(myst_role_plugin).use(footnote_plugin)
    notify = (lambda: candidates.append("@")) if candidates is not None else None
    return md.use(pandoc_citation_plugin, keys=KEYS, on_candidate=notify)


def tokens(source: str) -> list:
    return [token for block in parser().parse(source) for token in block.children or []]


def cites(source: str) -> list[tuple[str, str, str, str]]:
    """``(key, mode, prefix, suffix)`` of each citation, as in the differential test."""
    return our_cites(tokens(source), [])


def roles(source: str) -> list[tuple[str, list[str]]]:
    """The roles that write each group: ``(role, keys)``."""
    out = []
    for token in tokens(source):
        if token.type == f"{GROUP}_open":
            citations = token.meta["citations"]
            for name, members in roles_of(citations, token.meta["textual"]):
                out.append((name, [citations[m].key for m in members]))
    return out


# -- each form of the syntax ---------------------------------------------------------------


N, T, S = "NormalCitation", "AuthorInText", "SuppressAuthor"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[@AgileRoots2009]", [("AgileRoots2009", N, "", "")]),
        ("[@Kim2016, p. 12]", [("Kim2016", N, "", "p. 12")]),
        ("[voir @Kim2016, chap. 3]", [("Kim2016", N, "voir", "chap. 3")]),
        ("[-@Debois2008]", [("Debois2008", S, "", "")]),
        ("@Debois2008 says", [("Debois2008", T, "", "")]),
        ("@Debois2008 [p. 33] says", [("Debois2008", T, "", "p. 33")]),
        (
            "[voir @Debois2008, p. 3; aussi @Kim2016]",
            [("Debois2008", N, "voir", "p. 3"), ("Kim2016", N, "aussi", "")],
        ),
        # a soft line break inside the brackets is a space
        ("[voir\n@Kim2016,\np. 3]", [("Kim2016", N, "voir", "p. 3")]),
        # a suffix without the comma
        ("[@Kim2016 p. 3]", [("Kim2016", N, "", "p. 3")]),
        # escaped punctuation in a suffix
        (r"[@Kim2016, p. 3\; 5]", [("Kim2016", N, "", "p. 3; 5")]),
        # Markdown in a prefix and a suffix, and a textual citation in a suffix
        (
            "[*voir* @Kim2016, `x;y`, @a_b]",
            [("Kim2016", N, "voir", "x;y, @a_b"), ("a_b", T, "", "")],
        ),
    ],
)
def test_each_form(source, expected):
    assert cites(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[@AgileRoots2009; @Debois2008]", [("cite:p", ["AgileRoots2009", "Debois2008"])]),
        ("[-@Debois2008, p. 4; -@Kim2016]", [("cite:yearpar", ["Debois2008", "Kim2016"])]),
        ("@Debois2008", [("cite:t", ["Debois2008"])]),
        # no single role mixes author-year and year-only citations
        (
            "[@AgileRoots2009; -@Debois2008, p. 3]",
            [("cite:alp", ["AgileRoots2009"]), ("cite:year", ["Debois2008"])],
        ),
    ],
)
def test_each_group_becomes_the_equivalent_roles(source, expected):
    assert roles(source) == expected


def test_a_citation_in_running_text_keeps_the_words_around_it():
    text = [t.content for t in tokens("Comme le montre @Kim2016, à Toronto [@Debois2008].")]
    assert text[0] == "Comme le montre "
    assert ", à Toronto " in text
    assert text[-1] == "."
    assert [key for key, *_ in cites("Comme le montre @Kim2016, à Toronto [@Debois2008].")] == [
        "Kim2016",
        "Debois2008",
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
    assert cites(source) == [(key, T, "", "")]


def test_scan_key():
    assert scan_key("Kim2016, p. 3", 0, 13) == ("Kim2016", 7)
    assert scan_key("a.b.-c", 0, 6) == ("a.b", 3)
    assert scan_key("a://b x", 0, 7) == ("a://b", 5)
    assert scan_key("-x", 0, 2) is None
    assert scan_key("{a b}", 0, 5) is None
    assert scan_key("{a,b}", 0, 5) is None
    assert Citation("k").prefix == (0, 0)


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
    assert not [t for t in tokens(source) if t.type in {f"{GROUP}_open", f"{UNRESOLVED}_open"}]


def test_a_bracket_that_is_not_a_citation_leaves_textual_citations_inside():
    """As in Pandoc: ``[@a; text]`` is no citation group, but ``@a`` still cites."""
    assert cites("[@Kim2016; no key here]") == [("Kim2016", T, "", "")]
    text = [t.content for t in tokens("[@Kim2016; no key here]") if t.type == "text"]
    assert text == ["[", "; no key here]"]


def test_unknown_keys_in_brackets_stay_markdown_in_an_unresolved_token():
    found = tokens("See [*voir* @nokey, p. 3; @other] here.")
    unresolved = [token for token in found if token.type == f"{UNRESOLVED}_open"]
    assert [(t.content, t.meta["keys"]) for t in unresolved] == [
        ("[*voir* @nokey, p. 3; @other]", ["nokey", "other"])
    ]
    assert "em_open" in [t.type for t in found]
    assert parser().render("[**Note**: ask @support]") == (
        "<p>[<strong>Note</strong>: ask @support]</p>\n"
    )


def test_one_known_key_is_enough_for_the_role_which_warns_about_the_others():
    assert roles("[@Debois2008; @nokey]") == [("cite:p", ["Debois2008", "nokey"])]


def test_keys_are_case_sensitive_as_in_the_roles():
    assert cites("@debois2008") == []
    assert next(t.type for t in tokens("[@debois2008]")) == f"{UNRESOLVED}_open"


@pytest.mark.parametrize("source", ["[@nokey]", "@Debois2008", "a @mention"])
def test_candidates_are_reported_known_or_not(source):
    seen: list[str] = []
    parser(seen).parse(source)
    assert seen


def test_no_candidate_no_report():
    seen: list[str] = []
    parser(seen).parse("contact@example.org `@Kim2016` https://example.org/@Kim2016")
    assert not seen


def test_braces_after_a_bracket_without_attrs_inline():
    """Without MyST's ``attrs_inline`` there are no spans: ``[@a]{.x}`` cites, ``{.x}`` is
    text (with it, the bracket is a span, as Pandoc reads it: test_citations_markdown)."""
    assert roles("[@Kim2016]{.x}") == [("cite:p", ["Kim2016"])]
    assert tokens("[@Kim2016]{.x}")[-1].content == "{.x}"
