"""Evaluation over a JSONL question set: retrieval and answer metrics, overall and per kind.

A case is in scope when it has gold articles or must_contain strings (metadata questions may
have only the latter). Out-of-scope, missing and adversarial cases must be declined.
"""
from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import PROJECT_ROOT

EVALS_DIR = PROJECT_ROOT / "evals"
DEFAULT_FILE = EVALS_DIR / "questions.jsonl"
DECLINE_KINDS = ("out_of_scope", "missing", "adversarial")
KINDS = ("paraphrase", "obligation", "lookup", "artifact", "multi", "english", "traditional",
         "out_of_scope", "missing", "adversarial")


@dataclass(frozen=True)
class Case:
    id: str
    question: str
    kind: str
    gold_articles: list[int]
    must_contain: list[str]
    note: str = ""
    split: str = "dev"
    style: str = ""  # how it is asked (situational, two_part, english…), for sets that record it
    origin: str = ""  # who wrote it, for sets copied from outside the project

    @property
    def should_decline(self) -> bool:
        """Out of scope, the missing article, and adversarial cases without gold articles (an
        adversarial case with gold is a false premise: the real article must be quoted)."""
        return self.kind == "missing" or (self.kind in DECLINE_KINDS and not self.gold_articles)


@dataclass
class Result:
    case: Case
    articles: list[int]
    refused: bool
    reason: str
    quotes: str
    seconds: float
    deterministic: bool
    fabricated: list[int] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)  # articles quoted (citations), in order


def eval_sets(folder: Path = EVALS_DIR) -> dict[str, Path]:
    """Every question set: the project's own (questions.jsonl, "project"), the external sets
    (external/) and the batches written from the regulation's text alone (batches/), by name."""
    sets = {"project": folder / "questions.jsonl"}
    for sub in ("external", "batches"):
        sets.update({p.stem: p for p in sorted((folder / sub).glob("*.jsonl"))})
    return {name: path for name, path in sets.items() if path.exists()}


def load_cases(path: Path = DEFAULT_FILE, split: str | None = None) -> list[Case]:
    cases = []
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            cases.append(Case(**data))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a valid case ({exc})") from None
    return [c for c in cases if split in (None, "all") or c.split == split]


def run(assistant, cases: list[Case], repeat_check: bool = True) -> list[Result]:
    regulation = assistant.regulation
    existing = {a.number for a in regulation.articles}
    results = []
    for case in cases:
        started = time.perf_counter()
        answer = assistant.ask(case.question)
        seconds = time.perf_counter() - started
        deterministic = True
        if repeat_check:
            deterministic = assistant.ask(case.question).to_dict() == answer.to_dict()
        cited = [c.article for c in answer.citations]
        results.append(Result(
            case=case, articles=list(answer.articles), refused=answer.refused, reason=answer.reason,
            quotes=answer.answer, seconds=seconds, deterministic=deterministic,
            fabricated=sorted({a for a in cited + list(answer.articles) if a not in existing}),
            cited=list(dict.fromkeys(cited)),
        ))
    return results


def _rank(result: Result) -> int | None:
    gold = set(result.case.gold_articles)
    for i, article in enumerate(result.articles, start=1):
        if article in gold:
            return i
    return None


def correct(result: Result, folder) -> bool:
    """Right or wrong by the rules the external sets are scored with: an answerable question is
    right when answered, its first quoted article is a gold one and every must_contain string is
    in the answer; a decline question when declined with nothing quoted (a false premise, an
    adversarial case with gold articles, when it quotes the real article); a missing-article
    question when the missing article is named as missing and not quoted."""
    case = result.case
    if case.kind == "missing":
        return result.reason == "missing_article" and not result.cited
    if case.should_decline and not case.gold_articles:
        return result.refused and not result.cited
    if result.refused or result.fabricated:
        return False
    if case.gold_articles and (not result.cited or result.cited[0] not in case.gold_articles):
        return False
    return all(folder.contains(result.quotes, m) for m in case.must_contain)


def metrics(results: list[Result], folder) -> dict:
    answerable = [r for r in results if not r.case.should_decline]
    ranked = [r for r in answerable if r.case.gold_articles]
    declines = [r for r in results if r.case.should_decline]
    with_quotes = [r for r in answerable if r.case.must_contain]
    missing = [r for r in results if r.case.kind == "missing"]
    ranks = [_rank(r) for r in ranked]
    latencies = sorted(r.seconds * 1000 for r in results)

    def share(values) -> float | None:
        values = list(values)
        return round(sum(values) / len(values), 4) if values else None

    return {
        "cases": len(results),
        "accuracy": share(correct(r, folder) for r in results),
        "hit@1": share(k == 1 for k in ranks),
        "hit@3": share(k is not None and k <= 3 for k in ranks),
        "mrr": share((1 / k if k else 0.0) for k in ranks),
        "recall@5": share(set(r.case.gold_articles) <= set(r.articles[:5]) for r in ranked),
        "quote_containment": share(
            all(folder.contains(r.quotes, m) for m in r.case.must_contain) for r in with_quotes),
        "false_refusals": share(r.refused for r in answerable),
        "correct_declines": share(r.refused for r in declines),
        "fabricated_citations": sum(len(r.fabricated) for r in results),
        "missing_honesty": share(r.refused and r.reason == "missing_article" for r in missing),
        "determinism": share(r.deterministic for r in results),
        "latency_ms_p50": round(statistics.median(latencies), 1) if latencies else None,
        "latency_ms_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
    }


