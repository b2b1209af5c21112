"""The evaluation set: validated, and run as a gate on its test split."""
import json
from collections import Counter

import pytest

from assistant import evals

from .conftest import SOURCE

THRESHOLDS = {"hit@1": 0.90, "correct_declines": 0.90}
MAX_FALSE_REFUSALS = 0.05


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
