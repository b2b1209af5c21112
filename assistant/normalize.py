"""Text normalisation: input cleaning, script detection, Simplified/Traditional folding, errata.

`Folder.fold` turns any text (Traditional, Simplified, with or without the source's conversion
artifacts) into one matching form: Simplified, errata corrected, NFKC (half-width digits and
punctuation). Errata map both ways: a user typing 知识产权 and the source's 智慧財產權 both fold
to 知识产权.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .corpus import Erratum

SIMPLIFIED, TRADITIONAL, ENGLISH = "zh-Hans", "zh-Hant", "en"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_MARKUP = re.compile(r"<[^<>]{0,500}>|https?://\S+")  # tags and URLs say nothing about the language
# Taiwan and Hong Kong write 甚麼 for 什麼 ("what"); OpenCC keeps it as 甚么, which no question word matches
_VARIANTS = (("甚么", "什么"),)
# Chat shorthand in pinyin initials that a regulation's words stand behind: zf = 政府 (government)
_SHORTHAND = ((re.compile(r"(?<![a-z])zf(?![a-z])", re.IGNORECASE), "政府"),)


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc  # the binary-wheel OpenCC package

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


def clean(text: str) -> str:
    """Strip control characters and collapse whitespace; keeps everything else as typed."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def blank(text: str, patterns) -> str:
    """The text with every match of the patterns replaced by spaces: what is left, at the same offsets.
    Every pattern is matched on the text as given, so overlapping wordings are all found."""
    blanked = list(text)
    for start, end in (m.span() for pattern in patterns for m in pattern.finditer(text)):
        blanked[start:end] = " " * (end - start)
    return "".join(blanked)


def detect_script(text: str) -> str:
    """zh-Hans, zh-Hant or en, by which script's own characters the text uses."""
    text = _MARKUP.sub(" ", text)
    han = _CJK.findall(text)
    if not han:
        return ENGLISH if _LATIN_WORD.search(text) else SIMPLIFIED
    if len(_LATIN_WORD.findall(text)) > 2 * len(han):
        return ENGLISH
    chars = "".join(han)
    simplified, traditional = to_simplified(chars), to_traditional(chars)
    trad_only = sum(1 for a, b in zip(chars, simplified) if a != b)
    simp_only = sum(1 for a, b in zip(chars, traditional) if a != b)
    return TRADITIONAL if trad_only > simp_only else SIMPLIFIED


@dataclass(frozen=True)
class Folder:
    """Folds text to the matching form, with the corpus's errata applied in both scripts."""

    pairs: tuple[tuple[str, str], ...]  # (artifact, correct), Simplified, longest first

    @classmethod
    def from_errata(cls, errata: tuple[Erratum, ...]) -> "Folder":
        pairs = {}
        for erratum in errata:
            pairs[to_simplified(erratum.received)] = to_simplified(erratum.correct)
        ordered = sorted(pairs.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        return cls(tuple(ordered))

    def fold(self, text: str) -> str:
        text = unicodedata.normalize("NFKC", text)
        text = to_simplified(text)
        for variant, standard in _VARIANTS:
            text = text.replace(variant, standard)
        for shorthand, word in _SHORTHAND:
            text = shorthand.sub(word, text)
        for artifact, correct in self.pairs:
            text = text.replace(artifact, correct)
        return text.lower()

    def contains(self, haystack: str, needle: str) -> bool:
        """Substring test after folding both sides (used by quote checks and evals)."""
        return self.fold(needle) in self.fold(haystack)


def display(text: str, script: str) -> str:
    """Corpus text (errata applied) in the script of the question; English gets Simplified.
    Text already in Traditional is kept as it is (converting it again could alter characters)."""
    if script != TRADITIONAL:
        return to_simplified(text)
    return text if to_simplified(text) != text else to_traditional(text)
