"""The book's sources: every entry of references.bib is cited, every citation has an entry,
and the bibliography page shows each entry once.

The chapters are read independently of citations_fr (a regular expression after Pandoc's
grammar, and the {cite:…} roles), so that a citation the extension would miss shows up here as
an entry that nobody cites.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from bs4 import BeautifulSoup
from conftest import BOOK
from pybtex.database import parse_file
from pybtex.richtext import Text

SOURCES = sorted((BOOK / "source").glob("*.md"))
BIBFILE = BOOK / "references.bib"

#: A fence: ``` or ~~~ (code, unless a {directive} follows) or ::: (a MyST directive).
FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>.*)$")
#: Directives whose content is not prose.
NOT_PROSE = ("{code", "{sourcecode", "{literalinclude", "{raw", "{math", "{bibliography", "{eval")
CODE_SPAN = re.compile(r"(`+)(?!\{).+?\1", re.S)
#: A role: {cite}, {cite:p}, {cite:t}, {cite:ps}... and its content.
CITE_ROLE = re.compile(r"\{cite(?::\w+)?\}`(?P<content>[^`]*)`")
#: Pandoc: an @ after the start, a blank, an opening bracket or parenthesis, « ; » or « - »
#: (so not the @ of an e-mail address or of a URL); the key is a letter, a digit or « _ »,
#: then letters, digits, « _ » and :.#$%&-+?<>~/ (the punctuation only inside the key);
#: or @{key}.
PANDOC_KEY = re.compile(
    r"(?:(?<=^)|(?<=[\s\[(;-]))@(?:\{(?P<braced>[^{}]+)\}|(?P<key>\w[\w:.#$%&+?<>~/-]*))", re.M
)
TRAILING_PUNCTUATION = ":.#$%&+?<>~/-"


def prose(text: str) -> str:
    """The lines of a MyST document that may hold citations: no code blocks, no fence lines.

    The {term} and {person} entries are directives whose content is prose, with citations.
    """
    lines: list[str] = []
    open_fences: list[tuple[str, int, bool]] = []  # (character, length, is code)
    for line in text.splitlines():
        fence = FENCE.match(line)
        closes = (
            fence is not None
            and bool(open_fences)
            and fence["fence"][0] == open_fences[-1][0]
            and len(fence["fence"]) >= open_fences[-1][1]
            and not fence["info"].strip()
        )
        if closes:
            open_fences.pop()
        elif open_fences and open_fences[-1][2]:
            continue  # inside code
        elif fence:
            info = fence["info"].strip()
            code = info.startswith(NOT_PROSE) or (fence["fence"][0] != ":" and info[:1] != "{")
            open_fences.append((fence["fence"][0], len(fence["fence"]), code))
        else:
            lines.append(line)
    return "\n".join(lines)


def cited_keys(text: str) -> set[str]:
    """The keys that a MyST document cites, in the Pandoc form or with a {cite:…} role."""
    keys: set[str] = set()
    text = prose(text)
    for match in CITE_ROLE.finditer(text):
        for part in match["content"].split(","):
            # {prefix}key{suffix}: the braces hold text, the key is outside them.
            key = re.sub(r"\{[^{}]*\}", "", part).strip()
            if key:
                keys.add(key)
    text = CODE_SPAN.sub(" ", CITE_ROLE.sub(" ", text))
    text = re.sub(r"\\@", " ", text)  # an escaped @ is text
    text = re.sub(r"\]\([^)]*\)|<[a-z]+:[^>]*>|https?://\S+", " ", text)  # link targets
    for match in PANDOC_KEY.finditer(text):
        keys.add(match["braced"] or match["key"].rstrip(TRAILING_PUNCTUATION))
    return keys


def squash(text: str) -> str:
    """Letters and digits only, case-folded: text as a comparison should see it."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(character for character in text if character.isalnum())


@pytest.fixture(scope="module")
def bibliography():
    return parse_file(str(BIBFILE), bib_format="bibtex")


def test_the_citation_parser():
    """What counts as a citation here, and what does not."""
    text = (
        "Voir [@Debois2008; -@AgileRoots2009, p. 12] et @Kim2016. Aussi [voir @Forsgren2018].\n"
        "{cite:p}`Humble2010,{voir}Fitz2009{p. 3}` et {cite:t}`Fowler2006`.\n"
        "contact@example.org, https://example.org/@user, `@Code`, \\@Escaped, @{Key.}\n"
        "```python\n@decorator\n```\n"
        "```{term} Terme\n\nUne définition [@Smith2001].\n```\n"
        "```text\n{cite:p}`Beck1999`\n```\n"
    )
    assert cited_keys(text) == {
        "Debois2008",
        "AgileRoots2009",
        "Kim2016",
        "Forsgren2018",
        "Humble2010",
        "Fitz2009",
        "Fowler2006",
        "Key.",
        "Smith2001",
    }


def test_every_entry_is_cited_and_every_citation_has_an_entry(bibliography):
    """The keys of references.bib are exactly the keys the chapters cite."""
    cited = set().union(*(cited_keys(path.read_text(encoding="utf-8")) for path in SOURCES))
    entries = set(bibliography.entries.keys())
    assert sorted(entries - cited) == [], "entries of references.bib that no chapter cites"
    assert sorted(cited - entries) == [], "citations without an entry in references.bib"


@pytest.mark.slow
def test_the_bibliography_page_shows_every_entry_once(book_build, bibliography):
    """Each entry of references.bib is one entry of the bibliography page, found by its
    author's name, its title and its address (URL, DOI or ISBN) when it has one."""
    page = BeautifulSoup(
        (book_build("html") / "source" / "bibliographie.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    shown = {entry["id"]: squash(entry.p.get_text()) for entry in page.select("div.citation")}
    links = {
        entry["id"]: {link["href"] for link in entry.select("a[href]")}
        for entry in page.select("div.citation")
    }
    assert len(shown) == len(bibliography.entries)
    found: dict[str, str] = {}
    for key, entry in bibliography.entries.items():
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        name = Text.from_latex(" ".join(persons[0].last_names)).render_as("text")
        title = Text.from_latex(entry.fields["title"]).render_as("text")
        address = next(
            (entry.fields[field] for field in ("url", "doi", "isbn") if field in entry.fields),
            "",
        )
        matches = [
            entry_id
            for entry_id, text in shown.items()
            if text.startswith(squash(name))
            and squash(title) in text
            and squash(address) in text
            # a web address is a link of its own (one address can start another)
            and ("url" not in entry.fields or address in links[entry_id])
        ]
        assert len(matches) == 1, (key, matches)
        found[key] = matches[0]
    assert len(set(found.values())) == len(found), "two keys found in the same entry"
