"""A static word-vector table distilled from the embedder, measured as a first dense stage (issue 14).

    python -m benchmarks.static_vectors [--min-frequency 100] [--save]

Every word of jieba's dictionary used at least `--min-frequency` times, every word of the index and
every English word CC-CEDICT's glosses use three times or more (`--english-min`) is embedded once, alone, as a query;
a question's static vector is the mean of its words' vectors (a word the table lacks: its
characters'), after the table's mean is taken from each. Over the eval questions that ask one
thing and have a gold article (no references, no metadata, no two-part messages), the benchmark
ranks articles by the embedder's vector and by the static one — each alone and fused with BM25 as
the answer path fuses them — and tries a gate that keeps the static ranking only where it agrees
with BM25's best article and leads the second by `--lead`, embedding the question otherwise.
The table is cached beside the index (`static-vectors.npz`); its build prints progress.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).resolve().parent / "results"
FILE_NAME = "static-vectors.npz"


def vocabulary(assistant, min_frequency: int, english_min: int = 3) -> list[str]:
    from assistant.english import entries

    tokenizer = assistant.index.tokenizer
    words = {w for w in tokenizer.dictionary_words(min_frequency) if not re.fullmatch(r"[\W_\d]+", w)}
    words |= set(assistant.index.lexical.doc_freq)
    counts: dict[str, int] = {}
    for _, _, glosses in entries():
        for word in re.findall(r"[A-Za-z][A-Za-z'-]+", " ".join(glosses)):
            counts[word.lower()] = counts.get(word.lower(), 0) + 1
    words |= {w for w, n in counts.items() if n >= english_min}
    return sorted(words)


def table(assistant, min_frequency: int, english_min: int = 3) -> tuple[dict[str, int], np.ndarray, float]:
    """(word → row, mean-centred vectors, seconds the build took; 0 when cached)."""
    path = Path(assistant.settings.index_dir) / FILE_NAME
    words = vocabulary(assistant, min_frequency, english_min)
    key = f"{assistant.index.embedder.id}|{min_frequency}|{english_min}|{len(words)}"
    if path.exists():
        cached = np.load(path)
        if str(cached["key"]) == key:
            return {w: i for i, w in enumerate(cached["words"])}, cached["vectors"], 0.0
    start, rows = time.perf_counter(), []
    for i in range(0, len(words), 512):
        rows.append(np.asarray(assistant.index.embedder.embed_queries(words[i:i + 512]), dtype=np.float32))
        if i % 5120 == 0 or i + 512 >= len(words):
            print(f"  embedding words: {min(i + 512, len(words)):,} of {len(words):,}", file=sys.stderr, flush=True)
    vectors = np.vstack(rows)
    vectors -= vectors.mean(axis=0)
    np.savez(path, key=np.array(key), words=np.array(words), vectors=vectors)
    return {w: i for i, w in enumerate(words)}, vectors, time.perf_counter() - start


def static_vector(assistant, rows: dict[str, int], vectors: np.ndarray, text: str) -> np.ndarray:
    from assistant.lexical import STOPWORDS

    picked = []
    for word in assistant.index.tokenizer.words(text):
        if word in STOPWORDS or re.fullmatch(r"[\W_\d]+", word):
            continue
        picked += [rows[word]] if word in rows else [rows[c] for c in word if c in rows]
    if not picked:
        return np.zeros(vectors.shape[1], dtype=np.float32)
    vector = vectors[picked].mean(axis=0)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def questions() -> list[dict]:
    from assistant.config import PROJECT_ROOT
    from assistant.references import find_references

    files = [PROJECT_ROOT / "evals" / "questions.jsonl", *sorted((PROJECT_ROOT / "evals" / "external").glob("*.jsonl")),
             *sorted((PROJECT_ROOT / "evals" / "batches").glob("*.jsonl"))]
    rows = [json.loads(line) for f in files for line in f.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["gold_articles"] and r["kind"] not in ("multi", "lookup", "missing")
            and not find_references(r["question"])]


def measure(assistant, min_frequency: int = 100, lead: float = 1.25, limit: int | None = None,
            english_min: int = 3) -> dict:
    searcher = assistant.searcher
    rows, vectors, build_seconds = table(assistant, min_frequency, english_min)
    article_of = np.array([assistant.index.paragraphs[pid].article for pid in searcher._ids])

    def by_article(paragraph_scores: np.ndarray) -> np.ndarray:
        scores = np.full(int(article_of.max()) + 1, -np.inf)
        np.maximum.at(scores, article_of, paragraph_scores)
        return scores

    def similarities(vector) -> np.ndarray:
        return searcher.similarities(list(map(float, vector)), len(searcher._ids))

    cases = questions()[:limit]
    hits = dict(e5=0, static=0, e5_fused=0, static_fused=0, lexical=0, gated=0)
    fired = agreed = 0
    e5_ms, static_ms = [], []
    for case in cases:
        folded = assistant.index.fold(case["question"])
        expansions = searcher.expansions(folded)
        query = searcher.dense_query(folded, expansions)
        lexical = searcher.lexical_scores(folded, expansions)
        start = time.perf_counter()
        e5 = assistant.index.embedder.embed_query(query)
        e5_ms.append(1000 * (time.perf_counter() - start))
        start = time.perf_counter()
        static = static_vector(assistant, rows, vectors, query)
        static_ms.append(1000 * (time.perf_counter() - start))
        dense, dense_static = similarities(e5), similarities(static)
        tops = {}
        for name, scores in (("e5", dense), ("static", dense_static), ("lexical", lexical),
                             ("e5_fused", searcher.fuse(lexical, dense)),
                             ("static_fused", searcher.fuse(lexical, dense_static))):
            articles = by_article(scores)
            order = np.argsort(-articles)
            tops[name] = (int(order[0]), float(articles[order[0]]), float(articles[order[1]]))
            hits[name] += tops[name][0] in case["gold_articles"]
        top, best, second = tops["static_fused"]
        if top == tops["lexical"][0] and best >= lead * second:
            fired += 1
            agreed += top == tops["e5_fused"][0]
            hits["gated"] += top in case["gold_articles"]
        else:
            hits["gated"] += tops["e5_fused"][0] in case["gold_articles"]
    n = len(cases)
    return {
        "questions": n, "table_words": len(rows), "table_build_s": round(build_seconds, 1),
        "table_mb": round(vectors.nbytes / 1e6, 1),
        "hit_at_1": {k: round(v / n, 4) for k, v in hits.items()},
        "gate": {"lead": lead, "fires": round(fired / n, 4), "same_top_as_e5_fused": round(agreed / max(fired, 1), 4)},
        "query_ms_p50": {"e5": round(float(np.median(e5_ms)), 3), "static": round(float(np.median(static_ms)), 3)},
    }


def report(result: dict) -> str:
    h, g, t = result["hit_at_1"], result["gate"], result["query_ms_p50"]
    return "\n".join([
        f"# Static word vectors as a first dense stage ({result['questions']} one-part eval questions with gold)",
        "",
        f"table: {result['table_words']:,} words, {result['table_mb']} MB"
        + (f", built in {result['table_build_s']} s" if result["table_build_s"] else " (cached)"),
        "",
        "| ranking | hit@1 |", "|---|---|",
        f"| BM25 alone | {h['lexical']:.4f} |",
        f"| e5 vector alone | {h['e5']:.4f} |",
        f"| static vector alone | {h['static']:.4f} |",
        f"| BM25 + e5 (the answer path's fusion) | {h['e5_fused']:.4f} |",
        f"| BM25 + static | {h['static_fused']:.4f} |",
        f"| gated: BM25 + static where it agrees with BM25 and leads ×{g['lead']}, else BM25 + e5 | {h['gated']:.4f} |",
        "",
        f"gate fires on {g['fires']:.1%} of the questions; there its best article is BM25 + e5's in "
        f"{g['same_top_as_e5_fused']:.1%}. Query vector p50: e5 {t['e5']} ms, static {t['static']} ms.",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.static_vectors", description=__doc__.splitlines()[0])
    parser.add_argument("--min-frequency", type=int, default=100, help="jieba dictionary words used this often")
    parser.add_argument("--english-min", type=int, default=3, help="English gloss words used this often")
    parser.add_argument("--lead", type=float, default=1.25, help="the gate's lead of the best article over the second")
    parser.add_argument("--limit", type=int, help="only the first N questions")
    parser.add_argument("--save", action="store_true", help="write benchmarks/results/static_vectors.{json,md}")
    args = parser.parse_args(argv)
    if args.min_frequency < 1 or args.english_min < 1 or args.lead < 1:
        parser.error("--min-frequency and --english-min must be ≥ 1, --lead ≥ 1")
    from assistant import Assistant
    from assistant.config import Settings

    result = measure(Assistant(Settings.from_env()), args.min_frequency, args.lead, args.limit, args.english_min)
    text = report(result)
    print(text)
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "static_vectors.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
        (RESULTS / "static_vectors.md").write_text(text + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
