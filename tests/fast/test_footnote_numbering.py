"""Unit tests of renumber_footnotes: one sequence per document, in the order of the calls."""

from __future__ import annotations

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx.testing.util import assert_node

from devops_domain.footnotes import renumber_footnotes


def document_with(*children: nodes.Node) -> nodes.document:
    document = new_document("test", get_default_settings(Parser))
    document.extend(children)
    return document


def auto_footnote(footnote_id: str, docname: str = "chap") -> nodes.footnote:
    return nodes.footnote(
        "", nodes.label("", "0"), nodes.paragraph("", footnote_id), ids=[footnote_id], auto=1,
        docname=docname,
    )  # fmt: skip


def call(footnote_id: str, docname: str = "chap") -> nodes.footnote_reference:
    return nodes.footnote_reference("", "0", refid=footnote_id, auto=1, docname=docname)


def numbers(document: nodes.document) -> tuple[list[str], list[tuple[str, str]]]:
    """The numbers of the calls in text order; (id, number) of the footnotes in tree order."""
    calls = [ref.astext() for ref in document.findall(nodes.footnote_reference)]
    notes = [(fn["ids"][0], fn[0].astext()) for fn in document.findall(nodes.footnote)]
    return calls, notes


def test_footnotes_are_numbered_in_the_order_of_their_calls():
    document = document_with(
        nodes.paragraph("", "", call("b"), call("a")),
        auto_footnote("a"),
        auto_footnote("b"),
    )
    renumber_footnotes(document, {"chap"})
    assert numbers(document) == (["1", "2"], [("b", "1"), ("a", "2")])


def test_a_manual_number_is_kept_and_skipped():
    manual = nodes.footnote("", nodes.label("", "2"), ids=["manual"], docname="chap")
    document = document_with(
        nodes.paragraph("", "", call("a"), call("b")),
        manual,
        auto_footnote("a"),
        auto_footnote("b"),
    )
    renumber_footnotes(document, {"chap"})
    assert_node(manual[0], nodes.label)
    assert manual[0].astext() == "2"
    assert numbers(document)[0] == ["1", "3"]


def test_each_document_of_a_whole_book_tree_counts_from_one():
    """LaTeX's tree holds every document: numbering restarts with each one."""
    document = document_with(
        nodes.paragraph("", "", call("a", "chap1"), call("b", "chap1")),
        nodes.paragraph("", "", call("c", "chap2")),
        auto_footnote("a", "chap1"),
        auto_footnote("b", "chap1"),
        auto_footnote("c", "chap2"),
    )
    renumber_footnotes(document, {"chap1", "chap2"})
    assert numbers(document)[0] == ["1", "2", "1"]


def test_documents_not_named_are_left_alone():
    document = document_with(
        nodes.paragraph("", "", call("a", "other")), auto_footnote("a", "other")
    )
    renumber_footnotes(document, {"chap"})
    assert numbers(document) == (["0"], [("a", "0")])
