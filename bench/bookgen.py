"""Synthetic books in MyST, in two variants that hold the same text.

``domain``
    Terms and people written with the ``devops`` domain: ``{term}`` directives in a glossary,
    ``{person}`` directives in a page of people, ``{term}``/``{person}`` roles in the chapters;
    the domain adds the first-mention footnotes, the tooltips, « Mentionné dans » and its two
    indexes.

``baseline``
    Only what Sphinx and MyST offer: a ``glossary`` directive for the terms and another for the
    people, ``{term}`` (std domain) for every mention, and plain MyST footnotes, written out in
    each chapter, for the biographies and the definitions a ``:footnote:`` term would show.

The prose, the sections, the tables and the author's own footnotes are the same in both
variants; every random choice is drawn from generators seeded by the chapter's number, so a
chapter's text does not depend on the book's size (only the names it mentions do).

Usage: ``python bench/bookgen.py OUT --docs 50`` writes ``OUT/domain``, ``OUT/baseline`` and
``OUT/manifest.json`` (what the benchmark needs to know which pages should change on an edit).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXT_DIR = REPO / "_ext"
VARIANTS = ("domain", "baseline")
#: The baseline's text built by plain Sphinx as installed (no PyStemmer, no book stack).
PLAIN = "plain"
CHAPTERS_PER_PART = 25

# -- vocabulary ---------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return text.split()


NOUNS = words(
    """
équipe projet application serveur conteneur dépôt branche version livraison sécurité
vulnérabilité correctif mise production environnement pipeline test intégration donnée base
réseau pare-feu certificat clé secret accès identité journal alerte incident supervision
métrique tableau configuration infrastructure machine nuage fournisseur contrat processus
méthode pratique culture outil script tâche file message service interface client
utilisateur développeur administrateur exploitant architecte responsable audit contrôle règle
politique norme exigence risque menace attaque défense chiffrement signature empreinte
sauvegarde restauration reprise disponibilité performance charge latence capacité coût
budget planning sprint revue démonstration rétrospective backlog ticket demande besoin
fonctionnalité module composant bibliothèque dépendance paquet registre image cluster nœud
orchestrateur volume stockage sonde trace session jeton mot passe compte rôle groupe
"""
)

ADJECTIVES = words(
    """
continu automatique sécurisé fiable rapide robuste léger distribué central local public privé
critique sensible nouveau ancien simple complexe commun partagé isolé temporaire permanent
manuel régulier quotidien hebdomadaire interne externe principal secondaire technique
fonctionnel opérationnel stratégique efficace coûteux disponible mesurable reproductible
déclaratif immuable éphémère chiffré signé vérifié audité documenté testé versionné
"""
)

VERBS = words(
    """
déploie construit vérifie teste surveille protège chiffre signe publie corrige documente
automatise mesure analyse configure installe supprime remplace isole restaure sauvegarde
partage valide refuse autorise journalise alerte prévient réduit augmente simplifie accélère
"""
)

LINKS = words(
    """
dans pour avec sans selon depuis vers chez entre sous sur contre pendant avant après
"""
)

STARTS = [
    "Chaque",
    "Toute",
    "Une",
    "La",
    "Notre",
    "Cette",
    "Dans ce cas, la",
    "En pratique, une",
    "Lorsque l'on observe une",
    "Pour l'équipe, la",
    "D'après l'expérience, la",
    "Au quotidien, une",
]

FIRST_NAMES = words(
    """
