"""The real book, as its author works on it: a no-op ``make html``, and the live preview
(``make livehtml``, sphinx-autobuild as the README starts it) from saving an edit of
``source/introduction.md`` to the browser getting the changed page.

Both run on a copy of the book (conf.py, source/, _ext/, _static/, references.bib, Makefile)
in the work directory, with this Python's environment, so that the checkout is never edited.

    python bench/real_book.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BOOK_FILES = ("conf.py", "source", "_ext", "_static", "references.bib", "Makefile")
EDITED = "source/introduction.md"
PAGE = "source/introduction.html"
VENV = Path(sys.executable).parent.parent  # the environment this script runs in


def copy_book(target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in BOOK_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def make_command(book: Path, target: str, *variables: str) -> list[str]:
    """``make TARGET`` in the copy; ``-o``: never (re)install the environment."""
    return [
        "make",
        "--no-print-directory",
        "-C",
        str(book),
        "-o",
        f"{VENV}/bin/sphinx-build",
        target,
        f"VENV={VENV}",
        *variables,
    ]


def timed(command: list[str]) -> tuple[float, float, int, str]:
    """Wall and CPU time (the process and the children it waited for), status, output."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert process.stdout is not None
    with process.stdout:
        output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return wall, usage.ru_utime + usage.ru_stime, process.returncode, output


def summary(runs: list[float], note: str = "") -> dict:
    return {
        "runs": runs,
        "best": min(runs),
        "median": statistics.median(runs),
        "spread": max(runs) / min(runs) - 1,
        "note": note,
    }


def measure_noop(book: Path, repeat: int) -> tuple[dict, list[str]]:
    """A build after which nothing changed: what ``make html`` costs when the book is built."""
    builddir = book / "_build"
    wall, cpu, status, output = timed(make_command(book, "html", f"BUILDDIR={builddir}"))
    problems = [] if status == 0 else [f"make html failed: {output[-2000:]}"]
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu, status, output = timed(make_command(book, "html", f"BUILDDIR={builddir}"))
        if status != 0 or "0 source files that are out of date" not in output:
            problems.append(f"no-op make html: status {status}: {output[-2000:]}")
        walls.append(wall)
        cpus.append(cpu)
    return summary(walls, f"CPU {min(cpus):.2f} s"), problems


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, marker: str, timeout: float, step: float = 0.01) -> float | None:
    """Poll ``url`` until its text contains ``marker``; the time it took, or None."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        text = fetch(url)
        if text is not None and marker in text:
            return time.perf_counter() - start
        time.sleep(step)
    return None


def children_cpu(session: int) -> float:
    """CPU seconds of the finished children of sphinx-autobuild (its sphinx-build processes),
    from ``/proc``: the process of ``session`` whose command line names sphinx-autobuild."""
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        # after the command: state ppid pgrp session ... utime stime cutime cstime
        program = command.split(b"\0")[:2]  # python and its script, not a shell's -c line
        if int(fields[3]) == session and any(a.endswith(b"sphinx-autobuild") for a in program):
            return (int(fields[13]) + int(fields[14])) / tick
    return float("nan")


def measure_live(book: Path, repeat: int) -> tuple[dict, list[str]]:
    """``make livehtml``: save an edit of the introduction, poll the served page until the edit
    is in it.  The first edit is not counted (sphinx-autobuild may still be settling)."""
    port = free_port()
    log = (book / "livehtml.log").open("wb")
    server = subprocess.Popen(
        make_command(book, "livehtml", "HOST=127.0.0.1", f"PORT={port}"),
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_COLOR": "1"},
        start_new_session=True,  # its own process group: stopped with everything it started
    )
    url = f"http://127.0.0.1:{port}/{PAGE}"
    edited = book / EDITED
    original = edited.read_text(encoding="utf-8")
    times: list[float] = []
    cpu: list[float] = []
    problems: list[str] = []
    try:
        if wait_for(url, "</html>", timeout=300, step=0.2) is None:
            return {}, ["sphinx-autobuild did not serve the book within 300 s"]
        time.sleep(1)
        for rep in range(repeat + 1):
            marker = f"Révision numéro {rep} pour la mesure de l’aperçu."
            before = children_cpu(server.pid)
            edited.write_text(f"{original.rstrip()}\n\n{marker}\n", encoding="utf-8")
            took = wait_for(url, marker, timeout=120)
            time.sleep(1.5)  # the build finishes (search index) and is reaped; livereload
            if took is None:
                problems.append(f"edit {rep}: the page was not served within 120 s")
            elif rep:
                times.append(took)
                cpu.append(children_cpu(server.pid) - before)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
        edited.write_text(original, encoding="utf-8")
    text = (book / "livehtml.log").read_text(encoding="utf-8", errors="replace")
    problems += [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]
    if not times:
        return {}, problems or ["no edit was measured"]
    note = (
        f"CPU of the rebuild (the sphinx-build process) {min(cpu):.2f} s best, "
        f"{statistics.median(cpu):.2f} s median"
    )
    return summary(times, note), problems


def measure_all(work: Path, repeat: int) -> dict:
    book = copy_book(work)
    noop, problems = measure_noop(book, repeat)
    results = {"noop": noop}
    live, live_problems = measure_live(book, repeat)
    if live:
        results["live"] = live
    results["problems"] = problems + live_problems
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=REPO / "bench" / "_work" / "real-book")
    args = parser.parse_args()
    print(json.dumps(measure_all(args.workdir, args.repeat), indent=1))


if __name__ == "__main__":
    main()
