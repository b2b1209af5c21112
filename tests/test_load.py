"""The load script (benchmarks/load.py) at a small size: concurrent clients, identical answers."""
import json
import os
import subprocess
import sys

from assistant.config import PROJECT_ROOT


def test_concurrent_clients_get_single_user_answers(assistant, index_dir):
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir)}
    result = subprocess.run([sys.executable, "-m", "benchmarks.load", "--clients", "4", "--questions", "10",
                             "--json", "--timeout", "240"], capture_output=True, env=env, cwd=PROJECT_ROOT,
                            timeout=400)
    assert result.returncode == 0, result.stdout.decode()[-1500:] + result.stderr.decode()[-1500:]
    report = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert report["answered"] == report["requests"] == 40
    assert report["errors"] == 0 and report["mismatches"] == 0
    print(report)
