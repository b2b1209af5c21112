"""The load script (benchmarks/load.py) at a small size: concurrent clients on the web chat's API
and the JSON API of one server, every answer the single-user answer; the chart is drawn."""
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
    for target in ("page", "page-stock", "page-http", "api"):
        assert report[target]["answered"] == report[target]["requests"] == 40
        assert report[target]["errors"] == 0 and report[target]["mismatches"] == 0
    print(report)


def test_load_chart_is_drawn(tmp_path):
    from benchmarks.load_chart import chart

    runs = [{"target": t, "clients": c, "p50_ms": 10.0 * c, "p95_ms": 20.0 * c, "throughput_per_s": 50.0,
             "load_average_before": 1.0}
            for t in ("page", "api") for c in (1, 5, 10)]
    chart(runs, tmp_path / "load.png", "test")
    assert (tmp_path / "load.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
