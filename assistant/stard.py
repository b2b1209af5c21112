"""STARD (layperson legal questions with gold statute articles) over slices of LawRefBook: the
questions, the slices the evaluation builds, and gold resolution to (regulation, article, sub).

A slice is a corpus folder: `ci` is the one in the repository (evals/stard/corpus, for CI);
`gold` holds every LawRefBook file a question's gold article is in (a part of a code brings the
whole code); `N` (a number) the gold files and then further LawRefBook files, in a fixed
pseudo-random order, until the slice holds at least N articles. Built slices are folders of
links to the LawRefBook files, so they load as LawRefBook does (`sources.load_corpus`).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .config import PROJECT_ROOT
from .corpus import Corpus, CorpusError
from .sources import code_parts, load_markdown, read_markdown

STARD_DIR = PROJECT_ROOT / "evals" / "stard"
QUESTIONS = STARD_DIR / "stard-dev.jsonl"
CI_CORPUS = STARD_DIR / "corpus"

Key = tuple[str, int, int]  # (regulation id, article number, sub)


@dataclass(frozen=True)
class Gold:
    file: str  # relative to LawRefBook
    article: int
    sub: int = 0


@dataclass(frozen=True)
class Question:
    id: int
    question: str
    gold: tuple[Gold, ...]

    @property
    def files(self) -> set[str]:
        return {g.file for g in self.gold}


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    questions = []
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            gold = tuple(Gold(g["file"], int(g["article"]), int(g.get("sub") or 0)) for g in data["gold"])
            questions.append(Question(int(data["query_id"]), data["question"], gold))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a STARD question ({exc}); expected "
                             '{"query_id", "question", "gold": [{"file", "article", "sub"}]}') from None
    return questions


# ---------------------------------------------------------------- slices

@dataclass(frozen=True)
class Slice:
    name: str
    corpus_dir: Path  # a folder load_corpus reads
    index_dir: Path


def _code_of(root: Path, relative: str, groups: dict[Path, dict[Path, list[str]]]) -> list[str]:
    """The file, or every part file of the code it is a part of (民法典/总则.md → all of 民法典/);
    `groups` caches each folder's grouping."""
    path = root / relative
    if not path.exists():
        raise CorpusError(f"{path}: a gold file of the STARD questions is not in LawRefBook at {root}; "
                          "set ASSISTANT_LAWREFBOOK / --lawrefbook to the LawRefBook folder")
    if path.parent not in groups:
        siblings = [read_markdown(p) for p in sorted(path.parent.glob("*.md")) if p.name != "_index.md"]
        groups[path.parent] = {item.path: [str(i.path.relative_to(root)) for i in group]
                               for group in code_parts(siblings) for item in group}
    return groups[path.parent].get(path, [relative])


def _articles_in(path: Path) -> int:
    try:
        return len(load_markdown(path).articles)
    except CorpusError:
        return 0


def slice_files(root: Path, questions: list[Question], size: int | None) -> list[str]:
    """The gold files (whole codes), then — for a size — more files until `size` articles."""
    chosen: list[str] = []
    groups: dict[Path, dict[Path, list[str]]] = {}
    for relative in sorted({f for q in questions for f in q.files}):
        chosen += [f for f in _code_of(root, relative, groups) if f not in chosen]
    if size is None:
        return chosen
    count = sum(_articles_in(root / f) for f in chosen)
    others = sorted((str(p.relative_to(root)) for p in root.rglob("*.md")
                     if p.name != "_index.md" and "案例" not in p.parts and str(p.relative_to(root)) not in chosen),
                    key=lambda f: hashlib.sha256(f.encode()).hexdigest())
    for relative in others:
        if count >= size:
            break
        files = [f for f in _code_of(root, relative, groups) if f not in chosen]
        articles = sum(_articles_in(root / f) for f in files)
        if articles:
            chosen += files
            count += articles
    return chosen


def build_slice(name: str, root: Path, questions: list[Question], index_dir: Path) -> Slice:
    """The slice's corpus folder (links to LawRefBook files) under index_dir/stard-<name>/."""
    if name == "ci":
        return Slice(name, CI_CORPUS, index_dir / "stard-ci")
    if name != "gold" and not name.isdigit():
        raise ValueError(f"unknown slice {name!r}: use ci, gold or a number of articles (e.g. 20000)")
    if not root.is_dir():
        raise CorpusError(f"LawRefBook not found at {root}: set ASSISTANT_LAWREFBOOK or --lawrefbook")
    files = slice_files(root, questions, None if name == "gold" else int(name))
    base = index_dir / f"stard-{name}"
    corpus_dir = base / "corpus"
    wanted = {corpus_dir / f for f in files}
    present = set(corpus_dir.rglob("*.md")) if corpus_dir.exists() else set()
    if present != wanted:  # rebuilt when the file list changed (a changed file changes the index anyway)
        shutil.rmtree(corpus_dir, ignore_errors=True)
        for relative in files:
            link = corpus_dir / relative
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink((root / relative).resolve(), link)
    return Slice(name, corpus_dir, base / "index")


# ---------------------------------------------------------------- gold

def file_regulations(corpus: Corpus) -> dict[str, str]:
    """LawRefBook file (relative to the corpus folder) → the id of the regulation it loaded into."""
    return {f: r.id for r in corpus.regulations for f in r.files}


def resolve(question: Question, files: dict[str, str], corpus: Corpus) -> tuple[Key, ...] | None:
    """The question's gold as (regulation id, number, sub), or None when a gold file is not in the
    slice. A gold article the regulation lacks is kept (it can never be found) and reported."""
    if not question.files <= set(files):
        return None
    return tuple(dict.fromkeys((files[g.file], g.article, g.sub) for g in question.gold))


def unresolved(gold: tuple[Key, ...], corpus: Corpus) -> list[Key]:
    return [k for k in gold if corpus.get(k[0]) is None or corpus.get(k[0]).article(k[1], k[2]) is None]
