"""Lexical side: jieba segmentation of folded (Simplified) text and BM25 scoring with bm25s.

jieba segments Traditional text badly, so everything is folded to Simplified first. The
corpus's own terms (terms.txt) are added to jieba's dictionary so that 信息化主管部门 or
财政性资金 stay whole; search-mode segmentation also emits their parts.
"""
from __future__ import annotations

import json
import logging
import math
from functools import cached_property
from pathlib import Path

import numpy as np

from . import files

# Function and question words that say nothing about the subject of a question.
STOPWORDS = frozenset(
    """的 了 是 在 和 与 及 或 者 也 都 就 要 会 能 可 吗 呢 吧 啊 呀 嘛 么 哦 么 之 其 并 而 被 把 对 从
    为 为了 以 于 由 向 给 让 将 等 个 这 那 这个 那个 这些 那些 哪 哪些 哪个 哪里 哪儿 什么 怎么 怎样 怎么样
    如何 为什么 多少 几 谁 是否 是不是 能不能 能否 可以 可不可以 可否 应该 应不应该 需要 需不需要 必须
    有没有 有 没有 没 不 不是 我 我们 你 你们 他 他们 她 它 咱们 请问 请 一下 一些 有关 关于 按照 根据
    还 又 再 吗? 呢? 想 问 知道 告诉 说 讲 规定 办法 本办法 条款 条 款 里 中 上 下 时候 情况 问题 一直
    事情 事儿 东西 方面 啥 咋 干啥 干什么 做什么 怎么办 一般 平时 现在 以后 之前 之后 以前 还是 不要 要不要
    会不会 一家 一个 拿到 办完 咋办 哪位 哪次 哪天 哪年 哪一年 哪一天 哪家 哪部 哪条 里面 上面 这种 那种 具体 到底
    要求 还有 另外 顺便 准备 打算 不管 几点 哪几点 几项 哪几项 究竟 一下子 好像 听说 请教 想问 问一下 谢谢 是从 从哪 咱 咱们 俺 俺们 啊 呗 哈
    the a an of to in on for and or is are be what which who whom how when does do must should can may
    did done could shall will would might have has had need needs get gets go goes make say says happen happens
    use used using there their own someone anyone people person regulation regulations measures rules rule law
    laws new before after about each which whose where why much many any all some this these that those it its
    if been being was were my our your i we you they he she them me us from with by into under over than then so
    not no yes but also only just like here up out off kind type thing things way ways let know tell want
    through""".split()
)
TOKENIZER_VERSION = 3  # bump when tokenisation changes in a way the stopwords do not show
# (3: a paragraph's document holds its regulation's title words when several are loaded)
MIN_WORD_FREQ = 10  # jieba dictionary words kept (105k of 349k): loads in ~0.2 s instead of ~0.75 s


def signature() -> str:
    """Identifies how paragraphs are tokenised; an index built otherwise must be rebuilt."""
    import hashlib

    import jieba

    text = f"{TOKENIZER_VERSION}|{MIN_WORD_FREQ}|{jieba.__version__}|{' '.join(sorted(STOPWORDS))}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def title_words(titles: dict[str, str], tokenizer: "Tokenizer") -> dict[str, list[str]]:
    """Regulation id → its folded title's words (中华人民共和国 left out: every national law has it),
    searched with each of its paragraphs when several regulations are loaded — the title says what
    the whole text is about (劳动合同法, 著作权法). One regulation: none (they would match every
    paragraph alike)."""
    if len(titles) < 2:
        return {}
    return {rid: tokenizer.tokens(title.replace("中华人民共和国", "")) for rid, title in titles.items()}


PUNCTUATION = set("，。、；：？！“”‘’（）《》〈〉【】[]()<>,.;:?!\"'`~@#$%^&*-_=+|\\/{} \t\n·…—")


class LexicalIndexError(RuntimeError):
    pass


