"""Regulations on disk → `Regulation` objects: articles, paragraphs (款), metadata, errata, gaps.

A corpus is a folder with one sub-folder per regulation:

    corpus/<regulation-id>/metadata.json   title, issuer, order, dates, source file and format
    corpus/<regulation-id>/source.txt      the text as received (never edited)
    corpus/<regulation-id>/errata.tsv      optional: "as received<TAB>correct" per line
    corpus/<regulation-id>/terms.txt       optional: the regulation's own terms (lexical dictionary)
    corpus/<regulation-id>/thesaurus.tsv   optional: "everyday word<TAB>regulation terms" per line

A bare LawRefBook Markdown file (or a folder of them) is also a corpus; see `load_markdown`.
This module imports nothing else of ours but `numerals`.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import numerals


class CorpusError(ValueError):
    """The corpus cannot be read; the message names the file and the fix."""


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

    @property
    def id(self) -> str:
        return f"{self.regulation_id}:{self.article}:{self.number}"


@dataclass(frozen=True)
class Article:
    regulation_id: str
    number: int
    label: str  # as in the source, e.g. 第十一條
    paragraphs: tuple[Paragraph, ...]
    chapter: str = ""

    @property
    def id(self) -> str:
        return f"{self.regulation_id}:{self.number}"

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def paragraph(self, number: int) -> Paragraph | None:
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None


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


@dataclass(frozen=True)
class Regulation:
    id: str
    metadata: Metadata
    articles: tuple[Article, ...]
    errata: tuple[Erratum, ...] = ()
    terms: tuple[str, ...] = ()
    thesaurus: tuple[tuple[str, tuple[str, ...]], ...] = ()
    preamble: str = ""
    default: bool = False
    fingerprint: str = ""
    _by_number: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self._by_number.update({a.number: a for a in self.articles})

    @property
    def title(self) -> str:
        return self.metadata.title

    def article(self, number: int) -> Article | None:
        return self._by_number.get(number)

    @property
    def last_number(self) -> int:
        declared = self.metadata.articles
        present = max((a.number for a in self.articles), default=0)
        return max(declared, present)

    @property
    def missing(self) -> tuple[int, ...]:
        """Article numbers the regulation has (1 … declared count) but the source lacks."""
        return tuple(n for n in range(1, self.last_number + 1) if n not in self._by_number)

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
ARTICLE_START = re.compile(rf"^\s*(第({_NUM})[條条])[\s\u3000]*(.*)$")
CHAPTER = re.compile(rf"^\s*第{_NUM}[章節节编編](\s|\u3000|$)")


def apply_errata(text: str, errata: tuple[Erratum, ...]) -> str:
    for erratum in errata:
        text = text.replace(erratum.received, erratum.correct)
    return text


def parse_articles(
    lines: list[str], regulation_id: str, errata: tuple[Erratum, ...]
) -> tuple[str, tuple[Article, ...]]:
    """Split lines into (preamble, articles). An article runs until the next article start;
    each non-empty line inside it is one paragraph (款)."""
    preamble: list[str] = []
    drafts: list[tuple[str, int, list[str], str]] = []
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
            body = match.group(3).strip()
            drafts.append((match.group(1), number, [body] if body else [], chapter))
        elif CHAPTER.match(line):
            chapter = line
        elif drafts:
            drafts[-1][2].append(line)
        else:
            preamble.append(line)
    articles = []
    seen: set[int] = set()
    for label, number, bodies, chap in drafts:
        if number in seen:  # a repeated number (e.g. an appended amendment) keeps the first
            continue
        seen.add(number)
        paragraphs = tuple(
            Paragraph(regulation_id, number, i, body, apply_errata(body, errata))
            for i, body in enumerate(bodies, start=1)
        )
        articles.append(Article(regulation_id, number, label, paragraphs, chap))
    return "\n".join(preamble), tuple(articles)


def _read_errata(path: Path) -> tuple[Erratum, ...]:
    if not path.exists():
        return ()
    errata = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise CorpusError(f"{path}:{n}: expected 'as received<TAB>correct', got {line!r}")
        errata.append(Erratum(parts[0].strip(), parts[1].strip()))
    # Longer artifacts first, so 網際網路 is fixed before 網路.
    return tuple(sorted(errata, key=lambda e: -len(e.received)))


def _read_lines(path: Path) -> tuple[str, ...]:
    if not path.exists():
        return ()
    return tuple(
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def _read_thesaurus(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    entries = []
    for n, line in enumerate(_read_lines(path), start=1):
        word, sep, targets = line.partition("\t")
        if not sep or not targets.split():
            raise CorpusError(f"{path}: line {n}: expected 'everyday word<TAB>term term …', got {line!r}")
        entries.append((word.strip(), tuple(targets.split())))
    return tuple(entries)


def _fingerprint(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:16]


def load_regulation_folder(folder: Path) -> Regulation:
    meta_path = folder / "metadata.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{folder}: no metadata.json; every regulation folder needs one") from None
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{meta_path}: invalid JSON ({exc}); fix the file") from None
    if not meta.get("title"):
        raise CorpusError(f"{meta_path}: 'title' is required")
    source = folder / meta.get("source", "source.txt")
    if not source.exists():
        raise CorpusError(f"{folder}: source file {source.name} not found (named in metadata.json)")
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CorpusError(f"{source}: not UTF-8 text; convert it to UTF-8") from None
    regulation_id = meta.get("id") or folder.name
    errata = _read_errata(folder / "errata.tsv")
    terms = _read_lines(folder / "terms.txt")
    thesaurus = _read_thesaurus(folder / "thesaurus.tsv")
    if meta.get("source_format", "plain") == "lawrefbook":
        _, text = split_markdown_info(text)
    preamble, articles = parse_articles(text.splitlines(), regulation_id, errata)
    if not articles:
        raise CorpusError(f"{source}: no article found (articles start a line with 第X條/第X条)")
    known = {f.name for f in Metadata.__dataclass_fields__.values()}
    metadata = Metadata(**{k: v for k, v in meta.items() if k in known})
    extras = [folder / "errata.tsv", folder / "terms.txt", folder / "thesaurus.tsv", meta_path]
    fingerprint = _fingerprint(raw, *(p.read_bytes() for p in extras if p.exists()))
    return Regulation(
        id=regulation_id, metadata=metadata, articles=articles, errata=errata, terms=terms,
        thesaurus=thesaurus, preamble=preamble, default=bool(meta.get("default")), fingerprint=fingerprint,
    )


# ---------------------------------------------------------------- LawRefBook Markdown

_DATE_EVENT = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$")


def split_markdown_info(text: str) -> tuple[list[str], str]:
    """Return (info lines before <!-- INFO END -->, body)."""
    head, sep, body = text.partition("<!-- INFO END -->")
    if not sep:
        return [], text
    return [line.strip() for line in head.splitlines() if line.strip()], body


def load_markdown(path: Path, regulation_id: str | None = None) -> Regulation:
    """One LawRefBook file: `# Title`, dated info lines, `<!-- INFO END -->`, `## 第X章`, 第X条…"""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    info, body = split_markdown_info(text)
    title = next((line.lstrip("# ").strip() for line in info if line.startswith("# ")), path.stem)
    promulgated = effective = ""
    for line in info:
        match = _DATE_EVENT.match(line)
        if match:
            date = f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"
            if "施行" in match.group(4):
                effective = date
            elif not promulgated:
                promulgated = date
    regulation_id = regulation_id or slug(path.stem)
    body_lines = [line for line in body.splitlines() if not line.lstrip().startswith("#")
                  or CHAPTER.match(line.lstrip("# "))]
    body_lines = [line.lstrip("# ") for line in body_lines]
    preamble, articles = parse_articles(body_lines, regulation_id, ())
    if not articles:
        raise CorpusError(f"{path}: no article found (articles start a line with 第X条)")
    metadata = Metadata(title=title, promulgated=promulgated, effective=effective,
                        articles=max(a.number for a in articles))
    return Regulation(id=regulation_id, metadata=metadata, articles=articles,
                      preamble=preamble, fingerprint=_fingerprint(raw))


def slug(name: str) -> str:
    cleaned = re.sub(r"[\s/\\:()（）]+", "-", name).strip("-")
    return cleaned or hashlib.sha256(name.encode()).hexdigest()[:12]


# ---------------------------------------------------------------- corpus

def load_corpus(path: Path) -> Corpus:
    """A corpus folder (regulation sub-folders and/or LawRefBook .md files), or one .md file."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus not found at {path}: set ASSISTANT_CORPUS_DIR or --corpus")
    if path.is_file():
        return Corpus((load_markdown(path),))
    if (path / "metadata.json").exists():
        return Corpus((load_regulation_folder(path),))
    regulations: list[Regulation] = []
    for child in sorted(path.iterdir()):
        if child.is_dir() and (child / "metadata.json").exists():
            regulations.append(load_regulation_folder(child))
        elif child.suffix == ".md" and child.name != "_index.md":
            try:
                regulations.append(load_markdown(child))
            except CorpusError:
                continue  # not a regulation (no articles): LawRefBook has such pages
    if not regulations:
        raise CorpusError(
            f"{path}: no regulation found (expected sub-folders with metadata.json, or .md files)"
        )
    ids = [r.id for r in regulations]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CorpusError(f"{path}: regulation ids used twice: {', '.join(duplicates)}")
    return Corpus(tuple(regulations))
