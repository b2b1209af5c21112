"""Reference rankers compared against ours in the same eval run, on the same index and embedder:

- `bm25`: our lexical side alone (jieba + bm25s);
- `dense`: our Chroma side alone (the configured embedder);
- `langchain`: the stock LangChain recipe — `EnsembleRetriever` (langchain-classic) over
  `BM25Retriever` (langchain-community, rank_bm25) and a Chroma retriever from
  `Chroma.from_documents` with the same embedder, equal weights, top-k paragraphs → articles.
  BM25Retriever's default whitespace split cannot segment Chinese, so it is given jieba (the
  usual recipe for Chinese); everything else is stock. The paragraphs' vectors are the ones our
  index stored (the same embedder's output for the same text), so the recipe does not embed the
  corpus a second time; questions are embedded as the recipe does.

A baseline ranks articles as (regulation id, number, sub) — article N of one regulation is not
article N of another; it never declines, so only retrieval metrics apply to it. `depth` is how far
down it ranks (the stock recipe's k is 10 paragraphs per retriever; recall@100 needs more).
"""
from __future__ import annotations

from typing import Callable

from .retrieve import Searcher

Key = tuple[str, int, int]
Ranker = Callable[[str], list[Key]]
NAMES = ("bm25", "dense", "langchain")
DEPTH = 10


def _rank_articles(searcher: Searcher, scores) -> list[Key]:
    best: dict[Key, float] = {}
    for i, pid in enumerate(searcher.index.lexical.doc_ids):
        p = searcher.index.paragraphs[pid]
        key = (p.regulation_id, p.article, p.sub)
        best[key] = max(best.get(key, float("-inf")), float(scores[i]))
    return [a for a, _ in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))]


def bm25(searcher: Searcher, depth: int = DEPTH) -> Ranker:
    index = searcher.index
    return lambda question: _rank_articles(searcher, index.lexical.scores(index.tokenizer.tokens(index.fold(question))))


def dense(searcher: Searcher, depth: int = DEPTH) -> Ranker:
    index = searcher.index
    candidates = max(50, 4 * depth)  # paragraphs enough to rank `depth` articles
    return lambda question: _rank_articles(searcher, searcher.dense_scores(index.fold(question), candidates)[0])


class _StoredVectors:
    """The index's stored paragraph vectors for the recipe's documents; questions embedded live
    (a LangChain `Embeddings`: the class is made in `langchain`, which imports LangChain)."""

    def __init__(self, index) -> None:
        self.embedder = index.embedder
        ids, rows = getattr(index.vectors, "paragraph_ids", ()), getattr(index.vectors, "matrix", None)
        if rows is None:  # a store beyond the in-memory limit: read the vectors from Chroma
            data = index.chroma().collection.get(include=["embeddings"])
            ids, rows = data["ids"], data["embeddings"]
        self.by_text = {index.fold(index.paragraphs[pid].text): row for pid, row in zip(ids, rows)}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if all(t in self.by_text for t in texts):
            return [list(map(float, self.by_text[t])) for t in texts]
        return self.embedder.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)


def langchain(searcher: Searcher, depth: int = DEPTH) -> Ranker:
    try:
        from langchain_classic.retrievers import EnsembleRetriever
        from langchain_community.retrievers import BM25Retriever
    except ImportError:
        raise RuntimeError("the langchain baseline needs langchain-classic, langchain-community and "
                           "rank_bm25: pip install -e '.[test]'") from None
    import chromadb
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_core.embeddings import Embeddings

    from .vectors import CHROMA_SETTINGS

    index = searcher.index
    documents = [
        Document(page_content=index.fold(p.text),
                 metadata={"regulation": p.regulation_id, "article": p.article, "sub": p.sub}, id=pid)
        for pid, p in sorted(index.paragraphs.items())
    ]
    lexical = BM25Retriever.from_documents(documents, preprocess_func=index.tokenizer.tokens, k=depth)
    client = chromadb.EphemeralClient(settings=CHROMA_SETTINGS)

    class StoredVectors(_StoredVectors, Embeddings):
        pass

    embeddings = StoredVectors(index)
    store = Chroma.from_documents(documents, embedding=embeddings, client=client,
                                  collection_name="langchain-baseline",
                                  ids=[d.id for d in documents])
    ensemble = EnsembleRetriever(retrievers=[lexical, store.as_retriever(search_kwargs={"k": depth})],
                                 weights=[0.5, 0.5])

    def rank(question: str) -> list[Key]:
        articles: list[Key] = []
        for document in ensemble.invoke(index.fold(question)):
            meta = document.metadata
            key = (meta["regulation"], meta["article"], meta["sub"])
            if key not in articles:
                articles.append(key)
        return articles

    return rank


def make(name: str, searcher: Searcher, depth: int = DEPTH) -> Ranker:
    return {"bm25": bm25, "dense": dense, "langchain": langchain}[name](searcher, depth)
