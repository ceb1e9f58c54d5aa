"""citations_fr reads Pandoc citations as Debian's ``pandoc`` (2.17) does.

A differential test: the same corpus (:mod:`pandoc_corpus`: generated and hand-written
citations) read by ``pandoc -t json`` and by citations_fr's markdown-it plugin, compared
citation by citation as ``(key, mode, prefix, suffix)``.  Every case agrees, except the
deliberate divergences listed in the README (``DIVERGENCES``), which are checked to still
be divergences.
"""

from __future__ import annotations

import pandoc_corpus
import pytest
from conftest import require_tool

#: Generated cases, besides the hand-written ones.
GENERATED = 1200


@pytest.fixture(scope="module")
def pandoc() -> str:
    return require_tool("pandoc")


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return pandoc_corpus.HAND_CASES + pandoc_corpus.generated_cases(GENERATED)


@pytest.fixture(scope="module")
def readings(pandoc, corpus):
    theirs = pandoc_corpus.read_with_pandoc(pandoc, corpus)
    ours = pandoc_corpus.read_with_citations_fr(corpus)
    return list(zip(corpus, theirs, ours, strict=True))


def test_every_case_is_read_as_pandoc_reads_it(readings):
    differences = [(case, theirs, ours) for case, theirs, ours in readings if theirs != ours]
    agreement = 100 * (len(readings) - len(differences)) / len(readings)
    report = "\n".join(f"{case!r}\n  pandoc: {t}\n  ours:   {o}" for case, t, o in differences)
    assert not differences, f"{agreement:.2f} % of {len(readings)} cases agree:\n{report}"


def test_the_corpus_has_each_kind_of_case(readings):
    """The generator does make what it is meant to: every mode, typos, Markdown, nesting."""
    cites = [cite for _, theirs, _ in readings for cite in theirs]
    modes = {mode for _, mode, _, _ in cites}
    assert modes == {"NormalCitation", "AuthorInText", "SuppressAuthor"}
    # brackets that Pandoc reads as text, because of a part without a key
    typos = [case for case, _, _ in readings if any(t in case for t in (";;", ";]", "[;", "; ]"))]
    assert len(typos) > 40
    as_text = [
        case
        for case, theirs, _ in readings
        if "[" in case and theirs and {mode for _, mode, _, _ in theirs} == {"AuthorInText"}
    ]
    assert len(as_text) > 50
    assert sum("*" in case or "`" in case for case, _, _ in readings) > 200
    assert sum(len(theirs) > 1 for _, theirs, _ in readings) > 300
    assert len({key for key, _, _, _ in cites}) > 300


@pytest.mark.parametrize("case", list(pandoc_corpus.DIVERGENCES))
def test_deliberate_divergences(pandoc, case):
    """Each divergence of the README is read as it says, and still differs from Pandoc."""
    (ours,) = pandoc_corpus.read_with_citations_fr([case])
    (theirs,) = pandoc_corpus.read_with_pandoc(pandoc, [case])
    assert ours == pandoc_corpus.DIVERGENCES[case]
    assert theirs != ours
