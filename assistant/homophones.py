"""Words typed with a phone's homophone slip: 数剧库 for 数据库, 规化 for 规划, 三网荣合 for 三网融合,
始行 for 施行.

Pinyin and voice input offer characters that sound alike; the user picks the wrong one. A run of
the question's characters that the regulations' text does not contain and that is no word jieba
knows, differing from one of the text's words in exactly one character that has a reading in common
with the word's own (CC-CEDICT's readings, tones ignored), links that word the way the thesaurus
links everyday words: it widens the query and counts as covered, and decides nothing by itself.
Built once per corpus from the index's vocabulary and cached beside the index.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import files

VERSION = 2
FILE_NAME = "homophones.json"  # beside the index
_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")
WILDCARD = "?"
# Characters that do a grammatical job: typed, they are meant (全是 is "all are", not 全市)
_FUNCTION = frozenset("是的了在有和与及或不没也都就还又再被把让给着过地得吗呢吧啊呀么这那个们我你他她它咱俺之其而以于为对从向到"
                      "里上下每多咋啥谁哪怎想要能会可该需")


def build(words) -> dict:
    """The text's words of two to four characters by each one-character wildcard (数?库 → 数据库),
    the readings of every character (CC-CEDICT, tones dropped: 行 → hang, xing), and the dictionary's
    words one character away from a word of the text (没人 beside 万人: typed, a real word is meant)."""
    from .english import entries

    patterns: dict[str, list[str]] = {}
    for word in sorted(w for w in words if _WORD.fullmatch(w)):
        for j in range(len(word)):
            patterns.setdefault(word[:j] + WILDCARD + word[j + 1:], []).append(word)
    readings: dict[str, set[str]] = {}
    near = set()
    for headword, spelled, _ in entries():
        if len(headword) == 1:
            readings.setdefault(headword, set()).add(spelled)
        elif _WORD.fullmatch(headword) and any(headword[:j] + WILDCARD + headword[j + 1:] in patterns
                                               for j in range(len(headword))):
            near.add(headword)
    return {"patterns": patterns, "readings": {c: sorted(r) for c, r in sorted(readings.items())},
            "words": sorted(near)}


class Homophones:
    def __init__(self, patterns: dict[str, list[str]], readings: dict[str, list[str]], words: list[str]) -> None:
        self._patterns = patterns
        self._readings = {c: frozenset(r) for c, r in readings.items()}
        self._words = frozenset(words)

    @classmethod
    def load(cls, cache: Path, fingerprint: str, words) -> "Homophones":
        table = files.cached_json(cache, VERSION, fingerprint, ("patterns", "readings", "words"), lambda: build(words()))
        return cls(table["patterns"], table["readings"], table["words"])

    def _sounds_alike(self, typed: str, word: str) -> bool:
        return bool(self._readings.get(typed, frozenset()) & self._readings.get(word, frozenset()))

    def links(self, folded: str, in_text, is_word, words: list[tuple[int, int]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(typed run, (the text's words,)) for each slip in the question, longest runs first; `in_text`
        and `is_word` tell a run the text contains or jieba knows (those are no slips), `words` where
        the words jieba knows begin and end: a run that cuts one (始施 in 开始施行, 责人 in 负责人) is
        no slip either."""
        found: dict[str, tuple[str, ...]] = {}
        taken: list[tuple[int, int]] = []
        for run in _RUN.finditer(folded):
            text = run.group(0)
            for n in (4, 3, 2):
                for i in range(len(text) - n + 1):
                    start, end = run.start() + i, run.start() + i + n
                    if any(a <= start and end <= b for a, b in taken):
                        continue
                    if any(a < end and start < b and not (start <= a and b <= end) for a, b in words):
                        continue
                    typed = text[i:i + n]
                    meant = self._match(typed, in_text, is_word)
                    if meant:
                        found[typed] = meant
                        taken.append((start, end))
        return tuple(found.items())

    def _match(self, typed: str, in_text, is_word) -> tuple[str, ...]:
        """The text's words the typed run may be a slip for (始行 → 实行, 施行)."""
        checked, words = False, []
        for j in range(len(typed)):
            for word in self._patterns.get(typed[:j] + WILDCARD + typed[j + 1:], ()):
                if word == typed:
                    return ()
                if not checked:  # (the costlier tests, once a word of the text is one character away)
                    if typed in in_text or is_word(typed) or typed in self._words:
                        return ()
                    checked = True
                if typed[j] not in _FUNCTION and self._sounds_alike(typed[j], word[j]):
                    words.append(word)
        return tuple(words)
