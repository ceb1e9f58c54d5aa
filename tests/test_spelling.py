"""French spelling of the chapters: hunspell on the prose of every source/*.md, with an allow-list.

Only what a reader sees is checked: code, directive options and arguments, role targets,
URLs, citation keys and the `[^orig-…]` footnotes (the book's convention for the original
text of a translated quotation) are blanked first, line by line, so that a report points at
the right line. What the author marked as English with the `{en}` role is checked apart, by
hunspell's English dictionary: French rules would reject « workflow » and accept nothing.
Words hunspell rejects but that are right (names, technical terms) go one per
line in tests/spelling-allow.txt: a lower-case entry also allows the capitalised word, as in
hunspell.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import BOOK, require_tool

SOURCES = sorted((BOOK / "source").glob("*.md"))
ALLOW_LIST = BOOK / "tests" / "spelling-allow.txt"
DICTIONARY = os.environ.get("BOOK_SPELLING_DICT", "fr_FR")
ENGLISH_DICTIONARY = os.environ.get("BOOK_SPELLING_DICT_EN", "en_US")
#: Where the text of an {en} role starts and ends in the extracted prose (control characters,
#: which no chapter contains).
ENGLISH_START, ENGLISH_END = "\x00", "\x01"
ENGLISH_SPAN = re.compile(f"{ENGLISH_START}(.*?){ENGLISH_END}", re.DOTALL)
#: Where inline code was: no word for the spelling, a name for the grammar (« il appelle un
#: `Makefile`, un script » must not read « il appelle un , un script »).
CODE_MARK, CODE_AS_READ = "\x02", "Xyz"

# Directives whose body is not prose: it is skipped like code.
NOT_PROSE = {
    "bibliography",
    "code",
    "code-block",
    "code-cell",
    "csv-table",
    "eval-rst",
    "graphviz",
    "include",
    "literalinclude",
    "math",
    "mermaid",
    "raw",
    "sourcecode",
    "toctree",
}
# Roles whose content is a key or a label, not text: only an explicit title is checked.
# ({term} and {person} show their content, a name: it is checked.)
CITATION_ROLES = re.compile(r"^(?:cite|footcite)(?::\w+)?$")
REFERENCE_ROLES = re.compile(r"^(?:ref|doc|numref|eq|download|any|math)$")

FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:")
# A role or a link may run over several lines of a paragraph, never over a blank line.
ROLE = re.compile(r"\{(?P<name>[\w:.+-]+)\}`(?P<content>(?:[^`\n]|\n(?![ \t]*\n))*)`")
EXPLICIT_TITLE = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]*)>$", re.DOTALL)
INLINE_CODE = re.compile(r"(`+).*?\1")
IMAGE_OR_LINK = re.compile(
    r"!?\[(?P<text>(?:[^\]\n]|\n(?![ \t]*\n))*)\](?:\([^)\s]*\)|\[[^\]\n]*\])"
)
AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>]*>")
URL = re.compile(r"(?:https?://|ftp://|www\.)\S+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
FOOTNOTE = re.compile(r"\[\^[^\]]+\]:?")
CITATION_KEY = re.compile(r"(?<![\w@])-?@[\w][\w:.#$%&+?<>~/-]*")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
SUBSTITUTION = re.compile(r"\{\{.*?\}\}")
TARGET_LINE = re.compile(r"^\s*\([\w:. -]+\)=\s*$")
ORIGINAL_QUOTE = re.compile(r"^\[\^orig-[^\]]*\]:")
ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['\u2019](?P<word>.+)$", re.I)


def _role(match: re.Match[str]) -> str:
    """The text a role shows: its explicit title, else its content; nothing for a bare
    reference (a citation key, a label), where the reader sees a generated text."""
    if CITATION_ROLES.match(match["name"]):
        return " "
    if match["name"] == "en":  # English, marked for the English check
        return ENGLISH_START + match["content"] + ENGLISH_END
    titled = EXPLICIT_TITLE.match(match["content"])
    if titled:
        return titled["title"]
    return " " if REFERENCE_ROLES.match(match["name"]) else match["content"]


def _same_lines(replace):
    """Wrap a re.sub replacement so that it keeps the number of newlines it replaces."""

    def keep(match: re.Match[str]) -> str:
        text = replace(match)
        return text + "\n" * (match[0].count("\n") - text.count("\n"))

    return keep


def prose_line(line: str) -> str:
    """One line of MyST inline markup reduced to the words a reader sees."""
    line = ROLE.sub(_role, line)
    line = INLINE_CODE.sub(CODE_MARK, line)
    line = IMAGE_OR_LINK.sub(lambda m: m["text"], line)
    line = AUTOLINK.sub(" ", line)
    line = URL.sub(" ", line)
    line = EMAIL.sub(" ", line)
    line = FOOTNOTE.sub(" ", line)
    line = CITATION_KEY.sub(" ", line)
    line = HTML_TAG.sub(" ", line)
    line = SUBSTITUTION.sub(" ", line)
    return line.replace("*", " ").replace("#", " ")


def prose_lines(text: str) -> list[str]:
    """The French prose of a MyST document, one entry per source line (blank where there is
    none): the text of {en} roles is left out."""
    return _language_lines(_marked_prose_lines(text), english=False)


def reading_lines(text: str) -> list[str]:
    """The prose as it is read, French and English ({en} roles) together, one entry per
    source line: grammar is checked on whole sentences."""
    marked = "\n".join(_marked_prose_lines(text)).replace(CODE_MARK, CODE_AS_READ)
    return marked.replace(ENGLISH_START, "").replace(ENGLISH_END, "").split("\n")


def english_lines(text: str) -> list[str]:
    """The text of the {en} roles of a MyST document's prose, one entry per source line."""
    return _language_lines(_marked_prose_lines(text), english=True)


