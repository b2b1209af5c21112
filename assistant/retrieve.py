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
from .substrings import CorpusText
from .wordmatch import Boundaries, contains_word, english_word, used_as_word

RRF_K = 60
DENSE_WEIGHT = 0.4  # weighted fusion; 0.3–0.7 measured on evals dev, see README
DENSE_CANDIDATES = 50
# From this many paragraphs a corpus is large: the dense side weighs more and scores more
# paragraphs (measured on STARD slices of 1.4k and 20k paragraphs; README, Evaluation over many
# regulations). Smaller corpora (the Measures: 48) keep the weights their evals chose.
LARGE_CORPUS = 1_000
LARGE_DENSE_WEIGHT = 0.6
LARGE_DENSE_CANDIDATES = 200
ARTICLE_LIMIT = 100  # ranked articles a search returns (the answer uses the first few)


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
    sub: int = 0  # N of 第X条之N

    @property
    def best(self) -> ParagraphHit:
        return self.paragraphs[0]

    @property
    def key(self) -> tuple[str, int, int]:
        """(regulation id, number, sub): the article's identity across regulations."""
        return self.regulation_id, self.article, self.sub


@dataclass(frozen=True)
class Retrieval:
    folded: str
    expansions: tuple[str, ...]
    articles: tuple[ArticleHit, ...]
    dense_top: float  # best cosine similarity of any paragraph
    coverage: float  # idf-weighted share of the question's content words found in the corpus
    top_coverage: float  # … found in the best article
    unknown_words: tuple[str, ...]  # content words the corpus never uses
    query_vector: tuple[float, ...] = ()  # the embedded query (question + linked terms)
    lexical_top: float = 0.0  # best BM25 score of any paragraph


