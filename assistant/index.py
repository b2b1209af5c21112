"""The built indexes (Chroma vectors + BM25) for a corpus and an embedder.

`open_index` loads them, building first when they are missing, stale (corpus or embedder
changed) or unreadable (`manifest.status` says which).
"""
from __future__ import annotations

import fcntl
import hashlib
import shutil
import sys
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from .config import Settings
from .homophones import FILE_NAME as HOMOPHONES_FILE, Homophones
from .corpus import Corpus, Paragraph
from .sources import load_corpus
from .lexical import LexicalIndex, LexicalIndexError, Tokenizer, signature, title_words
from .normalize import Folder
from . import snapshot
from .manifest import FORMAT_VERSION, INCREMENTAL_PROBLEMS, Manifest, manifest_path, status

EMBED_BATCH = 256  # larger batches amortise the 4-bit weights over more tokens (README, build throughput)


class IndexNotReady(RuntimeError):
    """The index is missing or stale and may not be rebuilt; the message names the fix."""


@dataclass
class Index:
    """Everything retrieval needs, loaded once per process."""

    settings: Settings
    corpus: Corpus
    folder: Folder
    tokenizer: Tokenizer
    lexical: LexicalIndex
    vectors: "object"  # snapshot.ExactVectors, or vectors.VectorStore (large or remote stores)
    embedder: "object"  # langchain_core Embeddings
    paragraphs: dict[str, Paragraph]
    built: BuildReport | None = None  # what this open had to (re)build, if anything

    def fold(self, text: str) -> str:
        return self.folder.fold(text)

    def chroma(self):
        """The Chroma store itself, opened on demand (answers may come from the saved copy)."""
        from .vectors import VectorStore

        if isinstance(self.vectors, VectorStore):
            return self.vectors
        return _open_store(self.settings, self.embedder, self.embedder.id, self.lexical)


@contextmanager
def _build_lock(settings: Settings):
    """One process at a time checks, builds and loads an index directory; others wait.
    A read-only index directory (a served, prebuilt index) is used without the lock."""
    try:
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(settings.index_dir / ".lock", "a")
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _progress(total: int, enabled: bool, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="para", file=sys.stderr, disable=not enabled,
                dynamic_ncols=True)


def _tokenizer(settings: Settings, corpus: Corpus, folder: Folder) -> Tokenizer:
    terms = tuple(dict.fromkeys(folder.fold(t) for t in corpus.terms))
    return Tokenizer(terms, settings.index_dir / "cache")


@dataclass(frozen=True)
class BuildReport:
    seconds: float
    embedded: int  # paragraphs embedded in this build
    deleted: int  # vectors removed (paragraphs or regulations no longer in the corpus)
    kept: int  # vectors reused unchanged
    full: bool  # the store was rebuilt from scratch
    articles_embedded: int = 0  # articles with at least one paragraph embedded in this build
    articles: int = 0  # articles in the corpus
    reused: int = 0  # paragraphs whose text was embedded already in this build (repeated text)

    @property
    def articles_per_second(self) -> float:
        return round(self.articles_embedded / self.seconds, 1) if self.seconds else 0.0


def _client(settings: Settings):
    from . import vectors

    if settings.chroma_url:
        try:
            return vectors.make_client(url=settings.chroma_url)
        except Exception as exc:  # chromadb raises ValueError, ConnectionError, httpx errors…
            raise IndexNotReady(
                f"cannot reach the Chroma server at {settings.chroma_url} ({str(exc)[:100]}); start it "
                "(chroma run --path DIR --host 127.0.0.1 --port N) or drop --chroma-url") from None
    return vectors.make_client(settings.index_dir / "chroma")


def _drop_store(settings: Settings) -> None:
    """Remove the vector store entirely (a local folder, or the collection on a server)."""
    from . import vectors

    if settings.chroma_url:
        client = _client(settings)
        if vectors.COLLECTION in [c.name for c in client.list_collections()]:
            client.delete_collection(vectors.COLLECTION)
        return
    vectors.forget_clients()  # a cached client would keep the old (maybe corrupt) database open
    shutil.rmtree(settings.index_dir / "chroma", ignore_errors=True)


