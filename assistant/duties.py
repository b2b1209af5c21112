"""Duty questions in the chat ("建设单位有哪些义务?", "信息化主管部门要负责什么?",
"哪些事情是禁止的?") answered from the obligations index, each duty with its citation."""
from __future__ import annotations

import re

from .answer import Answer, Citation, localise, paragraph_label, title_of
from .corpus import Regulation
from .normalize import ENGLISH, TRADITIONAL, blank, display, to_simplified
from .obligations import Obligation, Obligations

_DUTY = re.compile(r"(有哪些|有什么|有啥|都有哪些|的)(法定)?(义务|职责|责任|任务|工作职责)|"
                   r"(要|应当|应该|必须|需要)?负责(什么|哪些|啥|哪些工作|哪些事)|"
                   r"(要|应当|应该|必须|需要)(做|干|履行)(什么|哪些|啥)(事|事情|工作)?[？?]*$|"
                   r"(义务|职责)(是什么|有哪些|包括)|"
                   r"(obligations?|duties|responsibilities) (of|for)|what (must|should|shall) .{1,60}? do\b|"
                   r"what (is|are) .{1,60}? responsible for")
_FORBIDDEN = re.compile(r"(哪些|什么|啥)(事情|事|行为|做法)?(是)?(被)?(明确)?(禁止|不得|不允许|不准|不能做)|"
                        r"(禁止|不得|不准)(做)?(哪些|什么|啥)")
_ENCOURAGED = re.compile(r"(鼓励|提倡)(做)?(哪些|什么|啥)|(哪些|什么)(事情|行为)?(是)?(受到|被)?鼓励")
_MAY = re.compile(r"(哪些|什么)(事情)?(是)?(可以|允许)(做)?的")

MODALITY_LABEL = {"must": "应当", "must-not": "不得", "responsible": "负责", "encouraged": "鼓励",
                  "may": "可以"}
MODALITY_EN = {"must": "must", "must-not": "must not", "responsible": "is responsible for",
               "encouraged": "is encouraged to", "may": "may"}


def detect(folded: str, obligations: Obligations) -> tuple[str | None, str | None] | None:
    """(actor id or None, modality or None) when the question asks for a list of duties."""
    actor = obligations.resolve(folded)
    if _FORBIDDEN.search(folded):
        return actor, "must-not"
    if _ENCOURAGED.search(folded):
        return actor, "encouraged"
    if _MAY.search(folded):
        return actor, "may"
    if _DUTY.search(folded) and actor:
        return actor, None
    return None


def topic(folded: str, obligations: Obligations) -> str:
    """What a duty question asks about besides whose duties and which kind: the question with
    the actors and the duty wording blanked (建设单位在项目竣工后要做什么 → 在项目竣工后)."""
    return blank(obligations.matcher.blank(folded), (_FORBIDDEN, _ENCOURAGED, _MAY, _DUTY))


def focused(items: list[Obligation], words: list[str], weight, covered) -> list[Obligation]:
    """The duties of the paragraphs whose sentences use the most of the topic's words (by weight;
    `covered(word, sentence)` also follows the thesaurus): a paragraph's duties go together (what
    must be done before a project is delivered: tested and accepted, or not delivered); all of
    them when the question has no topic or no duty uses any of its words."""
    scores = [sum(weight(w) for w in set(words) if covered(w, item.sentence)) for item in items]
    best = max(scores, default=0)
    if best <= 0:
        return items
    paragraphs = {(item.article, item.paragraph) for item, score in zip(items, scores) if score == best}
    return [item for item in items if (item.article, item.paragraph) in paragraphs]


def exact(regulation: Regulation, item: Obligation, text: str, script: str) -> str:
    """Text extracted from the Simplified paragraph, in the answer's script, as the corpus writes it:
    Traditional is sliced from the source at the same offsets (never re-converted)."""
    if script != TRADITIONAL:
        return text
    paragraph = regulation.article(item.article).paragraph(item.paragraph)
    simplified = to_simplified(paragraph.text)
    start = simplified.find(text)
    if start < 0 or len(simplified) != len(paragraph.text):
        return display(text, script)
    return paragraph.text[start:start + len(text)]


