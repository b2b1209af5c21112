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


# Bumped whenever parsing changes what articles or paragraphs a file yields: indexes built by an
# older parser are then stale and update themselves (2: item lines （一）… join their paragraph;
# 3: 第X条之N is an article of its own).
PARSER_VERSION = 3


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
    examples: tuple[str, ...] = ()  # questions the web page offers as buttons


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

    @property
    def kind(self) -> str:
        """What the regulation calls itself, from its title (办法, 条例, 法, 规定, 解释…), in
        Simplified: the word its messages use (本办法只适用于…, 条例没有规定…)."""
        return kind_of(self.title)[0]

    @property
    def kind_en(self) -> str:
        return kind_of(self.title)[1]

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
    def default(self) -> Regulation | None:
        """The regulation article numbers and declines refer to: the one designated (`"default":
        true` in its metadata.json), or the only one loaded. A folder of peers has none."""
        for regulation in self.regulations:
            if regulation.default:
                return regulation
        return self.regulations[0] if len(self.regulations) == 1 else None

    @property
    def browse(self) -> Regulation:
        """The regulation shown when none is chosen (the article browser): the default, else the first."""
        return self.default or self.regulations[0]

    def get(self, regulation_id: str) -> Regulation | None:
        return next((r for r in self.regulations if r.id == regulation_id), None)

    def choose(self, regulation_id: str | None, how: str = "--regulation ID") -> Regulation:
        """The regulation named, else the default; CorpusError when it is unknown or when a folder
        of peers has no default (`how` tells the caller's way to name one)."""
        known = ", ".join(r.id for r in self.regulations[:10]) + (" …" if len(self.regulations) > 10 else "")
        if regulation_id:
            found = self.get(regulation_id)
            if found is None:
                raise CorpusError(f"no regulation {regulation_id!r} is loaded; loaded: {known}")
            return found
        if self.default is None:
            raise CorpusError(f"{len(self.regulations)} regulations are loaded and none is the default: "
                              f"pass {how} (one of: {known})")
        return self.default

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
        digest = hashlib.sha256(f"parser {PARSER_VERSION}".encode())
        for regulation in self.regulations:
            digest.update(regulation.fingerprint.encode())
        return digest.hexdigest()[:16]


# ---------------------------------------------------------------- kinds

# Title endings, longest first: (ending, the Simplified word, the English word).
_KINDS = (("司法解释", "解释", "Interpretation"), ("实施细则", "细则", "Rules"), ("条例", "条例", "Regulations"),
          ("办法", "办法", "Measures"), ("规定", "规定", "Provisions"),
          ("解释", "解释", "Interpretation"), ("细则", "细则", "Rules"), ("规则", "规则", "Rules"),
          ("决定", "决定", "Decision"), ("章程", "章程", "Charter"), ("宪法", "宪法", "Constitution"),
          ("法典", "法", "Code"), ("法", "法", "Law"))
_TRADITIONAL_ENDINGS = str.maketrans("條辦規釋細則決", "条办规释细则决")


def kind_of(title: str) -> tuple[str, str]:
    """(Simplified word, English word) for what a title calls its regulation; a title with no known
    ending (a notice, a plan) is 规定 / "provisions"."""
    core = re.sub(r"[（(][^）)]*[)）]\s*$", "", title.strip()).translate(_TRADITIONAL_ENDINGS)
    for ending, zh, en in _KINDS:
        if core.endswith(ending):
            return zh, en
    return "规定", "Provisions"


# ---------------------------------------------------------------- parsing

_NUM = f"[0-9{numerals.NUMERAL_CHARS}]+"
ARTICLE_START = re.compile(rf"^\s*(第({_NUM})[條条](?:之({_NUM}))?)[\s\u3000]*(.*)$")
ITEM_START = re.compile(rf"^[（(]{_NUM}[)）]")
CHAPTER = re.compile(rf"^\s*第{_NUM}[章節节编編](\s|\u3000|$)")


def apply_errata(text: str, errata: tuple[Erratum, ...]) -> str:
    for erratum in errata:
        text = text.replace(erratum.received, erratum.correct)
    return text


def parse_articles(
    lines: list[str], regulation_id: str, errata: tuple[Erratum, ...]
) -> tuple[str, tuple[Article, ...]]:
    """Split lines into (preamble, articles). An article runs until the next article start
    (第X条, or 第X条之N: an article of its own); each non-empty line inside it is one paragraph (款),
    except that an item line （一）… (项) continues the paragraph before it, so paragraphs are
    numbered as the law numbers them."""
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
        elif drafts and drafts[-1][3] and ITEM_START.match(line):
            drafts[-1][3][-1] += "\n" + line  # an item (项) belongs to the paragraph (款) that lists it
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
