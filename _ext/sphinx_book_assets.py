"""Ship an extension's static files and LaTeX packages through Sphinx's own mechanisms.

The builders copy ``html_static_path`` and ``latex_additional_files`` into the output
folder when they finish, as they do for the project's own files.  An extension that wrote
into the output folder itself at ``builder-inited`` would write before the build starts:
into a folder the project's tooling expects empty (Sphinx's own test fixtures skip a build
whose output folder is not), and with a traceback of ours if the folder is not writable.

Both settings are replaced, never appended to in place: an unset value is the default
object Sphinx shares between applications of one process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.config import Config


def add_static_path(config: Config, folder: Path) -> None:
    """Copy every file of ``folder`` into the output's ``_static`` (HTML-like builders)."""
    path = str(folder)
    if path not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, path]


def add_latex_file(config: Config, file: Path) -> None:
    """Copy ``file`` next to the ``.tex`` files, where ``latexmk`` looks for packages."""
    path = str(file)
    if path not in config.latex_additional_files:
        config.latex_additional_files = [*config.latex_additional_files, path]
