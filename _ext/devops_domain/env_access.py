"""The one typed way to reach the ``devops`` domain of a build."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .domain import DevOpsDomain


def domain_of(env: BuildEnvironment) -> DevOpsDomain:
    """``env.domains["devops"]``, typed (Sphinx types it as any ``Domain``)."""
    return cast("DevOpsDomain", env.domains["devops"])
