"""`assistant` command line: a thin layer over the library. Errors print one line and exit 1."""
from __future__ import annotations

import io
import json
import sys
from functools import partial
from pathlib import Path

from .cli_args import build_parser
from .config import ConfigError, Settings, apply_offline_env

EXIT_USAGE = 2


def _settings(args) -> Settings:
    return Settings.from_env(
        corpus_dir=getattr(args, "corpus", None),
        index_dir=getattr(args, "index_dir", None),
        data_dir=getattr(args, "data_dir", None),
        lawrefbook=getattr(args, "lawrefbook", None),
        chroma_url=getattr(args, "chroma_url", None),
        embedder=getattr(args, "embedder", None),
        auto_build=False if getattr(args, "no_rebuild", False) else None,
        show_progress=False if getattr(args, "quiet", False) else None,
    )


def _emit(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n")


def _print_answer(answer, as_json: bool) -> None:
    if as_json:
        _emit(answer.to_dict())
    else:
        sys.stdout.write(answer.answer + "\n")


def _stdin_lines():
    """Questions from stdin, one per line; bytes that are not UTF-8 are replaced, not fatal."""
    stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline=None)
    for line in stream:
        yield line.rstrip("\n")


def cmd_ask(args) -> int:
    from .assistant import Assistant

    assistant = Assistant(_settings(args))
    if args.regulation and assistant.index.corpus.get(args.regulation) is None:
        known = ", ".join(r.id for r in assistant.index.corpus.regulations)
        print(f"assistant ask: unknown regulation {args.regulation!r}; loaded: {known}", file=sys.stderr)
        return EXIT_USAGE
    if args.question:
        _print_answer(assistant.ask(" ".join(args.question), regulation=args.regulation), args.json)
        return 0
    if sys.stdin is None or sys.stdin.isatty():
        print("assistant ask: give a question, or pipe questions (one a line) with --json", file=sys.stderr)
        return EXIT_USAGE
    for line in _stdin_lines():
        _print_answer(assistant.ask(line, regulation=args.regulation), args.json)
        sys.stdout.flush()
    return 0


def _corpus(args):
    from .sources import load_corpus

    return load_corpus(_settings(args).corpus_dir)


def _regulation(args):
    """The regulation named by --regulation, else the default (a folder of peers needs --regulation)."""
    return _corpus(args).choose(getattr(args, "regulation", None))


def cmd_article(args) -> int:
    from .listing import absent_article, article_dict, article_number
    from .normalize import SIMPLIFIED, TRADITIONAL, display

    regulation = _regulation(args)
    number = article_number(args.number)
    if number is None:
        print(f"assistant article: {args.number!r} is not an article number (try 21 or 二十一)",
              file=sys.stderr)
        return EXIT_USAGE
    article = regulation.article(number)
    script = TRADITIONAL if args.traditional else SIMPLIFIED
    if article is None:
        absent = absent_article(regulation, number, script)
        _emit(absent) if args.json else print(absent["message"])
        return 1
    if args.json:
        _emit(article_dict(regulation, article))
        return 0
    print(display(article.label, script))
    for paragraph in article.paragraphs:
        print(display(paragraph.text, script))
    return 0


def cmd_articles(args) -> int:
    from .listing import articles_listing
    from .normalize import SIMPLIFIED, display

    regulation = _regulation(args)
    listing = articles_listing(regulation)
    rows = listing["articles"]
    if args.json:
        _emit(listing)
        return 0
    print(f"《{display(regulation.title, SIMPLIFIED)}》 {len(regulation.articles)}/{regulation.last_number}")
    for row in rows:
        if row["missing"]:
            print(f"{row['label']}  [原文缺失 / missing from the source]")
        else:
            first = row["text"].split("\n")[0]
            print(f"{row['label']}  {first[:60]}{'…' if len(first) > 60 else ''}")
    return 0


def cmd_index(args) -> int:
    return _build_index(args, _settings(args))


