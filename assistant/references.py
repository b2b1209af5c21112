"""Article references in the forms users type, found in folded (Simplified, NFKC) text.

第21条, 第二十一條, 第廿一条, 二十一条, 第21条第二款, 21条2款, 条21, Article 21, Art. 21(2),
article 21 paragraph 2, paragraph 2 of article 21, article twenty-one, the 21st article, §21, section 21;
第一百二十条之一 (an article of its own: article 120, sub 1), Article 120-1.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import alpha2digit

from . import numerals


@dataclass(frozen=True)
class Reference:
    article: int
    paragraph: int | None = None
    sub: int = 0  # N of 第X条之N


_N = f"[0-9{numerals.NUMERAL_CHARS}]+"
_CHINESE = re.compile(
    rf"(?P<di>第)?\s*(?P<article>{_N})\s*[条條](?:之(?P<sub>{_N}))?"
    rf"(?:\s*(?:的)?\s*第?\s*(?P<paragraph>{_N})\s*款)?"
)
_ENGLISH = re.compile(
    r"(?:(?<![a-z])(?:paragraph|para\.?|par\.?|clause)\s*(?P<p0>\d+)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:(?<![a-z])(?:article|arts?\.?|section|sec\.?)|§)\s*(?P<article>\d+)(?:-(?P<sub>\d+))?"
    r"|(?<![0-9])(?P<ordinal>\d+)(?:st|nd|rd|th)\s+(?:article|section)\b)"
    r"(?:\s*(?:\((?P<p1>\d+)\)|,?\s*(?:paragraph|para\.?|par\.?|clause)\s*(?P<p2>\d+)))?",
    re.IGNORECASE,
)
# 条34, 条 21: the number after 条, as search-box users type it (at the start or after a break)
_REVERSED = re.compile(r"(?:^|(?<=[\s，,。？?：:、]))[条條]\s*(?P<article>[0-9]{1,3})(?![0-9])")
_ENGLISH_WORDS = re.compile(r"(?<![a-z])(article|art|section|sec|paragraph|para|clause)\b", re.IGNORECASE)
# A bare numeral + 条 without 第 is a reference only when it cannot be a count word
# ("一条规定", "这两条"), so it must not follow a demonstrative or measure context.
_BARE_BLOCKERS = "这那哪每几各某另此本该上下前后同共"


# … nor follow a word that counts (一共就30条, 总共三十五条, 才30条, 办法有五十条) or another count
# (共分七章、四十条): the regulation's length, not an article
_COUNTING = re.compile(r"(一共|总共|共有|总计|合计|就|才|只有|有|[章节][、，,]?)\s*$")


def _bare_ok(text: str, start: int, number_text: str) -> bool:
    if start > 0 and text[start - 1] in _BARE_BLOCKERS:
        return False
    if _COUNTING.search(text[max(0, start - 4):start]):
        return False
    if number_text.isdigit():
        return True
    return number_text not in ("一", "两", "兩", "二")


# Phone-keyboard slips inside an article reference: pinyin input offers 调/跳 for tiao (条), or leaves
# the pinyin itself (第31tiao), and
# 是/时/事/实 for shi (十). Repaired only inside a 第…条 frame (第十二调 → 第十二条, 第三是二条 → 第三十二条).
_TYPED_FRAME = re.compile(rf"第\s*([0-9{numerals.NUMERAL_CHARS}是时事实石]+)\s*([条條调調跳]|tiao\b)")
_SHI = str.maketrans("是时事实石", "十十十十十")
# … and without 第 (三十四调, 12调): a numeral of two or more characters before 调/跳, where a count
# word cannot stand (这两调 is not a reference).
_TYPED_BARE = re.compile(rf"(?<![第0-9{numerals.NUMERAL_CHARS}])([0-9{numerals.NUMERAL_CHARS}]{{2,}})\s*[调調跳]")


def repair_typing(folded: str) -> str:
    def fix(match: re.Match) -> str:
        number = match.group(1).translate(_SHI)
        if numerals.to_int(number) is None:
            return match.group(0)
        return f"第{number}条"

    def fix_bare(match: re.Match) -> str:
        if not _bare_ok(match.string, match.start(1), match.group(1)) or numerals.to_int(match.group(1)) is None:
            return match.group(0)
        return f"第{match.group(1)}条"

    return _TYPED_BARE.sub(fix_bare, _TYPED_FRAME.sub(fix, folded))


# A reference the writer takes back right away, as dictated (第十二条 不对 第十三条, 第30条，哦不，31条)
_CORRECTED = re.compile(rf"[\s，,、]+((不对|不是|错了|说错了|哦不|噢不|啊不|不不)\s*[，,、]?\s*)+(是\s*)?(第\s*)?{_N}\s*[条條]")


def find_references(folded: str) -> list[Reference]:
    """All article references in order of appearance, without repeats (typing slips repaired)."""
    folded = repair_typing(folded)
    found: list[tuple[int, Reference]] = []
    corrected: set[int] = set()  # where a reference the writer takes back starts
    for match in _CHINESE.finditer(folded):
        number_text = match.group("article")
        if not match.group("di") and not _bare_ok(folded, match.start("article"), number_text):
            continue
        article = numerals.to_int(number_text)
        if article is None:
            continue
        paragraph = numerals.to_int(match.group("paragraph")) if match.group("paragraph") else None
        sub = numerals.to_int(match.group("sub")) if match.group("sub") else 0
        found.append((match.start(), Reference(article, paragraph, sub or 0)))
        if _CORRECTED.match(folded, match.end()):
            corrected.add(match.start())
    # article twenty-one, the twenty-first article: number words as digits (threshold 0: also one,
    # two); the text keeps its length only roughly, so positions order English references among themselves
    english = alpha2digit(folded, "en", threshold=0) if _ENGLISH_WORDS.search(folded) else folded
    for match in _ENGLISH.finditer(english):
        paragraph = match.group("p0") or match.group("p1") or match.group("p2")
        found.append(
            (match.start(), Reference(int(match.group("article") or match.group("ordinal")),
                                      int(paragraph) if paragraph else None, int(match.group("sub") or 0)))
        )
    for match in _REVERSED.finditer(folded):
        found.append((match.start(), Reference(int(match.group("article")))))
    found.sort(key=lambda item: item[0])
    return list(dict.fromkeys(ref for start, ref in found if start not in corrected))


# A question about an article itself — its text, what it says or is about — rather than a claim
# about what it provides (给我念念原文, 是专门讲…的吧, Is Article 12 about funding?, summarize)
_TEXT_WORDS = "原文|全文|念念|念一下|读一下|读读"
TEXT_REQUEST = re.compile(f"({_TEXT_WORDS})")  # a request for its text (给出原文, 念一下)
ABOUT_THE_ARTICLE = re.compile(
    rf"({_TEXT_WORDS}|内容|(讲|说|写|规定|规范|涉及)了?的?是?(什么|啥|哪些)|是讲|专门讲|是关于|讲的是|主要(讲|规范|规定|涉及)|"
    r"概括|总结|解释|什么意思|啥意思|summar|\bsays?\b|\bcontents?\b|\btext\b|explain|\babout\b|\bmean|"
    r"deal with|\bcover|tell me|what does|\b(does|do|did) (it|this)\b)")


def without_references(folded: str) -> str:
    """The question with its article references blanked (typing slips repaired first): what it
    says or asks about them (第二十条规定了信息安全等级保护，对吧 → 规定了信息安全等级保护，对吧)."""
    folded = repair_typing(folded)

    def blank(match: re.Match) -> str:
        counted = not match.group("di") and not _bare_ok(match.string, match.start("article"), match.group("article"))
        return match.group(0) if counted else " "

    folded = _REVERSED.sub(" ", _CHINESE.sub(blank, folded))
    english = alpha2digit(folded, "en", threshold=0) if _ENGLISH_WORDS.search(folded) else folded
    # (in English the regulation stands in its place: Does Article 20 require… → Does the regulation require…)
    return _ENGLISH.sub(lambda m: " the regulation " if m.group("article") or m.group("ordinal") else m.group(0), english)


def find_paragraph_only(folded: str) -> int | None:
    """A 款 without an article ("那第二款呢?"), for follow-ups that reuse the last article."""
    match = re.search(rf"第\s*({_N})\s*款", folded)
    if match and not _CHINESE.search(folded):
        return numerals.to_int(match.group(1))
    return None
