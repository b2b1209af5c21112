"""Which article a question is about, learned from how people ask: a prior over the regulation's
articles that the search weighs with its own scores.

Retrieval ranks articles by the words and meaning they share with the question; people describing
a situation ("the school's platform was hacked, what must the school do now?") often share more
words with a neighbouring article than with the one that answers them. A multinomial logistic model
of the question's e5 vector, fitted on the labelled eval questions by `assistant decision fit`
(`prior_fit.fit_prior`) and kept in the regulation's decision.json, gives p(article | question); each
ranked article's score becomes `score × ((p + FLOOR) / (p_max + FLOOR)) ** weight` (the article the
model finds likeliest keeps its score). Plain numpy at answer time.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

FLOOR = 1e-4  # an article the model never saw asked about keeps a share of its score


class ArticlePrior:
    def __init__(self, spec: dict) -> None:
        self.regulation_id: str = spec["regulation"]
        self.articles = [tuple(a) for a in spec["articles"]]  # (number, sub) per class
        self.weights = np.asarray(spec["weights"], dtype=np.float64)  # classes × embedding size
        self.intercepts = np.asarray(spec["intercepts"], dtype=np.float64)
        self.weight = float(spec["weight"])  # the prior's exponent (README: Which article)
        self.figures = spec.get("figures", {})

    def probabilities(self, vector) -> dict[tuple[int, int], float]:
        logits = self.weights @ np.asarray(vector, dtype=np.float64) + self.intercepts
        exp = np.exp(logits - logits.max())
        return dict(zip(self.articles, (exp / exp.sum()).tolist()))

    def rerank(self, articles: list, vector) -> list:
        """`articles` (ArticleHit, best first) with this regulation's scores weighed by the prior,
        best first again (ties in their retrieval order); other regulations' hits keep theirs."""
        if not articles or len(vector) != self.weights.shape[1]:
            return articles
        p = self.probabilities(vector)
        top = max(p.values()) + FLOOR
        weighed = [replace(hit, score=hit.score * ((p.get((hit.article, hit.sub), 0.0) + FLOOR) / top) ** self.weight)
                   if hit.regulation_id == self.regulation_id else hit for hit in articles]
        order = sorted(range(len(weighed)), key=lambda i: (-weighed[i].score, i))
        return [weighed[i] for i in order]
