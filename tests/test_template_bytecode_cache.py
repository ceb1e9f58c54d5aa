"""template_bytecode_cache: a build that loads the compiled templates from the cache compiles
none of them and writes the same pages as a build that compiles them all."""

from __future__ import annotations

from pathlib import Path

import jinja2
from roots_build import build, copy_root, output_files


def pages(outdir: Path) -> dict[str, bytes]:
    return output_files(outdir, "*.html")


def furo_book(dest: Path, *, cache: bool) -> Path:
    srcdir = copy_root("furo-nested", dest)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nextensions.append("template_bytecode_cache")\n')
        conf.write(f"template_bytecode_cache = {cache}\n")
    return srcdir


def cached_templates(srcdir: Path) -> list[Path]:
    return sorted((srcdir / "_build" / "doctrees").rglob("*.cache"))


def compiles(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from here on."""
    names: list[str] = []
    compile_templates = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return compile_templates(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_cached_templates_give_the_same_pages(tmp_path, monkeypatch):
    off = build(furo_book(tmp_path / "off", cache=False))
    assert cached_templates(off.srcdir) == []

    srcdir = furo_book(tmp_path / "on", cache=True)
    first = build(srcdir)
    assert len(cached_templates(srcdir)) >= 5
    compiled = compiles(monkeypatch)
    (srcdir / "index.md").write_text(
        (srcdir / "index.md").read_text(encoding="utf-8") + "\nUne phrase de plus.\n",
        encoding="utf-8",
    )
    (off.srcdir / "index.md").write_text(
        (srcdir / "index.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    second = build(srcdir)
    assert [name for name in compiled if name and name.endswith(".html")] == []
    again_off = build(off.srcdir)

    assert first.warnings == second.warnings == again_off.warnings == ""
    assert len(pages(second.outdir)) >= 3
    assert pages(second.outdir) == pages(again_off.outdir)
