"""`assistant decision fit`: fit the answer/decline model on labelled questions (scikit-learn),
validate it on sets it did not see, and write the reviewed JSON file answering reads.

Labelled questions are every eval set in evals/ (the project's own, the external ones, the batches
written from the regulation's text alone): in scope when they have gold articles, out of scope when
they must be declined. Only one-question messages that reach the decision are used (article
references, metadata and duty lists are answered before it).

Validation: every set is held out in turn and both stages are fitted without it, so each set is
scored by a model that never saw it. The operating point (the probability from which to answer) is
chosen on those held-out predictions pooled: at most 2% of in-scope questions declined, as for a set
written in a voice the model has not seen. The figures go into the file (fit_output.py);
`assistant eval` prints them.

The generic model (`assistant/decision-generic.json`, for regulations without a decision.json of
their own) can also learn from STARD's questions about national law over a LawRefBook slice
(`--stard SLICE`): all in scope, held out in groups like the sets.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .decision import char_ngrams
from .evidence import CENTRED, FEATURES

# The operating point: at most this share of held-out in-scope questions declined by the decision.
# Below the 3% the answers must meet because other paths decline too (hard facts, reasoned
# declines) and a new voice shifts the odds: at 3% the first-contact rounds 17-27 declined 3.0% of
# their in-scope questions in all (69 of 2,290), over 3% in 7 of 11 rounds (README: Decision).
MAX_FALSE_REFUSALS = 0.02
TEXT_C = 4.0  # stage-1 regularisation (inverse), chosen by held-out AUC (README: Decision)
EVIDENCE_C = 1.0
FOLDS = 5
INNER_FOLDS = 10  # groups of sets for stage 2's out-of-fold logits (see _folds)
SEED = 0


@dataclass(frozen=True)
class Row:
    group: str  # the set it comes from
    case_id: str
    folded: str
    vector: tuple[float, ...]
    values: dict
    label: int  # 1: in scope (answer), 0: decline
    gold: tuple[tuple[int, int], ...] = ()  # the articles that answer a one-part question, best first


def collect(assistant, cases_by_group: dict[str, list], progress: bool = False, desc: str = "questions") -> list[Row]:
    """A row for every labelled one-question message that reaches the decision (progress bar on stderr)."""
    from tqdm import tqdm

    rows = []
    with tqdm(total=sum(len(c) for c in cases_by_group.values()), desc=desc, unit="q", disable=not progress) as bar:
        for group, cases in cases_by_group.items():
            for case in cases:
                bar.update()
                if case.kind == "missing" or not (case.gold_articles or case.should_decline):
                    continue
                probe = assistant.decision_evidence(case.question)
                if probe is not None:
                    evidence, retrieval = probe
                    gold = () if case.should_decline or case.kind == "multi" else tuple((a, 0) for a in case.gold_articles)
                    rows.append(Row(group, case.id, assistant.index.fold(case.question), retrieval.query_vector,
                                    dict(evidence.values), 0 if case.should_decline else 1, gold))
    return rows


# ---------------------------------------------------------------- the two stages

def _text_matrix(rows, vectorizer=None):
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer

    if vectorizer is None:
        vectorizer = TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, min_df=2)
        grams = vectorizer.fit_transform([r.folded for r in rows])
    else:
        grams = vectorizer.transform([r.folded for r in rows])
    vectors = csr_matrix(np.asarray([r.vector for r in rows], dtype=np.float64))
    return hstack([grams, vectors]).tocsr(), vectorizer


def _fit_text(rows):
    from sklearn.linear_model import LogisticRegression

    matrix, vectorizer = _text_matrix(rows)
    model = LogisticRegression(C=TEXT_C, max_iter=5000, class_weight="balanced")
    model.fit(matrix, [r.label for r in rows])
    return vectorizer, model


def _text_logits(fitted, rows) -> np.ndarray:
    vectorizer, model = fitted
    matrix, _ = _text_matrix(rows, vectorizer)
    return model.decision_function(matrix)


def _folds(rows):
    """Train/test index pairs for stage 2's out-of-fold stage-1 logits: whole sets held out (the
    text model then scores each set as one written in a voice it has not seen), in at most
    INNER_FOLDS groups of sets so the cost stays linear in the number of sets; stratified folds
    when there are fewer than three sets."""
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    labels = np.asarray([r.label for r in rows])
    groups = [r.group for r in rows]
    if len(set(groups)) >= 3:
        return list(GroupKFold(min(INNER_FOLDS, len(set(groups)))).split(labels, labels, groups))
    return list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(labels, labels))


def _out_of_fold_text(rows) -> np.ndarray:
    """Stage-1 logits for rows the stage-1 model was not fitted on (what stage 2 learns from)."""
    logits = np.zeros(len(rows))
    for train, test in _folds(rows):
        fitted = _fit_text([rows[i] for i in train])
        logits[test] = _text_logits(fitted, [rows[i] for i in test])
    return logits


def _centring(rows) -> dict:
    """Each centred feature's mean per script, over the rows a model is fitted on."""
    centring = {}
    for feature in CENTRED:
        by_script: dict[str, list[float]] = {}
        for r in rows:
            by_script.setdefault(r.values["script"], []).append(r.values[feature])
        centring[feature] = {script: round(float(np.mean(v)), 6) for script, v in sorted(by_script.items())}
    return centring


