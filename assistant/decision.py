"""The answer/decline decision: one calibrated model that weighs all the evidence.

Two linear stages, fitted by `assistant decision fit` (scikit-learn, `assistant/fit.py`) and kept
as a reviewed JSON file in the regulation's corpus folder (`decision.json`); answering reads it with
plain Python and numpy.

1. **What is asked** — a logistic model of the question's own text: character 1–3-grams (TF-IDF)
   and the e5 embedding of the query. It learns what people ask that a regulation of this kind
   answers (who must do what, whether something is allowed) and what it does not (forms, fees,
   office hours, technical how-to).
2. **Whether this text answers it** — a logistic model over that score and the retrieval and
   analysis evidence (`evidence.FEATURES`): dense similarity, how much of the question the best
   article covers, asked-for facts the best article cannot state, places elsewhere, English…

The answer is given when the probability reaches the operating point chosen at fit time (false
refusals ≤ 3% in cross-validation). A decline names the evidence that weighed most against the
answer, and whether the text touches the topic: the decision would answer on the retrieval
evidence alone, without what the question asks for (the text model and the asked-for kinds).

A model is fitted on one embedder's query vectors and records which (`embedder`); with another
embedder configured, `for_regulation` reads `decision.<embedder id>.json` when there is one, else
answers without the parts that read the vector (README: Configuration).
"""
from __future__ import annotations

import copy
import json
import math
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .prior import ArticlePrior

FILE_NAME = "decision.json"
VERSION = 1
_SPACES = re.compile(r"\s+")


def char_ngrams(text: str, low: int = 1, high: int = 3) -> list[str]:
    """Character n-grams of the folded text, spaces collapsed (the fit uses the same function)."""
    text = _SPACES.sub(" ", text.strip())
    return [text[i:i + n] for n in range(low, high + 1) for i in range(len(text) - n + 1)]


class DecisionFileError(RuntimeError):
    """decision.json missing or unreadable; the message names the fix."""


@dataclass(frozen=True)
class Decision:
    answer: bool
    probability: float
    reason: str  # the evidence that weighed most against answering ("" when answered)
    touches: bool  # declined for an asked-for fact the text lacks, on a topic the text covers
    contributions: dict  # feature → its push on the log-odds (positive: towards answering)


class TextModel:
    """Stage 1: logit of "this regulation answers questions like this one"."""

    def __init__(self, spec: dict) -> None:
        self.vocabulary: dict[str, int] = spec["vocabulary"]
        self.idf = np.asarray(spec["idf"], dtype=np.float64)
        self.ngram_weights = np.asarray(spec["ngram_weights"], dtype=np.float64)
        self.embedding_weights = np.asarray(spec["embedding_weights"], dtype=np.float64)
        self.embedding_scale = float(spec["embedding_scale"])
        self.intercept = float(spec["intercept"])
        # the embedding part's mean push over the questions it was fitted on (0 in files before it)
        self.embedding_mean = float(spec.get("embedding_mean", 0.0))

    def without_embedding(self) -> "TextModel":
        """The n-gram part alone, for a query vector from another embedder: the embedding part's
        mean push moves into the intercept, so the logit keeps its centre."""
        other = copy.copy(self)
        other.embedding_weights = np.zeros(0)
        other.intercept = self.intercept + self.embedding_scale * self.embedding_mean
        return other

    def logit(self, folded: str, vector) -> float:
        counts: dict[int, int] = {}
        for gram in char_ngrams(folded):
            column = self.vocabulary.get(gram)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        total = self.intercept
        if counts:
            columns = np.fromiter(sorted(counts), dtype=np.int64)
            tf = 1.0 + np.log(np.fromiter((counts[c] for c in sorted(counts)), dtype=np.float64))
            values = tf * self.idf[columns]
            values /= np.linalg.norm(values)
            total += float(values @ self.ngram_weights[columns])
        if len(vector) == len(self.embedding_weights):
            total += self.embedding_scale * float(np.asarray(vector, dtype=np.float64) @ self.embedding_weights)
        return total


class EvidenceModel:
    """Stage 2: logistic regression over standardised evidence features."""

    def __init__(self, spec: dict) -> None:
        self.features: list[str] = spec["features"]
        self.mean = np.asarray(spec["mean"], dtype=np.float64)
        self.scale = np.asarray(spec["scale"], dtype=np.float64)
        self.weights = np.asarray(spec["weights"], dtype=np.float64)
        self.intercept = float(spec["intercept"])
        self.centred: dict = spec.get("centred", {})  # feature → script → that script's mean

    def row(self, values: dict) -> np.ndarray:
        script = values.get("script", "zh")
        return np.asarray([float(values[f]) - self.centred.get(f, {}).get(script, 0.0) for f in self.features],
                          dtype=np.float64)

    def contributions(self, values: dict) -> np.ndarray:
        return self.weights * (self.row(values) - self.mean) / self.scale

    def baseline(self, feature: str) -> float:
        """The contribution of a feature at 0 (the evidence absent; for "text", its mean)."""
        i = self.features.index(feature)
        return float(self.weights[i] * (0.0 - self.mean[i]) / self.scale[i])


