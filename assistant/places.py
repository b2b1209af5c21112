"""Places a question names, each with its role: inside the regulation's jurisdiction (home) or
not, and asked about or only mentioned as background.

Place names are China's administrative divisions as shipped by the `cpca` package (its
adcodes.csv: 3,500 provinces, cities, counties and districts, with their codes), read directly so
that answering never imports pandas. A division is home when its code lies under a jurisdiction
place's code (吉林市 220200 → 桦甸市 220282) or when the regulation's metadata lists it by name
(the development zones have no code). Names are matched with and without their suffix
(桦甸市/桦甸, 长春市/长春); a short form that is an everyday word (东西, 城区, 新区) is not a place.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "县", "区", "盟", "旗")
# Short forms that are everyday words more often than places.
_NOT_PLACES = frozenset("""城区 新区 郊区 矿区 市区 东区 西区 南区 北区 中区 开发 高新 经开 东西 南北
    和平 平安 新华 长安 安宁 太平 新城 古城 东方 青山 东山 西山 南山 北山 朝阳 光明 胜利 普通 文化 红旗 先锋
    前进 团结 友谊 建设 新兴 兴业 向阳 城关 站前 大东""".split())


@dataclass(frozen=True)
class Place:
    name: str  # as written in the question (folded)
    home: bool  # inside the regulation's jurisdiction
    asked: bool  # in a sentence that asks, not only in background


def _adcodes_file() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'cpca' package (China's administrative divisions) is not installed: "
                           "pip install -e . installs it")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _prefix(code: str) -> str:
    """An adcode without its trailing zero pairs: 220200000000 → 2202 (what lies under it shares it)."""
    code = code.rstrip("0")
    return code + "0" * (len(code) % 2)


@lru_cache(maxsize=1)
def divisions() -> dict[str, str]:
    """Every division name and short form → its adcode prefix (the first code wins a shared name)."""
    names: dict[str, str] = {}
    with _adcodes_file().open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name, code = row["name"], _prefix(row["adcode"])
            if len(name) < 2 or "直辖" in name or "群岛" in name or name in _NOT_PLACES:
                continue  # (阳泉 has districts named 城区, 矿区 and 郊区: everyday words first)
            names.setdefault(name, code)
            short = next((s for s, _ in _short_forms(name) if s not in _NOT_PLACES), None)
            if short:
                names.setdefault(short, code)
    return names


def _short_forms(name: str):
    """(the name without a division suffix, the suffix), for each suffix it ends with that leaves
    two characters or more, longest suffix first: 吉林市 → (吉林, 市)."""
    return ((name[:-len(s)], s) for s in _SUFFIXES if name.endswith(s) and len(name) - len(s) >= 2)


def _frame_words(jurisdiction: tuple[str, ...]) -> tuple[str, ...]:
    """The words that name where a regulation applies (the first of its jurisdiction; the rest lie
    inside): the place, its short form and this/the whole X (吉林市, 吉林, 本市, 全市). Every article
    applies there, so they say nothing about which article answers."""
    if not jurisdiction:
        return ()
    place = jurisdiction[0]
    short, suffix = next(_short_forms(place), ("", ""))
    words = [place] + ([short] if short else [])
    if len(suffix) == 1:
        words += ["本" + suffix, "全" + suffix]
    return tuple(words)


class Gazetteer:
    """Finds places in folded text and tells home from elsewhere for one regulation.

    `everyday(word)` says a short form is an everyday word rather than a place (新建, 资源: the
    regulation's own text uses them, or the dictionary knows them as common words); `spans(text)`
    gives the text's word boundaries, so a name cut across two words (和政 in 融资和政策) is not read."""

    def __init__(self, jurisdiction: tuple[str, ...], fold, everyday=lambda word: False,
                 spans=None, english=lambda word: None) -> None:
        self._english = english  # an English place name → the division it stands for (changchun → 长春)
        self._names = {name: code for name, code in divisions().items()
                       if name.endswith(_SUFFIXES) or not everyday(name)}
        self._spans = spans
        self._starting: dict[str, list[str]] = {}  # first character → names, longest first
        for name in sorted(self._names, key=lambda n: (-len(n), n)):
            self._starting.setdefault(name[0], []).append(name)
        self._home_names = {fold(n) for n in jurisdiction}
        self._home_codes = tuple(self._names[n] for n in self._home_names if n in self._names)
        self.frame_words = _frame_words(tuple(fold(n) for n in jurisdiction))

    def home(self, name: str) -> bool:
        """Inside the jurisdiction, or a division containing it (吉林省 holds 吉林市: its
        province's law is the Measures' own parent, not another place). With no jurisdiction (a
        national law), every place is home."""
        if not self._home_names:
            return True
        if name in self._home_names or any(h.startswith(name) for h in self._home_names):
            return True
        code = self._names.get(name)
        return code is not None and any(code.startswith(h) or h.startswith(code) for h in self._home_codes)

    def find(self, folded: str) -> list[str]:
        """Place names in the text, longest first at each position, without repeats."""
        found, i = [], 0
        starts = ends = None
        while i < len(folded):
            for name in self._starting.get(folded[i], ()):
                if folded.startswith(name, i):
                    if self._spans is not None:
                        if starts is None:
                            spans = self._spans(folded)
                            starts, ends = {a for a, _ in spans}, {b for _, b in spans}
                        if i not in starts or i + len(name) not in ends:
                            continue
                    if (_CONJUNCTION_AND_DIVISION.fullmatch(name) and i and "\u4e00" <= folded[i - 1] <= "\u9fff"
                            and folded[i - 1] not in "在到去从于往来住回"):
                        continue  # 市级和县级: "and county", not 和县 (Anhui)
                    found.append(name)
                    i += len(name)
                    break
            else:
                i += 1
        for name in self._home_names:  # zones and names the divisions do not have
            if name in folded and not any(name in f for f in found):
                found.append(name)
        if re.search(r"[a-z]{4}", folded):  # Changchun, Harbin: English names of divisions
            found += [d for d in map(self._english, re.findall(r"[a-z]+", folded)) if d and d in self._names]
        return list(dict.fromkeys(found))

    def places(self, sentences) -> list[Place]:
        """Places of a message's sentences ((text, asks) pairs), each with its role."""
        roles: dict[str, Place] = {}
        for text, asks in sentences:
            for name in self.find(text):
                before = roles.get(name)
                roles[name] = Place(name, self.home(name), asks or bool(before and before.asked))
        return list(roles.values())


# a conjunction before a division's generic name (…和县…, …与市…) reads as the conjunction
_CONJUNCTION_AND_DIVISION = re.compile(r"[和与及跟同或][县市区镇乡]")
COMMON_WORD = 100  # jieba frequency from which a short place name (新建, 资源) is an everyday word


class Gazetteers:
    """One gazetteer per regulation, built on first use: its jurisdiction from the metadata, else
    its place, else the place its title starts with (杭州市数据资源条例); a national law has none,
    and no place is elsewhere for it (nor when no one regulation is in question)."""

    def __init__(self, fold, tokenizer, corpus_text, english=lambda word: None) -> None:
        self._fold, self._tokenizer, self._corpus_text = fold, tokenizer, corpus_text
        self._english = english
        self._built: dict[str, Gazetteer] = {}

    def of(self, regulation) -> Gazetteer:
        key = regulation.id if regulation is not None else ""  # "": no one regulation in question
        if key not in self._built:
            meta = regulation.metadata if regulation is not None else None
            places = (meta.jurisdiction or ((meta.place,) if meta.place else ())) if meta else ()
            gazetteer = self._make(tuple(places))
            if meta and not places:
                title = self._fold(regulation.title)
                gazetteer = self._make(tuple(p for p in gazetteer.find(title) if title.startswith(p)))
            self._built[key] = gazetteer
        return self._built[key]

    def leading_place(self, regulation, title: str) -> str:
        """The place a folded title starts with (吉林市 of 吉林市信息化促进办法), or ""."""
        return next((p for p in self.of(regulation).find(title) if title.startswith(p)), "")

    def _make(self, places: tuple[str, ...]) -> Gazetteer:
        return Gazetteer(places, self._fold, self._everyday, self._tokenizer.spans, self._english)

    def _everyday(self, word: str) -> bool:
        """A word the regulation's text uses, or a common dictionary word that is not a place name
        (新建, 资源, 丰满): not read as a place when written without its 市/县/区."""
        if word in self._corpus_text:
            return True
        return self._tokenizer.frequency(word) >= COMMON_WORD and word not in self._tokenizer.place_names


def rules_of(folded: str, places) -> bool:
    """A regulation named after one of `places` (长春的信息化办法, 长春市现行的信息化促进办法): that
    place's own rules, not the loaded regulation."""
    return any(re.search(re.escape(place) + r"[^，,。？?！!\s]{0,12}?(办法|条例|规定|规章|政府令)", folded)
               for place in places)
