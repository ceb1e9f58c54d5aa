"""French grammar of the chapters: Grammalecte (Debian's grammalecte-cli) on the prose of every
source/*.md, with an allow-list.

The prose is what tests/test_spelling.py reads (code, directive options, role targets, URLs
and the `[^orig-…]` quotations in English left out; the {en} passages of a sentence kept,
inline code read as a name), with what a reader does not read as a sentence removed first:
Pandoc citations (the build turns them into « (Debois, 2008) »),
footnote calls, emphasis markers and list bullets. Each paragraph (a heading, a list item, a
run of lines up to a blank line) goes to Grammalecte as one line, so that a sentence broken
across source lines is read whole; a finding is reported at the source line it starts on.

Spelling is hunspell's job (test_spelling.py): only Grammalecte's grammar findings count.
A finding that is right in context goes in ALLOWED, with the reason.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BOOK, require_tool
from test_spelling import reading_lines

SOURCES = sorted((BOOK / "source").glob("*.md"))

#: Grammalecte's options switched off, each because the build, not the author, does what it
#: checks.
OPTIONS_OFF = (
    # Typographic apostrophes: the author types ', docutils' smartquotes and
    # _ext/french_typography/elision.py print U+2019.
    "apos",
    # No-break spaces before : ; ! ? and inside « »: the author types an ordinary space,
    # _ext/french_typography/spacing.py writes U+00A0 or U+202F.
    "nbsp",
)

#: Findings that are right in context: (file name, rule id, underlined text) -> why.
ALLOWED: dict[tuple[str, str, str], str] = {
    # « 1{sup}`er` » prints a superscript (1ᵉʳ) that the plain text cannot show.
    **{
        (name, "g2__typo_ordinaux_chiffres_exposants__b1_a1_1", "1er"): "1{sup}`er`: 1ᵉʳ"
        for name in ("glossaire.md", "menaces.md", "dependances.md")
    },
    # The name of Microsoft's platform starts with a dot.
    ("personnes.md", "typo_point_collé_à_mot_suivant", " ."): ".NET",
    # A decree's number, not a quantity: it is never written « 14 028 ».
    **{
        (name, "num_grand_nombre_soudé", "14028"): "Executive Order 14028"
        for name in ("glossaire.md", "menaces.md", "dependances.md")
    },
    # Likewise the executive orders of 2025 and the one they amend (chapter 2, on SBOMs).
    **{
        ("menaces.md", "num_grand_nombre_soudé", number): f"Executive Order {number}"
        for number in ("13694", "14144", "14306")
    },
    **{
        (name, "num_grand_nombre_soudé", "14306"): "Executive Order 14306"
        for name in ("glossaire.md", "pipeline.md")
    },
    # A standard's number, not a quantity: ISO/IEC 20153 (CSAF) is never written « 20 153 ».
    **{
        (name, "num_grand_nombre_soudé", "20153"): "ISO/IEC 20153"
        for name in ("glossaire.md", "dependances.md")
    },
    # « Unit 42 » is the name of Palo Alto Networks' research team, not a verb in the imperative.
    ("dependances.md", "gv1__imp_verbe_groupe2_groupe3_t__b2_a1_1", "Unit"): "Unit 42, a name",
    # The English article « a » in the title of CISA's document, « … for a Software Bill of
    # Materials », not the French verb « avoir ».
    ("dependances.md", "g2__conf_substantif_à_substantif__b1_a1_1", "a"): "an English title",
}

#: A Pandoc citation in brackets, with the blanks before it: « 2009 [@a; @b], » reads « 2009, ».
BRACKET_CITATION = re.compile(r"[ \t\n]*\[[^\[\]]*?-?@[\w][^\[\]]*\]")
#: A footnote call (not a definition, which starts its line).
FOOTNOTE_CALL = re.compile(r"(?<!^)\[\^[^\]\s]+\](?!:)", re.MULTILINE)
#: Emphasis and strong emphasis markers (the book writes them with asterisks).
EMPHASIS = re.compile(r"\*+")
#: A list item's bullet or number, a heading's hashes.
BLOCK_START = re.compile(r"^(?P<indent>\s*)(?:[-+*]|\d+[.)]|#{1,6})\s+")
FENCE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})")
#: What ends a sentence or a clause: a line that starts with it (after a citation that began
#: the line was removed) joins the previous one without a space.
CLOSING = (".", ",", ";", ")", "…")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of prose: its text on one line, and the source line of each character."""

    path: Path
    text: str
    lines: tuple[int, ...]  # 1-based source line of text[i]

    def line_at(self, offset: int) -> int:
        return self.lines[min(offset, len(self.lines) - 1)]


def _keep_newlines(match: re.Match[str]) -> str:
    return "\n" * match[0].count("\n")


def reader_text(source: str) -> str:
    """The source with citations, footnote calls and emphasis markers removed, line for line."""
    source = BRACKET_CITATION.sub(_keep_newlines, source)
    source = FOOTNOTE_CALL.sub("", source)
    return "\n".join(
        line if FENCE.match(line) else EMPHASIS.sub("", line) for line in source.split("\n")
    )


