"""The theme's Jinja templates compiled once, not again by every sphinx-build process.

Sphinx's Jinja environment has no bytecode cache: each build compiles the templates it renders
again (furo: about twenty), which is a good part of a no-op build and of every rebuild of the
live preview, since sphinx-autobuild starts a new process for each.  jinja2's own
``FileSystemBytecodeCache`` keeps the compiled templates next to the doctrees, keyed by the
template's name and file, and checks each against the checksum of its source: an edited
template is compiled again.  The folder's name carries the versions of Jinja, Sphinx and
Python, whose code generation it depends on.  Switch: ``template_bytecode_cache = False``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import sphinx
from jinja2 import FileSystemBytecodeCache

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def cache_folder(app: Sphinx) -> Path:
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    versions = f"jinja2-{jinja2.__version__}-sphinx-{sphinx.__version__}-py{python}"
    return Path(app.doctreedir) / "template-bytecode" / app.builder.name / versions


def use_bytecode_cache(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if not app.config.template_bytecode_cache or environment is None:
        return
    folder = cache_folder(app)
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("template_bytecode_cache", True, "", types=frozenset({bool}))
    app.connect("builder-inited", use_bytecode_cache)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
