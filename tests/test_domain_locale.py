"""The domain's French messages: the compiled catalogue matches its source."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).parents[1] / "_ext" / "devops_domain" / "locale" / "fr" / "LC_MESSAGES"


def test_mo_file_is_compiled_from_the_po_file():
    with (
        (LOCALE / "devops_domain.po").open("rb") as po,
        (LOCALE / "devops_domain.mo").open("rb") as mo,
    ):
        source, compiled = read_po(po), read_mo(mo)
    expected = {m.id: m.string for m in source if m.id}
    assert {m.id: m.string for m in compiled if m.id} == expected
    assert all(expected.values()), "every message has a French translation"
    assert expected["Mentioned in: "] == "Mentionné dans\u00a0: "