def _evidence_matrix(rows, text_logits, features, centring) -> np.ndarray:
    return np.asarray([[t if f == "text" else r.values[f] - centring.get(f, {}).get(r.values["script"], 0.0)
                        for f in features] for r, t in zip(rows, text_logits)], dtype=np.float64)


def _fit_evidence(matrix, labels):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(matrix)
    model = LogisticRegression(C=EVIDENCE_C, max_iter=5000, class_weight="balanced")
    model.fit(scaler.transform(matrix), labels)
    return scaler, model


def _probabilities(fitted, matrix) -> np.ndarray:
    scaler, model = fitted
    return model.predict_proba(scaler.transform(matrix))[:, 1]


def _threshold(probabilities: np.ndarray, labels: np.ndarray, budget: float = MAX_FALSE_REFUSALS) -> float:
    """The highest threshold that declines at most `budget` of the in-scope rows."""
    inside = np.sort(probabilities[labels == 1])
    allowed = int(math.floor(budget * len(inside)))
    return float(inside[allowed]) if len(inside) else 0.5


@dataclass
class Fitted:
    text: tuple | None
    evidence: tuple
    features: tuple[str, ...]
    threshold: float
    centring: dict
    embedding_mean: float = 0.0  # the text stage's mean push from the query vector


def _embedding_mean(text, rows) -> float:
    vectorizer, model = text
    weights = model.coef_[0][len(vectorizer.get_feature_names_out()):]
    return float(np.mean(np.asarray([r.vector for r in rows], dtype=np.float64) @ weights))


def fit(rows: list[Row], with_text: bool = True, threshold: float = 0.5) -> Fitted:
    """Both stages from `rows`; stage 2 learns from stage-1 logits of rows stage 1 did not see."""
    features = FEATURES if with_text else tuple(f for f in FEATURES if f != "text")
    labels = np.asarray([r.label for r in rows])
    oof_text = _out_of_fold_text(rows) if with_text else np.zeros(len(rows))
    centring = _centring(rows)
    matrix = _evidence_matrix(rows, oof_text, features, centring)
    text = _fit_text(rows) if with_text else None
    return Fitted(text, _fit_evidence(matrix, labels), features, threshold, centring,
                  _embedding_mean(text, rows) if text else 0.0)


def predict(fitted: Fitted, rows: list[Row]) -> np.ndarray:
    text = _text_logits(fitted.text, rows) if fitted.text else np.zeros(len(rows))
    return _probabilities(fitted.evidence, _evidence_matrix(rows, text, fitted.features, fitted.centring))


# ---------------------------------------------------------------- validation

def scores(probabilities: np.ndarray, labels: np.ndarray, threshold: float) -> dict:
    from sklearn.metrics import roc_auc_score

    answered = probabilities >= threshold
    inside, outside = labels == 1, labels == 0
    return {
        "questions": int(len(labels)),
        "in_scope": int(inside.sum()),
        "out_of_scope": int(outside.sum()),
        "auc": round(float(roc_auc_score(labels, probabilities)), 4) if inside.any() and outside.any() else None,
        "false_refusals": round(float((~answered[inside]).mean()), 4) if inside.any() else None,
        "correct_declines": round(float((~answered[outside]).mean()), 4) if outside.any() else None,
    }


