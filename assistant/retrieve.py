"""Hybrid retrieval: BM25 (jieba) + dense (Chroma) fused at paragraph level, ranked by article.

`Searcher.search` returns a `Retrieval` (ranked `ArticleHit`s and the evidence the answer layer
uses to decide whether the text covers the question). `retriever.HybridRetriever` exposes the same
search, plus article-reference lookup, as a LangChain `BaseRetriever` (kept apart: LangChain's
runnable stack costs ~0.7 s to import and answering does not need it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from .corpus import Paragraph
from .index import Index
from .lexical import STOPWORDS

RRF_K = 60
DENSE_WEIGHT = 0.4  # weighted fusion; 0.3–0.7 measured on evals dev, see README
DENSE_CANDIDATES = 50


@dataclass(frozen=True)
class ParagraphHit:
    paragraph: Paragraph
    score: float
    lexical: float
    dense: float


@dataclass(frozen=True)
class ArticleHit:
    regulation_id: str
    article: int
    score: float
    paragraphs: tuple[ParagraphHit, ...]  # best first

    @property
    def best(self) -> ParagraphHit:
        return self.paragraphs[0]


@dataclass(frozen=True)
class Retrieval:
    folded: str
    expansions: tuple[str, ...]
    articles: tuple[ArticleHit, ...]
    dense_top: float  # best cosine similarity of any paragraph
    coverage: float  # idf-weighted share of the question's content words found in the corpus
    top_coverage: float  # … found in the best article
    unknown_words: tuple[str, ...]  # content words the corpus never uses


class Searcher:
    """Stateless over a loaded `Index`; safe to share between threads."""

    def __init__(self, index: Index, fusion: str = "rrf") -> None:
        self.index = index
        self.fusion = fusion
        self._ids = index.lexical.doc_ids
        self._position = {pid: i for i, pid in enumerate(self._ids)}
        self.article_text = {
            (a.regulation_id, a.number): index.fold(a.text)
            for r in index.corpus.regulations for a in r.articles
        }
        self.corpus_text = "\n".join(self.article_text.values())
        self._thesaurus = tuple(
            (index.fold(word), tuple(index.fold(t) for t in targets))
            for word, targets in index.corpus.thesaurus
        )

    # -- query analysis -------------------------------------------------------------
    def expansions(self, folded: str) -> tuple[str, ...]:
        """Regulation terms the thesaurus links to everyday words in the question."""
        found: list[str] = []
        for word, targets in self._thesaurus:
            if _contains_word(folded, word):
                found.extend(t for t in targets if t not in folded)
        return tuple(dict.fromkeys(found))

    def content_words(self, folded: str) -> list[str]:
        """Words that carry the question's subject; single characters only when nothing else does
        (a lone character matches almost any article)."""
        words = [w for w in self.index.tokenizer.words(folded)
                 if w not in STOPWORDS and not w.isdigit() and not re.fullmatch(r"[\W_]+", w)]
        longer = [w for w in words if len(w) > 1]
        return longer or words

    def _covered(self, word: str, text: str) -> bool:
        """The word, or a regulation term the thesaurus links it to, occurs in the text."""
        if word in text:
            return True
        return any(t in text for key, targets in self._thesaurus if key in word for t in targets)

    def _coverage(self, words: list[str], text: str) -> float:
        weights = [self.index.lexical.idf(w) for w in words]
        total = sum(weights)
        if not total:
            return 0.0
        return sum(wt for w, wt in zip(words, weights) if self._covered(w, text)) / total

    # -- search ---------------------------------------------------------------------
    def dense_scores(self, query: str) -> np.ndarray:
        vector = self.index.embedder.embed_query(query)
        scores = np.full(len(self._ids), -1.0, dtype=np.float32)
        for pid, similarity in self.index.vectors.search(vector, DENSE_CANDIDATES):
            if pid in self._position:
                scores[self._position[pid]] = similarity
        return scores

    def lexical_scores(self, folded: str, expansions: tuple[str, ...]) -> np.ndarray:
        tokens = self.index.tokenizer.tokens(folded)
        for term in expansions:
            tokens.extend(self.index.tokenizer.tokens(term))
        return self.index.lexical.scores(tokens)

    def fuse(self, lexical: np.ndarray, dense: np.ndarray) -> np.ndarray:
        if self.fusion == "weighted":
            lex = lexical / lexical.max() if lexical.max() > 0 else lexical
            valid = dense > -1
            den = np.zeros_like(dense)
            if valid.any():
                low, high = dense[valid].min(), dense[valid].max()
                den[valid] = (dense[valid] - low) / (high - low) if high > low else 1.0
            return (1 - DENSE_WEIGHT) * lex + DENSE_WEIGHT * den
        fused = np.zeros(len(self._ids), dtype=np.float64)
        for scores, present in ((lexical, lexical > 0), (dense, dense > -1)):
            order = sorted(np.flatnonzero(present), key=lambda i: (-float(scores[i]), self._ids[i]))
            for rank, i in enumerate(order, start=1):
                fused[i] += 1.0 / (RRF_K + rank)
        return fused

    def search(self, question: str, folded: str | None = None,
               regulation_id: str | None = None) -> Retrieval:
        folded = folded if folded is not None else self.index.fold(question)
        expansions = self.expansions(folded)
        query = folded if not expansions else f"{folded} {' '.join(expansions)}"
        lexical = self.lexical_scores(folded, expansions)
        dense = self.dense_scores(query)
        fused = self.fuse(lexical, dense)
        grouped: dict[tuple[str, int], list[ParagraphHit]] = {}
        for i, pid in enumerate(self._ids):
            paragraph = self.index.paragraphs[pid]
            if regulation_id and paragraph.regulation_id != regulation_id:
                continue
            hit = ParagraphHit(paragraph, float(fused[i]), float(lexical[i]), float(dense[i]))
            grouped.setdefault((paragraph.regulation_id, paragraph.article), []).append(hit)
        articles = []
        for (reg, number), hits in grouped.items():
            hits.sort(key=lambda h: (-h.score, h.paragraph.number))
            articles.append(ArticleHit(reg, number, hits[0].score, tuple(hits)))
        articles.sort(key=lambda a: (-a.score, a.regulation_id, a.article))
        words = self.content_words(folded)
        top_text = self.article_text.get((articles[0].regulation_id, articles[0].article), "") \
            if articles else ""
        return Retrieval(
            folded=folded,
            expansions=expansions,
            articles=tuple(articles),
            dense_top=float(dense.max()) if len(dense) else -1.0,
            coverage=self._coverage(words, self.corpus_text),
            top_coverage=self._coverage(words, top_text),
            unknown_words=tuple(w for w in words if not self._covered(w, self.corpus_text)),
        )


def _contains_word(folded: str, word: str) -> bool:
    if word.isascii():
        # whole English words, allowing inflections: database → databases, file → filed/filing
        return re.search(rf"(?<![a-z]){re.escape(word)}(s|es|d|ed|ing)?(?![a-z])", folded) is not None
    return word in folded
