"""Faults: damaged or older indexes, concurrent builds, a read-only install, killed writers,
a missing embedder. Real processes, real files."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from assistant.feedback import FeedbackStore

from .conftest import CORPUS, run_cli

QUESTION = "小区的网线能不能一直架在电线杆上?"


@pytest.fixture()
def built_copy(index_dir, assistant, tmp_path):
    """A private copy of the session's built index, to damage."""
    copy = tmp_path / "index"
    shutil.copytree(index_dir, copy, ignore=shutil.ignore_patterns(".lock"))
    return copy


def answers(index_dir, *flags):
    result = run_cli(["ask", "--json", "--quiet", *flags, QUESTION], index_dir)
    return result, (json.loads(result.stdout) if result.returncode == 0 else None)


def damage_truncate(index):
    path = index / "chroma" / "chroma.sqlite3"
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 3)


def damage_garbage(index):
    (index / "lexical" / "lexical.json").write_text("not json at all", "utf-8")


def damage_missing(index):
    shutil.rmtree(index / "chroma")


def damage_older_format(index):
    manifest = json.loads((index / "manifest.json").read_text("utf-8"))
    manifest["format"] = 0
    (index / "manifest.json").write_text(json.dumps(manifest), "utf-8")


@pytest.mark.parametrize("damage", [damage_truncate, damage_garbage, damage_missing, damage_older_format])
def test_damaged_index_is_detected_then_rebuilt(built_copy, damage):
    damage(built_copy)
    refused, _ = answers(built_copy, "--no-rebuild")
    assert refused.returncode == 1
    message = refused.stderr.decode()
    assert "assistant index --rebuild" in message and "Traceback" not in message
    result, data = answers(built_copy)
    assert result.returncode == 0, result.stderr.decode()[-800:]
    assert data["articles"][0] == 8
    assert answers(built_copy, "--no-rebuild")[1]["articles"][0] == 8  # healthy again


def test_two_index_runs_at_once_do_not_corrupt(tmp_path):
    index = tmp_path / "index"
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index)}
    runs = [subprocess.Popen([sys.executable, "-m", "assistant", "index", "--rebuild", "--quiet", "--json"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [o[1].decode()[-500:] for o in outputs]
    assert all(json.loads(out)["paragraphs"] == 48 for out, _ in outputs)
    result, data = answers(index, "--no-rebuild")
    assert result.returncode == 0 and data["articles"][0] == 8


def test_read_only_install_with_index_elsewhere(tmp_path):
    install = tmp_path / "install"
    shutil.copytree(CORPUS, install / "corpus")
    before = sorted((p.relative_to(install), p.stat().st_mtime_ns) for p in install.rglob("*"))
    for path in [install, *install.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        env = {"ASSISTANT_CORPUS_DIR": str(install / "corpus"), "TMPDIR": str(tmp_path / "tmp")}
        (tmp_path / "tmp").mkdir()
        result = run_cli(["ask", "--json", "--quiet", QUESTION], tmp_path / "elsewhere", env_extra=env)
        assert result.returncode == 0, result.stderr.decode()[-800:]
        assert json.loads(result.stdout)["articles"][0] == 8
        after = sorted((p.relative_to(install), p.stat().st_mtime_ns) for p in install.rglob("*"))
        assert after == before  # nothing written into the install
        assert list((tmp_path / "tmp").iterdir()) == []  # nor into the temp dir (jieba's cache included)
    finally:
        for path in [install, *install.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


WRITER = r"""
import sys
from pathlib import Path
from assistant.feedback import FeedbackStore
store = FeedbackStore(Path(sys.argv[1]))
for i in range(int(sys.argv[2])):
    store.add(f"进程{sys.argv[3]}-{i}", "答", [8], False, 1, "x" * 500)
    print(i, flush=True)
"""


def test_feedback_from_concurrent_processes_loses_nothing(tmp_path):
    path = tmp_path / "feedback.sqlite3"
    FeedbackStore(path)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), "60", str(n)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for n in range(4)]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read().decode()
    assert len(FeedbackStore(path).all()) == 240


def test_feedback_writer_killed_mid_write_leaves_a_readable_database(tmp_path):
    path = tmp_path / "feedback.sqlite3"
    FeedbackStore(path)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "100000", "k"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    confirmed = 0
    deadline = time.time() + 60
    while confirmed < 200 and time.time() < deadline:
        writer.stdout.readline()
        confirmed += 1
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    rows = FeedbackStore(path).all()  # opens and reads: not corrupt
    # every record the writer confirmed is there; at most the one in flight is lost or extra
    assert confirmed <= len(rows) <= confirmed + 50
    assert [r.question for r in rows[:confirmed]] == [f"进程k-{i}" for i in range(confirmed)]


def test_missing_sentence_transformers_is_a_clear_error(tmp_path):
    script = ("import sys; sys.modules['sentence_transformers'] = None\n"
              "from assistant.cli import main\n"
              "sys.exit(main(['ask', '--quiet', '--embedder', 'sentence-transformers:any', '第八条']))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120,
                            env={**os.environ, "ASSISTANT_INDEX_DIR": str(tmp_path / "i")})
    assert result.returncode == 1
    message = result.stderr.decode()
    assert "pip install" in message and "Traceback" not in message
    bad = run_cli(["ask", "--quiet", "--embedder", f"sentence-transformers:{tmp_path}/no-model", "第八条"],
                  tmp_path / "j")
    assert bad.returncode == 1 and "does not exist" in bad.stderr.decode()
