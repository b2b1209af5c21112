"""The hybrid search as a LangChain `BaseRetriever`: an article reference returns that article,
anything else goes through `retrieve.Searcher`. Imported only by code that wants LangChain's
retriever interface (answering does not)."""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from .index import Index
from .references import find_references


class HybridRetriever(BaseRetriever):
    """LangChain retriever: an article reference returns that article; otherwise hybrid search.
    Each Document is one article (its text in the page content), best first."""

    searcher: Any
    k: int = 5

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun | None = None
    ) -> list[Document]:
        index: Index = self.searcher.index
        regulation = index.corpus.default
        folded = index.fold(query)
        references = [r for r in find_references(folded) if regulation and regulation.article(r.article, r.sub)]
        if references:
            return [_article_document(regulation.article(r.article, r.sub), 1.0) for r in references][: self.k]
        retrieval = self.searcher.search(query, folded)
        documents = []
        for hit in retrieval.articles[: self.k]:
            article = index.corpus.get(hit.regulation_id).article(hit.article, hit.sub)
            documents.append(_article_document(article, hit.score))
        return documents


def _article_document(article, score: float) -> Document:
    return Document(
        page_content=article.text,
        id=article.id,
        metadata={"regulation": article.regulation_id, "article": article.number, "sub": article.sub,
                  "label": article.label, "score": score},
    )
