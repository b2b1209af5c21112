"""Feedback store: SQLite in WAL mode, concurrent writers, export in the eval dataset's format."""
import json
import threading

import pytest

from assistant import evals
from assistant.feedback import FeedbackStore

from .conftest import run_cli


def test_store_is_wal_and_keeps_every_record(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    assert store.journal_mode() == "wal"
    threads = [threading.Thread(target=lambda i=i: [store.add(f"问题{i}-{j}", "答", [8], False, 1)
                                                    for j in range(20)]) for i in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.all()) == 100
    with pytest.raises(ValueError, match="rating"):
        store.add("q", "a", [], False, 5)


def test_export_in_eval_format_via_cli(tmp_path, index_dir):
    data_dir = tmp_path / "data"
    store = FeedbackStore(data_dir / "feedback.sqlite3")
    store.add("小区的网线能不能一直架在电线杆上？", "依据…第八条第二款", [8, 22], False, 1)
    store.add("吉林今天天气", "没有规定", [], True, -1, "应该回答")
    result = run_cli(["feedback", "export", "--data-dir", str(data_dir)], index_dir)
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["question"] for r in rows] == ["小区的网线能不能一直架在电线杆上？", "吉林今天天气"]
    assert rows[0]["gold_articles"] == [8, 22] and rows[1]["gold_articles"] == []
    assert "应该回答" in rows[1]["note"] and "needs review" in rows[1]["note"]
    fields = set(evals.Case.__dataclass_fields__)
    assert all(set(r) == fields and r["kind"] in evals.KINDS for r in rows)
    assert "exported 2" in result.stderr.decode()