def cmd_library(args) -> int:
    """Build (or check) the reference library's index: the same build as `index`, over library/."""
    from .config import ConfigError

    settings = _settings(args).library()
    if settings is None:
        raise ConfigError("no reference library is configured: set ASSISTANT_LIBRARY_DIR to its folder")
    return _build_index(args, settings)


def _build_index(args, settings) -> int:
    import time

    from .embeddings import make_embedder
    from .index import open_index
    from .manifest import status
    from .sources import load_corpus

    if args.status:
        corpus = load_corpus(settings.corpus_dir)
        embedder = make_embedder(settings)
        current = status(settings, corpus, embedder.id)
        report = {"directory": str(current.directory), "current": current.current,
                  "problem": current.problem,
                  "manifest": current.manifest.__dict__ if current.manifest else None}
        _emit(report) if args.json else print(
            f"{current.directory}: " + ("up to date" if current.current else current.problem))
        return 0 if current.current else 1
    started = time.perf_counter()
    index = open_index(settings.with_(auto_build=True), rebuild=args.rebuild)
    seconds = time.perf_counter() - started
    built = index.built
    report = {"directory": str(settings.index_dir), "paragraphs": index.lexical.size,
              "regulations": len(index.corpus.regulations), "embedder": index.embedder.id,
              "seconds": round(seconds, 2), "embedded": built.embedded if built else 0,
              "deleted": built.deleted if built else 0, "full": built.full if built else False,
              "articles": sum(len(r.articles) for r in index.corpus.regulations),
              "articles_embedded": built.articles_embedded if built else 0,
              "articles_per_s": built.articles_per_second if built else 0.0,
              "reused": built.reused if built else 0}
    _emit(report) if args.json else print(
        f"index ready at {settings.index_dir}: {report['articles']} articles, {report['paragraphs']} "
        f"paragraphs from {report['regulations']} regulation(s), embedder {report['embedder']}; "
        f"embedded {report['embedded']} paragraphs of {report['articles_embedded']} articles "
        f"({report['articles_per_s']} articles/s), deleted {report['deleted']}"
        f"{' (full rebuild)' if report['full'] else ''} ({seconds:.1f} s)")
    return 0


def cmd_eval(args) -> int:
    from .assistant import Assistant
    from . import evals

    if args.stard:
        return _eval_stard(args)
    cases = evals.load_cases(args.file or evals.DEFAULT_FILE, args.split)
    if not cases:
        print(f"assistant eval: no cases for split {args.split!r} in {args.file or evals.DEFAULT_FILE}",
              file=sys.stderr)
        return 1
    rep = evals.evaluate(Assistant(_settings(args)), cases, with_baselines=args.baselines)
    text = evals.markdown(rep)
    if args.report:
        Path(args.report).write_text(text + "\n", "utf-8")
    if args.json:
        _emit(rep)
    else:
        print(text)
    return 0


def _eval_stard(args) -> int:
    from . import stard_eval

    settings = _settings(args)
    names = ("bm25", "dense", "langchain") if args.baselines else ()
    try:
        report = stard_eval.evaluate(settings, args.slice, args.file, args.limit, names)
    except ValueError as exc:
        print(f"assistant eval: {exc}", file=sys.stderr)
        return EXIT_USAGE
    records = args.records or settings.index_dir / f"stard-{args.slice}-records.jsonl"
    with open(records, "w", encoding="utf-8") as out:
        for record in report["records"]:
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    text = stard_eval.markdown(report)
    if args.report:
        Path(args.report).write_text(text + "\n", "utf-8")
    if args.json:
        _emit({k: v for k, v in report.items() if k != "records"})
    else:
        print(text)
    print(f"per-question records: {records}", file=sys.stderr)
    return 0


