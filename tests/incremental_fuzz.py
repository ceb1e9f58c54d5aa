"""A small book that random edits change, for the differential test of incremental builds.

The book is a model (:class:`Book`): chapters of paragraphs made of words, mentions of terms
and people and citations; terms and people defined in the glossary, the people page or a
chapter, with aliases, forms, an expansion, ``:footnote:``, ``:see:`` and mentions inside
their own definitions; a ``.bib`` file; a root toctree with its options.  :func:`render`
writes it as MyST files with the book's extensions; :data:`EDITS` are the edits a writer
makes, each a function of the book and a few integers that applies to any book (an index
wraps around, an edit with nothing to act on changes nothing), so that Hypothesis can draw
and shrink sequences of them freely (tests/test_incremental_fuzz.py).
"""

from __future__ import annotations

import copy
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: Names the edits draw from; some are only ever mentioned (unknown references are input too).
TERM_NAMES = ("DevOps", "CI/CD", "GitOps", "agilité", "SBOM", "déploiement continu")
PERSON_NAMES = ("Patrick Debois", "Andrew Shafer", "Gene Kim", "Nicole Forsgren")
WORDS = ("Une phrase simple.", "Le pipeline livre.", "Une équipe apprend vite.", "Rien de plus.")
BIB_KEYS = ("Debois2008", "Shafer2009", "Kim2016")
TITLES = ("Premier chapitre", "Les menaces", "Le pipeline", "Les dépendances", "Annexe")

CONF = """\
from book_stack import EXTENSIONS

project = "Fuzz"
author = "Test"
copyright = "2026, Test"
version = release = "1.0"
language = "fr"
extensions = list(EXTENSIONS)
primary_domain = "devops"
smartquotes = True
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
myst_footnote_transition = False
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "fr"
html_theme = "furo"
html_title = %(title)r
html_search_language = "fr"
html_copy_source = False
epub_basename = "fuzz"
epub_title = project
epub_author = epub_publisher = author
epub_copyright = copyright
epub_uid = epub_identifier = "fuzz-5f0d6a52-8f1e-4c1b-9d57-2b1f3c0e7a11"
epub_show_urls = "inline"
"""


@dataclass
class Entry:
    kind: str  # "term" or "person"
    name: str
    home: str  # the document that defines it
    aliases: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    expansion: str = ""
    footnote: bool = False
    see: list[str] = field(default_factory=list)
    #: The definition: paragraphs of tokens, as a chapter's.
    body: list[list[str]] = field(default_factory=lambda: [["Une définition."]])


@dataclass
class Chapter:
    name: str
    title: str
    paragraphs: list[list[str]] = field(default_factory=lambda: [["Une phrase simple."]])


@dataclass
class Book:
    chapters: list[Chapter]
    entries: list[Entry]
    bib: dict[str, str]
    numbered: bool = False
    maxdepth: int = 2
    html_title: str = "Fuzz"
    next_chapter: int = 3


def initial_book() -> Book:
    return Book(
        chapters=[
            Chapter("chap1", "Premier chapitre", [["{term}`DevOps`", "{person}`Patrick Debois`"]]),
            Chapter("chap2", "Deuxième chapitre", [["{person}`Gene Kim`", "[@Kim2016, p. 12]"]]),
        ],
        entries=[
            Entry("term", "DevOps", "glossaire", aliases=["devops"], see=["CI/CD"]),
            Entry("term", "CI/CD", "glossaire", expansion="intégration et déploiement continus"),
            Entry("person", "Patrick Debois", "personnes", body=[["Consultant belge."]]),
            Entry(
                "person",
                "Gene Kim",
                "personnes",
                body=[["Auteur, voir", "{person}`Patrick Debois`"]],
            ),
        ],
        bib={key: f"Titre de {key}" for key in BIB_KEYS},
    )


# -- Writing the book ------------------------------------------------------------------------


def paragraph(tokens: list[str]) -> str:
    return " ".join(tokens) if tokens else "Vide."


def entry_block(entry: Entry) -> str:
    options = []
    if entry.aliases:
        options.append(f":aliases: {', '.join(entry.aliases)}")
    if entry.forms:
        options.append(f":forms: {', '.join(entry.forms)}")
    if entry.kind == "term":
        if entry.expansion:
            options.append(f":expansion: {entry.expansion}")
        if entry.see:
            options.append(f":see: {', '.join(entry.see)}")
        if entry.footnote:
            options.append(":footnote:")
    body = "\n\n".join(paragraph(p) for p in entry.body)
    return "\n".join([f"```{{{entry.kind}}} {entry.name}", *options, "", body, "```"])


