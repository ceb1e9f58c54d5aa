"""The warning for an unknown term or person, with « did you mean …? »."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from .env_access import domain_of
from .warnings import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains import Domain


logger = logging.getLogger(__name__)


def warn_missing_reference(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """Replace Sphinx's generic message for our roles; copies of a definition stay quiet."""
    if domain is None or domain.name != "devops":
        return None
    if node.get("devops_copy") or node.get("devops_see"):
        return True  # reported where the definition is written, or as devops.see
    devops = domain_of(app.env)
    kind = node["reftype"]
    target = node["reftarget"]
    message = f"unknown {kind} {target!r}"
    close = devops.close_names(kind, target)
    if close:
        message += " (did you mean " + " or ".join(repr(name) for name in close) + "?)"
    logger.warning(message, location=node, type=WARNING_TYPE, subtype=Subtype.REF)
    return True
