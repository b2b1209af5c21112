"""Benchmarks: warm `ask` latency with a per-stage breakdown, the stock LangChain recipe on the
same questions, CLI and server cold starts, index build time and peak memory. Figures are
printed and written as JSON + Markdown; nothing is asserted here.

    python -m benchmarks.run                      # writes benchmarks/results/latest.{json,md}
    python -m benchmarks.run --repeat 1 --quick   # a shorter run
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
QUESTION = "小区的网线能不能一直架在电线杆上?"


def percentiles(values: list[float]) -> dict:
    values = sorted(values)
    if not values:
        return {}
    pick = lambda q: values[min(len(values) - 1, int(round(q * (len(values) - 1))))]  # noqa: E731
    return {"p50": round(statistics.median(values), 2), "p95": round(pick(0.95), 2),
            "p99": round(pick(0.99), 2), "n": len(values)}


def questions() -> list[str]:
    from assistant import evals

    return [c.question for c in evals.load_cases() if len(c.question) <= 2000]


class _EmbeddingTimer:
    """Adds up the time an embedder spends in `embed_query` (removed again with `del`)."""

    def __init__(self, embedder) -> None:
        self.seconds = 0.0
        self._embed = embedder.embed_query
        embedder.embed_query = self

    def __call__(self, text: str):
        started = time.perf_counter()
        try:
            return self._embed(text)
        finally:
            self.seconds += time.perf_counter() - started


def warm(repeat: int, assistant=None, langchain: bool = True) -> dict:
    """Warm latencies over the eval questions; with `langchain`, the stock recipe on the same
    questions (it re-embeds the whole corpus, so the scale benchmark leaves it out). The passes
    repeat the questions, so the query caches (the corpus's and the reference library's) are
    emptied before every question: nothing is reused from an earlier question, while one answer
    still embeds a text once (a decline the library is asked about: its probability, then its
    answer, as served). `cached` times a repeated question."""
    from assistant import Assistant, Settings

    assistant = assistant or Assistant(Settings.from_env(show_progress=False))
    return _warm(repeat, assistant, langchain)


def _forgetting(assistant):
    """`assistant.ask` that first empties the query caches (of the corpus and of the library)."""
    from assistant.embeddings import QueryCache

    library = assistant.library()
    caches = [a.index.embedder for a in (assistant, library) if a is not None
              and isinstance(a.index.embedder, QueryCache)]

    def ask(question: str):
        for cache in caches:
            cache.clear()
        return assistant.ask(question)

    return ask


def cached(assistant=None) -> dict:
    """A repeated question: each eval question asked once (untimed), then again, timed."""
    from assistant import Assistant, Settings
    from assistant.embeddings import QueryCache

    assistant = assistant or Assistant(Settings.from_env(show_progress=False))
    if not isinstance(assistant.index.embedder, QueryCache):
        assistant.index.embedder = QueryCache(assistant.index.embedder, 4096)
    asked = questions()
    for q in asked:
        assistant.ask(q)
    times = []
    for q in asked:
        t0 = time.perf_counter()
        assistant.ask(q)
        times.append((time.perf_counter() - t0) * 1000)
    return percentiles(times)


def threads(counts: tuple[int, ...] = (1, 2)) -> dict:
    """Warm `ask` (one pass, no LangChain) with the embedder on 1 or 2 threads, each count in its
    own process (OpenMP reads it once); the vectors, so the answers, are the same."""
    figures = {}
    for count in counts:
        env = {**os.environ, "ASSISTANT_EMBED_THREADS": str(count)}
        done = subprocess.run([sys.executable, "-m", "benchmarks.run", "--threads-child"], env=env,
                              capture_output=True, text=True, check=True, cwd=ROOT)
        figures[str(count)] = json.loads(done.stdout)
    return figures


def _warm(repeat: int, assistant, langchain: bool) -> dict:
    from assistant import baselines
    from assistant.normalize import clean, detect_script
    from assistant.analysis import analyse, read_message

    searcher, index = assistant.searcher, assistant.index
    asked = questions()
    searched: set[str] = set()  # questions that reach retrieval (not references, metadata, …)
    search = searcher.search
    for q in asked:  # warm caches (OpenCC, jieba, the embedder's pages); note who searches
        searcher.search = lambda *args, _q=q, **kwargs: (searched.add(_q), search(*args, **kwargs))[1]
        assistant.ask(q)
    del searcher.search  # the class's method again
    # Ours and (with `langchain`) the stock recipe, interleaved question by question, so a
    # machine that slows down mid-run slows both alike; who goes first alternates per pass.
    ranker = baselines.make("langchain", searcher) if langchain else None
    if ranker is not None:
        for q in asked:
            ranker(q)  # its warm-up
    totals: list[float] = []
    theirs: list[float] = []
    ask = _forgetting(assistant)
    runners = [(ask, totals)] + ([(ranker, theirs)] if ranker is not None else [])
    for number in range(repeat):
        order = runners if number % 2 == 0 else runners[::-1]
        for q in asked:
            for run, times in order:
                t0 = time.perf_counter()
                run(q)
                times.append((time.perf_counter() - t0) * 1000)
    stages: dict[str, list[float]] = {k: [] for k in
                                      ("normalise", "lexical", "dense_embed", "vector_search", "fuse", "compose")}
    for q in asked:
        if q not in searched:
            continue
        # the stages Searcher.search runs, timed one by one; the rest of that question's ask is
        # question analysis, article ranking, the decline decision and composing the answer
        t0 = time.perf_counter()
        text = clean(q)
        detect_script(text)
        folded = index.fold(text)
        analyse(folded, read_message(text, index.fold), assistant._gazetteers.of(assistant.regulation),
                assistant._titles.known, assistant._corpus_text)
        expansions = searcher.expansions(folded)
        t1 = time.perf_counter()
        lexical = searcher.lexical_scores(folded, expansions)
        t2 = time.perf_counter()
        query = searcher.dense_query(folded, expansions)
        vector = index.embedder.embed_query(query)
        t3 = time.perf_counter()
        dense = searcher.similarities(vector, searcher.dense_candidates)
        t4 = time.perf_counter()
        searcher.fuse(lexical, dense)
        t5 = time.perf_counter()
        timed = {"normalise": t1 - t0, "lexical": t2 - t1, "dense_embed": t3 - t2,
                 "vector_search": t4 - t3, "fuse": t5 - t4}
        for name, value in timed.items():
            stages[name].append(value * 1000)
        embedding = _EmbeddingTimer(index.embedder)  # the whole ask, less its own embedding time
        t7 = time.perf_counter()
        ask(q)
        rest = time.perf_counter() - t7 - embedding.seconds
        del index.embedder.embed_query
        others = sum(v for k, v in timed.items() if k != "dense_embed")
        stages["compose"].append(max(0.0, rest - others) * 1000)
    result = {"questions": len(asked), "repeat": repeat, "ask_ms": percentiles(totals),
              "searched_questions": len(searched),
              "stages_ms_median": {k: round(statistics.median(v), 2) if v else 0.0
                                   for k, v in stages.items()}}
    if ranker is None:
        return result
    ours, stock = result["ask_ms"], percentiles(theirs)
    return {
        **result,
        "langchain_recipe_ms": stock,
        "speedup_vs_langchain_p50": round(stock["p50"] / ours["p50"], 2),
        "speedup_vs_langchain_p95": round(stock["p95"] / ours["p95"], 2),
    }


def cold_cli(runs: int, index_dir: str, corpus_dir: str | None = None) -> dict:
    env = {**os.environ, "ASSISTANT_INDEX_DIR": index_dir}
    if corpus_dir:
        env["ASSISTANT_CORPUS_DIR"] = corpus_dir
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant", "ask", "--quiet", QUESTION], env=env,
                       capture_output=True, check=True, cwd=ROOT)
        times.append((time.perf_counter() - t0) * 1000)
    return percentiles(times)


def cold_serve(index_dir: str, api_only: bool = False) -> dict:
    """Start to listening, and to the first answer (gradio_client /ask, or POST /api/ask)."""
    from .load import ApiClient, PageClient, free_port, start_server, stop_server

    port = free_port()
    t0 = time.perf_counter()
    process = start_server(port, {**os.environ, "ASSISTANT_INDEX_DIR": index_dir}, poll=0.05,
                           flags=["--api-only"] if api_only else [])
    try:
        listening = time.perf_counter() - t0
        client = (ApiClient if api_only else PageClient)(f"http://127.0.0.1:{port}/")
        client.ask(QUESTION)
        answered = time.perf_counter() - t0
        client.close()
    finally:
        stop_server(process)
    return {"listening_ms": round(listening * 1000), "first_answer_ms": round(answered * 1000)}


def build(corpus: str | None) -> dict:
    """Index build in a child process: seconds, peak RSS (MB), size on disk (MB)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ASSISTANT_INDEX_DIR": tmp}
        if corpus:
            env["ASSISTANT_CORPUS_DIR"] = corpus
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "assistant", "index", "--rebuild", "--quiet", "--json"],
                                env=env, capture_output=True, check=True, cwd=ROOT)
        seconds = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        disk = sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file())
        report = json.loads(result.stdout)
    return {"seconds": round(seconds, 1), "paragraphs": report["paragraphs"],
            "paragraphs_per_s": round(report["paragraphs"] / seconds, 1),
            "peak_rss_mb": round(max(peak, before) / 1024, 1), "disk_mb": round(disk / 2**20, 2)}


