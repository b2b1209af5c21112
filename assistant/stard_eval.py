"""Scoring STARD at (regulation, article) level: the full answer path (`Assistant.ask`: its first
cited article; a decline is a miss), our ranking (`Searcher.search`) and the baselines ranked the
same way, with one record per question.

- hit@1: the first cited (or ranked) article is a gold one;
- recall@k: the share of a question's gold articles in the first k ranked, averaged over
  questions (as in the STARD paper);
- mrr: 1 / rank of the first gold article (0 beyond the ranking);
- declines: the share of questions `ask` declined (every STARD question has an answer in the slice).

The stock LangChain recipe's ranking depends on how deep each of its retrievers looks (k): its
hit@1, recall@5/10 and mrr are the stock k=10's, its recall@100 that of k=100 (deeper lists change
its fused order: on the CI slice hit@1 0.33 at k=10, 0.20 at k=100). The other rankings do not
depend on depth.
"""
from __future__ import annotations

import statistics
import sys
import time
from dataclasses import asdict, dataclass, field

from . import stard
from .stard import Key, Question

RECALL_AT = (5, 10, 100)
DEPTH = max(RECALL_AT)


@dataclass
class Record:
    query_id: int
    question: str
    gold: list[Key]
    cited: Key | None  # first article `ask` quoted
    refused: bool
    reason: str
    label: str  # the first citation's label, as the answer shows it
    ms: float  # `ask`
    rankings: dict[str, list[Key]] = field(default_factory=dict)  # ranker → first articles (top 10 kept)
    ranks: dict[str, int | None] = field(default_factory=dict)  # ranker → rank of the first gold article
    recalls: dict[str, dict[int, float]] = field(default_factory=dict)


def rank(ranking: list[Key], gold: set[Key]) -> int | None:
    return next((i for i, key in enumerate(ranking, start=1) if key in gold), None)


def recall(ranking: list[Key], gold: set[Key], k: int) -> float:
    return len(gold & set(ranking[:k])) / len(gold) if gold else 0.0


def cases(assistant, questions: list[Question]) -> tuple[list[tuple[Question, tuple[Key, ...]]], list[dict]]:
    """The questions whose gold files are all in the slice, with gold resolved; and the gold
    articles the slice's regulations lack (a parsing problem to look at)."""
    corpus = assistant.index.corpus
    files = stard.file_regulations(corpus)
    resolved, problems = [], []
    for question in questions:
        gold = stard.resolve(question, files, corpus)
        if gold is None:
            continue
        resolved.append((question, gold))
        problems += [{"query_id": question.id, "gold": list(k)} for k in stard.unresolved(gold, corpus)]
    return resolved, problems


def _progress(total: int, enabled: bool, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="q", file=sys.stderr, disable=not enabled, dynamic_ncols=True)


def run(assistant, questions: list[Question], baselines: tuple[str, ...] = (), progress: bool = True,
        given: int | None = None) -> dict:
    """Ask every question of the slice, rank it with ours and the baselines; metrics and records."""
    from . import baselines as reference

    chosen, problems = cases(assistant, questions)
    records: list[Record] = []
    with _progress(len(chosen), progress, "asking") as bar:
        for question, gold in chosen:
            started = time.perf_counter()
            answer = assistant.ask(question.question)
            ms = (time.perf_counter() - started) * 1000
            first = answer.citations[0] if answer.citations else None
            record = Record(question.id, question.question, list(gold),
                            (first.regulation, first.article, first.sub) if first else None,
                            answer.refused, answer.reason, first.label if first else "", round(ms, 2))
            ranking = [hit.key for hit in assistant.searcher.search(question.question).articles[:DEPTH]]
            _score(record, "ours", ranking, set(gold))
            records.append(record)
            bar.update()
    for name in baselines:
        deep = reference.make(name, assistant.searcher, DEPTH)
        stock = reference.make(name, assistant.searcher) if name == "langchain" else deep
        with _progress(len(records), progress, f"baseline {name}") as bar:
            for record, (question, gold) in zip(records, chosen):
                ranking = deep(question.question)[:DEPTH]
                top = ranking if stock is deep else stock(question.question)
                _score(record, name, top, set(gold), ranking)
                bar.update()
    corpus = assistant.index.corpus
    return {
        "slice": {"regulations": len(corpus.regulations),
                  "articles": sum(len(r.articles) for r in corpus.regulations),
                  "paragraphs": assistant.index.lexical.size},
        "questions": len(records), "questions_given": given or len(questions),
        "unresolved_gold": problems,
        "answer": answer_metrics(records),
        "rankers": {name: ranking_metrics(records, name) for name in ("ours",) + tuple(baselines)},
        "records": [asdict(r) for r in records],
    }


def _score(record: Record, name: str, ranking: list[Key], gold: set[Key], deep: list[Key] | None = None) -> None:
    """`deep`: the ranking recall beyond 10 is read from, when it is not `ranking` itself."""
    deep = ranking if deep is None else deep
    record.rankings[name] = ranking[:10]
    record.ranks[name] = rank(ranking, gold)
    record.recalls[name] = {k: round(recall(ranking if k <= 10 else deep, gold, k), 4) for k in RECALL_AT}


