from __future__ import annotations


def setup(app):
    pass
