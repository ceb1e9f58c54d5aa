"""The book's live preview (``make livehtml``): sphinx-autobuild, each build forked from a warm
process instead of started as a new interpreter.

sphinx-autobuild serves the pages, injects the reload script and watches the files; for each
change it runs ``python -m sphinx build …`` as a new process, and half of such a rebuild is
start-up: the interpreter, then importing Sphinx, docutils, myst-parser, pybtex, the theme and
the extensions.  Here a *warm* process (the zygote) keeps all of that imported, and builds each
change in a fresh child made by ``os.fork()``: the child runs what ``python -m sphinx`` runs,
``sphinx.cmd.build.main([...])``, and exits.  The zygote itself never builds and never sets up
Sphinx, so no state passes from one build to the next: each build is a cold ``sphinx-build``
without the start-up (``tests/test_livehtml.py`` compares their files).

* What to import: after each build, the child sends the zygote the names of the modules it
  imported (and its ``sys.path``); the zygote imports those it lacks, so the next child finds
  them loaded.  The zygote runs no thread and keeps no file or socket open for the child (it
  checks its threads after importing, and the child closes the zygote's sockets first).
* Edited code: before each fork the zygote compares the files of its modules (size and mtime)
  with what it imported; if one changed (an extension in ``_ext/``, an upgrade in the
  environment), it starts again with ``os.execv`` (the same process, fresh imports), and that
  build costs what a cold one does.
* The zygote is started by the server (a child of it, stopped with it) and listens on a Unix
  socket; sphinx-autobuild calls its builder in a process of its own
  (``ProcessPoolExecutor``), which sends the build's arguments there and waits for its status.

``LIVEHTML_FORK=0 make livehtml`` runs plain sphinx-autobuild instead.

    python tools/livehtml.py [sphinx-autobuild's arguments]
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from sphinx_autobuild.build import Builder
from sphinx_autobuild.utils import show_command, show_message

#: Module names the zygote never imports from a child's list.
NOT_IMPORTED = frozenset({"__main__", "__mp_main__"})


# -- The zygote: a warm interpreter that forks one child per build ---------------------------


def module_files() -> dict[str, tuple[int, int]]:
    """Size and mtime of the file of every loaded module: what makes the zygote stale."""
    files: dict[str, tuple[int, int]] = {}
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path not in files:
            try:
                stat = os.stat(path)
            except OSError:
                files[path] = (-1, -1)
            else:
                files[path] = (stat.st_size, stat.st_mtime_ns)
    return files


def changed_files(files: dict[str, tuple[int, int]]) -> list[str]:
    changed = []
    for path, (size, mtime) in files.items():
        try:
            stat = os.stat(path)
        except OSError:
            if size != -1:
                changed.append(path)
        else:
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                changed.append(path)
    return changed


def warm_up(report: dict[str, Any]) -> None:
    """Import the modules a child imported, with its ``sys.path`` (``conf.py`` adds to it)."""
    saved_path = sys.path[:]
    sys.path[:] = report["path"]
    try:
        for name in report["modules"]:
            if name in sys.modules or name in NOT_IMPORTED:
                continue
            try:
                importlib.import_module(name)
            except Exception:  # a module only its own importer can load (a plugin, …)
                continue
    finally:
        sys.path[:] = saved_path
    if threading.active_count() > 1:
        print(
            "livehtml: an imported module started a thread, which forked builds would lack; "
            "use LIVEHTML_FORK=0",
            file=sys.stderr,
        )


def build_child(argv: list[str], report: int, closed: list[int]) -> None:
    """In the forked child: run what ``python -m sphinx build …`` runs, report the modules,
    exit.  Never returns."""
    status: object = 1
    try:
        for fd in closed:  # the zygote's sockets: the server's, never the build's
            os.close(fd)
        import sphinx.cmd.build

        sys.argv = [str(Path(sphinx.__file__).with_name("__main__.py")), *argv]
        status = sphinx.cmd.build.main(argv)
    except SystemExit as exit_:
        status = exit_.code
    except BaseException:
        traceback.print_exc()
    finally:
        try:
            data = json.dumps({"modules": list(sys.modules), "path": sys.path})
            with os.fdopen(report, "w", encoding="utf-8") as stream:
                stream.write(data)
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status if isinstance(status, int) else 0 if status is None else 1)


def fork_build(argv: list[str], closed: list[int]) -> tuple[int, float, dict[str, Any]]:
    """Build in a forked child; its exit status, CPU seconds, and the modules it loaded."""
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        build_child(argv, write_end, closed)
    os.close(write_end)
    with os.fdopen(read_end, "r", encoding="utf-8") as stream:
        data = stream.read()
    _, wait_status, usage = os.wait4(pid, 0)
    try:
        report = json.loads(data)
    except ValueError:
        report = {"modules": [], "path": sys.path}
    return os.waitstatus_to_exitcode(wait_status), usage.ru_utime + usage.ru_stime, report


def zygote(listener_fd: int) -> None:
    """Serve builds on the listening socket until the server (the parent) is gone."""
    # As ``python -m sphinx`` has it: the current directory first, not tools/.
    sys.path[0] = os.getcwd()
    import sphinx.cmd.build  # noqa: F401 (what every build needs, before the first one)

    listener = socket.socket(fileno=listener_fd)
    parent = os.getppid()
    files = module_files()
    try:
        while os.getppid() == parent:
            if not select.select([listener], [], [], 1.0)[0]:
                continue
            connection, _ = listener.accept()
            with connection, connection.makefile("rwb") as stream:
                request = json.loads(stream.readline())
                stale = changed_files(files)
                if stale:
                    stream.write(b'{"restart": true}\n')
                    stream.flush()
                    print(f"livehtml: {stale[0]} changed: importing again", file=sys.stderr)
                    connection.close()
                    os.set_inheritable(listener_fd, True)
                    os.execv(
                        sys.executable, [sys.executable, __file__, "--zygote", str(listener_fd)]
                    )
                gc.freeze()  # the child's collections skip what is imported (and copied less)
                start = time.perf_counter()
                status, cpu, report = fork_build(
                    request["argv"], [listener_fd, connection.fileno()]
                )
                wall = time.perf_counter() - start
                stream.write(json.dumps({"status": status, "cpu": cpu, "wall": wall}).encode())
                stream.write(b"\n")
                stream.flush()
            warm_up(report)
            # Only the new modules: a file of an older one may have changed since the build.
            files = module_files() | files
    except KeyboardInterrupt:
        pass


# -- The server: sphinx-autobuild with a builder that asks the zygote ------------------------


def request_build(address: str, argv: list[str]) -> dict[str, Any]:
    """Send one build to the zygote; wait for its answer (again if it restarted)."""
    while True:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(address)
            with sock.makefile("rwb") as stream:
                stream.write(json.dumps({"argv": argv}).encode() + b"\n")
                stream.flush()
                answer: dict[str, Any] = json.loads(stream.readline() or b'{"status": 1}')
        if not answer.get("restart"):
            return answer


class ForkingBuilder(Builder):  # type: ignore[misc]
    """sphinx-autobuild's ``Builder`` with its build run by the zygote.

    The only private API of sphinx-autobuild (2024.x–2025.x) this module uses is here: the
    ``Builder`` class that ``sphinx_autobuild.__main__.main`` instantiates (replaced by
    :func:`run`), its attributes ``sphinx_args``, ``pre_build_commands``,
    ``post_build_commands``, ``uri`` and its method ``_run_commands``.  ``__call__`` is
    upstream's, but for the line that ran ``subprocess.run([sys.executable, "-m", "sphinx",
    "build", …])``.  sphinx-autobuild pickles the builder into the process that calls it: the
    class is at module level and the instance carries the zygote's address.
    """

    #: The zygote's socket, set by :func:`run` before sphinx-autobuild makes the builder.
    zygote_address = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.address = self.zygote_address

    def __call__(self, *, changed_paths: Any) -> None:
        if changed_paths:
            cwd = Path.cwd()
            rel_paths = []
            for changed_path in changed_paths[:5]:
                if not changed_path.exists():
                    continue
                with contextlib.suppress(ValueError):
                    changed_path = changed_path.relative_to(cwd)
                rel_paths.append(changed_path.as_posix())
            if rel_paths:
                show_message(f"Detected changes ({', '.join(rel_paths)})")
            show_message("Rebuilding...")
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        argv = ["build", *self.sphinx_args]
        show_command(["python", "-m", "sphinx", *argv])
        try:
            answer = request_build(self.address, argv)
        except (OSError, ValueError) as error:  # no zygote: build as sphinx-autobuild does
            print(f"livehtml: the zygote did not answer ({error}); building in a new process")
            process = subprocess.run([sys.executable, "-m", "sphinx", *argv], check=False)
            answer = {"status": process.returncode}
        if answer["status"] != 0:
            print(f"Sphinx exited with exit code: {answer['status']}")
            print(
                "The server will continue serving the build folder, but the contents "
                "being served are no longer in sync with the documentation sources. "
                "Please fix the cause of the error above or press Ctrl+C to stop the "
                "server."
            )
        else:
            if "cpu" in answer:
                print(f"livehtml: forked build {answer['wall']:.2f} s, CPU {answer['cpu']:.2f} s")
            self._run_commands(self.post_build_commands, "post-build")
        show_message(f"Serving on {self.uri}")


def start_zygote(address: str, **popen: Any) -> subprocess.Popen[bytes]:
    """Start the zygote on a new Unix socket at ``address``.  The socket listens before the
    zygote starts: a build asked for meanwhile waits in its queue."""
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(address)
    listener.listen(8)
    with listener:  # the zygote's once started: the server's processes only connect to it
        return subprocess.Popen(
            [sys.executable, __file__, "--zygote", str(listener.fileno())],
            pass_fds=[listener.fileno()],
            **popen,
        )


def run(argv: list[str]) -> int:
    """sphinx-autobuild, with :class:`ForkingBuilder` for its builder and a zygote."""
    import sphinx_autobuild.__main__ as autobuild  # uvicorn, starlette: the server's only

    folder = tempfile.mkdtemp(prefix="livehtml-")
    address = os.path.join(folder, "zygote")
    zygote_process = start_zygote(address)
    ForkingBuilder.zygote_address = address
    autobuild.Builder = ForkingBuilder
    try:
        autobuild.main(argv)
    finally:
        zygote_process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            zygote_process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--zygote"]:
        zygote(int(sys.argv[2]))
    else:
        sys.exit(run(sys.argv[1:]))