def _language_lines(lines: list[str], *, english: bool) -> list[str]:
    """Keep the English spans or everything else, as blanks of the same length otherwise."""
    # split with its group: what lies outside the spans, then a span, and so on
    parts = ENGLISH_SPAN.split("\n".join(lines))
    blank = re.compile(r"[^\n]")
    kept = (p if (i % 2 == 1) == english else blank.sub(" ", p) for i, p in enumerate(parts))
    joined = "".join(kept)
    for mark in (ENGLISH_START, ENGLISH_END, CODE_MARK):
        joined = joined.replace(mark, " ")
    return joined.split("\n")


def _marked_prose_lines(text: str) -> list[str]:
    """The prose, one entry per source line, with the {en} spans between their markers."""
    # Roles and links spanning lines first, keeping every line where it was.
    text = ROLE.sub(_same_lines(_role), text)
    text = IMAGE_OR_LINK.sub(_same_lines(lambda m: m["text"]), text)
    lines = text.split("\n")
    out = [""] * len(lines)
    # Open fences, innermost last: (character, length, is_prose, still_in_options).
    stack: list[list] = []
    in_comment = False
    in_original = False  # inside a [^orig-…] footnote: a quotation in its own language
    start = 0
    if lines and lines[0].strip() == "---":  # front matter
        closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if closing is not None:
            start = closing + 1
    for number in range(start, len(lines)):
        line = lines[number]
        if in_comment:
            in_comment = "-->" not in line
            continue
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            line, in_comment = line.split("<!--", 1)[0], True
        line = re.sub(r"<!--.*?-->", " ", line)
        fence = FENCE.match(line)
        top = stack[-1] if stack else None
        closes = fence and top and fence["fence"][0] == top[0] and len(fence["fence"]) >= top[1]
        if closes and not fence["info"].strip():
            stack.pop()
            continue
        if top and not top[2]:
            continue  # inside code: only its closing fence matters
        if fence:
            info = fence["info"].strip()
            name = re.match(r"^\{([^}]*)\}", info)
            if fence["fence"][0] == ":":
                directive = name[1] if name else info.split(" ", 1)[0]
                prose = directive not in NOT_PROSE
            else:
                prose = bool(name) and name[1] not in NOT_PROSE
            stack.append([fence["fence"][0], len(fence["fence"]), prose, True])
            continue
        if top and top[3]:
            if OPTION.match(line):
                continue
            top[3] = False
        if in_original:
            if line.strip() and line[:1].isspace():
                continue  # the footnote goes on on indented lines
            in_original = False
        if ORIGINAL_QUOTE.match(line):
            in_original = True
            continue
        if line.strip().startswith("%") or TARGET_LINE.match(line):
            continue
        out[number] = prose_line(line)
    return out


def allow_list() -> set[str]:
    """The words of tests/spelling-allow.txt (blank lines and # comments left out)."""
    if not ALLOW_LIST.exists():
        return set()
    words = (w.split("#", 1)[0].strip() for w in ALLOW_LIST.read_text("utf-8").splitlines())
    return {w for w in words if w}


