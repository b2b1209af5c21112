"""Scale benchmark: the same measures at three corpus sizes — the Measures alone; the Measures
plus the Beijing, Shandong and Zhejiang 信息化促进条例; and a 50,000-article slice of LawRefBook.

For each size: full index build (seconds, paragraphs and articles per second, peak RSS, size on
disk), opening the index, warm `ask` latency over the eval questions with a stage breakdown,
RSS while answering, and CLI cold start. Builds and measurements run in child processes, so
each RSS is that size's own. Indexes are kept under --work and reused while current (the
recorded build figures with them); --rebuild measures the build again.

    python -m benchmarks.scale                          # all three sizes (the 50k build ≈ 1 h)
    python -m benchmarks.scale --sizes measures,information
    python -m benchmarks.scale --sizes 50k --lawrefbook ../shared/corpora/lawrefbook

Writes benchmarks/results/scale.{json,md}; nothing is asserted.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .run import ROOT, RESULTS, cold_cli

SIZES = ("measures", "information", "50k")
LAWREFBOOK = ROOT.parent / "shared" / "corpora" / "lawrefbook"
INFORMATION_LAWS = ("北京市信息化促进条例", "山东省信息化促进条例", "浙江省信息化促进条例")
SLICE_ARTICLES = 50_000
MEASURES = ROOT / "corpus" / "jilin-informatization-measures"

_CHILD_BUILD = """import resource, sys
from assistant.cli import main
code = main(sys.argv[2:])
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
sys.exit(code)
"""


def _link(folder: Path, target: Path, name: str) -> None:
    link = folder / name
    if not link.is_symlink():
        link.symlink_to(target.resolve())


def _lawrefbook_files(root: Path) -> list[Path]:
    """Every LawRefBook Markdown file, in a fixed pseudo-random order (a hash of its path), so
    a slice mixes national laws, regulations, interpretations and local rules."""
    if not root.is_dir():
        raise SystemExit(f"LawRefBook corpus not found at {root}; give --lawrefbook PATH")
    files = [p for p in root.rglob("*.md") if p.name != "_index.md" and "案例" not in p.parts]
    return sorted(files, key=lambda p: hashlib.sha256(str(p.relative_to(root)).encode()).hexdigest())


def assemble(size: str, work: Path, lawrefbook: Path, articles: int) -> Path:
    """The corpus folder of a size: links to the Measures and to the chosen Markdown files."""
    if size == "measures":
        return MEASURES.parent
    from assistant.corpus import CorpusError
    from assistant.sources import load_markdown, load_regulation_folder

    folder = work / size / "corpus"
    if folder.exists() and (folder / "SELECTION").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    _link(folder, MEASURES, MEASURES.name)
    count = len(load_regulation_folder(MEASURES).articles)
    names: set[str] = set()
    chosen = []
    for path in _lawrefbook_files(lawrefbook):
        wanted = any(path.stem.startswith(t) for t in INFORMATION_LAWS) if size == "information" \
            else count < articles
        if not wanted or path.stem in names:
            continue
        try:
            count += len(load_markdown(path).articles)
        except CorpusError:
            continue
        names.add(path.stem)
        chosen.append(path)
        _link(folder, path, path.name)
    (folder / "SELECTION").write_text(
        "".join(f"{p.relative_to(lawrefbook)}\n" for p in chosen), "utf-8")
    return folder


def _disk_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


def build(corpus: Path, index: Path) -> dict:
    """A full build in a child process; progress (with articles/s) goes to this terminal."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _CHILD_BUILD, rss.name, "index", "--rebuild", "--json",
             "--corpus", str(corpus), "--index-dir", str(index)],
            cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
        seconds = time.perf_counter() - started
        peak_kb = int(rss.read() or 0)
    report = json.loads(done.stdout)
    return {"seconds": round(seconds, 1), "regulations": report["regulations"],
            "articles": report["articles"], "paragraphs": report["paragraphs"],
            "articles_per_s": round(report["articles"] / seconds, 1),
            "paragraphs_per_s": round(report["paragraphs"] / seconds, 1),
            "peak_rss_mb": round(peak_kb / 1024, 1), "disk_mb": _disk_mb(index)}


def _current(corpus: Path, index: Path) -> bool:
    return subprocess.run([sys.executable, "-m", "assistant", "index", "--status", "--corpus", str(corpus),
                           "--index-dir", str(index)], cwd=ROOT, capture_output=True).returncode == 0