Marie Jean Claire Paul Sophie Luc Camille Hugo Julie Louis Emma Nathan Léa Thomas Chloé
Antoine Manon Pierre Inès Maxime Sarah Nicolas Laura Julien Alice Théo Zoé Mathieu Lucie Adrien
"""
)

LAST_NAMES = words(
    """
Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre
Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont
Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry
Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin
"""
)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def determiner(rng: random.Random, noun: str) -> str:
    if noun[0] in "aeéèiouhœ":
        return rng.choice(["l'", "d'", "les", "des", "une"])
    return rng.choice(["le", "la", "les", "un", "une", "des", "du"])


def sentence(rng: random.Random, words: int | None = None) -> str:
    """A French-looking sentence: determiner, noun, adjective, verb, complements."""
    count = words or rng.randint(9, 18)
    parts = [rng.choice(STARTS), rng.choice(NOUNS), rng.choice(ADJECTIVES), rng.choice(VERBS)]
    while len(" ".join(parts).split()) < count:
        noun = rng.choice(NOUNS)
        parts += [determiner(rng, noun), noun]
        if rng.random() < 0.5:
            parts.append(rng.choice(ADJECTIVES))
        if rng.random() < 0.6:
            parts.append(rng.choice(LINKS))
    if parts[-1] in LINKS:
        parts.append(rng.choice(NOUNS))
    text = " ".join(parts).replace("' ", "'")
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> list[str]:
    return [sentence(rng) for _ in range(sentences)]


# -- the model of a book ------------------------------------------------------------------------


@dataclass
class Term:
    name: str
    aliases: list[str]
    expansion: str
    see: list[str]
    footnote: bool
    first_paragraph: str  # plain text, no markup: what a tooltip shows
    second_paragraph: str  # may hold a mention of another term ({term}`...`)


@dataclass
class Person:
    name: str
    alias: str
    sort: str
    url: str
    biography: str  # plain text: what a first-mention footnote shows


@dataclass
class Mention:
    kind: str  # "term" | "person"
    target: str  # the entry's name
    written: str  # what the role holds: name, alias or "text <name>", with "!" if no footnote
    footnote: bool  # the domain would add a footnote here (first mention of a footnote entry)


@dataclass
class Chapter:
    number: int
    docname: str
    part: str
    title: str
    blocks: list[str] = field(default_factory=list)  # Markdown with {MENTION:i} placeholders
    mentions: list[Mention] = field(default_factory=list)
    own_footnotes: list[str] = field(default_factory=list)


@dataclass
class Book:
    docs: int
    terms: list[Term]
    people: list[Person]
    chapters: list[Chapter]
    hot_term: str  # a term mentioned by exactly 10 % of the chapters


def make_terms(count: int, rng: random.Random) -> list[Term]:
    terms: list[Term] = []
    used: set[str] = set()

    def fresh(candidate: str) -> str | None:
        key = " ".join(candidate.split()).casefold()
        if key in used:
            return None
        used.add(key)
        return candidate

    index = 0
    while len(terms) < count:
        index += 1
        trng = random.Random(f"term-{index}")
        expansion = ""
        if index % 5 == 0:
            letters = "".join(
                trng.choice("ABCDEFGHIJKLMNOPRSTUV") for _ in range(trng.randint(3, 4))
            )
            name = fresh(letters)
            if name is None:
                continue
            expansion = " ".join(trng.choice(NOUNS) for _ in range(len(letters)))
        else:
            name = fresh(f"{trng.choice(NOUNS)} {trng.choice(ADJECTIVES)}")
            if name is None:
                continue
        aliases = []
        if index % 3 == 0 and not expansion:
            alias = fresh(f"{name.split()[0]}s {name.split()[1]}s")
            if alias is not None:
                aliases.append(alias)
        terms.append(
            Term(
                name=name,
                aliases=aliases,
                expansion=expansion,
                see=[],
                footnote=index % 10 == 7,
                first_paragraph=" ".join(paragraph(trng, 2)),
                second_paragraph=" ".join(paragraph(trng, 2)),
            )
        )
    for position, term in enumerate(terms):
        trng = random.Random(f"see-{position}")
        if position % 4 == 1 and len(terms) > 2:
            others = [other.name for other in terms if other is not term]
            term.see = trng.sample(others, k=min(2, len(others)))
    return terms


def make_people(count: int) -> list[Person]:
    people: list[Person] = []
    for index in range(count):
        prng = random.Random(f"person-{index}")
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[index % len(LAST_NAMES)]
        round_ = index // len(LAST_NAMES)
        if round_:
            last = f"{last}-{LAST_NAMES[(index * 7 + round_) % len(LAST_NAMES)]}"
            if index >= len(LAST_NAMES) ** 2:
                last += f" {round_}"
        name = f"{first} {last}"
        people.append(
            Person(
                name=name,
                alias=last,
                sort=f"{last}, {first}",
                url=f"https://exemple.fr/{slug(name)}",
                biography=" ".join(paragraph(prng, 2)),
            )
        )
    return people


def make_book(
    docs: int,
    terms: int | None = None,
    people: int | None = None,
    term_mentions: int = 8,
    person_mentions: int = 3,
) -> Book:
    """The model of a book of ``docs`` chapters; terms and people default to docs/2 and docs/8."""
    terms = terms if terms is not None else max(6, docs // 2)
    people = people if people is not None else max(6, docs // 8)
    term_list = make_terms(terms, random.Random("terms"))
    people_list = make_people(people)
    # The hot term: not a footnote term, with no alias, mentioned by every tenth chapter only.
    hot = next(t for t in term_list if not t.footnote and not t.aliases and not t.expansion)
    others = [t for t in term_list if t is not hot]
    term_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(others))]
    person_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(people_list))]
    chapters = []
    for number in range(1, docs + 1):
        rng = random.Random(f"chapter-{number}")
        part = f"partie-{(number - 1) // CHAPTERS_PER_PART + 1:02d}"
        chapter = Chapter(
            number=number,
            docname=f"chapitres/chap-{number:04d}",
            part=part,
            title=f"Chapitre {number} : {rng.choice(NOUNS)} {rng.choice(ADJECTIVES)}",
        )
        mentions: list[tuple[str, object]] = []
        mrng = random.Random(f"mentions-{number}-{terms}-{people}")
        if number % 10 == 0:
            mentions.append(("term", hot))
        while len(mentions) < term_mentions:
            mentions.append(("term", mrng.choices(others, term_weights)[0]))
        for _ in range(person_mentions):
            mentions.append(("person", mrng.choices(people_list, person_weights)[0]))
        mrng.shuffle(mentions)
        footnoted: set[str] = set()
        for kind, entry in mentions:
            chapter.mentions.append(written_mention(kind, entry, mrng, footnoted))
        fill_chapter(chapter, rng)
        chapters.append(chapter)
    return Book(docs, term_list, people_list, chapters, hot.name)


def written_mention(kind: str, entry: object, rng: random.Random, footnoted: set[str]) -> Mention:
    """How the author writes one mention, and whether the domain puts a footnote after it."""
    draw = rng.random()
    if kind == "term":
        term: Term = entry  # type: ignore[assignment]
        name = term.name
        if draw < 0.1:
            written = f"!{name}"
        elif draw < 0.25 and term.aliases:
            written = term.aliases[0]
        elif draw < 0.4:
            written = f"{rng.choice(NOUNS)} {rng.choice(ADJECTIVES)} <{name}>"
        else:
            written = name
        wants = term.footnote
    else:
        person: Person = entry  # type: ignore[assignment]
        name = person.name
        if draw < 0.1:
            written = f"!{name}"
        elif draw < 0.4:
            written = person.alias
        else:
            written = name
        wants = True
    footnote = wants and not written.startswith("!") and (kind, name) not in footnoted
    if footnote:
        footnoted.add((kind, name))  # type: ignore[arg-type]
    return Mention(kind, name, written, footnote)


def fill_chapter(chapter: Chapter, rng: random.Random) -> None:
    """Sections, paragraphs, a table, a list and two footnotes of the author's; the mentions
    are spread over the paragraphs as ``{M<i>}`` placeholders."""
    blocks: list[str] = []
    slots: list[list[str]] = []  # paragraphs as lists of sentences, to receive mentions

    def add_paragraph(sentences: int) -> None:
        slots.append(paragraph(rng, sentences))
        blocks.append(f"{{P{len(slots) - 1}}}")

    add_paragraph(4)
    for section in range(3):
        blocks.append(f"## {rng.choice(NOUNS).capitalize()} {rng.choice(ADJECTIVES)} {section + 1}")
        add_paragraph(rng.randint(3, 5))
        add_paragraph(rng.randint(3, 5))
        if section == 1:
            header = "| Élément | Rôle | Fréquence | Remarque |"
            rows = [header, "| --- | --- | --- | --- |"]
            for _ in range(4):
                rows.append(
                    f"| {rng.choice(NOUNS)} | {rng.choice(VERBS)} le {rng.choice(NOUNS)} "
                    f"| {rng.choice(ADJECTIVES)} | {rng.choice(ADJECTIVES)} |"
                )
            blocks.append("\n".join(rows))
        if section == 2:
            blocks.append("\n".join(f"- {sentence(rng, rng.randint(6, 10))}" for _ in range(4)))
        blocks.append(f"### {rng.choice(NOUNS).capitalize()} {rng.choice(ADJECTIVES)}")
        add_paragraph(rng.randint(2, 4))
    # The author's own footnotes, after the first sentence of two paragraphs.
    for label, slot in (("n1", 1), ("n2", len(slots) - 2)):
        slots[slot][0] = slots[slot][0][:-1] + f"[^{label}]."
        chapter.own_footnotes.append(f"[^{label}]: {sentence(rng)}")
    # Spread the mentions: one per sentence, in the order of the chapter.
    positions = [(p, s) for p, sentences in enumerate(slots) for s in range(len(sentences))]
    chosen = sorted(rng.sample(positions, k=min(len(chapter.mentions), len(positions))))
    for index, (p, s) in enumerate(chosen):
        words = slots[p][s][:-1].split(" ")
        at = rng.randint(1, len(words))
        words.insert(at, f"{{M{index}}}")
        slots[p][s] = " ".join(words) + "."
    chapter.blocks = [
        re.sub(r"\{P(\d+)\}", lambda m: " ".join(slots[int(m.group(1))]), block) for block in blocks
    ]


# -- writing the two variants -------------------------------------------------------------------

CONF = '''"""Synthetic benchmark book ({variant} variant), generated by bench/bookgen.py."""
{imports}
project = "Livre synthétique"
author = "Banc d'essai"
language = "fr"
root_doc = "index"
extensions = {extensions!r}
{primary}
source_suffix = {{".md": "markdown"}}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_footnote_transition = False
nitpicky = True
smartquotes = True

html_theme = "alabaster"
# No global table of contents in the sidebar: Sphinx renders it in full on every page, which is
# quadratic in the number of pages and the same in both variants; it would hide the domain.
html_sidebars = {{"**": ["localtoc.html", "relations.html", "searchbox.html"]}}
html_copy_source = False
html_search_language = "fr"
'''


def role(mention: Mention, variant: str) -> str:
    if variant == "domain":
        return f"{{{mention.kind}}}`{mention.written}`"
    return f"{{term}}`{mention.written.lstrip('!')}`"


def chapter_text(
    book: Book,
    chapter: Chapter,
    variant: str,
    extra: str = "",
    extra_mentions: list[Mention] | None = None,
) -> str:
    """A chapter's Markdown.

    ``extra`` is a sentence appended to the first paragraph (the benchmark's edits); its
    ``{M<i>}`` placeholders number on from the chapter's own mentions, into ``extra_mentions``.
    """
    terms = {t.name: t for t in book.terms}
    people = {p.name: p for p in book.people}
    notes: list[str] = []

    def render(mention: Mention) -> str:
        text = role(mention, variant)
        if variant == "baseline" and mention.footnote:
            label = f"bio-{slug(mention.target)}"
            text += f"[^{label}]"
            if mention.kind == "person":
                person = people[mention.target]
                notes.append(f"[^{label}]: {person.biography}\n\n    <{person.url}>")
            else:
                term = terms[mention.target]
                notes.append(f"[^{label}]: {term.first_paragraph}\n\n    {term.second_paragraph}")
        return text

    mentions = chapter.mentions + (extra_mentions or [])
    blocks = list(chapter.blocks)
    if extra:
        blocks[0] += " " + extra
    body = "\n\n".join(blocks)
    body = re.sub(r"\{M(\d+)\}", lambda m: render(mentions[int(m.group(1))]), body)
    footnotes = "\n\n".join(chapter.own_footnotes + notes)
    return f"# {chapter.title}\n\n{body}\n\n{footnotes}\n"


def term_directive(term: Term, book: Book, first_paragraph: str) -> str:
    options = []
    if term.aliases:
        options.append(f":aliases: {', '.join(term.aliases)}")
    if term.expansion:
        options.append(f":expansion: {term.expansion}")
    if term.see:
        options.append(f":see: {', '.join(term.see)}")
    if term.footnote:
        options.append(":footnote:")
    body = "\n".join(options) + ("\n\n" if options else "\n")
    return f"```{{term}} {term.name}\n{body}{first_paragraph}\n\n{term.second_paragraph}\n```"


def glossary_entry(term: Term, first_paragraph: str) -> str:
    lines = [term.name, *term.aliases]
    text = f"  {first_paragraph}\n\n  {term.second_paragraph}"
    if term.see:
        text += "\n\n  Voir aussi : " + ", ".join(f"{{term}}`{name}`" for name in term.see) + "."
    return "\n".join(lines) + "\n" + text


def cross_mention(book: Book, position: int) -> str:
    """A mention of another term, in a definition's second paragraph (every third term)."""
    other = book.terms[(position * 7 + 3) % len(book.terms)]
    if other is book.terms[position]:
        other = book.terms[(position + 1) % len(book.terms)]
    return f" Voir le cas du {{term}}`!{other.name}`."


def glossary_text(book: Book, variant: str, edits: dict[str, str] | None = None) -> str:
    """The glossary page; ``edits`` maps a term's name to its new first paragraph."""
    edits = edits or {}
    intro = "Les termes du livre, définis une fois et repris dans chaque chapitre."
    parts = ["# Glossaire", "", intro, ""]
    entries = []
    for position, term in enumerate(book.terms):
        first = edits.get(term.name, term.first_paragraph)
        second = term.second_paragraph + (
            cross_mention(book, position) if position % 3 == 0 else ""
        )
        shown = Term(**{**asdict(term), "second_paragraph": second})
        if variant == "domain":
            entries.append(term_directive(shown, book, first))
        else:
            shown.second_paragraph = second.replace("{term}`!", "{term}`")
            entries.append(glossary_entry(shown, first))
    if variant == "domain":
        parts.append("\n\n".join(entries))
    else:
        parts.append("```{glossary}\n" + "\n\n".join(entries) + "\n```")
    return "\n".join(parts) + "\n"


def people_text(book: Book, variant: str) -> str:
    parts = ["# Personnes", "", "Les personnes citées dans le livre.", ""]
    entries = []
    for person in book.people:
        if variant == "domain":
            entries.append(
                f"```{{person}} {person.name}\n:aliases: {person.alias}\n:sort: {person.sort}\n"
                f":url: {person.url}\n\n{person.biography}\n```"
            )
        else:
            entries.append(
                f"{person.name}\n{person.alias}\n  {person.biography}\n\n  <{person.url}>"
            )
    if variant == "domain":
        parts.append("\n\n".join(entries))
    else:
        parts.append("```{glossary}\n" + "\n\n".join(entries) + "\n```")
    return "\n".join(parts) + "\n"


def index_text(book: Book, variant: str) -> str:
    parts = sorted({chapter.part for chapter in book.chapters})
    toctree = "\n".join([*parts, "glossaire", "personnes"])
    indexes = "l'{ref}`index général <genindex>`"
    if variant == "domain":
        indexes += (
            ", l'{ref}`index des termes <devops-terms>` et l'{ref}`index des personnes "
            "<devops-people>`"
        )
    return (
        "# Livre synthétique\n\n"
        f"Un livre de {book.docs} chapitres, écrit pour mesurer le coût du domaine.\n\n"
        f"```{{toctree}}\n:maxdepth: 1\n:caption: Sommaire\n\n{toctree}\n```\n\n"
        f"Pour retrouver un sujet : {indexes}.\n"
    )


def part_text(book: Book, part: str) -> str:
    chapters = [c for c in book.chapters if c.part == part]
    number = int(part.split("-")[1])
    entries = "\n".join(c.docname for c in chapters)
    return (
        f"# Partie {number}\n\n"
        f"Cette partie regroupe les chapitres {chapters[0].number} à {chapters[-1].number}.\n\n"
        f"```{{toctree}}\n:maxdepth: 1\n\n{entries}\n```\n"
    )


#: What the book adds to Sphinx besides the domain (conf.py), in both variants: its build tuning.
BOOK_STACK = ["book_gc_tuning", "template_bytecode_cache"]


def conf_text(variant: str, ext_dir: Path = EXT_DIR) -> str:
    """``ext_dir``: where the variants import ``devops_domain`` and the book's stack from.

    ``plain`` is the baseline's text with plain Sphinx as installed: neither the book's stack
    nor (the benchmark sees to it) PyStemmer."""
    imports = f"\nimport sys\n\nsys.path.insert(0, {str(ext_dir)!r})\n"
    if variant == "domain":
        extensions = ["myst_parser", "devops_domain", *BOOK_STACK]
        primary = 'primary_domain = "devops"'
    elif variant == "baseline":
        extensions, primary = ["myst_parser", *BOOK_STACK], ""
    else:
        imports, extensions, primary = "", ["myst_parser"], ""
    return CONF.format(variant=variant, imports=imports, extensions=extensions, primary=primary)


def write_variant(book: Book, root: Path, variant: str, ext_dir: Path = EXT_DIR) -> None:
    text_variant = "baseline" if variant == "plain" else variant
    root.mkdir(parents=True, exist_ok=True)
    (root / "chapitres").mkdir(exist_ok=True)
    files = {
        "conf.py": conf_text(variant, ext_dir),
        "index.md": index_text(book, text_variant),
        "glossaire.md": glossary_text(book, text_variant),
        "personnes.md": people_text(book, text_variant),
    }
    for part in sorted({chapter.part for chapter in book.chapters}):
        files[f"{part}.md"] = part_text(book, part)
    for chapter in book.chapters:
        files[f"{chapter.docname}.md"] = chapter_text(book, chapter, text_variant)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")


def manifest(book: Book) -> dict:
    """What the benchmark needs: who mentions what, who shows which definition, the toctrees."""
    term_docs: dict[str, list[str]] = {t.name: [] for t in book.terms}
    person_docs: dict[str, list[str]] = {p.name: [] for p in book.people}
    for chapter in book.chapters:
        for mention in chapter.mentions:
            table = term_docs if mention.kind == "term" else person_docs
            if chapter.docname not in table[mention.target]:
                table[mention.target].append(chapter.docname)
    for position, term in enumerate(book.terms):  # cross mentions in the glossary
        if position % 3 == 0:
            other = cross_mention(book, position).split("`!")[1].rstrip("`.")
            if "glossaire" not in term_docs[other]:
                term_docs[other].append("glossaire")
        for name in term.see:  # « Voir aussi » links carry a tooltip too
            if "glossaire" not in term_docs[name]:
                term_docs[name].append("glossaire")
    parents = {chapter.docname: chapter.part for chapter in book.chapters}
    parents.update({part: "index" for part in parents.values()})
    parents.update({"glossaire": "index", "personnes": "index"})
    return {
        "docs": book.docs,
        "terms": [asdict(t) for t in book.terms],
        "people": [asdict(p) for p in book.people],
        "term_docs": term_docs,
        "person_docs": person_docs,
        "hot_term": book.hot_term,
        "parents": parents,
        "chapters": [c.docname for c in book.chapters],
    }


def generate(out: Path, docs: int, ext_dir: Path = EXT_DIR, **sizes: int | None) -> Book:
    """Write both variants of a book of ``docs`` chapters and its manifest into ``out``."""
    book = make_book(docs, **sizes)
    for variant in (*VARIANTS, PLAIN):
        write_variant(book, out / variant, variant, ext_dir)
    (out / "manifest.json").write_text(json.dumps(manifest(book), ensure_ascii=False, indent=1))
    return book


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--terms", type=int, default=None, help="default: docs / 2")
    parser.add_argument("--people", type=int, default=None, help="default: docs / 8")
    parser.add_argument("--term-mentions", type=int, default=8, help="per chapter")
    parser.add_argument("--person-mentions", type=int, default=3, help="per chapter")
    args = parser.parse_args()
    generate(
        args.out,
        args.docs,
        terms=args.terms,
        people=args.people,
        term_mentions=args.term_mentions,
        person_mentions=args.person_mentions,
    )


if __name__ == "__main__":
    main()
