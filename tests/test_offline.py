"""Offline guarantees of the default path, checked in a fresh process."""
import json
import subprocess
import sys

SCRIPT = r'''
import json, socket, sys
attempts = []
def refuse(self, address, *args, **kwargs):
    attempts.append(str(address))
    raise OSError("network disabled by test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
from assistant import Assistant, Settings
from pathlib import Path
settings = Settings(index_dir=Path(sys.argv[1]), show_progress=False)
answer = Assistant(settings).ask("小区的网线能不能一直架在电线杆上?")
print(json.dumps({"articles": answer.articles, "attempts": attempts,
                  "heavy": sorted(m for m in ("torch", "sentence_transformers", "gradio", "transformers",
                                              "langchain_community") if m in sys.modules)}))
'''


def test_default_path_is_offline_and_light(tmp_path):
    index_dir = tmp_path / "index"
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(index_dir)], capture_output=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    data = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert data["articles"][0] == 8  # built the index and answered with every socket refused
    assert data["attempts"] == []
    assert data["heavy"] == []
    assert list((index_dir / "cache").glob("jieba*.cache"))  # jieba's cache lives under the index dir
