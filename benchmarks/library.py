"""Score a reference-library question batch (evals/library/*.jsonl) through the full answer path.

    python -m benchmarks.library evals/library/lib2.jsonl [--records FILE] [--failures]

Needs the library's index (`assistant library`). Right means: for a `library` question, the
regulation declines with nothing cited and its first referral is a gold (law, article) quoting every
`must_contain`; for a `measures` question, answered from a gold article with no referral; for a
`neither` question, declined with nothing cited or referred.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


def right(case: dict, answer, contains) -> bool:
    group = case["group"]
    quoted = all(contains(answer.answer, m) for m in case["must_contain"])
    if group == "library":
        from assistant.sources import slug

        gold = {(slug(g["law"]), g["article"]) for g in case["gold"]}
        referral = answer.referrals[0] if answer.referrals else None
        first = (referral["regulation"], referral["citations"][0]["article"]) if referral else None
        return answer.refused and not answer.citations and first in gold and quoted
    if group == "measures":
        cited = [c.article for c in answer.citations]
        gold = {g["article"] for g in case["gold"]}
        return not answer.refused and bool(cited) and cited[0] in gold and not answer.referrals and quoted
    return answer.refused and not answer.citations and not answer.referrals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.library", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--records", type=Path, help="per-question records (JSONL) here")
    parser.add_argument("--failures", action="store_true", help="print the questions scored wrong")
    args = parser.parse_args(argv)
    from assistant import Assistant
    from assistant.config import Settings

    assistant = Assistant(Settings.from_env(show_progress=False))
    if assistant.library() is None:
        print("no reference library index: run 'assistant library' first", file=sys.stderr)
        return 2
    contains = assistant.index.folder.contains
    cases = [json.loads(line) for line in args.file.read_text("utf-8").splitlines() if line.strip()]
    counts, totals, records = Counter(), Counter(), []
    for case in cases:
        answer = assistant.ask(case["question"])
        ok = right(case, answer, contains)
        for key in (case["group"], "all"):
            counts[key] += ok
            totals[key] += 1
        records.append({"id": case["id"], "group": case["group"], "right": ok, "reason": answer.reason,
                        "referrals": [(r["regulation"], [c["article"] for c in r["citations"]])
                                      for r in answer.referrals],
                        "cited": [c.article for c in answer.citations]})
        if args.failures and not ok:
            print(f"wrong {case['id']} {case['group']}: {case['question'][:60]} → {records[-1]}")
    for key in ("library", "measures", "neither", "all"):
        if totals[key]:
            print(f"{key}: {counts[key]}/{totals[key]} = {counts[key] / totals[key]:.3f}")
    if args.records:
        args.records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
