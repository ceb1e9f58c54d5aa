"""The benchmark (issues #8 and #16) at a tiny size, so that it never rots: no assertion on
time."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import bookgen  # noqa: E402
import real_book  # noqa: E402

ROLE = re.compile(r"\{(?:term|person)\}`!?([^`<]*?)\s*(?:<[^`]*>)?`")


def prose(text: str) -> str:
    """A chapter without its markup of mentions and without the baseline's biographies."""
    text = re.sub(r"\[\^bio-[^\]]*\]", "", text).split("\n[^")[0]
    return ROLE.sub(lambda match: match.group(1), text)


def test_generator_writes_two_variants_of_the_same_text(tmp_path: Path) -> None:
    book = bookgen.generate(tmp_path, 12)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["chapters"]) == 12
    hot_chapters = [doc for doc in manifest["term_docs"][book.hot_term] if doc != "glossaire"]
    assert hot_chapters == ["chapitres/chap-0010"]
    conf = {v: (tmp_path / v / "conf.py").read_text(encoding="utf-8") for v in bookgen.VARIANTS}
    assert "devops_domain" in conf["domain"]
    assert 'primary_domain = "devops"' in conf["domain"]
    assert "devops_domain" not in conf["baseline"]
    for docname in manifest["chapters"]:
        domain, baseline = (
            (tmp_path / v / f"{docname}.md").read_text(encoding="utf-8") for v in bookgen.VARIANTS
        )
        assert "{person}`" in domain
        assert "{person}`" not in baseline
        assert prose(domain) == prose(baseline)
    assert "```{glossary}" in (tmp_path / "baseline" / "glossaire.md").read_text(encoding="utf-8")
    assert "```{term}" in (tmp_path / "domain" / "glossaire.md").read_text(encoding="utf-8")
    # plain Sphinx as installed: the baseline's text, none of the book's stack
    plain = (tmp_path / bookgen.PLAIN / "conf.py").read_text(encoding="utf-8")
    assert all(name in conf["baseline"] and name not in plain for name in bookgen.BOOK_STACK)
    for docname in manifest["chapters"]:
        path = f"{docname}.md"
        assert (tmp_path / bookgen.PLAIN / path).read_bytes() == (
            tmp_path / "baseline" / path
        ).read_bytes()


def test_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    command = [
        sys.executable,
        str(BENCH / "run.py"),
        "--sizes",
        "10",
        "--repeat",
        "1",
        "--no-profile",
        "--no-real-book",
        "--parallel-at",
        "none",
        "--workdir",
        str(tmp_path / "work"),
        "--results",
        str(results),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    # 0: every target met, 1: a target missed (timings mean nothing at this size); 2: a build
    # failed or warned.
    assert done.returncode in (0, 1), done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((tmp_path / "work" / "results.json").read_text(encoding="utf-8"))
    assert report["problems"] == []
    (size,) = report["sizes"]
    assert set(size["clean"]) == {*bookgen.VARIANTS, bookgen.PLAIN}
    assert {row["variant"] for row in size["incremental"]} == set(bookgen.VARIANTS)
    for row in size["incremental"]:
        assert row["read"] == row["expected_read"], row
    text = results.read_text(encoding="utf-8")
    for heading in (
        "## Targets",
        "## Clean build, -j 1",
        "## Incremental rebuilds, -j 1",
        "## HTML per chapter page",
    ):
        assert heading in text
    assert f"{report['cpus']} CPUs" in text
    assert "Sphinx 9" in text


@pytest.mark.slow
def test_real_book_measures_run(tmp_path: Path) -> None:
    """A no-op make html and one measured edit in the live preview, on a copy of the book."""
    results = real_book.measure_all(tmp_path / "book", 1)
    assert results["problems"] == []
    assert len(results["noop"]["runs"]) == 1
    for key in ("live", "live_plain"):  # make livehtml, forked and plain
        assert len(results[key]["runs"]) == 1
        assert "CPU of the rebuild" in results[key]["note"]
        assert results[key]["cpu"]["best"] > 0.1  # the build's, read once it has ended
    assert "of the forked build alone" in results["live"]["note"]
    assert "Révision numéro" not in (BENCH.parent / "source" / "introduction.md").read_text(
        encoding="utf-8"
    )  # edits go to the copies
