"""The version matrix: the packaged extensions, installed from their wheel, on every Sphinx
they support.

For each row of ``ROWS``: a fresh virtual environment on that row's Python, the wheel built
from ``_ext/`` (``sphinx-devops-domain[citations,furo]``), that Sphinx and the myst-parser that
goes with it, then the builder matrix of ``tests/test_domain_matrix.py`` run against the
installed wheel (``BOOK_EXTENSIONS=installed``: no ``sys.path`` trick, the test roots load the
extensions as another project does).  The two small projects (MyST and reST, French and
English, alabaster and furo) are built with every builder and ``-W``; each builder's output
is checked for what the README's table promises; the oldest and newest Sphinx also compile
the PDF and run epubcheck.

    python tests/version_matrix.py            # every row (make matrix; CI)
    python tests/version_matrix.py 7.4 9.1    # some rows

Prints a table (each Sphinx, what was checked) and exits 1 if any row failed.  A row whose
Python is not installed is skipped with a message, and fails under
``BOOK_REQUIRE_ALL_TOOLS=1`` (CI).  Nothing is cached between runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

BOOK = Path(__file__).resolve().parents[1]
TESTS = BOOK / "tests"


class Row(NamedTuple):
    """One supported Sphinx: its Python and the exact versions installed beside the wheel."""

    sphinx: str
    python: str
    pins: tuple[str, ...]
    #: Also compile the PDF and run epubcheck (the oldest and newest Sphinx).
    full: bool


#: Sphinx 9.1 needs Python 3.12 or newer; the rows spread Python 3.11 to 3.13 over them.
ROWS = (
    Row("7.4", "3.11", ("sphinx==7.4.7", "myst-parser==4.0.1", "docutils==0.21.2"), True),
    Row("8.1", "3.12", ("sphinx==8.1.3", "myst-parser==4.0.1", "docutils==0.21.2"), False),
    Row("8.2", "3.13", ("sphinx==8.2.3", "myst-parser==4.0.1", "docutils==0.21.2"), False),
    Row("9.0", "3.11", ("sphinx==9.0.4", "myst-parser==5.2.0", "docutils==0.22.4"), False),
    Row("9.1", "3.13", ("sphinx==9.1.0", "myst-parser==5.2.0", "docutils==0.22.4"), True),
)
#: What every row installs besides Sphinx and the wheel: the book's pins of these.
COMMON_PINS = ("sphinxcontrib-bibtex==2.7.0", "furo==2025.12.19", "pytest==9.2.0")

#: The matrix tests each row runs (the theme test needs the other themes, installed only in
#: the book's own environment; the French elision test is not about versions).
QUICK = "no_warning_on_correct_input or each_builder_shows or bad_input_gets_the_same"
FULL = f"{QUICK} or pdf_and_its_index or epubcheck or parallel_build_equals_serial"


def find_python(version: str) -> str | None:
    """An interpreter of that version that runs: pyenv's, or ``pythonX.Y`` on PATH (a pyenv
    shim on PATH may name a version that is not selected, and fail)."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = [
        str(p / "bin" / "python") for p in sorted(root.glob(f"{version}.*"), reverse=True)
    ]
    candidates += [found] if (found := shutil.which(f"python{version}")) else []
    for candidate in candidates:
        result = run([candidate, "-c", "import sys; print(sys.version_info[:2])"])
        if result.returncode == 0 and result.stdout.strip() == str(
            tuple(map(int, version.split(".")))
        ):
            return candidate
    return None


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload,no-any-return]


def build_wheel(dist: Path) -> Path:
    """The wheel of ``_ext/``, built as ``pip`` builds it for anyone."""
    result = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(dist), str(BOOK / "_ext")]
    )
    if result.returncode != 0:
        sys.exit(f"building the wheel failed:\n{result.stdout}{result.stderr}")
    (wheel,) = dist.glob("sphinx_devops_domain-*.whl")
    return wheel


def install(row: Row, wheel: Path, work: Path) -> tuple[Row, Path | None, str]:
    """A fresh environment for the row; (row, its python or None, what went wrong)."""
    python = find_python(row.python)
    if python is None:
        return row, None, f"Python {row.python} is not installed"
    venv = work / f"sphinx-{row.sphinx}"
    result = run([python, "-m", "venv", str(venv)])
    if result.returncode != 0:
        return row, None, result.stderr.strip()
    executable = venv / "bin" / "python"
    result = run(
        [
            str(executable),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            f"{wheel}[citations,furo]",
            *row.pins,
            *COMMON_PINS,
        ]
    )
    if result.returncode != 0:
        return row, None, (result.stdout + result.stderr).strip()
    return row, executable, ""


def check(row: Row, executable: Path) -> tuple[bool, str]:
    """Run the row's matrix tests against the installed wheel; (passed, pytest's summary)."""
    where = run(
        [
            str(executable),
            "-c",
            "import devops_domain, sphinx; print(devops_domain.__file__, sphinx.__version__)",
        ],
        cwd=tempfile.gettempdir(),
    )
    if "site-packages" not in where.stdout:
        return False, f"devops_domain not imported from the wheel: {where.stdout}{where.stderr}"
    env = {**os.environ, "BOOK_EXTENSIONS": "installed", "PYTHONDONTWRITEBYTECODE": "1"}
    result = run(
        [
            str(executable),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(TESTS / "test_domain_matrix.py"),
            "-k",
            FULL if row.full else QUICK,
        ],
        cwd=BOOK,
        env=env,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    if result.returncode != 0:
        summary = result.stdout[-6000:] + result.stderr[-2000:]
    return result.returncode == 0, f"{where.stdout.split()[-1]}: {summary}"


def main(selected: list[str]) -> int:
    rows = [row for row in ROWS if not selected or row.sphinx in selected]
    require_all = bool(os.environ.get("BOOK_REQUIRE_ALL_TOOLS"))
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="version-matrix-") as tmp:
        work = Path(tmp)
        wheel = build_wheel(work / "dist")
        print(f"wheel: {wheel.name}", flush=True)
        with ThreadPoolExecutor(max_workers=3) as pool:  # downloads overlap
            installed = list(pool.map(lambda row: install(row, wheel, work), rows))
        failed = False
        lines = ["| Sphinx | Python | checked | result |", "| --- | --- | --- | --- |"]
        for row, executable, problem in installed:
            checked = "builders, warnings" + (", PDF, epubcheck, -j 2" if row.full else "")
            if executable is None:
                skipped = problem.startswith("Python ")
                failed |= not skipped or require_all
                verdict = "skipped" if skipped else "FAILED"
                lines.append(f"| {row.sphinx} | {row.python} | — | {verdict}: {problem[:300]} |")
                continue
            passed, summary = check(row, executable)
            failed |= not passed
            if not passed:
                print(f"--- Sphinx {row.sphinx} failed:\n{summary}", flush=True)
                summary = "see above"
            verdict = "passed" if passed else "FAILED"
            lines.append(f"| {row.sphinx} | {row.python} | {checked} | {verdict} ({summary}) |")
    print("\n".join(lines))
    print(f"version matrix: {len(rows)} rows in {time.monotonic() - start:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
