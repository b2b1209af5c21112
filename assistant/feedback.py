"""Feedback on answers (👍/👎 and an optional comment) in SQLite, WAL mode, under the data dir.

`export_jsonl` writes records in the eval dataset's format, marked for review, so that real
questions can become eval cases after a person checks them.
"""
from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    articles TEXT NOT NULL,       -- JSON list of cited article numbers
    refused INTEGER NOT NULL,
    rating INTEGER NOT NULL,      -- 1 👍, -1 👎, 0 comment only
    comment TEXT NOT NULL DEFAULT ''
)
"""
MAX_COMMENT = 2000


@dataclass(frozen=True)
class Feedback:
    id: int
    created: float
    question: str
    answer: str
    articles: list[int]
    refused: bool
    rating: int
    comment: str


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)
            db.commit()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA busy_timeout=30000")
        return db

    def add(self, question: str, answer: str, articles: list[int], refused: bool, rating: int,
            comment: str = "") -> int:
        if rating not in (-1, 0, 1):
            raise ValueError("rating must be 1 (👍), -1 (👎) or 0 (comment only)")
        with closing(self._connect()) as db:
            cursor = db.execute(
                "INSERT INTO feedback (created, question, answer, articles, refused, rating, comment) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (time.time(), question, answer, json.dumps(articles), int(refused), rating,
                 (comment or "")[:MAX_COMMENT]))
            db.commit()
            return int(cursor.lastrowid)

    def all(self) -> list[Feedback]:
        with closing(self._connect()) as db:
            rows = db.execute("SELECT id, created, question, answer, articles, refused, rating, comment "
                              "FROM feedback ORDER BY id").fetchall()
        return [Feedback(r[0], r[1], r[2], r[3], json.loads(r[4]), bool(r[5]), r[6], r[7]) for r in rows]

    def journal_mode(self) -> str:
        with closing(self._connect()) as db:
            return db.execute("PRAGMA journal_mode").fetchone()[0]


def as_eval_case(item: Feedback) -> dict:
    """A draft eval case: gold articles are what was cited when the user approved, else empty."""
    verdict = {1: "👍", -1: "👎", 0: "comment"}[item.rating]
    note = f"from feedback #{item.id} ({verdict}); needs review"
    if item.comment:
        note += f"; comment: {item.comment}"
    kind = "out_of_scope" if item.refused and item.rating == 1 else "paraphrase"
    return {"id": f"fb{item.id:05d}", "question": item.question, "kind": kind,
            "gold_articles": item.articles if item.rating == 1 else [], "must_contain": [],
            "note": note, "split": "dev", "style": "", "origin": f"web chat feedback #{item.id}"}


def export_jsonl(store: FeedbackStore, out) -> int:
    count = 0
    for item in store.all():
        out.write(json.dumps(as_eval_case(item), ensure_ascii=False) + "\n")
        count += 1
    return count