class Tokenizer:
    """jieba with the corpus terms, its cache kept under the index directory."""

    def __init__(self, terms: tuple[str, ...], cache_dir: Path) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        cache_dir.mkdir(parents=True, exist_ok=True)
        self._jieba = jieba.Tokenizer(dictionary=str(_trimmed_dictionary(cache_dir)))
        self._jieba.tmp_dir = str(cache_dir)
        self._jieba.cache_file = f"jieba-{MIN_WORD_FREQ}.cache"
        self._jieba.initialize()
        for term in terms:
            self._jieba.add_word(term, freq=200000)
        self._cache_dir = cache_dir
        self._place_names: frozenset[str] | None = None

    def _load_place_names(self) -> frozenset[str]:
        """Words jieba's dictionary tags as place names (ns), cached as a small text file:
        jieba.posseg would re-read the whole dictionary (over a second) to get the same tags."""
        cache = self._cache_dir / "places.txt"
        if cache.exists():
            return frozenset(cache.read_text("utf-8").split())
        names = []
        with self._jieba.get_dict_file() as handle:
            for raw in handle:
                parts = raw.decode("utf-8").split()
                if len(parts) == 3 and parts[2] == "ns" and len(parts[0]) > 1:
                    names.append(parts[0])
        files.write_text(cache, "\n".join(names))
        return frozenset(names)

    @property
    def place_names(self) -> frozenset[str]:
        """Words jieba's dictionary tags as place names (ns)."""
        if self._place_names is None:
            self._place_names = self._load_place_names()
        return self._place_names

    def places(self, folded: str) -> list[str]:
        """Place names (jieba's ns words) among the text's words."""
        return [w for w in self.words(folded) if w in self.place_names]

    def frequency(self, word: str) -> int:
        """jieba's frequency of the word (0 when its trimmed dictionary lacks it)."""
        return int(self._jieba.FREQ.get(word) or 0)

    def words(self, folded: str) -> list[str]:
        """Precise-mode words (for analysing a question), punctuation dropped."""
        return [w for w in self._jieba.lcut(folded) if w.strip() and w not in PUNCTUATION]

    def spans(self, folded: str) -> list[tuple[int, int]]:
        """(start, end) of every precise-mode word, punctuation included: where words begin and end."""
        return [(start, end) for _, start, end in self._jieba.tokenize(folded)]

    def dictionary_words(self, min_frequency: int = 1) -> list[str]:
        """The words of jieba's (trimmed) dictionary used at least `min_frequency` times."""
        return [w for w, f in self._jieba.FREQ.items() if f and f >= min_frequency]

    def in_dictionary(self, word: str) -> bool:
        """jieba knows the word (its dictionary or a corpus term), rather than having guessed it."""
        return bool(self._jieba.FREQ.get(word))

    def tokens(self, folded: str) -> list[str]:
        """Search-mode tokens for BM25: whole terms plus their parts, stopwords dropped."""
        return [
            w for w in self._jieba.lcut_for_search(folded)
            if w.strip() and w not in PUNCTUATION and w not in STOPWORDS
        ]


def _trimmed_dictionary(cache_dir: Path) -> Path:
    """jieba's dictionary without its rarest words, written once into the cache directory.
    The corpus's own terms are added on top; place names come from the full dictionary."""
    import jieba

    path = cache_dir / f"jieba-dict-{MIN_WORD_FREQ}.txt"
    if not path.exists():
        with jieba.get_dict_file() as handle:
            kept = [line for line in (raw.decode("utf-8").strip() for raw in handle)
                    if len(line.split()) >= 2 and int(line.split()[1]) >= MIN_WORD_FREQ]
        files.write_text(path, "\n".join(kept) + "\n")
    return path


class LexicalIndex:
    """BM25 (bm25s) over paragraph token lists, saved next to the vector store."""

    def __init__(self, bm25, doc_ids: list[str], doc_freq: dict[str, int]) -> None:
        self._bm25 = bm25
        self.doc_ids = doc_ids
        self.doc_freq = doc_freq

    @classmethod
    def build(cls, doc_ids: list[str], token_lists: list[list[str]]) -> "LexicalIndex":
        import bm25s

        bm25 = bm25s.BM25()
        # An empty document would break bm25s; give it one token that no query has.
        corpus = [tokens or ["\u0000"] for tokens in token_lists]
        bm25.index(corpus, show_progress=False)
        doc_freq: dict[str, int] = {}
        for tokens in token_lists:
            for token in set(tokens):
                doc_freq[token] = doc_freq.get(token, 0) + 1
        return cls(bm25, list(doc_ids), doc_freq)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(directory / "bm25"))
        payload = {"doc_ids": self.doc_ids, "doc_freq": self.doc_freq}
        (directory / "lexical.json").write_text(json.dumps(payload, ensure_ascii=False), "utf-8")

    @classmethod
    def load(cls, directory: Path) -> "LexicalIndex":
        import bm25s

        try:
            payload = json.loads((directory / "lexical.json").read_text("utf-8"))
            bm25 = bm25s.BM25.load(str(directory / "bm25"))
        except (OSError, ValueError, KeyError) as exc:
            raise LexicalIndexError(f"lexical index in {directory} unreadable: {exc}") from None
        return cls(bm25, payload["doc_ids"], payload["doc_freq"])

    @property
    def size(self) -> int:
        return len(self.doc_ids)

    @cached_property
    def _max_idf(self) -> float:
        return math.log(1 + self.size)

    def idf(self, token: str) -> float:
        """Smoothed idf; a token the corpus never uses gets the highest weight."""
        df = self.doc_freq.get(token, 0)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5)) if df else self._max_idf

    def scores(self, tokens: list[str]) -> np.ndarray:
        known = [t for t in tokens if t in self.doc_freq]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)
