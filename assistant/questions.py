"""What a question asks, read from its folded text: metadata fields, article references, and
signs that it lies outside the regulation (another place, another law, an amount the text
would have to state). Pure functions over strings; no retrieval here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import blank
from .references import Reference, find_references

# Metadata fields, each with the patterns (folded Simplified or lowercase English) that ask for it.
_WHEN = r"(什么时候|何时|哪天|哪一天|哪年|哪一年|几月|日期|时间|几号|多会|when|what date|which date|what year)"
METADATA_PATTERNS: dict[str, tuple[str, ...]] = {
    "effective": (rf"{_WHEN}.{{0,8}}(施行|生效|实施|实行|执行|开始用|起效)",
                  r"(施行|生效|实施|实行)(日期|时间|之日)", r"(施行|生效)了?吗", r"从什么时候",
                  r"(effective|come into (force|effect)|came into (force|effect)|take effect|in force)"),
    "promulgated": (rf"{_WHEN}.{{0,8}}(公布|发布|颁布|出台|印发|发的)",
                    r"(公布|发布|颁布|出台)(日期|时间)",
                    r"(promulgat|published|released|announced)"),
    "adopted": (r"(审议|常务会议|哪次会议|什么会议|哪个会议|会议通过|通过的|第几次会议|会上)",
                rf"{_WHEN}.{{0,6}}通过", r"(adopted|meeting|passed)"),
    "issuer": (r"(谁|哪个|哪一个|哪家|哪级|什么(部门|机关|单位|机构))(部门|机关|单位|机构|政府)?.{0,3}"
               r"(发布|制定|颁布|出台|印发|发的|签发)",
               r"(发布|制定|颁布)(机关|部门|单位|主体)", r"(办法|规章)(是)?由谁(发布|制定|制订|颁布|出台|印发|签发|定的|发的)",
               r"(who (issued|made|published|enacted|promulgated)|issuing (body|authority)|issued by|issuer)"),
    "order": (r"(文号|令号|几号令|第几号|多少号|令第|字号|编号是)",
              r"(order (no|number)|decree (no|number)|document number|order number)"),
    "count": (r"(几条|多少条|条数|多少个条|几个条|一共.{0,4}条|共有.{0,4}条)",
              r"(how many articles|number of articles)"),
    "signed": (r"(签署|签发|哪个市长|谁签|市长)", r"(signed|mayor)"),
    "category": (r"(什么类别|哪类|类别|什么性质|效力(级别|层级)|是法律还是|规章还是|属于什么|什么级别|法律效力)",
                 r"(category|what kind of (law|regulation|document)|legal (status|nature))"),
    "title": (r"(全称|全名|正式名称|(办法|规章|文件)的?(名字|名称))",
              r"(full (title|name)|official (title|name)|what is it called)"),
}
_METADATA_RES = {field: tuple(re.compile(p) for p in patterns) for field, patterns in METADATA_PATTERNS.items()}

# What kind of fact a question asks for, and the evidence an article must contain to answer it.
# A question asking for a figure, a cost, a time or a person is declined when the best article
# states none: the text answers "who must do what", not "how much", "when" or "who is".
ANSWER_TYPES: dict[str, tuple[re.Pattern, re.Pattern | None]] = {
    "figure": (re.compile(
        r"(多少|几个|几家|几次|几项|几成|几万|金额|额度|比例|百分之|税率|费率|利率|几天|几年|工资|收费标准|"
        r"how much|how many|what (amount|rate|percentage)|fine of)"),
        re.compile(r"([0-9０-９]+|[一二三四五六七八九十百千万两]+)\s*(元|万|亿|%|％|天|日内|个月|年内|周|小时|个工作日|倍)")),
    "cost": (re.compile(
        r"(费用|花费|成本|收费|付费|缴费|怎么(交|缴)(钱|费|款|纳)|怎么(交|缴)(?=[吗呢啊？?。]|$)|交到哪|谁出钱|谁付钱|谁来出钱|谁来付|谁承担|由谁承担|"
        r"who pays|who bears|cost of|fee)"),
        re.compile(r"(费用|经费|资金|预算|投资|投入|收费|承担)")),
    "time": (re.compile(
        r"(多久|多长时间|期限|时限|截止|几号之前|什么时候之前|最晚|哪天|几月几日|废止|失效|有效期|到期|"
        r"deadline|how long|how soon|within how|repeal|expire)"),
        re.compile(r"(\d{4}年|\d+月|日内|天内|个月内|年内|期限|之前|以前)")),
    "person": (re.compile(r"(叫什么名字|名字叫|姓名|是哪位|哪位领导|(局长|主任|处长|部长|书记|领导)是谁|who is the)"),
               None),
}


def asked_types(folded: str) -> tuple[str, ...]:
    return tuple(kind for kind, (question, _) in ANSWER_TYPES.items() if question.search(folded))


def unanswered_types(folded: str, article_text: str) -> tuple[str, ...]:
    """The kinds of fact the question asks for that the article text does not contain."""
    missing = []
    for kind in asked_types(folded):
        evidence = ANSWER_TYPES[kind][1]
        if evidence is None or not evidence.search(article_text):
            missing.append(kind)
    return tuple(missing)


# Only title-like characters: a title is echoed in the decline message, so no markup may pass.
_QUOTED_TITLE = re.compile(r"《([\u4e00-\u9fff0-9A-Za-z·（）()、]{2,40})》")
_LAW_WORD = re.compile(r"[\u4e00-\u9fff]{2,14}?(?:法|条例)(?!规(?!定)|院|人|官|律)")
# Words ending in 法 that are not law titles, and words a title never contains.
_NOT_TITLE_END = ("办法", "方法", "做法", "说法", "合法", "依法", "违法", "非法", "用法", "想法",
                  "看法", "算法", "手法", "立法", "执法", "司法", "守法", "犯法", "无法", "设法", "办事法")
_NOT_IN_TITLE = re.compile(r"(什么|哪|怎|吗|这|那|本|是否|如何|可以|能|要|有没有|谁)")
_LEADING_VERBS = re.compile(r"^(违反|根据|按照|依照|依据|参照|对照|关于|适用|按|对|跟|和|与|在|看看|查查|查)+")


@dataclass(frozen=True)
class Analysis:
    references: tuple[Reference, ...]
    metadata: tuple[str, ...]  # metadata fields asked for, in a fixed order
    other_laws: tuple[str, ...]  # law titles named that the corpus does not hold


def metadata_fields(folded: str) -> tuple[str, ...]:
    return tuple(f for f, patterns in _METADATA_RES.items() if any(p.search(folded) for p in patterns))


# A question that names the regulation itself (or a document) asks about the regulation.
NAMES_REGULATION = re.compile(r"(办法|规章|条例|文件|政府令|measures|regulation|document)")


def without_metadata_words(folded: str) -> str:
    """The question with every metadata wording blanked: what else it is about (评审不通过的项目
    → 评审不 项目: a project, not the regulation's adoption)."""
    return blank(folded, (pattern for patterns in _METADATA_RES.values() for pattern in patterns))


def other_laws(folded: str, known_titles: tuple[str, ...], corpus_text, mentioned_ok: bool = True) -> tuple[str, ...]:
    """Titles of laws the question names that are not in the corpus, nor (with `mentioned_ok`)
    mentioned by it: 根据吉林省信息化促进条例 is a question about the Measures, 吉林省信息化促进条例第十条
    asks for another law's article."""
    named = [m.group(1) for m in _QUOTED_TITLE.finditer(folded)]
    unquoted = _QUOTED_TITLE.sub(" ", folded)
    for match in _LAW_WORD.finditer(unquoted):
        candidate = _LEADING_VERBS.sub("", match.group(0))
        if candidate.endswith(_NOT_TITLE_END) or _NOT_IN_TITLE.search(candidate):
            continue
        named.append(candidate)
    unknown = []
    for title in named:
        core = re.sub(r"^(本|这个|该|此|那个|这部|那部)", "", title)
        if len(core) < 3 or core in ("办法", "条例", "规定"):
            continue
        if any(core in known or known in core for known in known_titles):
            continue
        if mentioned_ok and core in corpus_text:
            continue
        unknown.append(core)
    return tuple(dict.fromkeys(unknown))


def analyse(folded: str, known_titles: tuple[str, ...], corpus_text) -> Analysis:
    references = tuple(find_references(folded))
    return Analysis(
        references=references,
        metadata=metadata_fields(folded),
        other_laws=other_laws(folded, known_titles, corpus_text, mentioned_ok=not references),
    )