# Evidence that, when it weighs most against answering, names the decline (else: not covered).
REASONED = ("unstated", "foreign_asked")
# What the question asks for, as opposed to whether the text is on its topic: without these, the
# retrieval evidence alone says whether the text touches the topic.
ASKING = ("text", "asked", "unstated")


class DecisionModel:
    def __init__(self, spec: dict, source: Path | None = None) -> None:
        if spec.get("version") != VERSION:
            raise DecisionFileError(f"{source}: decision model version {spec.get('version')} is not "
                                    f"{VERSION}: run 'assistant decision fit' to refit it")
        self.source = source
        self.embedder: str | None = spec.get("embedder")
        self.text = TextModel(spec["text"]) if spec.get("text") else None
        self.evidence = EvidenceModel(spec["evidence"])
        self.threshold = float(spec["threshold"])
        self.figures = spec.get("figures", {})
        self.articles = ArticlePrior(spec["articles"]) if spec.get("articles") else None  # which article

    @classmethod
    def load(cls, path: Path) -> "DecisionModel":
        try:
            spec = json.loads(Path(path).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise DecisionFileError(f"decision model {path} unreadable ({exc}): run 'assistant decision fit' "
                                    "to write it") from None
        return cls(spec, Path(path))

    def for_embedder(self, embedder_id: str) -> "DecisionModel":
        """This model as a query vector from `embedder_id` can use it: fitted on another embedder's
        vectors, its parts that read the vector (the text stage's embedding weights, the article
        prior) are off; the n-grams and the evidence stage stay."""
        if self.embedder in (None, embedder_id) or (self.text is None and self.articles is None):
            return self
        other = copy.copy(self)
        other.text = self.text.without_embedding() if self.text is not None else None
        other.articles = None
        return other

    @property
    def uses_text(self) -> bool:
        return self.text is not None and "text" in self.evidence.features

    def decide(self, values: dict, reasons: dict) -> Decision:
        """`values`: every feature of `evidence.FEATURES` (with "text" filled by `text_logit`);
        `reasons`: which reasoned evidence is present (e.g. {"unstated": ("figure",)})."""
        pushes = self.evidence.contributions(values)
        logit = self.evidence.intercept + float(pushes.sum())
        probability = 1.0 / (1.0 + math.exp(-logit))
        contributions = {f: round(float(c), 4) for f, c in zip(self.evidence.features, pushes)}
        if probability >= self.threshold:
            return Decision(True, probability, "", False, contributions)
        against = [(contributions[f], f) for f in REASONED if reasons.get(f) and f in contributions
                   and contributions[f] < 0]
        if not against:
            return Decision(False, probability, "not_covered", False, contributions)
        _, feature = min(against)
        on_topic = logit + sum(self.evidence.baseline(f) - contributions[f] for f in ASKING
                               if f in contributions and f != "text") - contributions.get("text", 0.0)
        touches = feature == "unstated" and 1.0 / (1.0 + math.exp(-on_topic)) >= self.threshold
        return Decision(False, probability, feature, touches, contributions)

    def text_logit(self, folded: str, vector) -> float:
        return self.text.logit(folded, vector) if self.text is not None else 0.0


@lru_cache(maxsize=8)
def load(path: str) -> DecisionModel:
    return DecisionModel.load(Path(path))


def file_for(folder: Path, embedder_id: str) -> Path:
    """Where a model fitted for `embedder_id` is kept when it is not the folder's decision.json."""
    return Path(folder) / f"decision.{embedder_id}.json"


def default_file(folder: Path, embedder_id: str) -> Path:
    """Where `assistant decision fit` writes by default: decision.json, unless that one was fitted
    on another embedder's vectors (then the file kept for this embedder)."""
    shipped = Path(folder) / FILE_NAME
    return shipped if not shipped.exists() or load(str(shipped)).embedder == embedder_id else file_for(folder, embedder_id)


@lru_cache(maxsize=8)
def for_regulation(folder: str, embedder_id: str, generic: str) -> DecisionModel:
    """The regulation's decision model for this embedder: decision.<embedder>.json, else
    decision.json, else the generic model; one fitted on another embedder's vectors answers
    without the parts that read the query vector, and says so once on stderr."""
    own = file_for(Path(folder), embedder_id)
    path = next((p for p in (own, Path(folder) / FILE_NAME) if p.exists()), Path(generic))
    model = load(str(path))
    adapted = model.for_embedder(embedder_id)
    if adapted is not model:
        print(f"decision model {path} was fitted on {model.embedder}'s vectors, not {embedder_id}'s: "
              "answering without its question-vector parts (the text model's embedding weights, the "
              f"article prior). Fit one for this embedder: assistant decision fit --output {own}",
              file=sys.stderr)
    return adapted