def _allowed_as_is(word: str, allowed: set[str]) -> bool:
    """The word, or its lower-case-initial form, is in the allow-list."""
    return word in allowed or (word[:1].isupper() and word[:1].lower() + word[1:] in allowed)


def is_allowed(word: str, allowed: set[str]) -> bool:
    """An allowed word, also capitalised, after an elision (l', qu'…) or with each part of a
    hyphenated compound allowed or a number (« CICD-SEC-4 »); hunspell's trailing full stop
    (abbreviation test) is ignored."""
    word = word.rstrip(".")
    elided = ELISION.match(word)
    for candidate in [word] + ([elided["word"]] if elided else []):
        if _allowed_as_is(candidate, allowed):
            return True
        parts = candidate.split("-")
        if len(parts) > 1 and all(
            part.isdigit() or _allowed_as_is(part, allowed) for part in parts if part
        ):
            return True
    return False


def unknown_words(lines: list[str], dictionary: str) -> dict[int, list[str]]:
    """The words hunspell rejects, by 1-based line number.

    `hunspell -l` lists the rejected words at once (pipe mode, -a, would compute suggestions
    for each and take a hundred times longer); each is then found again in its lines.
    """
    result = subprocess.run(
        ["hunspell", "-l", "-i", "utf-8", "-d", dictionary],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    rejected = sorted(set(result.stdout.split()), key=len, reverse=True)
    if not rejected:
        return {}
    alternatives = "|".join(map(re.escape, rejected))
    word = re.compile(rf"(?<![\w'\u2019-])(?:{alternatives})(?![\w'\u2019-])")
    found: dict[int, list[str]] = {}
    for number, line in enumerate(lines, start=1):
        if words := list(dict.fromkeys(word.findall(line))):
            found[number] = words
    return found


def hunspell_dictionary(dictionary: str, package: str) -> str:
    """`dictionary`, once hunspell can open it; skip (or fail in CI) otherwise."""
    require_tool("hunspell")
    probe = subprocess.run(
        ["hunspell", "-a", "-d", dictionary], input="", capture_output=True, text=True, check=False
    )
    if probe.returncode != 0 or "Can't open" in probe.stderr:
        message = f"the hunspell dictionary {dictionary} is not installed (Debian: {package})"
        if os.environ.get("BOOK_REQUIRE_ALL_TOOLS"):
            pytest.fail(message)
        pytest.skip(message)
    return dictionary


def unknown_in_every_source(extract, dictionary: str) -> dict[Path, dict[int, list[str]]]:
    """Hunspell's verdict on what `extract` takes from every chapter, from one run (loading a
    dictionary takes seconds), by chapter and line."""
    lines: list[str] = []
    spans: dict[Path, tuple[int, int]] = {}
    for source in SOURCES:
        prose = extract(source.read_text("utf-8"))
        spans[source] = (len(lines), len(prose))
        lines += prose
    found = unknown_words(lines, dictionary)
    return {
        source: {n - first: found[n] for n in range(first + 1, first + count + 1) if n in found}
        for source, (first, count) in spans.items()
    }


@pytest.fixture(scope="session")
def unknown_by_source() -> dict[Path, dict[int, list[str]]]:
    return unknown_in_every_source(prose_lines, hunspell_dictionary(DICTIONARY, "hunspell-fr"))


@pytest.fixture(scope="session")
def unknown_english_by_source() -> dict[Path, dict[int, list[str]]]:
    english = hunspell_dictionary(ENGLISH_DICTIONARY, "hunspell-en-us")
    return unknown_in_every_source(english_lines, english)


def assert_known(source: Path, unknown: dict[int, list[str]]) -> None:
    allowed = allow_list()
    problems = [
        f"{source.relative_to(BOOK)}:{number}: {', '.join(bad)}"
        for number, words in sorted(unknown.items())
        if (bad := [w.rstrip(".") for w in words if not is_allowed(w, allowed)])
    ]
    assert not problems, (
        "unknown words (fix the spelling, or add the word to tests/spelling-allow.txt):\n"
        + "\n".join(problems)
    )


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_french_spelling(source: Path, unknown_by_source: dict[Path, dict[int, list[str]]]) -> None:
    """Every word of the chapter's prose is French for hunspell, or in the allow-list."""
    assert_known(source, unknown_by_source[source])


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_english_spelling(
    source: Path, unknown_english_by_source: dict[Path, dict[int, list[str]]]
) -> None:
    """Every word the author marked as English ({en}) is English for hunspell, or allowed."""
    assert_known(source, unknown_english_by_source[source])


# -- The prose extraction itself, without hunspell ---------------------------------------------


def test_prose_keeps_one_entry_per_line() -> None:
    """A report's line number is the source line: nothing is joined or dropped."""
    text = "# Titre\n\n```python\nx = 1\n```\n\nUn mot.\n"
    lines = prose_lines(text)
    assert len(lines) == len(text.split("\n"))
    assert "Un mot." in lines[6]
    assert "x = 1" not in "\n".join(lines)


def test_roles_show_their_text_not_their_target() -> None:
    """`text <target>` keeps text; plain roles keep their content; references vanish."""
    line = prose_line(
        "{term}`l'intégration continue <CI/CD>` et {person}`Debois <Patrick Debois>`, "
        "{term}`GitOps`, {cite:p}`Debois2008`, {ref}`cible-x`."
    )
    assert "l'intégration continue" in line
    assert "Debois" in line
    assert "GitOps" in line
    for hidden in ("CI/CD", "Patrick", "Debois2008", "cible-x"):
        assert hidden not in line


def test_english_is_checked_apart() -> None:
    """The text of an {en} role, even over two lines, goes to the English check only; a
    misspelt English word is not hidden by being left out of the French one."""
    text = "Le *{en}`pull\nrequest`* est relu ; {en}`workflw` aussi.\nFin."
    french, english = prose_lines(text), english_lines(text)
    assert "pull" not in french[0]
    assert "request" not in french[1]
    assert "workflw" not in french[1]
    assert "relu" in french[1]
    assert "Fin." in french[2]
    assert english[0].split() == ["pull"]
    assert english[1].split() == ["request", "workflw"]
    assert english[2].strip() == ""


def test_roles_and_links_over_two_lines() -> None:
    """A role or link broken across lines is still read as one, and the lines stay put."""
    text = (
        "Voir l'{ref}`index des\ntermes <devops-terms>` et [le\nsite](https://example.org).\nFin."
    )
    lines = prose_lines(text)
    assert len(lines) == 4
    assert lines[0] == "Voir l'index des"
    assert lines[1].startswith("termes et le")
    assert lines[2].strip() == "site."
    assert lines[3] == "Fin."


def test_citations_urls_and_footnotes_are_blanked() -> None:
    """Pandoc citations, links' URLs and footnote labels are not words of the text."""
    line = prose_line(
        "Voir [@Fowler2006, p. 3; @Beck1999], [voir @Morris2016], @Debois2008 dit, "
        "[le site](https://example.org/a_b) <https://x.org> www.y.org[^orig-fowler]."
    )
    for hidden in ("Fowler2006", "Beck1999", "Morris2016", "Debois2008", "example", "orig"):
        assert hidden not in line
    assert "le site" in line
    assert "voir" in line


def test_directive_options_and_code_are_skipped_but_content_is_checked() -> None:
    """A {term} directive's argument and options are skipped; its definition is prose."""
    text = (
        "````{term} CI/CD\n"
        ":aliases: intégration continue\n"
        ":expansion: continuous integration\n"
        "\n"
        "Une définition.\n"
        "```yaml\n"
        "clé: valeur\n"
        "```\n"
        "````\n"
        ":::{note}\n"
        ":class: tip\n"
        "Une note.\n"
        ":::\n"
        "% un commentaire\n"
        "(une-cible)=\n"
        "[^orig-x]: « at least daily »\n"
        "    still quoted\n"
        "Après la note.\n"
    )
    prose = "\n".join(prose_lines(text))
    assert "Une définition." in prose
    assert "Une note." in prose
    assert "Après la note." in prose
    skipped = ("CI/CD", "aliases", "continuous", "clé", "valeur", "tip", "commentaire", "cible")
    for hidden in (*skipped, "least", "still"):
        assert hidden not in prose


def test_allow_list_matching() -> None:
    """Lower-case entries allow capitals; elided forms (l', d', qu') are matched on the word."""
    allowed = {"pipeline", "GitOps", "Debois"}
    assert is_allowed("Pipeline", allowed)
    assert is_allowed("GitOps.", allowed)
    assert is_allowed("Pipeline-GitOps", allowed)
    assert is_allowed("l'GitOps", allowed)
    assert is_allowed("d\u2019Debois", allowed)
    assert not is_allowed("gitops", allowed)
    assert not is_allowed("Debios", allowed)