def _share(values) -> float | None:
    values = list(values)
    return round(sum(values) / len(values), 4) if values else None


def answer_metrics(records: list[Record]) -> dict:
    latencies = sorted(r.ms for r in records)
    return {
        "hit@1": _share(r.cited is not None and tuple(r.cited) in {tuple(g) for g in r.gold} for r in records),
        "declines": _share(r.refused for r in records),
        "decline_reasons": dict(sorted(_count(r.reason for r in records if r.refused).items())),
        "other_regulation": _share(r.cited is not None and r.cited[0] not in {g[0] for g in r.gold}
                                   for r in records),
        "ms_p50": round(statistics.median(latencies), 1) if latencies else None,
        "ms_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
    }


def ranking_metrics(records: list[Record], name: str) -> dict:
    ranks = [r.ranks[name] for r in records]
    metrics = {"hit@1": _share(k == 1 for k in ranks)}
    metrics.update({f"recall@{k}": _share(r.recalls[name][k] for r in records) for k in RECALL_AT})
    metrics["mrr"] = _share((1 / k if k else 0.0) for k in ranks)
    return metrics


def _count(values) -> dict:
    counts: dict = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def markdown(report: dict) -> str:
    s, a = report["slice"], report["answer"]
    lines = [f"STARD dev, slice {report.get('name', '')}: {s['articles']:,} articles "
             f"({s['paragraphs']:,} paragraphs) in {s['regulations']} regulations; "
             f"{report['questions']} of its {report['questions_given']} questions asked (those with all their gold files "
             "in the slice).", "",
             f"`assistant ask` (first cited article): hit@1 **{a['hit@1']}**, declines {a['declines']} "
             f"({', '.join(f'{k} {v}' for k, v in a['decline_reasons'].items()) or 'none'}), "
             f"answered from another regulation {a['other_regulation']}, {a['ms_p50']} ms p50 / {a['ms_p95']} ms p95.",
             "", "| ranking | hit@1 | " + " | ".join(f"recall@{k}" for k in RECALL_AT) + " | mrr |",
             "|---|---|" + "---|" * len(RECALL_AT) + "---|"]
    for name, m in report["rankers"].items():
        label = "ours (Searcher.search)" if name == "ours" else name
        lines.append(f"| {label} | {m['hit@1']} | " + " | ".join(str(m[f'recall@{k}']) for k in RECALL_AT)
                     + f" | {m['mrr']} |")
    if report["unresolved_gold"]:
        lines += ["", f"Gold articles not found in their regulation: {len(report['unresolved_gold'])} "
                      f"(e.g. {report['unresolved_gold'][0]})"]
    return "\n".join(lines)


def evaluate(settings, slice_name: str = "ci", questions_file=None, limit: int | None = None,
             baselines: tuple[str, ...] = ()) -> dict:
    """Build (or reuse) the slice and its index, then `run` on its questions (the first `limit`)."""
    from .assistant import Assistant

    questions = stard.load_questions(questions_file or stard.QUESTIONS)
    built = stard.build_slice(slice_name, settings.lawrefbook, questions, settings.index_dir)
    if settings.show_progress:
        print(f"STARD slice {slice_name}: corpus {built.corpus_dir}, index {built.index_dir}", file=sys.stderr)
    assistant = Assistant(settings.with_(corpus_dir=built.corpus_dir, index_dir=built.index_dir))
    given = len(questions)
    if limit:
        chosen, _ = cases(assistant, questions)
        keep = {q.id for q, _ in chosen[:limit]}
        questions = [q for q in questions if q.id in keep]
    report = run(assistant, questions, baselines, progress=settings.show_progress, given=given)
    return {"name": slice_name, **report}


STARD_GROUPS = 4  # STARD questions are held out in this many groups (by query id), like sets


def stard_rows(settings, slice_name: str, progress: bool | None = None) -> list:
    """Rows for the generic model from the STARD questions over a LawRefBook slice: laypeople's
    questions about national laws, every one answered by the slice (in scope). Without them the
    generic model knows only the Measures' questions and declines a fifth of questions about laws."""
    from .assistant import Assistant
    from .evals import Case
    from .fit import collect

    questions = stard.load_questions()
    built = stard.build_slice(slice_name, settings.lawrefbook, questions, settings.index_dir)
    laws = Assistant(settings.with_(corpus_dir=built.corpus_dir, index_dir=built.index_dir))
    chosen, _ = cases(laws, questions)
    groups: dict[str, list[Case]] = {}
    for question, gold in chosen:  # every one in scope (kind "stard" is never declined)
        groups.setdefault(f"stard-{question.id % STARD_GROUPS}", []).append(
            Case(str(question.id), question.question, "stard", [key[1] for key in gold], []))
    show = settings.show_progress if progress is None else progress
    return collect(laws, groups, progress=show, desc=f"STARD ({slice_name})")
