"""Fitting the article prior (`prior.py`), the first step of `assistant decision fit`: which article
questions like this one mean, learned from the one-part in-scope questions with gold (scikit-learn,
at fit time only). The decision is then fitted on evidence collected with the new prior in the
search, so it learns from the ranking it will see.
"""
from __future__ import annotations

import numpy as np

from .fit import Row, _folds, collect
from .prior import ArticlePrior

PRIOR_C = 64.0  # the article prior's regularisation (inverse), and the exponent the search weighs it
PRIOR_WEIGHT = 0.2  # with: chosen on the eval sets' held-out predictions (README: Which article)


def _prior_data(rows):
    labelled = [r for r in rows if r.gold]
    return (np.asarray([r.vector for r in labelled], dtype=np.float64),
            np.asarray([f"{r.gold[0][0]}-{r.gold[0][1]}" for r in labelled]), labelled)


def fit_prior(rows: list[Row], regulation_id: str) -> dict:
    """The article prior's spec from the one-part in-scope rows, with its held-out figure: the share
    of questions whose likeliest article is a gold one, each group of sets predicted by a model
    fitted without it."""
    from sklearn.linear_model import LogisticRegression

    vectors, labels, labelled = _prior_data(rows)
    hits = []
    for train, test in _folds(labelled):
        model = LogisticRegression(C=PRIOR_C, max_iter=5000).fit(vectors[train], labels[train])
        for row, best in zip([labelled[i] for i in test], model.predict(vectors[test])):
            hits.append(tuple(int(x) for x in best.split("-")) in row.gold)
    model = LogisticRegression(C=PRIOR_C, max_iter=5000).fit(vectors, labels)
    weights, intercepts = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # one logit for the second class: as softmax weights, the first's are 0
        weights, intercepts = np.vstack([np.zeros_like(weights), weights]), np.concatenate([[0.0], intercepts])
    return {
        "regulation": regulation_id,
        "articles": [[int(x) for x in c.split("-")] for c in model.classes_],
        "weights": [[round(float(w), 5) for w in row] for row in weights],
        "intercepts": [round(float(b), 5) for b in intercepts],
        "weight": PRIOR_WEIGHT,
        "figures": {"questions": len(labelled), "held_out_hit_at_1": round(float(np.mean(hits)), 4)},
    }


def with_prior(assistant, cases: dict, rows: list[Row], progress: bool) -> tuple[list[Row], dict]:
    """(the rows collected again with the prior fitted on `rows` in the search, the prior's spec);
    the assistant's own prior is put back afterwards."""
    regulation_id = assistant.index.corpus.browse.id
    prior = fit_prior(rows, regulation_id)
    shipped, assistant.searcher.priors = assistant.searcher.priors, {regulation_id: ArticlePrior(prior)}.get
    try:
        return collect(assistant, cases, progress, "questions, with the article prior"), prior
    finally:
        assistant.searcher.priors = shipped


def summary(figures: dict) -> str:
    return (f"Article prior: {figures['questions']} one-part in-scope questions; the likeliest article is a gold "
            f"one for {figures['held_out_hit_at_1']:.3f} of them, each group of sets predicted by a model "
            "fitted without it.")