def measure_here(repeat: int) -> dict:
    """In the child: open the index named by the environment, then the warm benchmark."""
    from assistant import Assistant, Settings

    from .run import warm

    started = time.perf_counter()
    assistant = Assistant(Settings.from_env(show_progress=False, auto_build=False))
    opened = time.perf_counter() - started
    rss_open = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = warm(repeat, assistant=assistant, langchain=False)
    return {"open_s": round(opened, 2), "rss_open_mb": round(rss_open, 1),
            "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "vectors": assistant.index.vectors.count(), **result, "measures_questions": quality(assistant)}


def quality(assistant) -> dict:
    """How the eval questions (all about the Measures) fare when the Measures are one regulation
    among many: top article right *and* from the Measures; answered from another regulation;
    out-of-scope questions still declined."""
    from assistant import evals

    home = assistant.index.corpus.default.id
    cases = evals.load_cases()
    answers = {c.id: assistant.ask(c.question) for c in cases}
    ranked = [c for c in cases if c.gold_articles and not c.should_decline]
    in_scope = [c for c in cases if not c.should_decline]
    declines = [c for c in cases if c.should_decline]

    def share(flags) -> float:
        flags = list(flags)
        return round(sum(flags) / len(flags), 3) if flags else 0.0

    return {
        "hit@1": share(answers[c.id].regulation == home and answers[c.id].articles[:1] != []
                       and answers[c.id].articles[0] in c.gold_articles for c in ranked),
        "answered_from_other_regulations": share(
            not answers[c.id].refused and answers[c.id].regulation != home for c in in_scope),
        "correct_declines": share(answers[c.id].refused for c in declines),
    }


def measure(corpus: Path, index: Path, repeat: int) -> dict:
    env = {**os.environ, "ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_INDEX_DIR": str(index)}
    done = subprocess.run([sys.executable, "-m", "benchmarks.scale", "--measure-here", "--repeat", str(repeat)],
                          cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout)


def run_size(size: str, args) -> dict:
    corpus = assemble(size, args.work, args.lawrefbook, args.articles)
    index = args.work / size / "index"
    recorded = args.work / size / "build.json"
    if args.rebuild or not recorded.exists() or not _current(corpus, index):
        print(f"[{size}] building the index of {corpus} …", file=sys.stderr, flush=True)
        recorded.parent.mkdir(parents=True, exist_ok=True)
        recorded.write_text(json.dumps(build(corpus, index)), "utf-8")
    figures = {"build": json.loads(recorded.read_text("utf-8"))}
    print(f"[{size}] measuring warm latency …", file=sys.stderr, flush=True)
    figures["query"] = measure(corpus, index, args.repeat)
    figures["cold_cli_ms"] = cold_cli(args.cold_runs, str(index), str(corpus))
    return figures


def markdown(sizes: dict) -> str:
    lines = ["| corpus | regulations | articles | paragraphs | build | articles/s | build peak RSS | disk "
             "| open | RSS answering | warm p50 / p95 / p99 | CLI cold start p50 |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for size in SIZES:
        if size not in sizes:
            continue
        b, q = sizes[size]["build"], sizes[size]["query"]
        ask = q["ask_ms"]
        lines.append(
            f"| {size} | {b['regulations']} | {b['articles']} | {b['paragraphs']} | {b['seconds']} s | "
            f"{b['articles_per_s']} | {b['peak_rss_mb']} MB | {b['disk_mb']} MB | {q['open_s']} s | "
            f"{q['rss_peak_mb']} MB | {ask['p50']} / {ask['p95']} / {ask['p99']} ms | "
            f"{sizes[size]['cold_cli_ms']['p50']} ms |")
    lines.append("")
    for size in SIZES:
        if size in sizes:
            query = sizes[size]["query"]
            stages = ", ".join(f"{k} {v}" for k, v in query["stages_ms_median"].items())
            asked = query.get("measures_questions", {})
            lines.append(f"- {size}: stage medians (ms) {stages}; eval questions on the Measures: "
                         + ", ".join(f"{k} {v}" for k, v in asked.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help=f"comma-separated, of {', '.join(SIZES)}")
    parser.add_argument("--lawrefbook", type=Path, default=LAWREFBOOK, help="the LawRefBook corpus folder")
    parser.add_argument("--articles", type=int, default=SLICE_ARTICLES, help="articles in the '50k' slice")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work",
                        help="where slices and their indexes are kept")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the eval questions")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true", help="build again even when current")
    parser.add_argument("--out", type=Path, default=RESULTS / "scale")
    parser.add_argument("--measure-here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    from assistant.config import apply_offline_env

    apply_offline_env()
    if args.measure_here:
        print(json.dumps(measure_here(args.repeat)))
        return 0
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown or not sizes:
        parser.error(f"unknown size(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(SIZES)}")
    results_file = args.out.with_suffix(".json")
    results = json.loads(results_file.read_text("utf-8")) if results_file.exists() else {}
    results["machine"] = f"{os.cpu_count()} cores"
    for size in sizes:
        results.setdefault("sizes", {})[size] = run_size(size, args)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        results_file.write_text(json.dumps(results, indent=2, ensure_ascii=False), "utf-8")
        args.out.with_suffix(".md").write_text(markdown(results["sizes"]) + "\n", "utf-8")
    print(markdown(results["sizes"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
