"""The warning subtypes of the domain, so that ``suppress_warnings`` can target each one.

Every warning is logged with ``type="devops"`` and one of these subtypes, e.g.
``suppress_warnings = ["devops.unused"]``.
"""

from __future__ import annotations

from enum import StrEnum


class Subtype(StrEnum):
    """One member per kind of bad input; the value is the subtype used in ``suppress_warnings``."""

    REF = "ref"
    """A mention of a term or person that is defined nowhere."""
    DUPLICATE = "duplicate"
    """A name or alias defined twice, in one document or in two."""
    ALIAS = "alias"
    """An alias that is the name of another entry."""
    SEE = "see"
    """An unknown name in a term's ``:see:`` option."""
    EMPTY = "empty"
    """An entry with an empty name or with no definition."""
    URL = "url"
    """A person's ``:url:`` that is not an absolute http(s) URL."""
    SELF = "self"
    """A term or person mentioned inside its own definition."""
    UNCLOSED = "unclosed"
    """A MyST fence (```` ```{term} ````) never closed: the rest of the file became its text."""
    INVISIBLE = "invisible"
    """An invisible or bidirectional control character in a name, alias or form (removed)."""
    COMMENT = "comment"
    """An option value that MyST cut at `` #`` (a YAML comment)."""
    UNUSED = "unused"
    """A term defined but never mentioned (informational, off unless ``devops_report_unused``)."""


WARNING_TYPE = "devops"
