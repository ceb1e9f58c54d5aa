"""An incremental build equals a clean build after any edit: a randomised differential test.

Random sequences of edits, one per seed (tests/incremental_fuzz.py: definitions
added, removed, renamed, moved; aliases, forms, expansions, ``:footnote:``, ``:see:``;
mentions in chapters and inside definitions and biographies; citations and locators; ``.bib``
edits; chapters added, removed, moved and retitled with their toctree entries; toctree
options; a configuration value).  After each edit the book is built incrementally in the same
folders (as ``make html`` or the live preview does) and from scratch, and every file of the two
outputs is compared byte for byte.  No file is normalised and no divergence is allowed.

The first divergence stops the run; the sequence up to it is then shortened
(:func:`shortest_failing`: whole steps removed while the divergence remains) and printed
with the files that differ.

Budget: ``BOOK_FUZZ_STEPS`` steps per run (default 100: three runs, 300 steps, in
``make test``); ``make test-fuzz`` runs longer sequences over more seeds and prints the
number of steps and seeds.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import pytest
from incremental_fuzz import EDITS, Book, apply, initial_book, write
from roots_build import build, output_files
from test_equivalence import compare

pytestmark = pytest.mark.slow

STEPS = int(os.environ.get("BOOK_FUZZ_STEPS", "100"))
#: (seed, builder, parallel jobs) of each run; ``BOOK_FUZZ_SEEDS`` adds more.
RUNS = [(1, "html", 0), (2, "epub", 0), (3, "html", 2)] + [
    (seed_value, ("html", "epub")[seed_value % 2], 2 * (seed_value % 3 == 0))
    for seed_value in range(4, 4 + int(os.environ.get("BOOK_FUZZ_SEEDS", "0")))
]
Step = tuple[str, int, int, int]


def random_steps(rng: random.Random, count: int) -> list[Step]:
    """``count`` edits, each with the three integers it acts on."""
    names = sorted(EDITS)
    return [
        (rng.choice(names), rng.randrange(12), rng.randrange(12), rng.randrange(12))
        for _ in range(count)
    ]


#: Steps run by this process (the fuzz tier prints the total).
EXECUTED: list[int] = [0]


def divergence(steps: list[Step], root: Path, builder: str, jobs: int) -> tuple[int, list[str]]:
    """Apply ``steps`` one by one, building after each; the index of the first step after
    which the incremental build differs from a clean one, and what differs (-1, [] if
    none)."""
    src, incremental = root / "src", root / "incremental"
    shutil.rmtree(root, ignore_errors=True)
    book: Book = initial_book()
    write(book, src)
    build(src, builder, jobs, builddir=incremental)
    for index, step in enumerate(steps):
        book = apply(book, step)
        if not write(book, src):
            continue  # an edit that changed nothing: nothing to build
        EXECUTED[0] += 1
        got = build(src, builder, jobs, builddir=incremental)
        clean = root / "clean"
        want = build(src, builder, jobs, builddir=clean)
        problems = compare(output_files(got.outdir), output_files(want.outdir))
        shutil.rmtree(clean)
        if problems:
            return index, problems
    return -1, []


#: How long :func:`shortest_failing` may shorten a sequence (it prints the full one first).
SHORTENING_SECONDS = float(os.environ.get("BOOK_FUZZ_SHORTENING_SECONDS", "300"))


def shortest_failing(steps: list[Step], root: Path, builder: str, jobs: int) -> list[Step]:
    """Remove steps, one at a time from the end, while the sequence still diverges (for
    ``SHORTENING_SECONDS`` at most: then the shortest found so far)."""
    deadline = time.monotonic() + SHORTENING_SECONDS
    position = len(steps) - 2  # the last step is the one that showed the divergence
    while position >= 0 and time.monotonic() < deadline:
        candidate = steps[:position] + steps[position + 1 :]
        index, _ = divergence(candidate, root, builder, jobs)
        if index >= 0:
            steps = candidate[: index + 1]
            position = min(position, len(steps) - 1) - 1
        else:
            position -= 1
    return steps


@pytest.mark.parametrize(("seed_value", "builder", "jobs"), RUNS)
def test_an_incremental_build_equals_a_clean_build(
    tmp_path, monkeypatch, seed_value, builder, jobs
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765000000")  # the EPUB's dates
    steps = random_steps(random.Random(seed_value), STEPS)
    root = tmp_path / "run"
    before = EXECUTED[0]
    index, problems = divergence(steps, root, builder, jobs)
    print(  # shown by make test-fuzz (pytest -s): the budget really spent
        f"\nfuzz: seed {seed_value}, {builder} -j {jobs or 1}: {len(steps)} edits, "
        f"{EXECUTED[0] - before} compared builds"
    )
    if index < 0:
        return
    print(f"fuzz: diverged after {index + 1} edits: {steps[: index + 1]!r}")
    print("\n".join(problems[:6]))
    failing = shortest_failing(steps[: index + 1], root, builder, jobs)
    _, problems = divergence(failing, root, builder, jobs)
    pytest.fail(
        f"{builder} -j {jobs or 1}, seed {seed_value}: after these {len(failing)} edits "
        f"the incremental build differs from a clean build:\n  "
        + "\n  ".join(map(repr, failing))
        + "\n"
        + "\n".join(problems[:6])
    )


#: Sequences that diverged before their fix (issue 25), from the initial book: Gene Kim's
#: biography mentions Patrick Debois, chap2 mentions Gene Kim and cites Kim2016 once.
KNOWN = {
    "a definition mentioned in another's copy is removed": [("remove_entry", 2, 0, 0)],
    "a definition mentioned in another's copy is moved": [("move_entry", 2, 1, 0)],
    "a definition mentioned in another's copy is added back": [
        ("remove_entry", 2, 0, 0),
        ("add_entry", 1, 0, 0),
    ],
    "the toctree's :numbered: is removed": [("toctree_options", 1, 0, 0)] * 2,
    "the last citation of an entry is removed": [("remove_token", 1, 0, 1)],
    "every term is removed (the index of terms lists nothing)": [("remove_entry", 0, 0, 0)] * 2,
    "a configuration value changes (Sphinx keeps .buildinfo.bak)": [("configuration", 1, 0, 0)],
    "a work is cited for the first time in a new chapter": [
        ("add_chapter", 7, 3, 10),
        ("add_citation", 2, 1, 5),
    ],
}


@pytest.mark.parametrize("builder", ["html", "epub"])
@pytest.mark.parametrize("name", KNOWN)
def test_known_edits(tmp_path, monkeypatch, name, builder):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765000000")
    index, problems = divergence(KNOWN[name], tmp_path / "run", builder, 0)
    assert index == -1, "\n".join(problems[:6])
