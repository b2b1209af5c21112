"""Whether an everyday word occurs in a question as a word: jieba's cut of the question (where its
words begin and end) for Chinese, whole words with their inflections for English."""
from __future__ import annotations

import re


class Boundaries:
    """Where the question's words begin and end (jieba's precise cut), read once per question."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = {start for start, _ in spans}
        self.ends = {end for _, end in spans}


def used_as_word(folded: str, word: str, words: Boundaries) -> bool:
    """An everyday word of three or more characters wherever it occurs (rarely by accident; jieba
    may cut it badly: 工信/局管); a pair where it begins and ends with the question's words or lies
    inside one word; a single character only as a word of its own."""
    if len(word) >= 3:
        return True
    position = folded.find(word)
    while position >= 0:
        end = position + len(word)
        if position in words.starts and end in words.ends:
            return True
        if len(word) > 1 and any(start <= position < stop and end <= stop for start, stop in words.spans):
            return True
        position = folded.find(word, position + 1)
    return False


def english_word(word: str) -> re.Pattern:
    """A whole English word, allowing inflections: database → databases, file → filed/filing."""
    return re.compile(rf"(?<![a-z]){re.escape(word)}(s|es|d|ed|ing)?(?![a-z])")


def contains_word(folded: str, word: str) -> bool:
    if word.isascii():
        return english_word(word).search(folded) is not None
    return word in folded
