"""Cache and index files are written whole, even by several processes at once."""
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant import files


def test_concurrent_writers_all_succeed_and_one_whole_content_wins(tmp_path):
    target = tmp_path / "cache.txt"
    contents = [f"{n}:" + "字" * (20_000 + n) for n in range(16)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda text: files.write_text(target, text), contents * 4))
    assert target.read_text("utf-8") in contents
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.txt"]  # no temporary left behind


def test_a_failed_write_keeps_the_old_content(tmp_path):
    target = tmp_path / "vectors.json"
    files.write_text(target, "old")
    with pytest.raises(RuntimeError):
        with files.atomic_file(target) as handle:
            handle.write(b"half of the new")
            raise RuntimeError("disk full")
    assert target.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vectors.json"]


def test_processes_sharing_a_new_cache_folder_all_get_the_trimmed_dictionary(tmp_path):
    """Several `assistant` processes started at once on a fresh cache write jieba's trimmed
    dictionary and the place-name list concurrently; none may fail."""
    code = ("import sys; from pathlib import Path; from assistant.lexical import Tokenizer;"
            "t = Tokenizer((), Path(sys.argv[1])); print(len(t.places('吉林市和北京市')))")
    runs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE) for _ in range(4)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0] * 4, [o[1].decode()[-400:] for o in outputs]
    assert {o[0].decode().strip() for o in outputs} == {"2"}
    assert not list(tmp_path.glob("*.partial"))
