"""`word in corpus` for corpora of any size.

The answer layer asks whether a question's words occur anywhere in the corpus (coverage, other
laws, other places). On the Measures that is a scan of ~10k characters; on 50,000 articles
(~6M characters) a word that does *not* occur costs a full scan, 4–12 ms each. Above
`SCAN_BELOW` characters, hashed tables of the character pairs and triples the text contains
rule out at once any word holding a pair or triple the text never has; only the rest are
scanned, so the answer is always exactly `word in text`.
"""
from __future__ import annotations

import numpy as np

SCAN_BELOW = 1_000_000  # characters; smaller texts are simply scanned
_BITS = 24  # 16M slots per table (16 MB each)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _gram_hashes(text: str, n: int) -> np.ndarray:
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < n:
        return np.empty(0, dtype=np.uint64)
    mixed = np.zeros(len(codes) - n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(n):
            mixed = (mixed + codes[offset:len(codes) - n + 1 + offset]) * _MIX
    return mixed >> np.uint64(64 - _BITS)


class CorpusText:
    """The folded text of every article; supports `word in corpus_text`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._tables: dict[int, np.ndarray] = {}
        if len(text) >= SCAN_BELOW:
            for n in (2, 3):
                table = np.zeros(1 << _BITS, dtype=bool)
                table[_gram_hashes(text, n)] = True
                self._tables[n] = table

    def __contains__(self, word: str) -> bool:
        for n, table in self._tables.items():
            if len(word) >= n and not table[_gram_hashes(word, n)].all():
                return False
        return word in self.text

    def __len__(self) -> int:
        return len(self.text)