class Searcher:
    """Stateless over a loaded `Index`; safe to share between threads."""

    def __init__(self, index: Index, fusion: str = "rrf", priors=lambda regulation_id: None) -> None:
        self.index = index
        self.fusion = fusion
        self.priors = priors  # regulation id → its ArticlePrior (prior.py) or None
        self._ids = index.lexical.doc_ids
        large = len(self._ids) >= LARGE_CORPUS
        self.dense_weight = LARGE_DENSE_WEIGHT if large else DENSE_WEIGHT
        self.dense_candidates = LARGE_DENSE_CANDIDATES if large else DENSE_CANDIDATES
        self._position = {pid: i for i, pid in enumerate(self._ids)}
        # Articles in (regulation id, number, sub) order, and each paragraph's article, so a search
        # ranks articles with array operations however large the corpus is.
        paragraphs = [index.paragraphs[pid] for pid in self._ids]
        self._article_keys = sorted({(p.regulation_id, p.article, p.sub) for p in paragraphs})
        key_position = {key: i for i, key in enumerate(self._article_keys)}
        self._article_of = np.array([key_position[(p.regulation_id, p.article, p.sub)] for p in paragraphs],
                                    dtype=np.int64)
        members: list[list[int]] = [[] for _ in self._article_keys]
        for i, article in enumerate(self._article_of):
            members[article].append(i)
        self._members = members
        by_regulation: dict[str, list[int]] = {}
        for i, (regulation_id, _, _) in enumerate(self._article_keys):
            by_regulation.setdefault(regulation_id, []).append(i)
        self._regulation_articles = {r: np.array(v, dtype=np.int64) for r, v in by_regulation.items()}
        self.article_text = {
            (a.regulation_id, a.number, a.sub): index.fold(a.text)
            for r in index.corpus.regulations for a in r.articles
        }
        self.corpus_text = CorpusText("\n".join(self.article_text.values()))
        self._thesaurus = tuple(
            (index.fold(word), tuple(index.fold(t) for t in targets))
            for word, targets in index.corpus.thesaurus
        )
        self._by_length = sorted({word for word, _ in self._thesaurus}, key=lambda w: (-len(w), w))
        self._english = None  # CC-CEDICT reversed onto the corpus's words, loaded on the first English word
        self._homophones = None  # the corpus's words by one-character wildcard, loaded on the first question

    @property
    def english(self):
        if self._english is None:
            from .english import EnglishLexicon
            from .places import divisions

            cache = self.index.settings.index_dir / "english.json"
            self._english = EnglishLexicon.load(cache, self.index.corpus.fingerprint,
                                                self.index.lexical.doc_freq.__contains__, frozenset(divisions()))
        return self._english

    @property
    def homophones(self):
        if self._homophones is None:
            from .homophones import FILE_NAME, Homophones

            cache = self.index.settings.index_dir / FILE_NAME
            self._homophones = Homophones.load(cache, self.index.corpus.fingerprint,
                                               lambda: list(self.index.lexical.doc_freq))
        return self._homophones

    # -- query analysis -------------------------------------------------------------
    def links(self, folded: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Thesaurus entries whose everyday word the question uses as a word: not a pair cut out
        across a word boundary (不准 in 不/准确) nor a single character inside a longer word (改 in 改革),
        nor a word inside a longer one the thesaurus has (违法 in 违法信息: the longer one speaks)."""
        spans = None
        rest = folded  # the question with the longer matched words blanked out
        matched = set()
        for word in self._by_length:
            if word.isascii():  # (non-government money: not government money, nor money)
                if contains_word(rest, word):
                    matched.add(word)
                    rest = english_word(word).sub(lambda m: "\0" * len(m.group(0)), rest)
                continue
            if word not in rest:
                continue
            spans = spans or Boundaries(self.index.tokenizer.spans(folded))
            if used_as_word(rest, word, spans):
                matched.add(word)
                rest = rest.replace(word, "\0" * len(word))
        linked = tuple(entry for entry in self._thesaurus if entry[0] in matched)
        return linked + self._slips(folded, spans) + self._dictionary_links(folded, linked)

    def _slips(self, folded: str, spans: "Boundaries | None" = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Runs typed with a homophone slip (数剧库), linked to the text's word (数据库); `spans`: the
        question's words when `links` has cut it already."""
        if not _CHINESE_RUN.search(folded):
            return ()
        tokenizer = self.index.tokenizer
        spans = spans or Boundaries(tokenizer.spans(folded))
        words = [(a, b) for a, b in spans.spans if b - a > 1 and tokenizer.in_dictionary(folded[a:b])]
        return self.homophones.links(folded, self.corpus_text, tokenizer.in_dictionary, words)

    def _dictionary_links(self, folded: str, linked) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """English words the thesaurus does not link, linked through CC-CEDICT to the corpus's words."""
        words = [w for w in dict.fromkeys(re.findall(r"[a-z][a-z'-]+", folded)) if w not in STOPWORDS]
        if not words:
            return ()
        known = {w for entry, _ in linked for w in entry.split()}
        return tuple((w, terms) for w in words if w not in known and (terms := self.english.terms(w)))

    def expansions(self, folded: str, links=None) -> tuple[str, ...]:
        """Regulation terms the thesaurus links to everyday words in the question."""
        links = self.links(folded) if links is None else links
        return tuple(dict.fromkeys(t for _, targets in links for t in targets if t not in folded))

    def content_words(self, folded: str) -> list[str]:
        """Words that carry the question's subject; single characters only when nothing else does
        (a lone character matches almost any article). Pairs jieba guessed from a modal or
        function character and a neighbour (能装, 前要) are not words."""
        tokenizer = self.index.tokenizer
        words = [w for w in tokenizer.words(folded)
                 if w not in STOPWORDS and not w.isdigit() and not re.fullmatch(r"[\W_]+", w)
                 and not (len(w) == 2 and (w[0] in _FUNCTION_CHARS or w[1] in _FUNCTION_CHARS)
                          and not tokenizer.in_dictionary(w))]
        longer = [w for w in words if len(w) > 1]
        return longer or words

    @staticmethod
    def covered(word: str, text: str, links) -> bool:
        """The word, or a regulation term the thesaurus links it (or the phrase it is part of)
        to, occurs in the text."""
        if word in text:
            return True
        return any(t in text for key, targets in links if key in word or word in key for t in targets)

    def _coverage(self, words: list[str], covered) -> float:
        weights = [self.index.lexical.idf(w) for w in words]
        total = sum(weights)
        if not total:
            return 0.0
        return sum(wt for w, wt in zip(words, weights) if covered(w)) / total

    # -- search ---------------------------------------------------------------------
    @staticmethod
    def dense_query(folded: str, expansions: tuple[str, ...]) -> str:
        """What is embedded: the question, then the regulation terms its words link to."""
        return folded if not expansions else f"{folded} {' '.join(expansions)}"

    def dense_scores(self, query: str, candidates: int | None = None) -> tuple[np.ndarray, list[float]]:
        """Cosine similarity of the `candidates` (default: the corpus size's) nearest paragraphs, -1
        for the others."""
        vector = self.index.embedder.embed_query(query)
        return self.similarities(vector, candidates or self.dense_candidates), vector

    def similarities(self, vector: list[float], candidates: int) -> np.ndarray:
        """Cosine similarity of a query vector's `candidates` nearest paragraphs, -1 for the others."""
        scores = np.full(len(self._ids), -1.0, dtype=np.float32)
        for pid, similarity in self.index.vectors.search(vector, candidates):
            if pid in self._position:
                scores[self._position[pid]] = similarity
        return scores

    def lexical_scores(self, folded: str, expansions: tuple[str, ...],
                       unsearched: tuple[str, ...] = ()) -> np.ndarray:
        tokens = self.index.tokenizer.tokens(folded)
        for term in expansions:
            if term not in unsearched:
                tokens.extend(self.index.tokenizer.tokens(term))
        return self.index.lexical.scores([t for t in tokens if t not in unsearched])

    def fuse(self, lexical: np.ndarray, dense: np.ndarray) -> np.ndarray:
        if self.fusion == "weighted":
            lex = lexical / lexical.max() if lexical.max() > 0 else lexical
            valid = dense > -1
            den = np.zeros_like(dense)
            if valid.any():
                low, high = dense[valid].min(), dense[valid].max()
                den[valid] = (dense[valid] - low) / (high - low) if high > low else 1.0
            return (1 - self.dense_weight) * lex + self.dense_weight * den
        fused = np.zeros(len(self._ids), dtype=np.float64)
        for scores, present in ((lexical, lexical > 0), (dense, dense > -1)):
            order = sorted(np.flatnonzero(present), key=lambda i: (-float(scores[i]), self._ids[i]))
            for rank, i in enumerate(order, start=1):
                fused[i] += 1.0 / (RRF_K + rank)
        return fused

    def search(self, question: str, folded: str | None = None,
               regulation_id: str | None = None, extra_terms: tuple[str, ...] = (),
               frame_words: tuple[str, ...] = (), unsearched: tuple[str, ...] = (),
               stress: str = "") -> Retrieval:
        """`extra_terms`: words the question's intent points to (asks.intent_terms), searched
        like linked terms; `frame_words`: words that place the question in the regulation's own
        frame (吉林市, 桦甸), searched but not counted as subject words the text must cover;
        `unsearched`: words (and linked terms) left out of the lexical search (where the
        regulation applies, when that is not what is asked); `stress`: the clauses that ask, when
        background sentences come before them: their words count twice in the lexical search."""
        folded = folded if folded is not None else self.index.fold(question)
        links = self.links(folded)
        expansions = tuple(dict.fromkeys(self.expansions(folded, links) + tuple(
            t for t in extra_terms if t not in folded)))
        query = self.dense_query(folded, expansions)
        lexical = self.lexical_scores(folded + stress, expansions, unsearched)
        dense, vector = self.dense_scores(query)
        fused = self.fuse(lexical, dense)
        articles = [self._article_hit(a, fused, lexical, dense)
                    for a in self._ranked_articles(fused, regulation_id)]
        prior = self.priors(articles[0].regulation_id) if articles else None
        if prior is not None:  # which article people asking like this mean (prior.py)
            articles = prior.rerank(articles, vector)
        words = [w for w in self.content_words(folded) if w not in frame_words] or self.content_words(folded)
        # (an everyday word the thesaurus knows but jieba cuts into characters, 等保 → 等/保, is a word too)
        words += [key for key, _ in links if len(key) > 1 and _CHINESE_WORD.fullmatch(key)
                  and not any(key in w or w in key for w in words)]
        top_text = self.article_text.get(articles[0].key, "") if articles else ""
        in_corpus = {w: self.covered(w, self.corpus_text, links) for w in dict.fromkeys(words)}
        return Retrieval(
            folded=folded,
            expansions=expansions,
            articles=tuple(articles),
            dense_top=float(dense.max()) if len(dense) else -1.0,
            coverage=self._coverage(words, in_corpus.__getitem__),
            top_coverage=self._coverage(words, lambda w: self.covered(w, top_text, links)),
            unknown_words=tuple(w for w in words if not in_corpus[w]),
            query_vector=tuple(float(x) for x in vector),
            lexical_top=float(lexical.max()) if len(lexical) else 0.0,
        )

    def _ranked_articles(self, fused: np.ndarray, regulation_id: str | None) -> np.ndarray:
        """Positions of the best ARTICLE_LIMIT articles: highest paragraph score first, ties by
        (regulation id, number, sub)."""
        scores = np.full(len(self._article_keys), -np.inf, dtype=np.float64)
        np.maximum.at(scores, self._article_of, fused.astype(np.float64))
        candidates = np.arange(len(scores))
        if regulation_id:
            candidates = self._regulation_articles.get(regulation_id, np.array([], dtype=np.int64))
        if len(candidates) > ARTICLE_LIMIT:
            values = scores[candidates]
            threshold = np.partition(values, len(values) - ARTICLE_LIMIT)[len(values) - ARTICLE_LIMIT]
            above = candidates[values > threshold]
            tied = candidates[values == threshold]  # in key order already
            candidates = np.concatenate([above, tied[:ARTICLE_LIMIT - len(above)]])
        return candidates[np.lexsort((candidates, -scores[candidates]))]

    def _article_hit(self, article: int, fused, lexical, dense) -> ArticleHit:
        hits = [ParagraphHit(self.index.paragraphs[self._ids[i]], float(fused[i]), float(lexical[i]),
                             float(dense[i])) for i in self._members[article]]
        hits.sort(key=lambda h: (-h.score, h.paragraph.number))
        regulation_id, number, sub = self._article_keys[article]
        return ArticleHit(regulation_id, number, hits[0].score, tuple(hits), sub)


_FUNCTION_CHARS = frozenset("能要会可该需得想还就都也才再又被把让给了着过的地吗呢吧前后")


_CHINESE_RUN = re.compile(r"[\u4e00-\u9fff]{2}")  # (a homophone slip needs two characters at least)
_CHINESE_WORD = re.compile(r"[\u4e00-\u9fff]+")
