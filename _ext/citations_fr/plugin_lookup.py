"""pybtex plugins that sphinxcontrib-bibtex looks up, found without scanning the installation.

``pybtex.plugin.find_plugin`` looks in its runtime registry first, and otherwise scans the
entry points of every installed distribution (``importlib.metadata``), on every call.
sphinxcontrib-bibtex calls it for each citation it resolves (the ``plaintext`` backend, for the
link's title), about 2 ms each: 0.3 s per build of this book, 8 s for a book of 4,000
citations.  Registering these plugins once as runtime plugins, with the very classes their entry
points name, makes each lookup a dictionary access.  Switch: ``citations_plugin_lookup``.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

import pybtex.plugin

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: (group, name) of the lookups a build makes more than once: per citation, per bibliography.
#: ``text`` is an alias of ``plaintext`` (citations_fr formats plain text with it).
LOOKED_UP = (
    ("pybtex.backends", "plaintext"),
    ("pybtex.backends", "text"),
    ("pybtex.backends", "docutils"),
    ("pybtex.style.names", "plain"),
    ("pybtex.style.names", "lastfirst"),
    ("pybtex.style.names", "last"),
)


def installed_plugins() -> dict[tuple[str, str], type]:
    """What pybtex's scan finds for each of LOOKED_UP, in one scan: the first entry point of
    the name in its group, else in the group's aliases (``find_plugin``'s order)."""
    installed = entry_points()
    found = {}
    for group, name in LOOKED_UP:
        for search_group in (group, f"{group}.aliases"):
            entry_point = next(iter(installed.select(group=search_group, name=name)), None)
            if entry_point is not None:
                found[group, name] = entry_point.load()
                break
    return found


def register_installed_plugins(app: Sphinx, config: Config) -> None:
    """An alias is registered under its group's own names: ``find_plugin`` looks there first,
    and would scan once before it looks at the runtime aliases."""
    if not config.citations_plugin_lookup:
        return
    for (group, name), plugin in installed_plugins().items():
        pybtex.plugin.register_plugin(group, name, plugin, force=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("citations_plugin_lookup", True, "", types=frozenset({bool}))
    app.connect("config-inited", register_installed_plugins)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
