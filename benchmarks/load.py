"""Load test: N concurrent clients × M questions against `assistant serve` on 127.0.0.1, through
the web chat's API (gradio_client `/ask`, what the page's clients go through) and the JSON API
(`POST /api/ask`, one keep-alive HTTP connection per client). Every answer must equal the
single-user answer to the same question (the JSON API: byte for byte); prints latency
percentiles and throughput and exits non-zero on any error or mismatch.

    python -m benchmarks.load --clients 20 --questions 50                   # page and API, by hand
    python -m benchmarks.load --sweep 1,5,10,20,50 --questions 50 --save    # + chart, results/load.*
    python -m benchmarks.load --clients 4 --questions 10 --json             # as CI runs it

Only loopback is ever contacted; loops are bounded in count and in time (--timeout).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TARGETS = ("page", "page-stock", "page-http", "api")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, env: dict, poll: float = 0.3, flags=()) -> subprocess.Popen:
    """`assistant serve` on 127.0.0.1:port, returned once it accepts connections. Its stderr goes to
    a file, not a pipe: a pipe nobody reads while the clients run fills at 64 KB and blocks it."""
    log = tempfile.TemporaryFile()
    process = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port), "--quiet",
                                *flags], env=env, stdout=subprocess.DEVNULL, stderr=log, cwd=ROOT)
    process.log = log
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited ({process.returncode}): {server_log(process)}")
            time.sleep(poll)
    process.kill()
    raise RuntimeError(f"server did not start in 180 s: {server_log(process)}")


def server_log(process: subprocess.Popen, tail: int | None = 2000) -> str:
    process.log.seek(0)
    text = process.log.read().decode(errors="replace")
    return text[-tail:] if tail else text


def stop_server(process: subprocess.Popen, grace: float = 30) -> str:
    """SIGTERM, and SIGKILL if the server has not stopped within `grace` seconds (an error).
    Returns what the server wrote to stderr."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise RuntimeError(f"the server did not stop within {grace:g} s of SIGTERM: {server_log(process)}")
    else:
        return server_log(process, tail=None)
    finally:
        process.log.close()


def questions(count: int) -> list[str]:
    lines = (ROOT / "evals" / "questions.jsonl").read_text("utf-8").splitlines()
    pool = [json.loads(line)["question"] for line in lines if line.strip()]
    pool = [q for q in pool if len(q) <= 200]
    return [pool[i % len(pool)] for i in range(count)]


class PageClient:
    """The web chat's API through gradio_client (queue, event stream), as the page's clients use it,
    with one TLS context for all its requests. By default gradio_client builds a new httpx client
    for every request, and each loads the CA bundle into a new TLS context even over plain HTTP:
    ~50 ms of the client's CPU per answer (yappi), on the machine that also runs the server."""

    def __init__(self, url: str) -> None:
        import ssl

        from gradio_client import Client

        self.client = Client(url, verbose=False, ssl_verify=ssl.create_default_context())

    def ask(self, question: str):
        return self.client.predict(question, api_name="/ask")

    def close(self) -> None:  # ends its heartbeat stream
        self.client.close()


class StockPageClient(PageClient):
    """gradio_client with its defaults (a new TLS context per request), as the figures before
    2026-11-27 were measured."""

    def __init__(self, url: str) -> None:
        from gradio_client import Client

        self.client = Client(url, verbose=False)


class ApiClient:
    """POST /api/ask on one keep-alive connection; the answer is the response's bytes."""

    def __init__(self, url: str) -> None:
        self.port = int(url.rstrip("/").rsplit(":", 1)[1])
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)

    def ask(self, question: str) -> bytes:
        body = json.dumps({"question": question}, ensure_ascii=False).encode()
        try:
            self.connection.request("POST", "/api/ask", body, {"Content-Type": "application/json"})
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):  # a dropped keep-alive: one new connection
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.connection.request("POST", "/api/ask", body, {"Content-Type": "application/json"})
            response = self.connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {data[:200]!r}")
        return data

    def close(self) -> None:
        self.connection.close()


class PageHttpClient(ApiClient):
    """The same queue as gradio_client, through Gradio's HTTP API with plain HTTP: POST
    /gradio_api/call/ask, then its event stream; none of gradio_client's own CPU cost, which
    on one machine competes with the server (a browser's does not)."""

    def ask(self, question: str):
        body = json.dumps({"data": [question]}, ensure_ascii=False).encode()
        self.connection.request("POST", "/gradio_api/call/ask", body, {"Content-Type": "application/json"})
        response = self.connection.getresponse()
        event = json.loads(response.read())["event_id"]
        self.connection.request("GET", f"/gradio_api/call/ask/{event}")
        stream = self.connection.getresponse().read().decode()
        if "event: complete" not in stream:
            raise RuntimeError(f"no answer: {stream[-200:]!r}")
        return json.loads(stream.split("event: complete", 1)[1].split("data:", 1)[1].split("\n", 1)[0])[0]


