"""The corpus model: `Regulation`, `Article`, `Paragraph` (款), `Metadata`, errata and gaps,
and the parser that splits a regulation's text into articles. Reading files is `sources.py`.

A corpus is a folder with one sub-folder per regulation:

    corpus/<regulation-id>/metadata.json   title, issuer, order, dates, source file and format
    corpus/<regulation-id>/source.txt      the text as received (never edited)
    corpus/<regulation-id>/errata.tsv      optional: "as received<TAB>correct" per line
    corpus/<regulation-id>/terms.txt       optional: the regulation's own terms (lexical dictionary)
    corpus/<regulation-id>/thesaurus.tsv   optional: "everyday word<TAB>regulation terms" per line
    corpus/<regulation-id>/actors.tsv      optional: the duty-bearers the text names, with aliases

A bare LawRefBook Markdown file (or a folder of them) is also a corpus; see `sources.load_markdown`.
This module imports nothing else of ours but `numerals`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from . import numerals


class CorpusError(ValueError):
    """The corpus cannot be read; the message names the file and the fix."""


def article_key(number: int, sub: int = 0) -> str:
    """An article's number in ids: 120, or 120-1 for 第一百二十条之一 (ids of plain articles are
    what they were before 之N articles were read, so built indexes stay valid)."""
    return f"{number}-{sub}" if sub else str(number)


@dataclass(frozen=True)
class Erratum:
    received: str
    correct: str


@dataclass(frozen=True)
class Paragraph:
    regulation_id: str
    article: int
    number: int  # 1-based 款 number
    received: str  # as in the source
    text: str  # errata applied (still in the source's script)
    sub: int = 0  # the article's 之N (第一百二十条之一: article 120, sub 1)

    @property
    def id(self) -> str:
        return f"{self.regulation_id}:{article_key(self.article, self.sub)}:{self.number}"


@dataclass(frozen=True)
class Article:
    regulation_id: str
    number: int
    label: str  # as in the source, e.g. 第十一條
    paragraphs: tuple[Paragraph, ...]
    chapter: str = ""
    sub: int = 0  # N of 第X条之N: an article the law inserted after article X, an article of its own

    @property
    def id(self) -> str:
        return f"{self.regulation_id}:{article_key(self.number, self.sub)}"

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def paragraph(self, number: int) -> Paragraph | None:
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None


@dataclass(frozen=True)
class Actor:
    """A duty-bearer the text names; aliases are regexes over folded (Simplified) text."""

    id: str
    name: str
    aliases: tuple[str, ...]
    covers: tuple[str, ...] = ()  # ids of narrower actors this one includes
    defined: str = ""  # where the text defines it


@dataclass(frozen=True)
class Metadata:
    title: str
    issuer: str = ""
    order: str = ""
    category: str = ""
    adopted: str = ""
    meeting: str = ""
    promulgated: str = ""
    effective: str = ""
    signed: str = ""
    place: str = ""
    articles: int = 0  # the number of articles the regulation declares (0: unknown)
    # Where it applies: the place and the places inside it (districts, counties, zones); a question
    # set in one of them is at home, not "another place".
    jurisdiction: tuple[str, ...] = ()
    status: str = ""  # whether it is still in force, when the metadata records it


@dataclass(frozen=True)
class Regulation:
    id: str
    metadata: Metadata
    articles: tuple[Article, ...]
    errata: tuple[Erratum, ...] = ()
    terms: tuple[str, ...] = ()
    thesaurus: tuple[tuple[str, tuple[str, ...]], ...] = ()
    actors: tuple[Actor, ...] = ()
    preamble: str = ""
    default: bool = False
    fingerprint: str = ""
    files: tuple[str, ...] = ()  # Markdown files it was read from, relative to the corpus folder
    _by_number: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self._by_number.update({(a.number, a.sub): a for a in self.articles})

    @property
    def title(self) -> str:
        return self.metadata.title

    def article(self, number: int, sub: int = 0) -> Article | None:
        """Article `number` (第X条), or its 之`sub` article (第X条之N)."""
        return self._by_number.get((number, sub))

    @property
    def last_number(self) -> int:
        declared = self.metadata.articles
        present = max((a.number for a in self.articles), default=0)
        return max(declared, present)

    @property
    def missing(self) -> tuple[int, ...]:
        """Article numbers the regulation has (1 … declared count) but the source lacks."""
        return tuple(n for n in range(1, self.last_number + 1) if (n, 0) not in self._by_number)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for a in self.articles for p in a.paragraphs)


@dataclass(frozen=True)
class Corpus:
    regulations: tuple[Regulation, ...]

    @property
    def default(self) -> Regulation:
        for regulation in self.regulations:
            if regulation.default:
                return regulation
        return self.regulations[0]

    def get(self, regulation_id: str) -> Regulation | None:
        return next((r for r in self.regulations if r.id == regulation_id), None)

    @property
    def errata(self) -> tuple[Erratum, ...]:
        seen: dict[str, Erratum] = {}
        for regulation in self.regulations:
            for erratum in regulation.errata:
                seen.setdefault(erratum.received, erratum)
        return tuple(seen.values())

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for r in self.regulations for t in r.terms))

    @property
    def thesaurus(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple(entry for r in self.regulations for entry in r.thesaurus)

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for regulation in self.regulations:
            digest.update(regulation.fingerprint.encode())
        return digest.hexdigest()[:16]


# ---------------------------------------------------------------- parsing

_NUM = f"[0-9{numerals.NUMERAL_CHARS}]+"
ARTICLE_START = re.compile(rf"^\s*(第({_NUM})[條条](?:之({_NUM}))?)[\s\u3000]*(.*)$")
CHAPTER = re.compile(rf"^\s*第{_NUM}[章節节编編](\s|\u3000|$)")


def apply_errata(text: str, errata: tuple[Erratum, ...]) -> str:
    for erratum in errata:
        text = text.replace(erratum.received, erratum.correct)
    return text


def parse_articles(
    lines: list[str], regulation_id: str, errata: tuple[Erratum, ...]
) -> tuple[str, tuple[Article, ...]]:
    """Split lines into (preamble, articles). An article runs until the next article start
    (第X条, or 第X条之N: an article of its own); each non-empty line inside it is one paragraph (款)."""
    preamble: list[str] = []
    drafts: list[tuple[str, int, int, list[str], str]] = []
    chapter = ""
    for raw in lines:
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        match = ARTICLE_START.match(line)
        if match:
            number = numerals.to_int(match.group(2))
            if number is None:
                raise CorpusError(f"{regulation_id}: cannot read the article number in {line[:30]!r}")
            sub = numerals.to_int(match.group(3)) if match.group(3) else 0
            body = match.group(4).strip()
            drafts.append((match.group(1), number, sub or 0, [body] if body else [], chapter))
        elif CHAPTER.match(line):
            chapter = line
        elif drafts:
            drafts[-1][3].append(line)
        else:
            preamble.append(line)
    articles = []
    seen: set[tuple[int, int]] = set()
    for label, number, sub, bodies, chap in drafts:
        if (number, sub) in seen:  # a repeated number (e.g. an appended amendment) keeps the first
            continue
        seen.add((number, sub))
        paragraphs = tuple(
            Paragraph(regulation_id, number, i, body, apply_errata(body, errata), sub)
            for i, body in enumerate(bodies, start=1)
        )
        articles.append(Article(regulation_id, number, label, paragraphs, chap, sub))
    return "\n".join(preamble), tuple(articles)
