"""`make linkcheck`, without the network: addresses served by a local HTTP server, a broken
one of the bibliography reported at its line of the .bib file (_ext/book_edition/linkcheck.py)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from book_edition.linkcheck import bib_addresses
from conftest import BOOK, require_tool
from local_http import serve
from roots_build import Built, build, copy_root


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """http://127.0.0.1:<port>: /bon answers, anything else is a 404."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "bon").write_text("<!DOCTYPE html><title>Bon</title>", encoding="utf-8")
    with serve(site) as root:
        yield root


def linkcheck(tmp_path: Path, server: str) -> Built:
    srcdir = copy_root("linkcheck", tmp_path)
    for template in srcdir.glob("*.in"):
        text = template.read_text(encoding="utf-8").replace("{server}", server)
        template.with_suffix("").write_text(text, encoding="utf-8")
    return build(srcdir, "linkcheck")


@pytest.mark.slow
def test_a_broken_address_of_the_bibliography_is_reported_at_its_bib_line(tmp_path, server):
    built = linkcheck(tmp_path, server)
    report = (built.outdir / "output.txt").read_text(encoding="utf-8").splitlines()
    assert len(report) == 2, report
    assert any(line.startswith(f"refs.bib:12: [broken] {server}/disparue: 404") for line in report)
    # An address of the text keeps the chapter's line; the one that answers is not reported.
    assert any(line.startswith(f"index.md:3: [broken] {server}/texte-disparu:") for line in report)
    status = " ".join(built.status.split())
    assert f"( refs.bib: line 12) broken {server}/disparue" in status
    results = [json.loads(line) for line in (built.outdir / "output.json").read_text().splitlines()]
    statuses = {result["uri"]: (result["filename"], result["status"]) for result in results}
    assert statuses[f"{server}/bon"] == ("refs.bib", "working")
    assert statuses[f"{server}/texte-disparu"] == ("index.md", "broken")
    assert statuses[f"{server}/disparue"] == ("refs.bib", "broken")


def test_the_addresses_of_the_book_bibliography_are_found_at_their_lines():
    """Every address of references.bib, and its DOIs as the bibliography links them."""
    bib = BOOK / "references.bib"
    found = bib_addresses([bib])
    lines = bib.read_text(encoding="utf-8").splitlines()
    assert len(found) >= 20
    for address, (path, number) in found.items():
        assert path == bib
        line = lines[number - 1]
        assert address.removeprefix("https://doi.org/") in line.replace("\\", "")


def test_make_linkcheck_runs_sphinx_linkcheck():
    result = subprocess.run(
        [require_tool("make"), "-n", "-C", str(BOOK), "linkcheck", "VENV=/nonexistent/venv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (
        "-m sphinx -b linkcheck -d _build/doctrees/linkcheck -nW --keep-going . " in result.stdout
    )