def definitions_in(book: Book, docname: str) -> str:
    blocks = [entry_block(e) for e in book.entries if e.home == docname]
    return "\n\n".join(blocks)


def render(book: Book) -> dict[str, str]:
    """The book's files, by name."""
    options = [f":maxdepth: {book.maxdepth}", ":caption: Sommaire"]
    if book.numbered:
        options.append(":numbered:")
    toctree = [c.name for c in book.chapters] + ["glossaire", "personnes", "bibliographie"]
    files = {
        "conf.py": CONF % {"title": book.html_title},
        "index.md": "# Fuzz\n\nUn livre.\n\n```{toctree}\n"
        + "\n".join(options)
        + "\n\n"
        + "\n".join(toctree)
        + "\n```\n",
        "glossaire.md": f"# Glossaire\n\n{definitions_in(book, 'glossaire')}\n",
        "personnes.md": f"# Personnes\n\n{definitions_in(book, 'personnes')}\n",
        "bibliographie.md": "# Bibliographie\n\n```{bibliography}\n```\n",
        "refs.bib": "\n".join(
            f"@misc{{{key},\n  author = {{Auteur, {key[:-4]}}},\n  title = {{{title}}},\n"
            f"  year = {{{key[-4:]}}},\n}}\n"
            for key, title in sorted(book.bib.items())
        ),
    }
    for chapter in book.chapters:
        text = "\n\n".join(paragraph(p) for p in chapter.paragraphs)
        definitions = definitions_in(book, chapter.name)
        files[f"{chapter.name}.md"] = f"# {chapter.title}\n\n{text}\n" + (
            f"\n{definitions}\n" if definitions else ""
        )
    return files


def write(book: Book, srcdir: Path) -> list[str]:
    """Write what changed (only that, as an editor saves), each file newer than the last
    build; delete the files of removed chapters.  Returns the names written or deleted."""
    files = render(book)
    srcdir.mkdir(parents=True, exist_ok=True)
    changed = []
    stamp = time.time_ns() + 1_000_000_000  # a second ahead: newer than any build so far
    for name, text in files.items():
        path = srcdir / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            os.utime(path, ns=(stamp, stamp))
            changed.append(name)
    for path in srcdir.glob("*.md"):
        if path.name not in files:
            path.unlink()
            changed.append(path.name)
    return changed


# -- The edits -------------------------------------------------------------------------------


def _pick(items: list, i: int):  # type: ignore[no-untyped-def]
    return items[i % len(items)] if items else None


def _homes(book: Book, kind: str) -> list[str]:
    return ["glossaire" if kind == "term" else "personnes", *(c.name for c in book.chapters)]


def _texts(book: Book) -> list[list[list[str]]]:
    """Every list of paragraphs a mention can go into: chapters, then definitions."""
    return [c.paragraphs for c in book.chapters] + [e.body for e in book.entries]


def add_entry(book: Book, a: int, b: int, c: int) -> None:
    kind = "term" if a % 2 == 0 else "person"
    names = TERM_NAMES if kind == "term" else PERSON_NAMES
    name = names[b % len(names)]
    if any(e.name == name for e in book.entries):
        return
    book.entries.append(Entry(kind, name, _pick(_homes(book, kind), c)))


def remove_entry(book: Book, a: int, b: int, c: int) -> None:
    if book.entries:
        del book.entries[a % len(book.entries)]


def move_entry(book: Book, a: int, b: int, c: int) -> None:
    entry = _pick(book.entries, a)
    if entry:
        entry.home = _pick(_homes(book, entry.kind), b)


def rename_entry(book: Book, a: int, b: int, c: int) -> None:
    entry = _pick(book.entries, a)
    if entry:
        names = TERM_NAMES if entry.kind == "term" else PERSON_NAMES
        name = names[b % len(names)]
        if not any(e.name == name for e in book.entries):
            entry.name = name


def set_options(book: Book, a: int, b: int, c: int) -> None:
    """Aliases, forms, expansion, footnote or see of an entry."""
    entry = _pick(book.entries, a)
    if not entry:
        return
    option = b % 5
    if option == 0:
        entry.aliases = [] if entry.aliases else [entry.name.lower() + " bis"]
    elif option == 1:
        entry.forms = [] if entry.forms else [entry.name + "s"]
    elif option == 2 and entry.kind == "term":
        entry.expansion = "" if entry.expansion else f"forme longue {c % 3}"
    elif option == 3 and entry.kind == "term":
        entry.footnote = not entry.footnote
    elif option == 4 and entry.kind == "term":
        target = TERM_NAMES[c % len(TERM_NAMES)]
        entry.see = [] if entry.see else [target]


