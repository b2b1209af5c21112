"""The load chart: latency (p50, p95) and throughput against concurrent clients, for the web
chat's API and the JSON API (matplotlib, written as PNG by `python -m benchmarks.load --save`)."""
from __future__ import annotations

from pathlib import Path

LABELS = {"page": "web chat, gradio_client /ask", "page-stock": "web chat, gradio_client with its defaults",
          "page-http": "web chat, plain HTTP /gradio_api/call/ask",
          "api": "JSON API, POST /api/ask"}
COLOURS = {"page": "tab:orange", "page-stock": "tab:red", "page-http": "tab:green", "api": "tab:blue"}


def chart(results: list[dict], path: Path, machine: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (latency, throughput) = plt.subplots(1, 2, figsize=(11, 4.2), dpi=110)
    for target in LABELS:
        runs = sorted((r for r in results if r["target"] == target), key=lambda r: r["clients"])
        if not runs:
            continue
        clients = [r["clients"] for r in runs]
        latency.plot(clients, [r["p95_ms"] for r in runs], "o-", color=COLOURS[target],
                     label=f"{LABELS[target]} p95")
        latency.plot(clients, [r["p50_ms"] for r in runs], "o--", color=COLOURS[target], alpha=0.6,
                     label=f"{LABELS[target]} p50")
        throughput.plot(clients, [r["throughput_per_s"] for r in runs], "o-", color=COLOURS[target],
                        label=LABELS[target])
    latency.set(xlabel="concurrent clients", ylabel="latency (ms)", yscale="log",
                title="Latency per answer under load")
    throughput.set(xlabel="concurrent clients", ylabel="answers per second", title="Throughput")
    for axes in (latency, throughput):
        axes.set_xscale("log")
        clients = sorted({r["clients"] for r in results})
        axes.set_xticks(clients, [str(c) for c in clients])
        axes.grid(True, which="both", alpha=0.3)
        axes.legend(fontsize=8)
    loads = [r["load_average_before"] for r in results]
    figure.suptitle(f"assistant serve on {machine}; load average before each run "
                    f"{min(loads)}–{max(loads)} (the machine was shared)", fontsize=9)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