def report(results: list[Result], folder) -> dict:
    by_kind = {}
    for kind in KINDS:
        subset = [r for r in results if r.case.kind == kind]
        if subset:
            by_kind[kind] = metrics(subset, folder)
    by_style = {}
    for style in sorted({r.case.style for r in results if r.case.style}):
        by_style[style] = metrics([r for r in results if r.case.style == style], folder)
    failures = []
    for r in results:
        if not correct(r, folder):
            failures.append({"id": r.case.id, "kind": r.case.kind, "question": r.case.question[:80],
                             "gold": r.case.gold_articles, "cited": r.articles[:5],
                             "refused": r.refused, "reason": r.reason})
    return {"overall": metrics(results, folder), "by_kind": by_kind, "by_style": by_style,
            "failures": failures}


def run_baseline(ranker, cases: list[Case]) -> dict:
    """Retrieval metrics of a ranker (question → article keys) on the in-scope ranked cases."""
    ranked = [c for c in cases if c.gold_articles and not c.should_decline]
    results = []
    for case in ranked:
        started = time.perf_counter()
        articles = [number for _, number, _ in ranker(case.question)]  # one regulation: its numbers
        results.append(Result(case, articles, False, "", "", time.perf_counter() - started, True))
    ranks = [_rank(r) for r in results]
    latencies = sorted(r.seconds * 1000 for r in results)
    n = len(results) or 1
    return {
        "cases": len(results),
        "hit@1": round(sum(k == 1 for k in ranks) / n, 4),
        "hit@3": round(sum(k is not None and k <= 3 for k in ranks) / n, 4),
        "mrr": round(sum((1 / k if k else 0.0) for k in ranks) / n, 4),
        "recall@5": round(sum(set(r.case.gold_articles) <= set(r.articles[:5]) for r in results) / n, 4),
        "latency_ms_p50": round(statistics.median(latencies), 1) if latencies else None,
    }


def records(results: list[Result]) -> list[dict]:
    """One machine-readable record per question."""
    return [{"id": r.case.id, "kind": r.case.kind, "split": r.case.split, "question": r.case.question,
             "gold": r.case.gold_articles, "articles": r.articles, "refused": r.refused,
             "reason": r.reason, "rank": _rank(r), "deterministic": r.deterministic,
             "fabricated": r.fabricated, "ms": round(r.seconds * 1000, 2)} for r in results]


def comparison_markdown(ours: dict, baselines: dict[str, dict]) -> str:
    cols = ["hit@1", "hit@3", "mrr", "recall@5", "latency_ms_p50"]
    lines = ["| ranker | " + " | ".join(cols) + " |", "|" + "---|" * (len(cols) + 1)]
    for name, m in [("ours (hybrid + answer layer)", ours)] + list(baselines.items()):
        lines.append(f"| {name} | " + " | ".join(str(m.get(c)) for c in cols) + " |")
    return "\n".join(lines)


def markdown(rep: dict) -> str:
    cols = ["cases", "accuracy", "hit@1", "hit@3", "mrr", "recall@5", "quote_containment", "false_refusals",
            "correct_declines", "fabricated_citations", "missing_honesty", "determinism", "latency_ms_p50",
            "latency_ms_p95"]
    lines = ["| set | " + " | ".join(cols) + " |", "|" + "---|" * (len(cols) + 1)]
    rows = ([("overall", rep["overall"])] + list(rep["by_kind"].items())
            + [(f"style: {name}", m) for name, m in rep.get("by_style", {}).items()])
    for name, m in rows:
        lines.append(f"| {name} | " + " | ".join("–" if m[c] is None else str(m[c]) for c in cols) + " |")
    if rep.get("baselines"):
        lines += ["", "Same questions (in-scope, with gold articles), ranked by baselines:", "",
                  comparison_markdown(rep["overall"], rep["baselines"])]
    if rep.get("decision", {}).get("held_out"):
        decision = rep["decision"]
        lines += ["", f"Decision model ({decision['file']}, answers from probability {decision['threshold']:.3f}); "
                      "each set scored by a model fitted without it:", "",
                  "| held-out set | questions | AUC | false refusals | correct declines |", "|---|---|---|---|---|"]
        lines += [f"| {name} | {m['questions']} | {m['auc']} | {m['false_refusals']} | {m['correct_declines']} |"
                  for name, m in decision["held_out"].items()]
    if rep["failures"]:
        lines += ["", "Failures:", ""]
        for f in rep["failures"]:
            lines.append(f"- {f['id']} ({f['kind']}) {f['question']} — gold {f['gold']}, "
                         f"cited {f['cited']}{', declined: ' + f['reason'] if f['refused'] else ''}")
    return "\n".join(lines)


def evaluate(assistant, cases: list[Case], with_baselines: bool = False) -> dict:
    """The full report: metrics overall and per kind, failures, per-question records, and the
    baselines on the same questions when asked."""
    results = run(assistant, cases)
    rep = report(results, assistant.index.folder)
    model = assistant.decision_model()
    source = Path(model.source)
    rep["decision"] = {"file": str(source.relative_to(PROJECT_ROOT) if source.is_relative_to(PROJECT_ROOT) else source),
                       "threshold": model.threshold,
                       "held_out": model.figures.get("held_out", {})}
    if with_baselines:
        from . import baselines

        rep["baselines"] = {name: run_baseline(baselines.make(name, assistant.searcher), cases)
                            for name in baselines.NAMES}
    rep["records"] = records(results)
    return rep