def cmd_decision(args) -> int:
    from .assistant import GENERIC_MODEL, Assistant
    from .decision import FILE_NAME, default_file
    from . import evals, fit, fit_output, stard_eval

    assistant = Assistant(_settings(args))
    sets = evals.eval_sets()
    if args.sets:
        unknown = [s for s in args.sets if s not in sets]
        if unknown:
            print(f"assistant decision fit: unknown set(s) {', '.join(unknown)}; known: {', '.join(sets)}",
                  file=sys.stderr)
            return EXIT_USAGE
        sets = {name: sets[name] for name in args.sets}
    output = args.output or default_file(Path(assistant.settings.corpus_dir) / assistant.index.corpus.browse.id,
                                         assistant.index.embedder.id)
    if args.stard and args.output:
        print("assistant decision fit: --stard teaches the generic model, which --output does not write; "
              "drop one of them", file=sys.stderr)
        return EXIT_USAGE
    laws = stard_eval.stard_rows(assistant.settings, args.stard) if args.stard else []
    try:
        report = fit.run(assistant, sets, output, None if args.output or output.name != FILE_NAME else GENERIC_MODEL,
                         progress=assistant.settings.show_progress, generic_extra=laws)
    except ValueError as exc:
        print(f"assistant decision fit: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _emit(report) if args.json else print(fit_output.markdown(report))
    return 0


def cmd_duties(args) -> int:
    from dataclasses import asdict

    from .listing import actors_listing, duties_listing
    from .obligations import Obligations

    regulation = _regulation(args)
    obligations = Obligations(regulation)
    if args.actors:
        listing = actors_listing(obligations)
        if args.json:
            _emit(listing)
        else:
            for row in listing["actors"]:
                print(f"{row['id']:<15} {row['obligations']:>3}  {row['name']}")
        return 0
    if args.coverage:
        gaps = [asdict(g) for g in obligations.gaps]
        _emit({"obligations": len(obligations.items), "gaps": gaps}) if args.json else print(
            f"{len(obligations.items)} obligations; paragraphs with a modal verb but none extracted: "
            + (", ".join(f"{g['article']}:{g['paragraph']} ({g['reason']})" for g in gaps) or "none"))
        return 0
    actor = None
    if args.actor:
        actor = obligations.resolve(args.actor)
        if actor is None:
            known = ", ".join(f"{a.id} ({a.name})" for a in regulation.actors)
            print(f"assistant duties: unknown actor {args.actor!r}; known: {known}", file=sys.stderr)
            return EXIT_USAGE
    items = obligations.select(actor, args.modality)
    if args.json:
        _emit(duties_listing(obligations, actor, args.modality))
        return 0
    from .duties import plain_lines

    for line in plain_lines(obligations, items):
        print(line)
    print(f"{len(items)} obligation(s)", file=sys.stderr)
    return 0


def _feedback_store(args):
    from .feedback import FeedbackStore

    return FeedbackStore(_settings(args).data_dir / "feedback.sqlite3")


def cmd_serve(args) -> int:
    from .assistant import Assistant

    settings = _settings(args)
    # Answers run `workers` at a time, each embedding on one core: under load that beats one
    # answer at a time on every core (README, Load); ASSISTANT_EMBED_THREADS overrides.
    settings = settings.with_(workers=args.workers or settings.workers,
                              embed_threads=settings.embed_threads or 1)
    assistant = Assistant(settings)  # builds the index first when needed
    what = "the JSON API" if args.api_only else "the web chat and the JSON API"
    print(f"serving on http://{args.host}:{args.port}: {what} (described at /docs)", file=sys.stderr)
    if args.api_only:
        from .api import serve
    else:
        from .web import serve
        serve = partial(serve, store=_feedback_store(args))
    serve(assistant, host=args.host, port=args.port, workers=settings.workers)
    return 0


def cmd_feedback(args) -> int:
    from .feedback import export_jsonl

    store = _feedback_store(args)
    if args.output and str(args.output) != "-":
        with open(args.output, "w", encoding="utf-8") as out:
            count = export_jsonl(store, out)
    else:
        count = export_jsonl(store, sys.stdout)
    print(f"exported {count} feedback record(s) from {store.path}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    apply_offline_env()
    args = build_parser().parse_args(argv)
    args.func = globals()[args.func]
    from .corpus import CorpusError
    from .embeddings import EmbedderError
    from .index import IndexNotReady

    try:
        return args.func(args)
    except (ConfigError, CorpusError, EmbedderError, IndexNotReady) as exc:
        print(f"assistant {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
