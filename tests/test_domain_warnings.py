"""Bad input gives one located warning per problem, never a traceback, and every page is written."""

from __future__ import annotations

import re

import pytest
from roots_build import build, copy_root

EXPECTED = [
    "termes.md:22: WARNING: term without a name [devops.empty]",
    "termes.md:27: WARNING: term 'Vide' has no definition [devops.empty]",
    "termes.md:30: WARNING: malformed :url: 'www.jedi.be/blog' of 'Patrick Debois': "
    "expected http(s)://… [devops.url]",
    "termes.md:36: WARNING: person 'Sans Biographie' has no definition [devops.empty]",
    "termes.md:19: WARNING: term 'GitOps' is mentioned in its own definition [devops.self]",
    "termes.md:3: WARNING: term 'DevOps' is defined twice: here and at autres.md:3 "
    "[devops.duplicate]",
    "termes.md:3: WARNING: unknown term 'Inexistant' in :see: of 'DevOps' [devops.see]",
    "termes.md:10: WARNING: alias 'DevOps culture' is defined twice: here and at termes.md:3 "
    "[devops.duplicate]",
    "termes.md:16: WARNING: alias 'CI/CD' of term 'GitOps' (termes.md:16) is the name of another "
    "term (termes.md:10) [devops.alias]",
    "termes.md:30: WARNING: person 'Patrick Debois' is defined twice: here and at autres.md:8 "
    "[devops.duplicate]",
    "usage.md:3: WARNING: unknown term 'Kubernetes' [devops.ref]",
    "usage.md:3: WARNING: unknown term 'DevOsp' (did you mean 'DevOps'?) [devops.ref]",
    "usage.md:3: WARNING: unknown person 'Patrik Debois' (did you mean 'Patrick Debois'?) "
    "[devops.ref]",
]


def warning_lines(text: str, srcdir) -> list[str]:
    plain = text.replace(f"{srcdir}/", "")
    return [line for line in plain.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    return build(copy_root("domain-bad", tmp_path_factory.mktemp("bad")), "html")


def test_each_bad_input_has_its_located_warning(bad):
    assert warning_lines(bad.warnings, bad.srcdir) == EXPECTED


def test_no_traceback_and_every_page_written(bad):
    assert "Traceback" not in bad.status + bad.warnings
    for page in ("index", "usage", "termes", "autres", "devops-terms", "devops-people"):
        assert (bad.outdir / f"{page}.html").is_file()


def test_nothing_the_author_wrote_is_dropped(bad):
    termes = (bad.outdir / "termes.html").read_text(encoding="utf-8")
    assert "Un terme sans nom." in termes
    assert "www.jedi.be/blog" in termes  # the malformed URL, shown as text
    assert "Une seconde définition." in (bad.outdir / "autres.html").read_text(encoding="utf-8")
    usage = (bad.outdir / "usage.html").read_text(encoding="utf-8")
    assert "Kubernetes" in usage  # an unknown term stays as text


def test_warnings_can_be_suppressed_by_subtype(tmp_path_factory):
    srcdir = copy_root("domain-bad", tmp_path_factory.mktemp("suppress"))
    built = build(srcdir, "html", suppress_warnings=["devops.ref", "devops.duplicate"])
    lines = warning_lines(built.warnings, srcdir)
    assert lines == [
        line for line in EXPECTED if not re.search(r"\[devops\.(ref|duplicate)\]", line)
    ]


def test_unused_terms_are_reported_only_when_asked(tmp_path_factory):
    srcdir = copy_root("domain", tmp_path_factory.mktemp("unused"))
    quiet = build(srcdir, "html")
    assert "never used" not in quiet.status + quiet.warnings
    srcdir = copy_root("domain", tmp_path_factory.mktemp("unused-on"))
    loud = build(srcdir, "html", devops_report_unused=True)
    assert re.search(r"glossaire\.md:\d+: term 'abri' is defined but never used", loud.status)
    assert "'DevOps' is defined but never used" not in loud.status
    assert loud.warnings == ""