def _held_out_one(rows: list[Row], group: str, with_text: bool) -> tuple[np.ndarray, np.ndarray]:
    """`group`'s predictions by a model fitted on every other set, and its labels."""
    fitted = fit([r for r in rows if r.group != group], with_text)
    test = [r for r in rows if r.group == group]
    return predict(fitted, test), np.asarray([r.label for r in test])


OPERATING_POINTS = (0.01, 0.02, 0.03, 0.05)  # false-refusal budgets whose trade-off the fit reports


def operating_points(probabilities: np.ndarray, labels: np.ndarray) -> list[dict]:
    """The pooled held-out trade-off: for each budget of false refusals, the threshold it gives
    and the correct declines it costs."""
    points = []
    for budget in OPERATING_POINTS:
        threshold = _threshold(probabilities, labels, budget)
        measured = scores(probabilities, labels, threshold)
        points.append({"max_false_refusals": budget, "threshold": round(threshold, 6),
                       "false_refusals": measured["false_refusals"],
                       "correct_declines": measured["correct_declines"]})
    return points


def held_out(rows: list[Row], with_text: bool = True, jobs: int = -1,
             progress: bool = False) -> tuple[dict, float, list[dict]]:
    """Each set scored by a model fitted without it. The operating point is chosen on these
    held-out predictions pooled (at most MAX_FALSE_REFUSALS of in-scope questions declined), so it
    holds for questions in a voice the model has not seen; every set's figures are at that point.
    Also returns the pooled trade-off at other budgets (`operating_points`)."""
    from joblib import Parallel, delayed
    from tqdm import tqdm

    groups = sorted({r.group for r in rows})
    for group in groups:
        if len({r.label for r in rows if r.group != group}) < 2:
            raise ValueError(f"cannot hold out {group}: the other sets do not have both in-scope and "
                             "out-of-scope questions; learn from at least two sets with both")
    held = Parallel(n_jobs=jobs, return_as="generator")(delayed(_held_out_one)(rows, group, with_text)
                                                         for group in groups)
    predictions = dict(zip(groups, tqdm(held, total=len(groups), desc="held-out sets", unit="set",
                                        disable=not progress)))
    pooled_p = np.concatenate([p for p, _ in predictions.values()])
    pooled_y = np.concatenate([y for _, y in predictions.values()])
    threshold = _threshold(pooled_p, pooled_y)
    figures = {group: scores(p, y, threshold) for group, (p, y) in predictions.items()}
    figures["all (pooled)"] = scores(pooled_p, pooled_y, threshold)
    return figures, threshold, operating_points(pooled_p, pooled_y)


def run(assistant, sets: dict[str, Path], output: Path, generic: Path | None, progress: bool = True,
        generic_extra: list[Row] = ()) -> dict:
    """Collect, validate, fit and write; returns the figures. `generic_extra`: rows only the
    generic model learns from (questions about other regulations, e.g. `stard_eval.stard_rows`)."""
    from . import evals

    # the project's own set contributes its dev split only: its test split stays unseen (the CI gate)
    cases = {name: evals.load_cases(path, "dev" if name == "project" else None) for name, path in sets.items()}
    rows = collect(assistant, cases, progress)
    prior = None
    if output is not None:  # the regulation's own model: which article first, as its search will weigh it
        from .prior_fit import with_prior

        rows, prior = with_prior(assistant, cases, rows, progress)
    from .fit_output import specification, write

    embedder = assistant.index.embedder.id
    report = {}
    for with_text, path, learned in ((True, output, rows), (False, generic, rows + list(generic_extra))):
        if path is None:
            continue
        sizes = dict(Counter(r.group for r in learned))
        figures, threshold, points = held_out(learned, with_text, progress=progress)
        spec = specification(fit(learned, with_text, threshold), embedder, figures, sizes, points)
        write({**spec, "articles": prior if with_text else None}, path)
        report[str(path)] = {"held_out": figures, "operating_points": points}
    if prior is not None:
        report["article prior"] = prior["figures"]
    return report