def paragraphs(path: Path) -> list[Paragraph]:
    """The prose paragraphs of a chapter: a blank line, a heading or a list item starts one."""
    raw = reader_text(path.read_text(encoding="utf-8")).split("\n")
    prose = reading_lines("\n".join(raw))
    found: list[Paragraph] = []
    text, lines = "", []

    def close() -> None:
        nonlocal text, lines
        if text:
            found.append(Paragraph(path, text, tuple(lines)))
        text, lines = "", []

    for number, (source_line, line) in enumerate(zip(raw, prose, strict=True), start=1):
        if BLOCK_START.match(source_line):
            close()
            line = BLOCK_START.sub("", line, count=1)
        # Blanks of the source collapse; no-break spaces (U+00A0, U+202F) are the author's.
        words = re.sub(r"[ \t]+", " ", line).strip(" \t")
        if not words:
            close()
            continue
        if text and not words.startswith(CLOSING):
            text += " "
            lines.append(number)
        text += words
        lines.extend([number] * len(words))
    close()
    return found


def grammalecte(paragraphs_: list[Paragraph]) -> list[tuple[Paragraph, dict]]:
    """Grammalecte's grammar findings, each with its paragraph (one run for the whole book)."""
    command = require_tool("grammalecte-cli")
    with tempfile.TemporaryDirectory() as folder:
        prose = Path(folder) / "prose.txt"  # grammalecte-cli reads a file, not stdin
        prose.write_text("\n".join(p.text for p in paragraphs_) + "\n", encoding="utf-8")
        result = subprocess.run(
            [command, "-f", str(prose), "-j", "-off", *OPTIONS_OFF],
            capture_output=True,
            encoding="utf-8",
            check=True,
        )
    report = json.loads(result.stdout)
    return [
        (paragraphs_[entry["iParagraph"] - 1], error)
        for entry in report["data"]
        for error in entry["lGrammarErrors"]
    ]


@pytest.fixture(scope="session")
def findings() -> list[tuple[Paragraph, dict]]:
    every = [p for source in SOURCES for p in paragraphs(source)]
    return grammalecte(every)


def describe(paragraph: Paragraph, error: dict) -> str:
    """« source/x.md:12: rule « text »: message (suggestions) », as a reader fixes it."""
    where = f"{paragraph.path.relative_to(BOOK)}:{paragraph.line_at(error['nStart'])}"
    underlined = paragraph.text[error["nStart"] : error["nEnd"]]
    context = paragraph.text[max(0, error["nStart"] - 30) : error["nEnd"] + 30]
    suggestions = ", ".join(error.get("aSuggestions", [])[:3])
    return (
        f"{where}: {error['sRuleId']} « {underlined} »: {error['sMessage']}"
        f" ({suggestions}) in « …{context}… »"
    )


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_french_grammar(source: Path, findings: list[tuple[Paragraph, dict]]) -> None:
    """Grammalecte finds nothing in the chapter's prose, except the allowed findings."""
    problems = [
        describe(paragraph, error)
        for paragraph, error in findings
        if paragraph.path == source
        and (
            source.name,
            error["sRuleId"],
            paragraph.text[error["nStart"] : error["nEnd"]],
        )
        not in ALLOWED
    ]
    assert not problems, (
        "Grammalecte's findings (fix the text, or allow the finding in tests/test_grammar.py):\n"
        + "\n".join(problems)
    )


# -- The prose given to Grammalecte, without Grammalecte ----------------------------------------


def test_a_sentence_over_lines_is_one_paragraph(tmp_path: Path) -> None:
    """Lines up to a blank line are joined, and each character knows its source line."""
    path = tmp_path / "x.md"
    path.write_text("# Titre\n\nUne phrase\ncoupée [@Key2009].\n\n- un point\n- un autre\n")
    found = paragraphs(path)
    assert [p.text for p in found] == ["Titre", "Une phrase coupée.", "un point", "un autre"]
    second = found[1]
    assert second.line_at(second.text.index("coupée")) == 4
    assert found[3].line_at(0) == 7


def test_citations_footnote_calls_and_emphasis_are_not_read() -> None:
    """What the build replaces or styles is not text Grammalecte should judge."""
    text = reader_text("Le **pipeline** de *Flux* [voir @Flux2022, p. 3][^orig-x], dit-il.\n")
    assert text == "Le pipeline de Flux, dit-il.\n"
    assert reader_text("[^orig-x]: « at least daily »") == "[^orig-x]: « at least daily »"


@pytest.mark.slow
def test_a_grammar_error_is_found(tmp_path: Path) -> None:
    """The check can fail: an agreement error is reported at its source line."""
    path = tmp_path / "x.md"
    path.write_text("# Titre\n\nCe paragraphe est correct.\n\nLes équipes\nest prête.\n")
    [(paragraph, error)] = grammalecte(paragraphs(path))
    assert paragraph.line_at(error["nStart"]) in (5, 6)
    assert error["sType"] in ("gn", "conj")
