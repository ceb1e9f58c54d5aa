"""citations_fr.plugin_lookup: pybtex finds the plugins sphinxcontrib-bibtex asks for without
scanning the installed distributions, and finds the same classes as the scan would."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pybtex.plugin
import pytest
from citations_fr import plugin_lookup
from conftest import BOOK
from roots_build import copy_root, sphinx_build


class CountingScans:
    """Stands for ``importlib.metadata.entry_points`` in pybtex.plugin and counts the calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, **params):
        self.calls += 1
        return importlib.metadata.entry_points(**params)


def scanned_plugin(group: str, name: str) -> type:
    """What pybtex's entry-point scan returns (find_plugin without runtime plugins)."""
    for entry_point in importlib.metadata.entry_points(group=group, name=name):
        return entry_point.load()
    raise AssertionError(f"no entry point {group} {name}")


@pytest.mark.parametrize(("group", "name"), plugin_lookup.LOOKED_UP)
def test_registered_plugins_are_the_entry_points_classes(group, name):
    assert plugin_lookup.installed_plugins()[group, name] is scanned_plugin(group, name)


def test_lookups_do_not_scan_once_registered(monkeypatch):
    scans = CountingScans()
    monkeypatch.setattr(pybtex.plugin, "entry_points", scans)
    monkeypatch.setattr(pybtex.plugin, "_RUNTIME_PLUGINS", {})  # as in a fresh process
    pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    assert scans.calls == 1  # the cost the module removes: one scan per citation

    config = type("Config", (), {"citations_plugin_lookup": True})()
    plugin_lookup.register_installed_plugins(None, config)
    scans.calls = 0
    for group, name in plugin_lookup.LOOKED_UP:
        assert pybtex.plugin.find_plugin(group, name) is scanned_plugin(group, name)
    assert scans.calls == 0


def test_switched_off_registers_nothing(monkeypatch):
    monkeypatch.setattr(pybtex.plugin, "_RUNTIME_PLUGINS", {})
    config = type("Config", (), {"citations_plugin_lookup": False})()
    plugin_lookup.register_installed_plugins(None, config)
    assert pybtex.plugin._RUNTIME_PLUGINS == {}


def build(srcdir: Path, outdir: Path, *options: str) -> dict[str, bytes]:
    """A clean HTML build in a fresh process (pybtex's registry is per process)."""
    result = sphinx_build(
        "html",
        outdir,
        *options,
        srcdir=srcdir,
        options=("-nW", "-q", "-E"),
        doctrees=outdir / ".doctrees",
        pythonpath=(BOOK / "_ext",),
    )
    assert result.returncode == 0, result.stderr
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*.html"))
    }


@pytest.mark.slow
def test_same_pages_with_the_switch_on_and_off(tmp_path):
    srcdir = copy_root("citations-pandoc", tmp_path)
    on = build(srcdir, tmp_path / "on")
    off = build(srcdir, tmp_path / "off", "-D", "citations_plugin_lookup=0")
    assert len(on) >= 3
    assert on == off
