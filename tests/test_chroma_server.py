"""Server mode: a real `chroma run` on 127.0.0.1, in a temporary directory, shared by two workers."""
import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import run_cli


@pytest.fixture()
def chroma_server(tmp_path):
    from benchmarks.load import free_port

    binary = shutil.which("chroma") or str(Path(__import__("sys").executable).parent / "chroma")
    port = free_port()
    log = tmp_path / "chroma.log"  # a file, not a pipe: an unread pipe blocks the server when it fills
    with log.open("wb") as sink:
        process = subprocess.Popen([binary, "run", "--path", str(tmp_path / "chroma-data"), "--host",
                                    "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=sink)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, log.read_text(errors="replace")[-1000:]
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


def test_index_and_answer_through_a_chroma_server(chroma_server, tmp_path):
    first = run_cli(["index", "--json", "--quiet", "--chroma-url", chroma_server], tmp_path / "worker1")
    assert first.returncode == 0, first.stderr.decode()[-1000:]
    assert json.loads(first.stdout)["embedded"] == 48
    assert not (tmp_path / "worker1" / "chroma").exists()  # vectors live on the server
    # A second worker with its own local (lexical) index re-uses the server's vectors.
    second = run_cli(["index", "--json", "--quiet", "--chroma-url", chroma_server], tmp_path / "worker2")
    assert json.loads(second.stdout)["embedded"] == 0
    answer = run_cli(["ask", "--json", "--quiet", "--chroma-url", chroma_server,
                      "小区的网线能不能一直架在电线杆上?"], tmp_path / "worker2")
    assert answer.returncode == 0, answer.stderr.decode()[-1000:]
    assert json.loads(answer.stdout)["articles"][0] == 8


def test_bad_chroma_url_is_a_clear_error(tmp_path):
    result = run_cli(["ask", "--chroma-url", "localhost:8000", "第八条"], tmp_path / "i")
    assert result.returncode == 1 and "must start with http://" in result.stderr.decode()


def test_unreachable_chroma_server_is_a_clear_error(tmp_path):
    from benchmarks.load import free_port

    result = run_cli(["ask", "--chroma-url", f"http://127.0.0.1:{free_port()}", "第八条"], tmp_path / "i")
    assert result.returncode == 1
    message = result.stderr.decode()
    assert "cannot reach the Chroma server" in message and "Traceback" not in message