def paragraph_hash(paragraph: Paragraph, folded: str) -> str:
    key = f"{paragraph.id}\n{folded}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def build(settings: Settings, corpus: Corpus, folder: Folder, tokenizer: Tokenizer, embedder,
          embedder_id: str, full: bool = True) -> BuildReport:
    """Bring both indexes up to date with the corpus; the caller holds the lock.
    Incremental unless `full`: only paragraphs whose content hash changed are embedded, and
    vectors of paragraphs (or regulations) no longer in the corpus are deleted. The store is
    rebuilt from scratch when asked, when it was built by another embedder, or when unreadable."""
    from langchain_core.documents import Document

    from . import vectors
    from .embeddings import RepeatedPassages

    started = time.perf_counter()
    paragraphs = [p for r in corpus.regulations for p in r.paragraphs]
    folded = [folder.fold(p.text) for p in paragraphs]
    hashes = {p.id: paragraph_hash(p, text) for p, text in zip(paragraphs, folded)}
    manifest_path(settings).unlink(missing_ok=True)
    snapshot.remove(settings.index_dir)
    lexical_dir = settings.index_dir / "lexical"
    shutil.rmtree(lexical_dir, ignore_errors=True)
    function = vectors.AssistantEmbeddingFunction(
        settings.embedder, settings.query_prefix, settings.passage_prefix, instance=embedder
    )
    existing: dict[str, str | None] = {}
    if not full:
        try:
            store = vectors.VectorStore(_client(settings), embedder, function, embedder_id)
            full = store.embedder_id != embedder_id
            existing = {} if full else store.hashes()
        except Exception:  # unreadable: start again
            full = True
    if full:
        _drop_store(settings)
        store = vectors.VectorStore(_client(settings), embedder, function, embedder_id)
    removed = sorted(set(existing) - set(hashes))
    store.delete(removed)
    todo = [i for i, p in enumerate(paragraphs) if existing.get(p.id) != hashes[p.id]]
    passages = RepeatedPassages(embedder, (folded[i] for i in todo))
    store.embed_with(passages)
    articles_done: set[tuple[str, int]] = set()
    with _progress(len(todo), settings.show_progress, "embedding paragraphs") as bar:
        for start in range(0, len(todo), EMBED_BATCH):
            batch = todo[start:start + EMBED_BATCH]
            documents = [
                Document(page_content=folded[i], metadata={
                    "regulation": paragraphs[i].regulation_id, "article": paragraphs[i].article,
                    "paragraph": paragraphs[i].number, "hash": hashes[paragraphs[i].id],
                })
                for i in batch
            ]
            store.add(documents, [paragraphs[i].id for i in batch])
            articles_done.update((paragraphs[i].regulation_id, paragraphs[i].article, paragraphs[i].sub)
                                 for i in batch)
            elapsed = time.perf_counter() - started
            bar.set_postfix_str(f"{len(articles_done)} articles, {len(articles_done) / elapsed:.1f} articles/s",
                                refresh=False)
            bar.update(len(batch))
    titles = title_words({r.id: folder.fold(r.title) for r in corpus.regulations}, tokenizer)
    lexical = LexicalIndex.build([p.id for p in paragraphs],
                                 [tokenizer.tokens(t) + titles.get(p.regulation_id, []) for p, t in zip(paragraphs, folded)])
    lexical.save(lexical_dir)
    _save_snapshot(settings, store.exact(), corpus.fingerprint, embedder_id)
    # every question reads the homophone table (数剧库 → 数据库): built now, not on the first question
    Homophones.load(settings.index_dir / HOMOPHONES_FILE, corpus.fingerprint, lambda: list(lexical.doc_freq))
    manifest = Manifest(FORMAT_VERSION, corpus.fingerprint, embedder_id, len(paragraphs), signature())
    manifest_path(settings).write_text(manifest.to_json(), "utf-8")
    return BuildReport(round(time.perf_counter() - started, 3), len(todo), len(removed), len(paragraphs) - len(todo),
                       full, len(articles_done), sum(len(r.articles) for r in corpus.regulations), passages.reused)