def markdown(result: dict) -> str:
    w = result["warm"]
    lines = [
        f"Machine: {result['machine']}",
        "",
        "| measure | p50 | p95 | p99 |",
        "|---|---|---|---|",
        f"| warm `ask` (ms, {w['questions']} questions × {w['repeat']}) | {w['ask_ms']['p50']} | "
        f"{w['ask_ms']['p95']} | {w['ask_ms']['p99']} |",
        f"| stock LangChain recipe, same questions (ms) | {w['langchain_recipe_ms']['p50']} | "
        f"{w['langchain_recipe_ms']['p95']} | {w['langchain_recipe_ms']['p99']} |",
        f"| CLI cold start to printed answer (ms) | {result['cold_cli_ms']['p50']} | "
        f"{result['cold_cli_ms']['p95']} | – |",
        "",
        f"Stage medians over the {w['searched_questions']} questions that reach retrieval (ms): "
        + ", ".join(f"{k} {v}" for k, v in w["stages_ms_median"].items()),
        "",
        f"Speed-up over the LangChain recipe: ×{w['speedup_vs_langchain_p50']} at p50, "
        f"×{w['speedup_vs_langchain_p95']} at p95.",
        f"`assistant serve` cold start: listening after {result['cold_serve']['listening_ms']} ms, "
        f"first answer after {result['cold_serve']['first_answer_ms']} ms; `assistant serve --api-only`: "
        f"listening after {result['cold_serve_api']['listening_ms']} ms, first answer after "
        f"{result['cold_serve_api']['first_answer_ms']} ms.",
        f"Index build: {result['build']['seconds']} s for {result['build']['paragraphs']} paragraphs "
        f"({result['build']['paragraphs_per_s']}/s), peak RSS {result['build']['peak_rss_mb']} MB, "
        f"{result['build']['disk_mb']} MB on disk.",
        f"A repeated question (query-embedding cache hit): p50 {result['cached_ms']['p50']} ms, "
        f"p95 {result['cached_ms']['p95']} ms.",
        "Embedder threads for single questions (warm `ask`, one pass, each in its own process): "
        + "; ".join(f"{n}: p50 {f['p50']} ms, p95 {f['p95']} ms" for n, f in result["threads"].items()) + ".",
        f"Load average before the run: {result['load_average_before']}.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the questions (warm)")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS / "latest")
    parser.add_argument("--threads-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    from assistant.config import Settings, apply_offline_env

    apply_offline_env()
    if args.threads_child:
        print(json.dumps(warm(1, langchain=False)["ask_ms"]))
        return 0
    load = os.getloadavg()[0]
    index_dir = str(Settings.from_env().index_dir)
    subprocess.run([sys.executable, "-m", "assistant", "index", "--quiet"], check=True, cwd=ROOT)
    result = {
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "warm": warm(args.repeat),
        "cached_ms": cached(),
        "threads": threads(),
        "load_average_before": round(load, 2),
        "cold_cli_ms": cold_cli(args.cold_runs, index_dir),
        "cold_serve": cold_serve(index_dir),
        "cold_serve_api": cold_serve(index_dir, api_only=True),
        "build": build(None),
    }
    save(args.out, result, markdown(result))
    return 0


def save(out: Path, result: dict, text: str) -> None:
    """`out`.json (the figures) and `out`.md (the text, also printed)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(result, indent=2, ensure_ascii=False), "utf-8")
    out.with_suffix(".md").write_text(text + "\n", "utf-8")
    print(text)


if __name__ == "__main__":
    raise SystemExit(main())
