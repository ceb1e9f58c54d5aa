"""Unit tests of the domain's keys: how a mention finds its entry and how indexes sort."""

from __future__ import annotations

import pytest
from docutils import nodes

from devops_domain.entries import (
    Entry,
    french_sort_key,
    index_letter,
    lookup_key,
    person_sort_name,
)
from devops_domain.reading import content_digest


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("DevOps", "devops"),
        ("  intégration\n  continue ", "intégration continue"),
        ("Éthique", "éthique"),  # case folded, accent kept
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),  # casefold, not lower
        ("se\u0301curite\u0301", "sécurité"),  # NFC: a decomposed accent is the composed one
        ("Dev\u200bOps", "devops"),  # invisible characters ignored
        ("\u202ePiège\u2069", "piège"),  # bidirectional controls too
        ("\ufeffDevOps", "devops"),
    ],
)
def test_lookup_key_ignores_case_and_spacing(written, key):
    assert lookup_key(written) == key


def test_lookup_key_keeps_accents():
    assert lookup_key("Éthique") != lookup_key("Ethique")


def test_french_order_puts_accented_letters_with_their_base_letter():
    words = ["Zèbre", "ferme", "éthique", "Etat", "étage", "Été"]
    assert sorted(words, key=french_sort_key) == [
        "étage",
        "Etat",
        "Été",
        "éthique",
        "ferme",
        "Zèbre",
    ]


def test_french_order_breaks_ties_on_the_exact_text():
    """Words equal but for accents and case: a stable order, unaccented first."""
    assert sorted(["été", "Été", "ete"], key=french_sort_key) == ["ete", "Été", "été"]


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("Éthique", "E"),
        ("agilité", "A"),
        ("Œuvre", "O"),
        ("Ørsted", "O"),
        (".NET", "Symbols"),
        ("2FA", "Symbols"),
    ],
)
def test_index_letter(text, letter):
    assert index_letter(text) == letter


@pytest.mark.parametrize(
    ("name", "sort"),
    [
        ("Patrick Debois", "Debois, Patrick"),
        ("Andrew Clay Shafer", "Shafer, Andrew Clay"),
        ("Madonna", "Madonna"),
    ],
)
def test_person_sort_name_is_last_word_first(name, sort):
    assert person_sort_name(name) == sort


def entry(**fields) -> Entry:
    base = {"kind": "term", "name": "CI/CD", "docname": "glossaire", "lineno": 3, "anchor": "a"}
    return Entry(**{**base, **fields})


def test_an_entry_is_found_by_its_name_then_its_aliases():
    found = entry(aliases=("Intégration continue", "déploiement  continu"))
    assert found.keys == ("ci/cd", "intégration continue", "déploiement continu")


def test_sort_text_is_the_sort_option_else_the_name():
    assert entry().sort_text == "CI/CD"
    assert entry(sort="Debois, Patrick").sort_text == "Debois, Patrick"


def content(text: str) -> nodes.container:
    return nodes.container("", nodes.paragraph(text, text))


def test_content_digest_follows_what_other_pages_show():
    """The digest decides which pages an edit makes outdated: it changes with the text and
    the options, not with the line the entry starts on."""
    first = entry(content=content("Un texte."))
    assert content_digest(first) == content_digest(first._replace(lineno=40))
    assert content_digest(first) != content_digest(first._replace(content=content("Autre.")))
    assert content_digest(first) != content_digest(first._replace(expansion="intégration"))
    assert content_digest(first) != content_digest(first._replace(aliases=("CI",)))
