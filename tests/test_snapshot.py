"""The saved copy of the vectors: `assistant ask` answers from it without importing chromadb,
it agrees with Chroma, and a damaged or outdated copy is never used."""
import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from assistant import snapshot
from assistant.config import Settings
from assistant.index import open_index

from .conftest import CORPUS

QUESTION = "小区的网线能不能一直架在电线杆上?"

PROBE = r"""
import json, sys
from pathlib import Path
from assistant import Assistant, Settings
assistant = Assistant(Settings(index_dir=Path(sys.argv[1]), show_progress=False, auto_build=False))
answer = assistant.ask(sys.argv[2])
print(json.dumps({"vectors": type(assistant.index.vectors).__name__, "articles": answer.articles,
                  "chromadb": "chromadb" in sys.modules, "answer": answer.answer}))
"""


def probe(index_dir, question=QUESTION) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE, str(index_dir), question],
                            capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()[-800:]
    return json.loads(result.stdout)


@pytest.fixture()
def private_index(index_dir, assistant, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(index_dir, copy, ignore=shutil.ignore_patterns(".lock"))
    return copy


def test_ask_answers_from_the_saved_copy_without_chromadb(private_index, assistant):
    assert (private_index / snapshot.META_FILE).exists() and (private_index / snapshot.MATRIX_FILE).exists()
    seen = probe(private_index)
    assert seen["vectors"] == "ExactVectors" and seen["chromadb"] is False
    assert seen["articles"][0] == 8
    assert seen["answer"] == assistant.ask(QUESTION).answer  # the session's assistant, same answer


def test_saved_copy_agrees_with_chroma(assistant):
    saved = assistant.index.vectors
    assert isinstance(saved, snapshot.ExactVectors)
    chroma = assistant.index.chroma()
    assert saved.ids() == chroma.ids() and saved.count() == chroma.count() == 48
    for question in ("小区的网线能不能一直架在电线杆上", "信息安全事故", "What about privacy?"):
        vector = assistant.index.embedder.embed_query(question)
        ours, theirs = saved.search(vector, 10), chroma.search_chroma(vector, 10)
        assert [pid for pid, _ in ours[:5]] == [pid for pid, _ in theirs[:5]]
        assert all(abs(a - b) < 1e-3 for (_, a), (_, b) in zip(ours, theirs))


def _garbage_matrix(index):
    (index / snapshot.MATRIX_FILE).write_bytes(b"not a numpy file")


def _wrong_shape(index):
    np.save(index / snapshot.MATRIX_FILE, np.zeros((3, 384), dtype=np.float32))


def _other_ids(index):
    meta = json.loads((index / snapshot.META_FILE).read_text("utf-8"))
    meta["ids"] = meta["ids"][:-1] + ["someone-else:1:1"]
    (index / snapshot.META_FILE).write_text(json.dumps(meta), "utf-8")


def _chroma_changed(index):
    meta = json.loads((index / snapshot.META_FILE).read_text("utf-8"))
    meta["chroma_files"]["chroma.sqlite3"] += 4096
    (index / snapshot.META_FILE).write_text(json.dumps(meta), "utf-8")


def _removed(index):
    snapshot.remove(index)


@pytest.mark.parametrize("damage", [_garbage_matrix, _wrong_shape, _other_ids, _chroma_changed, _removed])
def test_a_bad_copy_is_not_used_and_is_saved_again(private_index, assistant, damage):
    damage(private_index)
    seen = probe(private_index)
    assert seen["chromadb"] is True  # answered through Chroma …
    assert seen["answer"] == assistant.ask(QUESTION).answer  # … with the same answer
    again = probe(private_index)  # … and the copy saved again is used next time
    assert again["vectors"] == "ExactVectors" and again["chromadb"] is False
    assert again["answer"] == seen["answer"]


def test_copy_follows_the_corpus(tmp_path, assistant):
    """A changed article is re-embedded and the copy saved again: answers use the new text."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", show_progress=False)
    first = open_index(settings)
    source = corpus / "jilin-informatization-measures" / "source.txt"
    text = source.read_text("utf-8")
    assert "逐步移入地下管道" in text
    source.write_text(text.replace("逐步移入地下管道", "逐步移入地下管道並由電信企業統一遷移"), "utf-8")
    second = open_index(settings)
    assert second.built is not None and second.built.embedded == 1
    assert isinstance(second.vectors, snapshot.ExactVectors)
    changed = "jilin-informatization-measures:8:2"
    assert not np.array_equal(first.vectors.matrix[first.vectors.paragraph_ids.index(changed)],
                              second.vectors.matrix[second.vectors.paragraph_ids.index(changed)])
    chroma = second.chroma()
    vector = second.embedder.embed_query("电信企业统一迁移")
    assert second.vectors.search(vector, 3)[0][0] == chroma.search_chroma(vector, 3)[0][0] == changed
