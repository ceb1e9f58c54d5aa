"""citations_fr.format_once: each bibliography entry is formatted once per build instead of
twice (bibliography and tooltip), and the book is the same byte for byte with the switch on
and off."""

from __future__ import annotations

from collections import Counter

import pytest
from citations_fr.format_once import FrenchStyleFormattedOnce
from citations_fr.style import FrenchStyle
from pybtex.database import Entry, Person
from pybtex.richtext import Text
from roots_build import build, copy_root, output_files, sphinx_build


def counting_formats(monkeypatch) -> list[str]:
    """The keys of the entries :class:`FrenchStyle` formats from here on."""
    keys: list[str] = []
    format_entry = FrenchStyle.format_entry

    def counting(self, label, entry, bib_data=None):
        keys.append(entry.key)
        return format_entry(self, label, entry, bib_data)

    monkeypatch.setattr(FrenchStyle, "format_entry", counting)
    return keys


def book_entry(key: str, title: str) -> Entry:
    entry = Entry("book", fields={"title": title, "year": "2009", "publisher": "Wiley"})
    entry.key = key
    entry.persons["author"] = [Person("Shafer, Andrew")]
    return entry


def rendered(style: FrenchStyle, label: str, entry: Entry) -> str:
    return style.format_entry(label, entry).text.render_as("text")


def test_the_same_entry_asked_twice_is_formatted_once(monkeypatch):
    formats = counting_formats(monkeypatch)
    style = FrenchStyleFormattedOnce()
    entry = book_entry("Shafer2009", "Agile Infrastructure")
    first = style.format_entry("Shafer 2009", entry)
    assert style.format_entry("Shafer 2009", entry) is first
    assert formats == ["Shafer2009"]
    assert first.text.render_as("text") == rendered(FrenchStyle(), "Shafer 2009", entry)


def test_another_entry_or_label_is_formatted_anew(monkeypatch):
    formats = counting_formats(monkeypatch)
    style = FrenchStyleFormattedOnce()
    entry = book_entry("Shafer2009", "Agile Infrastructure")
    style.format_entry("Shafer 2009", entry)
    assert "2009a" in rendered(style, "Shafer 2009a", entry)
    # read again (the .bib edited): another object with the same key, never the old text
    edited = book_entry("Shafer2009", "Agile Operations")
    assert "Agile Operations" in rendered(style, "Shafer 2009", edited)
    assert formats == ["Shafer2009"] * 3
    assert isinstance(style.format_entry("Shafer 2009", edited).text, Text)


@pytest.mark.parametrize(("on", "per_entry"), [(True, 1), (False, 2)])
def test_a_build_formats_each_entry_once(tmp_path, monkeypatch, on, per_entry):
    """The bibliography and its tooltips (sphinxcontrib-bibtex's default) from one formatting;
    switched off, each entry is formatted twice, as sphinxcontrib-bibtex asks."""
    formats = counting_formats(monkeypatch)
    result = build(copy_root("citations-style", tmp_path), citations_format_once=on)
    # the root's @software entry, on purpose; nothing else
    assert result.warnings.count("WARNING") == 1
    assert "[citations.unknown_entry_type]" in result.warnings
    assert len(set(formats)) == 20  # every entry of refs.bib (:all:)
    assert set(Counter(formats).values()) == {per_entry}
    page = (result.outdir / "index.html").read_text(encoding="utf-8")
    assert 'title="Shafer, Andrew' in page  # a tooltip, from the same formatting


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["html", "latex"])
def test_the_book_is_the_same_formatting_twice(tmp_path, builder):
    """The whole book, byte for byte, with the switch on and off (both built here: the
    session's ``latex`` folder also gets what ``make latexpdf`` adds)."""
    built = {}
    for on in (1, 0):
        out = tmp_path / f"{builder}-{on}"
        result = sphinx_build(
            builder, out, "-D", f"citations_format_once={on}", doctrees=tmp_path / f"dt-{on}"
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr
        built[on] = output_files(out)
    on, off = built[1], built[0]
    assert len(on) > 10
    assert sorted(on) == sorted(off)
    assert [name for name in on if on[name] != off[name]] == []
