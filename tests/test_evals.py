"""The evaluation set: validated, and run as a gate on its test split."""
import json
from collections import Counter

import pytest

from assistant import evals

from .conftest import SOURCE

THRESHOLDS = {"hit@1": 0.90, "correct_declines": 0.90}
MAX_FALSE_REFUSALS = 0.05


@pytest.mark.parametrize("name", sorted(evals.eval_sets()))
def test_every_question_set_is_valid(regulation, name):
    """The project's set, the external ones and the batches written from the text alone."""
    rows = [json.loads(line) for line in evals.eval_sets()[name].read_text("utf-8").splitlines() if line.strip()]
    source = SOURCE.read_text("utf-8")
    existing = {a.number for a in regulation.articles}
    assert len({r["id"] for r in rows}) == len(rows) >= 100
    for row in rows:
        case = evals.Case(**row)  # no unknown field
        assert case.kind in evals.KINDS, row["id"]
        assert all(isinstance(a, int) and a in existing for a in case.gold_articles), row["id"]
        assert all(m in source for m in case.must_contain), row["id"]
        if name != "project":
            assert case.origin, row["id"]


def test_dataset_is_valid(regulation):
    lines = evals.DEFAULT_FILE.read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    source = SOURCE.read_text("utf-8")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    existing = {a.number for a in regulation.articles}
    for row in rows:
        assert set(row) == {"id", "question", "kind", "gold_articles", "must_contain", "note", "split"}
        assert row["kind"] in evals.KINDS and row["split"] in ("dev", "test")
        assert all(isinstance(a, int) and a in existing for a in row["gold_articles"]), row["id"]
        assert all(m in source for m in row["must_contain"]), row["id"]
        assert len(row["must_contain"]) <= 3
    kinds = Counter(r["kind"] for r in rows)
    assert set(kinds) == set(evals.KINDS)


@pytest.fixture(scope="module")
def test_report(assistant):
    results = evals.run(assistant, evals.load_cases(split="test"))
    return evals.report(results, assistant.index.folder)


def test_gate_on_test_split(test_report):
    overall = test_report["overall"]
    print("\n" + evals.markdown(test_report))
    for metric, minimum in THRESHOLDS.items():
        assert overall[metric] >= minimum, (metric, overall[metric])
    assert overall["false_refusals"] <= MAX_FALSE_REFUSALS
    assert overall["fabricated_citations"] == 0
    assert overall["determinism"] == 1.0
    assert test_report["by_kind"]["missing"]["missing_honesty"] == 1.0


def test_ours_beats_every_baseline_on_the_same_questions(assistant, test_report):
    from assistant import baselines

    cases = evals.load_cases(split="test")
    for name in baselines.NAMES:
        theirs = evals.run_baseline(baselines.make(name, assistant.searcher), cases)
        assert theirs["cases"] > 50
        assert test_report["overall"]["hit@1"] > theirs["hit@1"], name
        assert test_report["overall"]["mrr"] > theirs["mrr"], name


def test_eval_command_json_has_one_record_per_question(assistant, index_dir, tmp_path):
    from .conftest import run_cli

    report_path = tmp_path / "report.md"
    result = run_cli(["eval", "--split", "test", "--json", "--quiet", "--report", str(report_path)],
                     index_dir)
    assert result.returncode == 0, result.stderr.decode()[-1000:]
    data = json.loads(result.stdout)
    assert len(data["records"]) == len(evals.load_cases(split="test"))
    assert {"overall", "by_kind", "failures", "decision"} <= data.keys()
    assert data["decision"]["held_out"]["all (pooled)"]["false_refusals"] <= 0.03
    assert report_path.read_text("utf-8").startswith("| set |")
