"""The domain at doctree level, in the style of Sphinx's own test_domain_std.py: one
in-process build of tests/roots/test-domain, then its doctrees, direct calls of
``resolve_xref``/``resolve_any_xref``, the indexes and ``outdated_pages``."""

from __future__ import annotations

import pytest
from docutils import nodes
from roots_build import build, copy_root
from sphinx import addnodes
from sphinx.testing.util import assert_node
from sphinx.util.nodes import traverse_parent

from devops_domain.domain import DocumentRecord
from devops_domain.env_access import domain_of
from devops_domain.indices import PeopleIndex, TermsIndex
from devops_domain.nodes import backlinks, term_reference, tooltip_store


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    built = build(copy_root("domain", tmp_path_factory.mktemp("fast")), "html")
    assert built.warnings == ""
    return built.app


@pytest.fixture
def domain(app):
    return domain_of(app.env)


def resolved(app, docname: str) -> nodes.document:
    """The doctree of ``docname`` as the HTML builder writes it (post-transforms applied)."""
    doctree = app.env.get_doctree(docname)
    app.env.apply_post_transforms(doctree, docname)
    return doctree


def pending(target: str, kind: str = "term") -> addnodes.pending_xref:
    return addnodes.pending_xref(
        "", nodes.inline(target, target), refdomain="devops", reftype=kind, reftarget=target
    )


# -- what the directives make ---------------------------------------------------------------------


def test_a_term_is_a_definition_list_item_with_its_anchor_and_placeholder(app):
    doctree = app.env.get_doctree("glossaire")
    entry = next(
        item
        for item in doctree.findall(nodes.definition_list_item)
        if item[0].astext().startswith("CI/CD")
    )
    assert_node(entry.parent, nodes.definition_list, classes=["devops-entries", "devops-terms"])
    assert_node(entry, [nodes.definition_list_item, (nodes.term, nodes.definition)])
    assert_node(entry[0], ids=["term-CI-CD"])
    assert entry[0].astext() == "CI/CD (intégration continue et déploiement continu)"
    assert_node(entry[1][-1], backlinks, devops_kind="term", devops_key="ci/cd")


def test_every_entry_is_stored_with_its_content(domain):
    names = [entry.name for entry in domain.entries_by_doc["glossaire"]]
    assert names[:4] == ["DevOps", "CI/CD", "agilité", "GitOps"]
    for entry in domain.entries_by_doc["glossaire"]:
        assert entry.content is not None, entry.name
        assert entry.content.astext(), entry.name
        assert entry.digest, entry.name


def test_mentions_are_recorded_with_an_anchor_in_document_order(app, domain):
    mentions = domain.mentions_by_doc["chap1"]
    assert [(m.kind, m.key) for m in mentions[:4]] == [
        ("person", "patrick debois"),
        ("term", "devops"),
        ("person", "andrew shafer"),
        ("person", "debois"),
    ]
    doctree = app.env.get_doctree("chap1")
    assert all(mention.anchor in doctree.ids for mention in mentions)


# -- references ---------------------------------------------------------------------------------


def test_resolve_xref_links_a_term_by_alias_without_its_expansion(app, domain):
    """The long form explains the acronym, not the other words a mention shows."""
    node = pending("Intégration continue")
    contnode = node[0].deepcopy()
    reference = domain.resolve_xref(
        app.env, "chap1", app.builder, "term", node["reftarget"], node, contnode
    )
    assert_node(
        reference,
        term_reference,
        refuri="glossaire.html#term-CI-CD",
        classes=["devops-term"],
        devops_key="ci/cd",
    )
    assert not list(reference.findall(nodes.abbreviation))
    assert reference.astext() == "Intégration continue"


def test_resolve_xref_gives_the_acronym_its_expansion(app, domain):
    node = pending("CI/CD")
    reference = domain.resolve_xref(
        app.env, "chap1", app.builder, "term", "CI/CD", node, node[0].deepcopy()
    )
    assert_node(
        reference[0], nodes.abbreviation, explanation="intégration continue et déploiement continu"
    )
    assert reference.astext() == "CI/CD"


def test_resolve_xref_links_a_person_in_bold(app, domain):
    node = pending("Debois", "person")
    reference = domain.resolve_xref(
        app.env, "chap2", app.builder, "person", "Debois", node, node[0].deepcopy()
    )
    assert_node(reference, nodes.reference, refuri="personnes.html#person-Patrick-Debois")
    assert_node(reference[0], nodes.strong, classes=["devops-person"])


def test_resolve_xref_on_the_same_page_links_to_the_anchor(app, domain):
    node = pending("GitOps")
    reference = domain.resolve_xref(
        app.env, "glossaire", app.builder, "term", "GitOps", node, node[0].deepcopy()
    )
    assert_node(reference, term_reference, refid="term-GitOps")


def test_resolve_xref_of_an_unknown_name_is_none(app, domain):
    node = pending("Kubernetes")
    found = domain.resolve_xref(
        app.env, "chap1", app.builder, "term", "Kubernetes", node, node[0].deepcopy()
    )
    assert found is None
    assert domain.close_names("term", "DevOsp") == ["DevOps"]