def _lines(items: list[Obligation], obligations: Obligations, script: str) -> list[str]:
    """One line per sentence: its modalities, then the sentence exactly as the text says it."""
    grouped: dict[tuple[int, int, str], list[Obligation]] = {}
    for item in items:
        grouped.setdefault((item.article, item.paragraph, item.sentence), []).append(item)
    lines = []
    for (article, paragraph, sentence), group in grouped.items():
        first = group[0]
        label = paragraph_label(article, paragraph if _multi(obligations, first) else None, script)
        modalities = list(dict.fromkeys(i.modality for i in group))
        quote = exact(obligations.regulation, first, sentence, script)
        if script == ENGLISH:
            tags = " / ".join(MODALITY_EN[m] for m in modalities)
            lines.append(f"- [{tags}] {quote} — {label}")
        else:
            tags = "·".join(localise(MODALITY_LABEL[m], script) for m in modalities)
            lines.append(f"- 【{tags}】{quote} —— {label}")
    return lines


def _multi(obligations: Obligations, item: Obligation) -> bool:
    article = obligations.regulation.article(item.article)
    return article is not None and len(article.paragraphs) > 1


def answer(question: str, regulation: Regulation, obligations: Obligations, actor: str | None,
           modality: str | None, script: str, focus=lambda items: items) -> Answer:
    every = obligations.select(actor, modality)
    items = focus(every)
    title = title_of(regulation, script)
    who = display(obligations.name(actor), script) if actor else ""
    narrowed = len(items) < len(every)
    if script == ENGLISH:
        kind = {None: "duties", "must-not": "prohibitions", "encouraged": "encouragements",
                "may": "permissions"}.get(modality, "duties")
        count = f"{len(items)} of {len(every)}, those on the question's topic" if narrowed else f"{len(items)}"
        lead = f"{kind.capitalize()}{' of ' + who if who else ''} in 《{title}》 ({count}):"
    else:
        kind = {None: "义务和职责", "must-not": "禁止性规定", "encouraged": "鼓励性规定",
                "may": "可以做的事项"}.get(modality, "义务和职责")
        count = f"中与所问事项有关的（共{len(items)}项，全部{len(every)}项）" if narrowed else f"（共{len(items)}项）"
        lead = localise("依据", script) + f"《{title}》，" + (f"{who}" + localise("的", script) if who else "") \
            + localise(f"{kind}{count}：", script)
    if not items:
        return Answer(question=question, refused=True, reason="no_duties", articles=[], citations=[],
                      answer=lead + "\n\n" + localise("没有找到。", script), script=script, kind="duties",
                      regulation=regulation.id)
    lines = _lines(items, obligations, script)
    citations, seen = [], set()
    for item in items:
        key = (item.article, item.paragraph)
        if key in seen:
            continue
        seen.add(key)
        paragraph = regulation.article(item.article).paragraph(item.paragraph)
        shown = item.paragraph if _multi(obligations, item) else None
        citations.append(Citation(regulation.id, item.article, item.paragraph,
                                  paragraph_label(item.article, shown, script),
                                  display(paragraph.text, script)))
    articles = list(dict.fromkeys(item.article for item in items))
    return Answer(question=question, refused=False, reason="", articles=articles, citations=citations,
                  answer=lead + "\n\n" + "\n".join(lines), script=script, kind="duties",
                  regulation=regulation.id)




def plain_lines(obligations: Obligations, items: list[Obligation]) -> list[str]:
    """Tab-separated lines for the CLI: label, bearers, modality, action (condition)."""
    lines = []
    for item in items:
        who = "、".join(obligations.name(a) for a in item.actors)
        label = paragraph_label(item.article, item.paragraph if _multi(obligations, item) else None,
                                "zh-Hans")
        condition = f"（条件：{item.condition}）" if item.condition else ""
        lines.append(f"{label}\t{who}\t{MODALITY_LABEL[item.modality]}\t{item.action}{condition}")
    return lines
