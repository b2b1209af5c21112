"""An index directory's manifest: what it was built from (corpus fingerprint, embedder id,
tokeniser signature, format), and whether it is current for the configured corpus and embedder,
so a store built by one embedder is never searched with another.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .corpus import Corpus
from .lexical import signature

FORMAT_VERSION = 1
CORPUS_CHANGED = "the corpus changed since the index was built"
TOKENISER_CHANGED = "the tokeniser changed since the index was built"
INCREMENTAL_PROBLEMS = (CORPUS_CHANGED, TOKENISER_CHANGED, "lexical index missing")


@dataclass(frozen=True)
class Manifest:
    format: int
    corpus: str
    embedder: str
    paragraphs: int
    lexical: str = ""  # tokeniser signature (lexical.signature())

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True)


@dataclass(frozen=True)
class Status:
    directory: Path
    manifest: Manifest | None
    expected_corpus: str
    problem: str  # "" when the index is current

    @property
    def current(self) -> bool:
        return not self.problem


def manifest_path(settings: Settings) -> Path:
    return settings.index_dir / "manifest.json"


def read_manifest(settings: Settings) -> Manifest | None:
    try:
        data = json.loads(manifest_path(settings).read_text("utf-8"))
        return Manifest(**data)
    except (OSError, ValueError, TypeError):
        return None


def status(settings: Settings, corpus: Corpus, embedder_id: str) -> Status:
    manifest = read_manifest(settings)
    problem = ""
    if manifest is None:
        problem = "no index built yet" if not manifest_path(settings).exists() else "manifest unreadable"
    elif manifest.format != FORMAT_VERSION:
        problem = f"index format {manifest.format} is older than {FORMAT_VERSION}"
    elif manifest.corpus != corpus.fingerprint:
        problem = CORPUS_CHANGED
    elif manifest.embedder != embedder_id:
        problem = f"the index was built by {manifest.embedder}, the configured embedder is {embedder_id}"
    elif manifest.lexical != signature():
        problem = TOKENISER_CHANGED
    elif not (settings.index_dir / "lexical" / "lexical.json").exists():
        problem = "lexical index missing"
    return Status(settings.index_dir, manifest, corpus.fingerprint, problem)
