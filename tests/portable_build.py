"""Build one small project with several builders, as a user's Makefile does: one environment
shared by the builders (gettext keeps its own, as Sphinx requires), each output in its folder."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from roots_build import build

BUILDERS = (
    "html",
    "dirhtml",
    "singlehtml",
    "latex",
    "epub",
    "text",
    "man",
    "texinfo",
    "json",
    "xml",
    "gettext",
)

#: Packages of the matrix that read Sphinx's deprecated ``app`` of a builder or a transform
#: (sphinxcontrib-serializinghtml 2.0.0 for json, the themes' own transforms): their
#: deprecation warnings, not ours, are let through.
OTHERS_DEPRECATIONS = pytest.mark.filterwarnings(
    "ignore:'(sphinxcontrib.serializinghtml|sphinx_book_theme|pydata_sphinx_theme)"
    r"\.[\w.]+\.app' is deprecated"
)


class Output(NamedTuple):
    """One builder's output folder and what it logged."""

    outdir: Path
    warnings: str

    def read(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


def sphinx(
    srcdir: Path, builder: str, builddir: Path, parallel: int = 0, **confoverrides
) -> Output:
    """Build ``srcdir`` into ``builddir/<builder>``, its environment in ``builddir/doctrees``."""
    built = build(srcdir, builder, parallel, builddir=builddir, **confoverrides)
    return Output(built.outdir, built.warnings)


def build_all(srcdir: Path, **confoverrides) -> dict[str, Output]:
    """Every builder, sharing one environment (gettext needs its own, as Sphinx requires)."""
    return {
        builder: sphinx(
            srcdir,
            builder,
            srcdir / ("_build_gettext" if builder == "gettext" else "_build"),
            **confoverrides,
        )
        for builder in BUILDERS
    }