CLIENTS = {"page": PageClient, "page-stock": StockPageClient, "page-http": PageHttpClient, "api": ApiClient}


def percentile(values: list[float], q: float) -> float | None:
    return round(values[min(len(values) - 1, int(q * (len(values) - 1)))], 1) if values else None


def run(url: str, clients: int, per_client: int, timeout: float, target: str = "page") -> dict:
    make = CLIENTS[target]
    asked = questions(per_client)
    reference_client = make(url)
    try:
        reference = {q: reference_client.ask(q) for q in dict.fromkeys(asked)}
    finally:
        reference_client.close()
    latencies: list[float] = []
    errors: list[str] = []
    mismatches: list[str] = []
    lock = threading.Lock()
    deadline = time.time() + timeout

    def worker(offset: int) -> None:
        try:
            client = make(url)
        except Exception as exc:  # a refused connection is an error of the run, not a crash of it
            with lock:
                errors.append(f"connect: {exc!r}")
            return
        try:
            ask_all(client, offset)
        finally:
            client.close()

    def ask_all(client, offset: int) -> None:
        order = asked[offset:] + asked[:offset]  # clients ask in different orders
        for question in order:
            if time.time() > deadline:
                with lock:
                    errors.append("timeout")
                return
            started = time.perf_counter()
            try:
                answer = client.ask(question)
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
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 60)
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "target": target, "clients": clients, "questions_per_client": per_client,
        "requests": clients * per_client, "answered": len(latencies), "errors": len(errors),
        "mismatches": len(mismatches),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": percentile(latencies, 0.95), "p99_ms": percentile(latencies, 0.99),
        "wall_s": round(wall, 1),
        "throughput_per_s": round(len(latencies) / wall, 1) if wall else None,
        "load_average_before": round(load_before, 2),
        "first_errors": errors[:5], "first_mismatches": mismatches[:5],
    }


def passed(result: dict) -> bool:
    return result["errors"] == 0 and result["mismatches"] == 0 and result["answered"] == result["requests"]


def line(result: dict) -> str:
    return (f"{result['target']:>4}: {result['answered']}/{result['requests']} answered by {result['clients']} "
            f"clients, {result['errors']} errors, {result['mismatches']} answers differing from single-user; "
            f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, "
            f"{result['throughput_per_s']}/s (load average before {result['load_average_before']})")


def markdown(results: list[dict], machine: str) -> str:
    rows = ["| target | clients | requests | errors | mismatches | p50 ms | p95 ms | p99 ms | requests/s | load before |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    rows += [f"| {r['target']} | {r['clients']} | {r['requests']} | {r['errors']} | {r['mismatches']} | "
             f"{r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['throughput_per_s']} | "
             f"{r['load_average_before']} |" for r in results]
    return f"Machine: {machine}\n\n" + "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--sweep", help="client counts to run one after another, e.g. 1,5,10,20,50")
    parser.add_argument("--questions", type=int, default=50, help="questions per client")
    parser.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    parser.add_argument("--api-only", action="store_true", help="start the server with --api-only")
    parser.add_argument("--query-cache", action="store_true",
                        help="keep the server's query-embedding cache on (off by default: every client "
                             "asks the same questions, so cached embeddings would measure the cache)")
    parser.add_argument("--port", type=int, help="use a server already running on 127.0.0.1:PORT")
    parser.add_argument("--timeout", type=float, default=600, help="seconds for each run")
    parser.add_argument("--save", action="store_true",
                        help="write benchmarks/results/load.{json,md} and the chart load.png")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sweep.split(",")] if args.sweep else [args.clients]
    if not (all(1 <= n <= 200 for n in sizes) and 1 <= args.questions <= 1000):
        parser.error("--clients (and each --sweep count) must be 1–200 and --questions 1–1000")
    targets = TARGETS if args.target == "all" else (args.target,)
    if args.api_only and targets != ("api",):
        parser.error("--api-only serves no page: add --target api")
    server = None
    port = args.port
    if port is None:
        port = free_port()
        env = {**os.environ, **({} if args.query_cache else {"ASSISTANT_QUERY_CACHE": "0"})}
        server = start_server(port, env, flags=["--api-only"] if args.api_only else [])
    results = []
    try:
        for clients in sizes:
            for target in targets:
                results.append(run(f"http://127.0.0.1:{port}/", clients, args.questions, args.timeout, target))
                if not args.json:
                    print(line(results[-1]), flush=True)
    finally:
        if server is not None:
            stop_server(server)
    if args.json:
        print(json.dumps({r["target"]: r for r in results} if len(sizes) == 1 else results, ensure_ascii=False))
    if args.save:
        machine = f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "load.json").write_text(json.dumps({"machine": machine, "query_cache": args.query_cache,
                                                       "runs": results}, indent=2, ensure_ascii=False), "utf-8")
        (RESULTS / "load.md").write_text(markdown(results, machine) + "\n", "utf-8")
        from .load_chart import chart

        chart(results, RESULTS / "load.png", machine)
    return 0 if all(passed(r) for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
