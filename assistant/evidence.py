"""The evidence the decision weighs, as named numbers: what retrieval found and what the analysis
read, for one part of a question. Computed the same way when answering and when fitting.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from . import asks
from .analysis import Analysis
from .normalize import ENGLISH
from .questions import NAMES_REGULATION
from .retrieve import Retrieval

FEATURES = (
    "text",  # stage 1: logit of "questions like this are answered by this regulation"
    "dense_top",  # best cosine similarity of any paragraph to the query
    "top_dense",  # best cosine similarity within the best-ranked article
    "gap",  # fused score of the best article minus the second (how decisive the ranking is)
    "lexical_top",  # log(1 + best BM25 score)
    "coverage",  # idf share of the question's words found anywhere in the text
    "top_coverage",  # … found in the best article
    "top_share",  # top_coverage / coverage: of the words the text knows, the share the best article has
    "asked",  # kinds of fact asked for (amount, deadline, form, where to go…)
    "unstated",  # … of which the best article has no wording to state
    "asserted",  # figures the question asserts (罚五万元, a five-year window): a premise to check, not an ask
    "foreign_asked",  # a place outside the jurisdiction in the sentence that asks
    "foreign_background",  # … only in background sentences
    "names_regulation",  # names the regulation or a document (办法, 规定, measures…)
    "words",  # log(1 + content words)
)
# Similarities measured from each script's own mean (an English question's similarity to Chinese text
# runs ~0.04 lower whether or not the text answers it); the means are fitted with the model.
CENTRED = ("dense_top", "top_dense")


@dataclass(frozen=True)
class Evidence:
    values: dict  # FEATURES → float ("text" filled by the decision model), and "script"
    unstated: tuple[str, ...]  # asked-for kinds the best article cannot state
    foreign: tuple[str, ...]  # places elsewhere that the question asks about

    @property
    def reasons(self) -> dict:
        return {"unstated": self.unstated, "foreign_asked": self.foreign}


def gather(analysis: Analysis, retrieval: Retrieval, top_text: str, script: str, words: int) -> Evidence:
    articles = retrieval.articles
    top = articles[0] if articles else None
    second = articles[1].score if len(articles) > 1 else 0.0
    unstated = asks.unstated(analysis.asks_for, top_text) if top else analysis.asks_for
    values = {
        "text": 0.0,
        "dense_top": retrieval.dense_top,
        "top_dense": max((p.dense for p in top.paragraphs), default=-1.0) if top else -1.0,
        "gap": (top.score - second) if top else 0.0,
        "lexical_top": math.log1p(max(retrieval.lexical_top, 0.0)),
        "coverage": retrieval.coverage,
        "top_coverage": retrieval.top_coverage,
        "top_share": retrieval.top_coverage / retrieval.coverage if retrieval.coverage > 0 else 0.0,
        "asked": float(len(analysis.asks_for)),
        "unstated": float(len(unstated)),
        "asserted": 1.0 if analysis.asserted else 0.0,
        "foreign_asked": 1.0 if analysis.foreign_asked else 0.0,
        "foreign_background": 1.0 if analysis.foreign_background else 0.0,
        "names_regulation": 1.0 if NAMES_REGULATION.search(analysis.folded) else 0.0,
        "words": math.log1p(words),
        "script": "en" if script == ENGLISH else "zh",
    }
    return Evidence(values, tuple(unstated), analysis.foreign_asked)
