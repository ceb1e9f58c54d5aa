"""The live preview (``make livehtml``, tools/livehtml.py): each build is forked from a warm
process, and must write what a cold ``python -m sphinx`` writes (issue 26).

* the files of a forked build equal those of a cold build of the same sources, byte for byte,
  after a clean build, after an edit (the child then starts with the modules of the first
  build imported) and after an edit of an extension's code (the zygote imports again);
* the server (sphinx-autobuild with the forking builder) answers with the changed page after
  an edit, and stops with its zygote.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import BOOK
from roots_build import BUILD_ENV, copy_root, edit, output_files, sphinx_build

sys.path.insert(0, str(BOOK / "tools"))
import livehtml  # found through the line above

pytestmark = pytest.mark.slow

OPTIONS = ("-nW", "--keep-going")


def cold(src: Path, out: Path, ext: Path) -> None:
    result = sphinx_build(
        "html", out, srcdir=src, doctrees=out.parent / f"{out.name}-doctrees", pythonpath=(ext,)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def forked(address: str, src: Path, out: Path) -> dict:
    argv = ["build", *OPTIONS, "-b", "html", "-d", str(out.parent / f"{out.name}-doctrees")]
    answer = livehtml.request_build(address, [*argv, str(src), str(out)])
    assert answer["status"] == 0
    return answer


def assert_same_files(cold_out: Path, forked_out: Path) -> None:
    expected, got = output_files(cold_out), output_files(forked_out)
    assert "chap1.html" in expected
    assert sorted(got) == sorted(expected)
    different = [name for name in expected if got[name] != expected[name]]
    assert not different, f"the forked build wrote other bytes in {different}"


def test_forked_builds_write_what_cold_builds_write(tmp_path: Path) -> None:
    ext = tmp_path / "_ext"
    shutil.copytree(BOOK / "_ext", ext, ignore=shutil.ignore_patterns("__pycache__", "build"))
    src = copy_root("equivalence", tmp_path)
    address = str(tmp_path / "zygote")
    log = (tmp_path / "zygote.log").open("wb")
    env = {**BUILD_ENV, "PYTHONPATH": str(ext)}
    zygote = livehtml.start_zygote(address, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        # A clean build: the zygote has only Sphinx's command line imported.
        cold(src, tmp_path / "cold", ext)
        first = forked(address, src, tmp_path / "forked")
        assert_same_files(tmp_path / "cold", tmp_path / "forked")
        # An edit: the child starts with everything the first build imported.
        edit(src / "chap1.md", "rapproche les équipes", "rapproche enfin les équipes")
        cold(src, tmp_path / "cold", ext)
        second = forked(address, src, tmp_path / "forked")
        assert "rapproche enfin les équipes" in (tmp_path / "forked/chap1.html").read_text()
        assert_same_files(tmp_path / "cold", tmp_path / "forked")
        # Warm: the imports were done once (a cold build's CPU includes them all).
        assert second["cpu"] < first["cpu"]
        # An extension's code changes (the title of the index of terms, which has no French
        # translation then): the zygote imports it again before the build.
        edit(ext / "devops_domain" / "indices.py", '"Index of terms"', '"Index of all terms"')
        edit(src / "chap2.md", "#", "# Deuxième :", 1)
        cold(src, tmp_path / "cold", ext)
        forked(address, src, tmp_path / "forked")
        assert "Index of all terms" in (tmp_path / "forked/devops-terms.html").read_text()
        assert_same_files(tmp_path / "cold", tmp_path / "forked")
    finally:
        zygote.terminate()
        zygote.wait(timeout=30)
        log.close()
    assert "indices.py changed: importing again" in (tmp_path / "zygote.log").read_text()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(url: str, text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in page(url):
            return True
        time.sleep(0.1)
    return False


def test_server_answers_with_the_changed_page(tmp_path: Path) -> None:
    ext = tmp_path / "_ext"
    shutil.copytree(BOOK / "_ext", ext, ignore=shutil.ignore_patterns("__pycache__", "build"))
    src = copy_root("equivalence", tmp_path)
    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            str(BOOK / "tools" / "livehtml.py"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "-d",
            str(tmp_path / "doctrees"),
            *OPTIONS,
            str(src),
            str(tmp_path / "html"),
        ],
        env={**BUILD_ENV, "PYTHONPATH": str(ext)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/chap1.html"
    try:
        assert wait_for(url, "rapproche les équipes", 180), (tmp_path / "server.log").read_text()
        time.sleep(1)  # the watcher is set up once the server serves
        edit(src / "chap1.md", "rapproche les équipes", "rapproche vraiment les équipes")
        assert wait_for(url, "rapproche vraiment les équipes", 180), (
            tmp_path / "server.log"
        ).read_text()
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
        log.close()
    text = (tmp_path / "server.log").read_text()
    assert "livehtml: forked build" in text
    assert "Traceback" not in text
    assert wait_gone(server.pid, 30), "the zygote (in the server's session) is still running"


def wait_gone(group: int, timeout: float) -> bool:
    """Whether every process of ``group`` has ended within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False
