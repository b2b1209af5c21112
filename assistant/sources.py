"""Reading regulations from disk: regulation folders (metadata.json + source + errata + terms +
thesaurus) and LawRefBook Markdown files, into the model of `corpus.py`."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .corpus import (CHAPTER, Actor, Article, Corpus, CorpusError, Erratum, Metadata, Regulation,
                     parse_articles)


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


def _read_actors(path: Path) -> tuple[Actor, ...]:
    actors = []
    for n, line in enumerate(_read_lines(path), start=1):
        parts = line.split("\t") + [""] * 5
        actor_id, name, aliases, covers, defined = (p.strip() for p in parts[:5])
        if not actor_id or not name or not aliases:
            raise CorpusError(f"{path}: line {n}: expected 'id<TAB>name<TAB>aliases[<TAB>covers<TAB>defined]'")
        try:
            for alias in aliases.split("|"):
                re.compile(alias)
        except re.error as exc:
            raise CorpusError(f"{path}: line {n}: bad alias pattern ({exc})") from None
        actors.append(Actor(actor_id, name, tuple(aliases.split("|")), tuple(covers.split()), defined))
    return tuple(actors)


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
    actors = _read_actors(folder / "actors.tsv")
    if meta.get("source_format", "plain") == "lawrefbook":
        _, text = split_markdown_info(text)
    preamble, articles = parse_articles(text.splitlines(), regulation_id, errata)
    if not articles:
        raise CorpusError(f"{source}: no article found (articles start a line with 第X條/第X条)")
    known = {f.name for f in Metadata.__dataclass_fields__.values()}
    meta = {**meta, "jurisdiction": tuple(meta.get("jurisdiction") or ()),
            "examples": tuple(meta.get("examples") or ())}
    metadata = Metadata(**{k: v for k, v in meta.items() if k in known})
    extras = [folder / "errata.tsv", folder / "terms.txt", folder / "thesaurus.tsv", meta_path]
    fingerprint = _fingerprint(raw, *(p.read_bytes() for p in extras if p.exists()))
    return Regulation(
        id=regulation_id, metadata=metadata, articles=articles, errata=errata, terms=terms,
        thesaurus=thesaurus, actors=actors, preamble=preamble, default=bool(meta.get("default")), fingerprint=fingerprint,
    )


# ---------------------------------------------------------------- LawRefBook Markdown

_DATE_EVENT = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$")


def split_markdown_info(text: str) -> tuple[list[str], str]:
    """Return (info lines before <!-- INFO END -->, body)."""
    head, sep, body = text.partition("<!-- INFO END -->")
    if not sep:
        return [], text
    return [line.strip() for line in head.splitlines() if line.strip()], body


@dataclass(frozen=True)
class MarkdownFile:
    """One LawRefBook file as read: its title, the part of a code it holds (# 人格权编), dates, body."""
    path: Path
    raw: bytes
    title: str
    part: str
    promulgated: str
    effective: str
    lines: tuple[str, ...]


def read_markdown(path: Path) -> MarkdownFile:
    raw = path.read_bytes()
    info, body = split_markdown_info(raw.decode("utf-8-sig"))
    headings = [line.lstrip("# ").strip() for line in info if line.startswith("# ")]
    title = headings[0] if headings else path.stem
    part = next((h for h in headings[1:] if h and h != title), "")
    promulgated = effective = ""
    for line in info:
        match = _DATE_EVENT.match(line)
        if match:
            date = f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"
            if "施行" in match.group(4):
                effective = date
            elif not promulgated:
                promulgated = date
    lines = tuple(line.lstrip("# ") for line in body.splitlines()
                  if not line.lstrip().startswith("#") or CHAPTER.match(line.lstrip("# ")))
    return MarkdownFile(path, raw, title, part, promulgated, effective, lines)


def load_markdown(path: Path, regulation_id: str | None = None) -> Regulation:
    """One LawRefBook file: `# Title`, dated info lines, `<!-- INFO END -->`, `## 第X章`, 第X条…"""
    return _regulation([read_markdown(path)], regulation_id or slug(path.stem))


def _regulation(parts: list[MarkdownFile], regulation_id: str, files: tuple[str, ...] = ()) -> Regulation:
    """A regulation from one file, or from the part files of one code in article order; a part's
    name (总则, 物权编…) heads the chapters of its articles."""
    articles: list[Article] = []
    preamble: list[str] = []
    for part in parts:
        text, found = parse_articles(list(part.lines), regulation_id, ())
        if len(parts) > 1:
            found = tuple(replace(a, chapter=f"{part.part} {a.chapter}".strip()) for a in found)
        preamble += [text] if text else []
        articles += found
    if not articles:
        raise CorpusError(f"{parts[0].path}: no article found (articles start a line with 第X条)")
    articles.sort(key=lambda a: (a.number, a.sub))
    first = parts[0]
    metadata = Metadata(title=first.title,
                        promulgated=next((p.promulgated for p in parts if p.promulgated), ""),
                        effective=next((p.effective for p in parts if p.effective), ""),
                        articles=max(a.number for a in articles))
    return Regulation(id=regulation_id, metadata=metadata, articles=tuple(articles),
                      preamble="\n".join(preamble), fingerprint=_fingerprint(*(p.raw for p in parts)),
                      files=files)


def code_parts(files: list[MarkdownFile]) -> list[list[MarkdownFile]]:
    """Group the Markdown files of one folder into regulations. Files that share one title
    (# 中华人民共和国民法典) and name a part of it (# 总则, # 物权编…), with article numbers that
    never overlap, are the parts of one code (LawRefBook keeps the Civil Code so): one regulation,
    in article order. Every other file is a regulation of its own (versions of one law share a
    title but repeat its article numbers, and name no part)."""
    by_title: dict[str, list[MarkdownFile]] = {}
    for item in files:
        by_title.setdefault(item.title, []).append(item)
    groups: list[list[MarkdownFile]] = []
    for item in files:
        same = by_title[item.title]
        if len(same) > 1 and all(p.part for p in same) and _disjoint(same):
            if item is same[0]:
                groups.append(sorted(same, key=_first_number))
        else:
            groups.append([item])
    return groups


def _numbers(item: MarkdownFile) -> set[tuple[int, int]]:
    return {(a.number, a.sub) for a in parse_articles(list(item.lines), "", ())[1]}


def _first_number(item: MarkdownFile) -> tuple[int, int]:
    return min(_numbers(item), default=(0, 0))


def _disjoint(parts: list[MarkdownFile]) -> bool:
    seen: set[tuple[int, int]] = set()
    for part in parts:
        numbers = _numbers(part)
        if seen & numbers:
            return False
        seen |= numbers
    return True


def slug(name: str) -> str:
    cleaned = re.sub(r"[\s/\\:()（）]+", "-", name).strip("-")
    return cleaned or hashlib.sha256(name.encode()).hexdigest()[:12]


# ---------------------------------------------------------------- corpus

def load_corpus(path: Path) -> Corpus:
    """A corpus folder (regulation sub-folders and/or LawRefBook .md files, in nested folders as
    LawRefBook keeps them), or one .md file."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus not found at {path}: set ASSISTANT_CORPUS_DIR or --corpus")
    if path.is_file():
        return Corpus((load_markdown(path),))
    if (path / "metadata.json").exists():
        return Corpus((load_regulation_folder(path),))
    regulations = _load_tree(path, path)
    if not regulations:
        raise CorpusError(
            f"{path}: no regulation found (expected sub-folders with metadata.json, or .md files)"
        )
    ids = [r.id for r in regulations]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CorpusError(f"{path}: regulation ids used twice: {', '.join(duplicates)}")
    return Corpus(tuple(regulations))


def _load_tree(root: Path, folder: Path, taken: set[str] | None = None) -> list[Regulation]:
    """Regulations under `folder`, depth first in name order. A Markdown file whose name is
    already taken elsewhere in the tree gets its folder path in its id; the part files of one
    code (`code_parts`) are one regulation, named after their folder."""
    taken = set() if taken is None else taken
    regulations: list[Regulation] = []
    children = [c for c in sorted(folder.iterdir()) if not c.name.startswith(".")]
    markdown = [read_markdown(c) for c in children
                if c.is_file() and c.suffix == ".md" and c.name != "_index.md"]
    groups = {group[0].path if len(group) == 1 else min(p.path for p in group): group
              for group in code_parts(markdown)}
    for child in children:
        if child.is_dir() and (child / "metadata.json").exists():
            regulations.append(load_regulation_folder(child))
            taken.add(regulations[-1].id)
        elif child.is_dir():
            regulations.extend(_load_tree(root, child, taken))
        elif child in groups:
            group = groups[child]
            name = child.stem if len(group) == 1 else folder.name
            regulation_id = slug(name)
            if regulation_id in taken:
                regulation_id = slug(str(child.relative_to(root).with_suffix("") if len(group) == 1
                                         else folder.relative_to(root)))
            files = tuple(str(p.path.relative_to(root)) for p in group)
            try:
                regulations.append(_regulation(group, regulation_id, files))
            except CorpusError:
                continue  # not a regulation (no articles): LawRefBook has such pages
            taken.add(regulation_id)
    return regulations
