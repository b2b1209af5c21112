"""Exact vector search, and a copy of a local store's vectors that answers without chromadb.

Chroma is the store of record: the build writes through langchain-chroma, large or remote stores
are searched by Chroma. For a local store small enough for exact search, the build also saves
the vectors it reads back from Chroma (`vectors.npy`, and `vectors.json` naming what they were
built from). `open_index` answers from that copy while it matches the manifest (corpus
fingerprint, embedder, paragraph ids) and the Chroma files it was read from (their sizes), so
`assistant ask` never imports chromadb (~0.7 s of a cold start). Anything else (a missing,
damaged or outdated copy, a changed Chroma folder) falls back to opening Chroma, which detects a
damaged store as before.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import files

EXACT_LIMIT = 50_000  # up to this many vectors, search is an exact in-memory matrix product
MATRIX_FILE = "vectors.npy"
META_FILE = "vectors.json"


@dataclass(frozen=True, eq=False)
class ExactVectors:
    """Unit-length paragraph vectors in id order, searched by one matrix product."""

    paragraph_ids: tuple[str, ...]
    matrix: np.ndarray  # float32, one row per id

    @classmethod
    def from_rows(cls, ids: list[str], rows) -> "ExactVectors":
        order = sorted(range(len(ids)), key=ids.__getitem__)
        matrix = np.asarray([rows[i] for i in order], dtype=np.float32).reshape(len(ids), -1)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return cls(tuple(ids[i] for i in order), matrix / np.where(norms == 0, 1, norms))

    def count(self) -> int:
        return len(self.paragraph_ids)

    def ids(self) -> list[str]:
        return list(self.paragraph_ids)

    def search(self, vector, k: int) -> list[tuple[str, float]]:
        """(paragraph id, cosine similarity), best first; ties broken by id for determinism."""
        query = np.asarray(vector, dtype=np.float32)
        query = query / (np.linalg.norm(query) or 1.0)
        scores = self.matrix @ query
        k = min(k, len(self.paragraph_ids))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        pairs = [(self.paragraph_ids[i], float(scores[i])) for i in top]
        return sorted(pairs, key=lambda p: (-round(p[1], 6), p[0]))


def _chroma_files(chroma_dir: Path) -> dict[str, int]:
    """Size of every file in the Chroma folder. (Chroma rewrites its files' times whenever it
    opens, so times cannot tell a change; a truncated or deleted file changes a size.)"""
    if not chroma_dir.is_dir():
        return {}
    return {str(path.relative_to(chroma_dir)): path.stat().st_size
            for path in sorted(chroma_dir.rglob("*")) if path.is_file()}


def remove(index_dir: Path) -> None:
    """Forget the copy (before the store changes)."""
    for name in (META_FILE, MATRIX_FILE):
        (index_dir / name).unlink(missing_ok=True)


def save(index_dir: Path, vectors: ExactVectors, corpus: str, embedder: str) -> None:
    """Write the copy; the description is written last, so a half-written copy is never used."""
    remove(index_dir)
    with files.atomic_file(index_dir / MATRIX_FILE) as handle:
        np.save(handle, vectors.matrix, allow_pickle=False)
    meta = {"corpus": corpus, "embedder": embedder, "ids": list(vectors.paragraph_ids),
            "chroma_files": _chroma_files(index_dir / "chroma")}
    files.write_text(index_dir / META_FILE, json.dumps(meta, ensure_ascii=False))


def load(index_dir: Path, corpus: str, embedder: str, paragraph_ids: list[str]) -> ExactVectors | None:
    """The copy, when it describes exactly this corpus, embedder, paragraphs and Chroma folder;
    else None (the caller opens Chroma)."""
    try:
        meta = json.loads((index_dir / META_FILE).read_text("utf-8"))
        if (meta.get("corpus"), meta.get("embedder")) != (corpus, embedder):
            return None
        ids = meta.get("ids")
        if not isinstance(ids, list) or ids != sorted(paragraph_ids):
            return None
        if meta.get("chroma_files") != _chroma_files(index_dir / "chroma"):
            return None
        matrix = np.load(index_dir / MATRIX_FILE, allow_pickle=False)
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    if matrix.dtype != np.float32 or matrix.ndim != 2 or matrix.shape[0] != len(ids):
        return None
    if not np.isfinite(matrix).all():
        return None
    return ExactVectors(tuple(ids), matrix)
