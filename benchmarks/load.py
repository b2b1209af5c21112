"""Load test: N concurrent gradio_client clients × M questions against `assistant serve` on
127.0.0.1. Every answer must equal the single-user answer to the same question; prints
p50/p95 latency and exits non-zero on any error or mismatch.

    python -m benchmarks.load --clients 20 --questions 50          # by hand
    python -m benchmarks.load --clients 4 --questions 10 --json    # as CI runs it (tests/test_load.py)

Only loopback is ever contacted; loops are bounded in count and in time (--timeout).
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, env: dict, poll: float = 0.3) -> subprocess.Popen:
    """`assistant serve` on 127.0.0.1:port, returned once it accepts connections."""
    process = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port), "--quiet"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()[-2000:])
            time.sleep(poll)
    process.kill()
    raise RuntimeError("server did not start in 180 s")


def questions(count: int) -> list[str]:
    lines = (ROOT / "evals" / "questions.jsonl").read_text("utf-8").splitlines()
    pool = [json.loads(line)["question"] for line in lines if line.strip()]
    pool = [q for q in pool if len(q) <= 200]
    return [pool[i % len(pool)] for i in range(count)]


def run(url: str, clients: int, per_client: int, timeout: float) -> dict:
    from gradio_client import Client

    asked = questions(per_client)
    reference_client = Client(url, verbose=False)
    reference = {q: reference_client.predict(q, api_name="/ask") for q in dict.fromkeys(asked)}
    latencies: list[float] = []
    errors: list[str] = []
    mismatches: list[str] = []
    lock = threading.Lock()
    deadline = time.time() + timeout

    def worker(offset: int) -> None:
        try:
            client = Client(url, verbose=False)
        except Exception as exc:  # a refused connection is an error of the run, not a crash of it
            with lock:
                errors.append(f"connect: {exc!r}")
            return
        order = asked[offset:] + asked[:offset]  # clients ask in different orders
        for question in order:
            if time.time() > deadline:
                with lock:
                    errors.append("timeout")
                return
            started = time.perf_counter()
            try:
                answer = client.predict(question, api_name="/ask")
            except Exception as exc:
                with lock:
                    errors.append(f"{question[:20]}: {exc!r}"[:200])
                continue
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed * 1000)
                if answer != reference[question]:
                    mismatches.append(question[:40])

    threads = [threading.Thread(target=worker, args=(i * 7 % max(per_client, 1),)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 60)
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "clients": clients, "questions_per_client": per_client, "requests": clients * per_client,
        "answered": len(latencies), "errors": len(errors), "mismatches": len(mismatches),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
        "wall_s": round(wall, 1),
        "throughput_per_s": round(len(latencies) / wall, 1) if wall else None,
        "first_errors": errors[:5], "first_mismatches": mismatches[:5],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--questions", type=int, default=50, help="questions per client")
    parser.add_argument("--port", type=int, help="use a server already running on 127.0.0.1:PORT")
    parser.add_argument("--timeout", type=float, default=600, help="seconds for the whole run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= 200 and 1 <= args.questions <= 1000):
        parser.error("--clients must be 1–200 and --questions 1–1000")
    server = None
    port = args.port
    if port is None:
        port = free_port()
        server = start_server(port, {**os.environ})
    try:
        result = run(f"http://127.0.0.1:{port}/", args.clients, args.questions, args.timeout)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{result['answered']}/{result['requests']} answered by {args.clients} clients, "
              f"{result['errors']} errors, {result['mismatches']} answers differing from single-user; "
              f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, {result['throughput_per_s']}/s")
    return 0 if result["errors"] == 0 and result["mismatches"] == 0 and result["answered"] == result["requests"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