MENTION_FORMS = (
    "{{{kind}}}`{name}`",
    "{{{kind}}}`le texte <{name}>`",
    "{{{kind}}}`!{name}`",
    "{{{kind}}}`+{name}`",
)


def add_mention(book: Book, a: int, b: int, c: int) -> None:
    """A mention of an entry (or of a name no entry has) in a chapter or a definition."""
    texts = _texts(book)
    paragraphs = _pick(texts, a)
    if paragraphs is None:
        return
    kind = "term" if b % 2 == 0 else "person"
    names = TERM_NAMES if kind == "term" else PERSON_NAMES
    name = names[(b // 2) % len(names)]
    form = MENTION_FORMS[c % len(MENTION_FORMS)]
    if not paragraphs:
        paragraphs.append([])
    paragraphs[c % len(paragraphs)].append(form.format(kind=kind, name=name))


def add_words(book: Book, a: int, b: int, c: int) -> None:
    paragraphs = _pick(_texts(book), a)
    if paragraphs is not None:
        if b % 3 == 0 or not paragraphs:
            paragraphs.append([WORDS[c % len(WORDS)]])
        else:
            paragraphs[c % len(paragraphs)].append(WORDS[b % len(WORDS)])


def remove_token(book: Book, a: int, b: int, c: int) -> None:
    """Remove a word, a mention or a citation (or a whole paragraph)."""
    paragraphs = _pick(_texts(book), a)
    if not paragraphs:
        return
    tokens = paragraphs[b % len(paragraphs)]
    if len(tokens) <= 1:
        del paragraphs[b % len(paragraphs)]
    else:
        del tokens[c % len(tokens)]


def add_citation(book: Book, a: int, b: int, c: int) -> None:
    chapter = _pick(book.chapters, a)
    if chapter:
        key = BIB_KEYS[b % len(BIB_KEYS)]
        citation = f"[@{key}, p. {c % 20 + 1}]" if c % 2 else f"[@{key}]"
        if not chapter.paragraphs:
            chapter.paragraphs.append([])
        chapter.paragraphs[-1].append(citation)


def edit_bib(book: Book, a: int, b: int, c: int) -> None:
    key = BIB_KEYS[a % len(BIB_KEYS)]
    book.bib[key] = f"Titre {c % 4} de {key}"


def add_chapter(book: Book, a: int, b: int, c: int) -> None:
    if len(book.chapters) >= 4:
        return
    chapter = Chapter(f"chap{book.next_chapter}", TITLES[a % len(TITLES)], [[WORDS[b % 4]]])
    book.next_chapter += 1
    book.chapters.insert(c % (len(book.chapters) + 1), chapter)


def remove_chapter(book: Book, a: int, b: int, c: int) -> None:
    if len(book.chapters) <= 1:
        return
    removed = book.chapters.pop(a % len(book.chapters))
    for entry in book.entries:  # its definitions go back to their page
        if entry.home == removed.name:
            entry.home = _homes(book, entry.kind)[0]


def move_chapter(book: Book, a: int, b: int, c: int) -> None:
    if len(book.chapters) > 1:
        chapter = book.chapters.pop(a % len(book.chapters))
        book.chapters.insert(b % (len(book.chapters) + 1), chapter)


def retitle_chapter(book: Book, a: int, b: int, c: int) -> None:
    chapter = _pick(book.chapters, a)
    if chapter:
        chapter.title = TITLES[b % len(TITLES)] + ("" if c % 2 else " bis")


def toctree_options(book: Book, a: int, b: int, c: int) -> None:
    if a % 2:
        book.numbered = not book.numbered
    else:
        book.maxdepth = 1 + b % 3


def configuration(book: Book, a: int, b: int, c: int) -> None:
    book.html_title = ("Fuzz", "Un autre titre", "Le livre")[a % 3]


Edit = Callable[[Book, int, int, int], None]
#: The edits, by name (the name is what a failing sequence prints).
EDITS: dict[str, Edit] = {
    edit.__name__: edit
    for edit in (
        add_entry,
        remove_entry,
        move_entry,
        rename_entry,
        set_options,
        add_mention,
        add_words,
        remove_token,
        add_citation,
        edit_bib,
        add_chapter,
        remove_chapter,
        move_chapter,
        retitle_chapter,
        toctree_options,
        configuration,
    )
}


def apply(book: Book, step: tuple[str, int, int, int]) -> Book:
    """A copy of the book with one edit applied."""
    name, a, b, c = step
    edited = copy.deepcopy(book)
    EDITS[name](edited, a, b, c)
    return edited