def _open_store(settings: Settings, embedder, embedder_id: str, lexical: LexicalIndex):
    """Open the vector store and check it answers; any failure means a damaged index."""
    from . import vectors

    try:
        client = _client(settings)
        function = vectors.AssistantEmbeddingFunction(
            settings.embedder, settings.query_prefix, settings.passage_prefix, instance=embedder
        )
        store = vectors.VectorStore(client, embedder, function, embedder_id)
        if store.embedder_id != embedder_id:
            raise LexicalIndexError(f"vector store built by {store.embedder_id}")
        if store.count() != lexical.size:
            raise LexicalIndexError("vector and lexical indexes disagree")
        if lexical.size and not store.collection.get(ids=lexical.doc_ids[:1], include=["embeddings"])["ids"]:
            raise LexicalIndexError("vector store lacks its paragraphs")
        if not settings.chroma_url:
            store.exact()  # read a small local store's vectors now, inside this check
    except (LexicalIndexError, IndexNotReady):
        raise
    except Exception as exc:  # chromadb raises many types for a truncated or corrupt store
        vectors.forget_clients()
        raise LexicalIndexError(f"vector store unreadable ({type(exc).__name__}: {str(exc)[:120]})") from None
    return store


def _save_snapshot(settings: Settings, vectors, corpus: str, embedder_id: str) -> None:
    """Save a local store's vectors (small stores only) for answering without chromadb."""
    if settings.chroma_url or vectors is None:
        return
    try:
        snapshot.save(settings.index_dir, vectors, corpus, embedder_id)
    except OSError:  # a read-only index folder: keep answering through Chroma
        with suppress(OSError):
            snapshot.remove(settings.index_dir)


def _load(settings: Settings, embedder, embedder_id: str, corpus: str):
    """The lexical index and the vectors: the saved copy when it is current, else Chroma (a copy
    missing from an older index or outdated by a changed Chroma folder is saved again)."""
    lexical = LexicalIndex.load(settings.index_dir / "lexical")
    if settings.chroma_url:
        return lexical, _open_store(settings, embedder, embedder_id, lexical)
    saved = snapshot.load(settings.index_dir, corpus, embedder_id, lexical.doc_ids)
    if saved is not None:
        return lexical, saved
    store = _open_store(settings, embedder, embedder_id, lexical)
    exact = store.exact()
    _save_snapshot(settings, exact, corpus, embedder_id)
    return lexical, exact or store


def open_index(settings: Settings, rebuild: bool = False, corpus: Corpus | None = None) -> Index:
    """Load the indexes, building them when missing or stale (unless settings.auto_build is off)."""
    from .embeddings import make_embedder

    corpus = corpus or load_corpus(settings.corpus_dir)
    folder = Folder.from_errata(corpus.errata)
    embedder = make_embedder(settings)
    embedder_id = embedder.id
    tokenizer = _tokenizer(settings, corpus, folder)
    if settings.chroma_url:
        _client(settings)  # fail fast, before touching the local index, if the server is away
    built = None
    with _build_lock(settings):  # one process builds; the others wait, then load
        current = status(settings, corpus, embedder_id)
        if rebuild or not current.current:
            if not rebuild and not settings.auto_build:
                raise IndexNotReady(
                    f"index at {settings.index_dir} is not usable: {current.problem}; "
                    "run 'assistant index --rebuild'"
                )
            if settings.show_progress and not rebuild:
                print(f"Building the index ({current.problem}) …", file=sys.stderr)
            built = build(settings, corpus, folder, tokenizer, embedder, embedder_id,
                          full=rebuild or (current.problem not in INCREMENTAL_PROBLEMS
                                           and not settings.chroma_url))  # a shared server is updated, not wiped
        try:
            lexical, store = _load(settings, embedder, embedder_id, corpus.fingerprint)
        except LexicalIndexError as exc:
            if not settings.auto_build:
                raise IndexNotReady(f"index at {settings.index_dir} is damaged ({exc}); "
                                    "run 'assistant index --rebuild'") from None
            if settings.show_progress:
                print(f"Rebuilding the index ({exc}) …", file=sys.stderr)
            built = build(settings, corpus, folder, tokenizer, embedder, embedder_id, full=True)
            try:
                lexical, store = _load(settings, embedder, embedder_id, corpus.fingerprint)
            except LexicalIndexError as again:
                raise IndexNotReady(f"index at {settings.index_dir} is still unusable after a rebuild "
                                    f"({again}); check the disk and permissions of that folder") from None
    by_id = {p.id: p for r in corpus.regulations for p in r.paragraphs}
    return Index(settings, corpus, folder, tokenizer, lexical, store, embedder, by_id, built)
