"""The real book, as its author works on it: a no-op ``make html``, and the live preview
(``make livehtml``, as the README starts it) from saving an edit of
``source/introduction.md`` to the changed page in the HTTP response, with the builds forked
from a warm process (the default, tools/livehtml.py) and with plain sphinx-autobuild
(``LIVEHTML_FORK=0``), their edits interleaved.  For each edit, the CPU time of the rebuild:
what the processes the rebuild ran used, read once the rebuild has ended and they have been
reaped (by the server, or by the zygote for forked builds).

Each runs on its copy of the book (conf.py, source/, _ext/, _static/, references.bib,
Makefile, tools/) in the work directory, with this Python's environment, so that the checkout
is never edited.

    python bench/real_book.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
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
BOOK_FILES = ("conf.py", "source", "_ext", "_static", "references.bib", "Makefile", "tools")
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


def book_env(book: Path) -> dict[str, str]:
    """The environment of a build of the copy: its own ``_ext`` first (``conf.py`` appends
    it, after the distribution installed from the checkout's ``_ext`` when the environment
    was made: the measure is of the extensions as they are now, as the README's
    ``PYTHONPATH=_ext`` does), no colours."""
    return {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(book / "_ext")}


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall and CPU time (the process and the children it waited for), status, output."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
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
    wall, cpu, status, output = timed(
        make_command(book, "html", f"BUILDDIR={builddir}"), book_env(book)
    )
    problems = [] if status == 0 else [f"make html failed: {output[-2000:]}"]
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu, status, output = timed(
            make_command(book, "html", f"BUILDDIR={builddir}"), book_env(book)
        )
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
    except (urllib.error.URLError, http.client.HTTPException, OSError):
        return None  # not served yet, or the page is being written while it is read


def wait_for(
    url: str, marker: str, timeout: float, step: float = 0.02, start: float | None = None
) -> float | None:
    """Poll ``url`` until its text contains ``marker``; the time it took since ``start``
    (by default now), or None."""
    start = time.perf_counter() if start is None else start
    while time.perf_counter() - start < timeout:
        text = fetch(url)
        if text is not None and marker in text:
            return time.perf_counter() - start
        time.sleep(step)
    return None


def session_processes(session: int) -> dict[int, float]:
    """The processes of ``session`` (the live preview's ``make`` and all it started), each with
    the CPU seconds of the children it has reaped (``cutime + cstime`` in ``/proc``)."""
    tick = os.sysconf("SC_CLK_TCK")
    processes = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after the command: state ppid pgrp session ... utime stime cutime cstime
        if int(fields[3]) == session:
            processes[int(stat.parent.name)] = (int(fields[13]) + int(fields[14])) / tick
    return processes


class LivePreview:
    """``make livehtml`` on a copy of the book, ``LIVEHTML_FORK=1`` (the default: builds forked
    from a warm process, tools/livehtml.py) or ``0`` (plain sphinx-autobuild)."""

    def __init__(self, book: Path, fork: bool) -> None:
        self.book, self.fork = book, fork
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/{PAGE}"
        self.log_path = book.parent / f"{book.name}.log"  # outside: the server watches the book
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            make_command(
                book,
                "livehtml",
                "HOST=127.0.0.1",
                f"PORT={self.port}",
                f"LIVEHTML_FORK={int(fork)}",
            ),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=book_env(book),
            start_new_session=True,  # its own session: stopped with everything it started
        )
        self.baseline: set[int] = set()

    def text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def builds_done(self) -> int:
        return self.text().count("Serving on")

    def settle(self, builds: int, timeout: float = 120) -> bool:
        """Wait until ``builds`` builds have finished and every process they used has been
        reaped (its CPU time is then in its parent's): only the baseline processes are left."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.builds_done() >= builds and set(session_processes(self.process.pid)) <= (
                self.baseline or set(session_processes(self.process.pid))
            ):
                return True
            time.sleep(0.05)
        return False

    def start(self) -> str | None:
        if wait_for(self.url, "</html>", timeout=300, step=0.2) is None:
            return f"make livehtml LIVEHTML_FORK={int(self.fork)} served nothing within 300 s"
        # The initial build is done; the processes left (make, the server, the zygote) are the
        # baseline once the set stays the same for a second.
        previous: set[int] = set()
        while (current := set(session_processes(self.process.pid))) != previous:
            previous = current
            time.sleep(1)
        self.baseline = current
        return None

    def edit(self, rep: int, original: str) -> tuple[float | None, float, str | None]:
        """Save an edit; the time to the changed page in the HTTP response, and the CPU
        seconds of the processes the rebuild ran (reaped by the server or the zygote)."""
        marker = f"Révision numéro {rep} pour la mesure de l’aperçu."
        builds = self.builds_done()
        before = sum(session_processes(self.process.pid).values())
        start = time.perf_counter()
        (self.book / EDITED).write_text(f"{original.rstrip()}\n\n{marker}\n", encoding="utf-8")
        took = wait_for(self.url, marker, timeout=120, start=start)
        if not self.settle(builds + 1):
            return took, float("nan"), f"edit {rep}: the rebuild did not end within 120 s"
        cpu = sum(session_processes(self.process.pid).values()) - before
        return took, cpu, None if took is not None else f"edit {rep}: not served within 120 s"

    def stop(self) -> list[str]:
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()
        text = self.text()
        problems = [
            line
            for line in text.splitlines()
            if ("WARNING" in line or "ERROR" in line or "Sphinx exited with exit code" in line)
            # the server, when a page is read while the build rewrites it (not the build's)
            and "Exception in ASGI application" not in line
        ]
        return [f"LIVEHTML_FORK={int(self.fork)}: {line}" for line in problems]


def measure_live(work: Path, repeat: int) -> tuple[dict, list[str]]:
    """``make livehtml``, with builds forked (``live``) and with plain sphinx-autobuild
    (``live_plain``), each on its copy of the book, both running, their edits interleaved:
    save an edit of the introduction, poll the served page until the edit is in it, then wait
    for the rebuild to end and read the CPU time of the processes it ran.  The first edit of
    each is not counted (the zygote imports what the first build used after it)."""
    previews = {
        "live": LivePreview(copy_book(work / "fork"), fork=True),
        "live_plain": LivePreview(copy_book(work / "plain"), fork=False),
    }
    original = (REPO / EDITED).read_text(encoding="utf-8")
    times: dict[str, list[float]] = {key: [] for key in previews}
    cpus: dict[str, list[float]] = {key: [] for key in previews}
    problems: list[str] = []
    load = os.getloadavg()[0]
    try:
        for preview in previews.values():
            if problem := preview.start():
                return {}, [problem]
        for rep in range(repeat + 1):
            order = list(previews.items())
            for key, preview in order if rep % 2 else reversed(order):
                took, cpu, problem = preview.edit(rep, original)
                if problem:
                    problems.append(f"{key}: {problem}")
                elif rep and took is not None:
                    times[key].append(took)
                    cpus[key].append(cpu)
    finally:
        for preview in previews.values():
            problems += preview.stop()
    load = max(load, os.getloadavg()[0])
    results = {}
    for key, preview in previews.items():
        rebuilds = preview.text().count("Rebuilding...")
        if rebuilds != repeat + 1:
            problems.append(f"{key}: {rebuilds} rebuilds for {repeat + 1} edits")
        if times[key]:
            forked = re.findall(r"livehtml: forked build [\d.]+ s, CPU ([\d.]+) s", preview.text())
            child = [float(cpu) for cpu in forked[2:]]  # not the initial build, nor edit 0
            note = (
                f"CPU of the rebuild (the processes it ran) {min(cpus[key]):.2f} s best, "
                f"{statistics.median(cpus[key]):.2f} s median"
                + (f"; of the forked build alone {min(child):.2f} s best" if child else "")
                + f"; load average up to {load:.1f}"
            )
            results[key] = summary(times[key], note)
            results[key]["cpu"] = summary(cpus[key])
    if not results:
        problems = problems or ["no edit was measured"]
    return results, problems


def measure_all(work: Path, repeat: int) -> dict:
    book = copy_book(work / "noop")
    noop, problems = measure_noop(book, repeat)
    results = {"noop": noop}
    live, live_problems = measure_live(work, repeat)
    results.update(live)
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
