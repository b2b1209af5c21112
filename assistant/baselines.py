"""Reference rankers compared against ours in the same eval run, on the same index and embedder:

- `bm25`: our lexical side alone (jieba + bm25s);
- `dense`: our Chroma side alone (the configured embedder);
- `langchain`: the stock LangChain recipe — `EnsembleRetriever` (langchain-classic) over
  `BM25Retriever` (langchain-community, rank_bm25) and a Chroma retriever from
  `Chroma.from_documents` with the same embedder, equal weights, top-k paragraphs → articles.
  BM25Retriever's default whitespace split cannot segment Chinese, so it is given jieba (the
  usual recipe for Chinese); everything else is stock.

A baseline ranks articles; it never declines, so only retrieval metrics apply to it.
"""
from __future__ import annotations

from typing import Callable

from .retrieve import Searcher

Ranker = Callable[[str], list[int]]
NAMES = ("bm25", "dense", "langchain")


def _rank_articles(searcher: Searcher, scores) -> list[int]:
    best: dict[int, float] = {}
    for i, pid in enumerate(searcher.index.lexical.doc_ids):
        article = searcher.index.paragraphs[pid].article
        best[article] = max(best.get(article, float("-inf")), float(scores[i]))
    return [a for a, _ in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))]


def bm25(searcher: Searcher) -> Ranker:
    index = searcher.index
    return lambda question: _rank_articles(searcher, index.lexical.scores(index.tokenizer.tokens(index.fold(question))))


def dense(searcher: Searcher) -> Ranker:
    index = searcher.index
    return lambda question: _rank_articles(searcher, searcher.dense_scores(index.fold(question))[0])


def langchain(searcher: Searcher) -> Ranker:
    try:
        from langchain_classic.retrievers import EnsembleRetriever
        from langchain_community.retrievers import BM25Retriever
    except ImportError:
        raise RuntimeError("the langchain baseline needs langchain-classic, langchain-community and "
                           "rank_bm25: pip install -e '.[test]'") from None
    import chromadb
    from langchain_chroma import Chroma
    from langchain_core.documents import Document

    from .vectors import CHROMA_SETTINGS

    index = searcher.index
    documents = [
        Document(page_content=index.fold(p.text), metadata={"article": p.article}, id=pid)
        for pid, p in sorted(index.paragraphs.items())
    ]
    lexical = BM25Retriever.from_documents(documents, preprocess_func=index.tokenizer.tokens, k=10)
    client = chromadb.EphemeralClient(settings=CHROMA_SETTINGS)
    store = Chroma.from_documents(documents, embedding=index.embedder, client=client,
                                  collection_name="langchain-baseline",
                                  ids=[d.id for d in documents])
    ensemble = EnsembleRetriever(retrievers=[lexical, store.as_retriever(search_kwargs={"k": 10})],
                                 weights=[0.5, 0.5])

    def rank(question: str) -> list[int]:
        articles: list[int] = []
        for document in ensemble.invoke(index.fold(question)):
            if document.metadata["article"] not in articles:
                articles.append(document.metadata["article"])
        return articles

    return rank


def make(name: str, searcher: Searcher) -> Ranker:
    return {"bm25": bm25, "dense": dense, "langchain": langchain}[name](searcher)