def test_resolve_any_xref_finds_terms_and_people(app, domain):
    node = pending("devops")
    found = domain.resolve_any_xref(app.env, "chap1", app.builder, "devops", node, node[0])
    assert [role for role, _ in found] == ["devops:term"]
    assert_node(found[0][1], term_reference, refuri="glossaire.html#term-DevOps")
    node = pending("Gene Kim")
    found = domain.resolve_any_xref(app.env, "chap1", app.builder, "Gene Kim", node, node[0])
    assert [role for role, _ in found] == ["devops:person"]
    assert domain.resolve_any_xref(app.env, "chap1", app.builder, "rien", node, node[0]) == []


# -- what a page gets when it is written ----------------------------------------------------------


def test_first_mention_gets_a_footnote_and_later_ones_do_not(app):
    """chap1: « Patrick Debois » (a note), « Debois » (none: not the first), « +Patrick
    Debois » (a note: forced)."""
    doctree = resolved(app, "chap1")
    debois = [
        ref
        for ref in doctree.findall(nodes.reference)
        if ref.get("refuri", "").endswith("#person-Patrick-Debois")
        and not any(isinstance(parent, nodes.footnote) for parent in traverse_parent(ref))
    ]
    assert [ref.astext() for ref in debois] == ["Patrick Debois", "Debois", "Patrick Debois"]
    calls = [ref.next_node(descend=False, siblings=True) for ref in debois]
    assert [isinstance(call, nodes.footnote_reference) for call in calls] == [True, False, True]
    first = next(fn for fn in doctree.findall(nodes.footnote) if calls[0]["refid"] in fn["ids"])
    assert_node(first, nodes.footnote, classes=["devops-footnote", "devops-person-footnote"])
    assert first[0].astext() == calls[0].astext() == "1"
    assert first[1].astext() == "Patrick Debois a inventé le mot DevOps."


def test_a_page_holds_each_tooltip_once_as_text(app):
    doctree = resolved(app, "chap1")
    stores = list(doctree.findall(tooltip_store))
    assert len(stores) == 1
    (store,) = stores
    tips = [tip["ids"][0] for tip in store.children]
    assert len(tips) == len(set(tips)) > 0
    assert list(store.findall(nodes.reference)) == []  # nothing focusable in a tooltip
    linked = {ref["tooltip_id"] for ref in doctree.findall(term_reference) if "tooltip_id" in ref}
    assert linked <= set(tips) | set(doctree.ids)
    assert "Mouvement qui rapproche le développement et l’exploitation." in store.astext()
    assert "Second paragraphe" not in store.astext()


# -- indexes ------------------------------------------------------------------------------------


def test_terms_index_in_french_order_with_its_mentions(domain):
    content, collapse = TermsIndex(domain).generate()
    assert collapse is True
    letters = [letter for letter, _ in content]
    assert letters == sorted(letters)
    rows = dict(content)
    # An entry's row is of subtype 1 with mentions under it, 0 without.
    assert [row.name for row in rows["E"] if row.subtype in (0, 1)] == ["Éthique", "Ezine"]
    devops = next(i for i, row in enumerate(rows["D"]) if row.name == "DevOps")
    assert rows["D"][devops + 1].subtype == 2
    assert rows["D"][devops + 1].docname == "chap1"


def test_people_index_sorts_by_sort_key(domain):
    content, _ = PeopleIndex(domain).generate()
    names = [row.name for _, rows in content for row in rows if row.subtype in (0, 1)]
    assert names == sorted(names, key=str.casefold)
    assert "Shafer, Andrew" in names


# -- incremental builds ---------------------------------------------------------------------------


def with_record(domain, docname: str, **changed) -> None:
    """Pretend ``docname`` was re-read and held, before, its entries as changed here."""
    entries = [entry._replace(**changed) for entry in domain.entries_by_doc.get(docname, [])]
    domain.purged[docname] = DocumentRecord(
        entries, domain.mentions_by_doc.get(docname, []), domain.titles.get(docname, "")
    )


def test_outdated_pages_nothing_changed(domain):
    with_record(domain, "glossaire")
    assert domain.outdated_pages() == set()
    assert domain.purged == {}  # consumed


def test_outdated_pages_a_changed_definition_reaches_its_mentions(domain):
    with_record(domain, "personnes", digest="before")
    pages = domain.outdated_pages()
    assert {"chap1", "chap2"} <= pages  # they show the biographies as footnotes
    assert "glossaire" not in pages


def test_outdated_pages_a_new_mention_reaches_the_backlinks(domain):
    before = domain.mentions_by_doc["chap2"]
    domain.purged["chap2"] = DocumentRecord([], before[:-1], domain.titles["chap2"])
    assert domain.outdated_pages() == {domain.find(before[-1].kind, before[-1].key).docname}


def test_outdated_pages_a_retitled_document_reaches_the_backlinks(domain):
    domain.purged["chap2"] = DocumentRecord([], domain.mentions_by_doc["chap2"], "Ancien titre")
    assert domain.outdated_pages() == {"glossaire", "personnes"}
