"""A message cut into sentences, and the questions it asks.

People describe their situation before they ask ("我在桦甸开了个小超市。这个办法对我们也适用吗？")
and put two questions in one message ("要备案吗？另外谁来验收？"). `split` finds the sentences
that ask (the parts) and the ones that only give background. Pure functions over folded text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import asks as answer_types
from .questions import NAMES_THE_REGULATION, metadata_fields
from .references import find_references

# Words that make a Chinese clause a question (folded Simplified) and English question openers.
# (木耳榛蘑啥的 "and such" and 干了几年 "for a few years" tell, they do not ask)
# …A不A, A没A, AB不AB: 推不推广, 支不支持, 提没提, 鼓励不鼓励
_A_NOT_A = answer_types.A_NOT_A
_ASKS_ZH = re.compile(
    r"(吗|嘛|呢|什么|(?<!没)啥(?!的)|[干做是搞弄]啥的|怎么|怎样|咋|如何|有何|何种|何时|何处|为何|哪|谁|是否|能不能|能否|可不可以|可否|有没有|有无|要不要|"
    r"需不需要|用不用|会不会|是不是|该不该|应不应该|算不算|归不归|管不管|给不给|多少|(?<![这那好没的了])几|多久|多长|为什么|为啥|"
    rf"么$|不$|没$|[?？]$|{_A_NOT_A})")
_ASKS_EN = re.compile(
    r"^((on|in|under|for|from|by|to|with|at|of|according to) (what|which|whom|whose)|"
    r"what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|may|"
    r"must|should|shall|will|would|has|have|any|tell me|explain|list)\b", re.IGNORECASE)
# A condition before an English question (If a system gets hacked, what must…)
_CONDITION_EN = re.compile(r"^(if|when|once|after|before|in case|suppose|assuming)\b[^,?]*,\s*", re.IGNORECASE)
_STATEMENT_END = re.compile(r"[。！!.]$")
# A statement that carries a question (不知道该定几级。想了解谁负责。): it asks too.
_EMBEDDED = re.compile(r"(不知道|想知道|想问|想了解|想请教|不清楚|搞不清|弄不明白|不明白|不确定|请问|问一下|咨询一下|"
                       r"i (want|would like|need) to know|i wonder|(please|kindly) (tell|explain|confirm|advise|clarify|specify))")
# … in English, with a word of what it asks (Kindly advise the scope within which the Measures apply.)
_WH_EN = re.compile(r"\b(what|which|who|whom|whose|when|where|why|how|whether)\b", re.IGNORECASE)
_PARTICLE_END = re.compile(r"(吗|呢|么|嘛)[。！!.]$")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])|(?<=[.])\s+(?=[A-Za-z])|(?<=[：:])(?![0-9])")
# Enumerations that start a new question: (1) … (2) …, 1. … 2. …, 一、… 二、…
_ENUMERATION = re.compile(r"[①-⑨]|(?:^|(?<=\s)|(?<=[：:，,。]))(?:[（(](?:[1-9一二三四五a-e]|i{1,3}|iv|I{1,3}|IV)[）)]|(?<![0-9a-z.])[1-9][.．、](?![0-9])"
                          r"|[一二三四五]、|(?<![0-9A-Za-z(（])[1-5a-e][)）](?=\s)|(?<![0-9A-Za-z(（])[1-9][)）](?=[\u4e00-\u9fff])"
                          r"|(?<=[\s，,。：:])(?:[一二三四五]个?是(?=[\u4e00-\u9fff])|[一二三四五]\s))")
# A comma clause that opens a second question: "…，另外/还有/此外/同时…？", "…，X又…谁？"
_CONNECTOR_ZH = re.compile(r"^(另外|还有|此外|同时|以及|再就是|再有|再问|顺便问|顺便|那么|而且|并且|另一方面|"
                          r"二个是|两个是|第二个是|二是|第二|其次|再一个|还想问)")
_SECOND_ZH = re.compile(r"又")
_CONNECTOR_EN = re.compile(r"^(and|also|plus|btw|by the way|as well as)\b,?\s*((separately|secondly|additionally|also)\b,?\s*)?"
                           r"(?=(what|which|who|when|where|why|how|is|are|do|does|can|must|should|will|from|to|under|"
                           r"in|any|anything|what about|how about|once|if|after|before|in case)\b|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    text: str
    asks: bool


def asks(text: str) -> bool:
    """The clause asks something: it ends with a question mark, or it does not end as a statement
    (。 .) and has a question word (吗 什么 谁 哪 怎么… / an English question opener)."""
    stripped = unmarked(text).strip(" ，,、；;：:")
    if not stripped.strip("。.！!？?"):
        return False
    if text.rstrip().endswith((":", "：")) and not stripped.endswith(("?", "？")):
        return False  # a lead-in to what follows (When it's finished: 1) … 2) …), not a question
    if stripped.endswith(("?", "？")):
        return True
    english = len(re.findall(r"[a-z]", stripped, re.IGNORECASE)) > 2 * len(re.findall(r"[\u4e00-\u9fff]", stripped))
    if english and _EMBEDDED.search(stripped) and _WH_EN.search(stripped):
        return True
    if _STATEMENT_END.search(stripped) and not _PARTICLE_END.search(stripped):
        return bool(_EMBEDDED.search(stripped)) and bool(_ASKS_ZH.search(stripped.rstrip("。！!.")))
    if english:
        # English, perhaps naming a place or an office in Chinese (…inside the 经开区); a
        # connector may open it (…networks? and what is the law it is based on?)
        connector = _CONNECTOR_EN.match(stripped)
        rest = _CONDITION_EN.sub("", stripped[connector.end():] if connector else stripped)
        return bool(_ASKS_EN.search(rest))
    return bool(_ASKS_ZH.search(stripped))


def _asks_closed(text: str) -> bool:
    """A sentence closed with a full stop whose words ask (有啥要求。 能不能新建。)."""
    stripped = unmarked(text).strip(" ，,、；;：:")
    return bool(_STATEMENT_END.search(stripped)) and asks(stripped.rstrip("。！!."))


_CONFIRMS = re.compile(r"^\s*((is that |is this |am i )?(correct|right|true|so)|"
                       r"(is|was) (that|this|it) (the |a )?(correct|right|true|accurate)( [a-z]+)?|really|对吗|对吧|对不对|对不|是吗|是吧|"
                       r"是这样吗|是这样的吗|是这么回事吗|是不是|没错吧|没错吗|真的吗)[?？!！。.]*\s*$", re.IGNORECASE)


def confirms(sentence: str) -> bool:
    """A sentence that only asks whether what was said before is so (Correct? 对吗？)."""
    return bool(_CONFIRMS.match(sentence))


# Items numbered with a bare digit and a space (想了解一下：1 政府鼓不鼓励… 2 融资这块…), counted
# only as a run 1, 2, … (我们有 2 个问题 numbers nothing; 第 8 条 is a reference)
# (or with no space, 1自来水公司… 2政府部门…, when no measure word follows: 2个部门 counts)
_MEASURE = "个条款年月日号家次种项位名人天万千百十点级元岁层栋楼期块所台辆套份张本部周分秒小米倍成"
_BARE_NUMBER = re.compile(rf"(?:(?<=[\s：:，,。])|^)(?<!第\s)([1-9])(?:\s+|(?![{_MEASURE}]))(?=[\u4e00-\u9fff])")


def _bare_items(sentence: str) -> list[int]:
    found, expected = [], 1
    for match in _BARE_NUMBER.finditer(sentence):
        if int(match.group(1)) == expected:
            found.append(match.start())
            expected += 1
    return found if len(found) > 1 else []


def sentences(folded: str) -> list[str]:
    """Sentences (and enumerated items), punctuation kept, empty pieces dropped."""
    pieces = []
    for sentence in _SENTENCE_END.split(folded):
        starts = sorted({m.start() for m in _ENUMERATION.finditer(sentence) if m.start() > 0}
                        | {i for i in _bare_items(sentence) if i > 0})
        if not starts:
            pieces.append(sentence)
            continue
        # the words before the first item name the topic of every item (我们老小区空中的线乱七八糟
        # 一是…咋处理 二是挪到地下的钱谁出): each item carries them, as comma questions do
        # (…unless they are the first item themselves: 一个是…没 二个是…)
        lead = sentence[:starts[0]]
        bounds = starts + [len(sentence)]
        # (a lead that asks is a question of its own, unless no item asks: list the duties of
        # (1) units that collect… and (2) units that provide… asks it of each)
        if not lead.strip() or _MARKER.match(lead) or (
                asks(lead) and any(asks(unmarked(sentence[a:b])) for a, b in zip(bounds, bounds[1:]))):
            pieces.append(lead)
            lead = ""
        pieces += [lead + unmarked(sentence[a:b]) if lead else sentence[a:b] for a, b in zip(bounds, bounds[1:])]
    return [p.strip() for p in pieces if p and p.strip(" ，,。.；;：:\n")]


# A space between Chinese characters: phone messages often use spaces for punctuation.
SPACE_BETWEEN = re.compile(r"[\u4e00-\u9fff]\s[\u4e00-\u9fff]")


def comma_clauses(sentence: str) -> list[str]:
    """A sentence cut after each comma (the commas kept), and at a space between Chinese
    characters (…归哪个部门管啊 还有…谁来批)."""
    # (the space stays with the clause before it: a sentence joined again from its clauses keeps it)
    return re.split(r"(?<=[，,、；;])|(?<=[\u4e00-\u9fff]\s)(?=[\u4e00-\u9fff])", sentence)


_CONDITION = re.compile(r"^(要是|如果|假如|万一|倘若|若|一旦|if|when|in case)")


_WHETHER = re.compile(rf"(吗|嘛|是否|有没有|有无|能不能|能否|可不可以|要不要|需不需要|会不会|是不是|{_A_NOT_A})")


def _new_kind(clause: str, before: str) -> bool:
    """A clause that asks for a kind of fact the question before it did not, with no connector
    (这个检查是谁组织的 多长时间查一回); a condition (要是谁把…泄露了) leads into the next clause,
    and after a question of whether (收不收费，收多少？) it asks how much of the same thing."""
    if _CONDITION.search(clause) or _WHETHER.search(before):
        return False
    return bool(_kinds(clause) - _kinds(before))


def _kinds(clause: str) -> set[str]:
    """The kinds of fact a clause asks for: what the text may not state (an amount, a form…), a
    fact about the regulation (its date, its issuer…) or what it was made under."""
    return (set(answer_types.asked(clause)) | set(metadata_fields(clause))
            | ({"basis"} if answer_types.asks_basis(clause) else set()))


def _comma_questions(sentence: str, fold, spaced: bool = False) -> list[str]:
    """A question sentence that asks two things joined by a comma and a connector. Clauses before
    the first that asks name the topic of both (信息安全这块，A要做什么，B又要做什么？): the later
    questions carry them too. With `spaced`, every space between two clauses that ask cuts (a
    message dictated without punctuation: …得纳入啥规划 然后呢…要报给谁备案)."""
    clauses = comma_clauses(sentence)
    if len(clauses) < 2:
        return [sentence]
    first = next((i for i, c in enumerate(clauses) if asks(fold(c))), 0)
    # (clauses cut at a space do not name the topic: 人口 法人这些数据库要不要建 政务信息…保证啥 lists)
    topic = "".join(clauses[:first]) if not clauses[first - 1:first] or not clauses[first - 1].endswith(" ") else ""
    parts = ["".join(clauses[:first + 1])]
    clauses = clauses[first:]
    pending = ""  # a connector standing alone (…先用起来 还有 用财政钱…): it opens the next clause
    opened = False  # the last part was opened by a connector and has not asked yet
    for clause in clauses[1:]:
        body = fold(pending + clause).strip()
        connector = _CONNECTOR_ZH.search(body) or _CONNECTOR_EN.search(body)
        rest = body[connector.end():].strip(" ，,、；;") if connector else body
        before = fold(parts[-1])
        # a space between Chinese characters may stand for a full stop in a phone message; a comma
        # joins what elaborates one question (怎么选出来的，专家库在哪查 asks about one thing)
        space = parts[-1].endswith(" ") and not pending
        opens = (connector or (_SECOND_ZH.search(body) and asks(before))
                 or (space and (spaced or _new_kind(body, before))))
        if connector and not rest:
            pending = clause
            continue
        if opens and asks(before) and (asks(rest) or connector):
            # 再一个用财政的钱建的项目 钱花得对不对谁来管: a connector opens the question even
            # when its question word comes in a later clause
            parts.append(joined(topic.rstrip(), (pending + clause).lstrip()) if topic else (pending + clause).lstrip())
            opened = not asks(rest)
        else:
            parts[-1] += pending + clause
            opened = opened and not asks(fold(clause))
        pending = ""
    if pending:
        parts[-1] += pending
    if opened:  # …另外还有些事情 (nothing asked after the connector): part of the question before
        last = parts.pop()
        parts[-1] += last[len(topic):]
    return parts


# (第三 is a mark only when no numeral or 条/款/章 follows: 第三十四条 is a reference.)
# (一是/二个是 "the first is", 1) a) and First, / Secondly, mark items too)
_MARKER = re.compile(r"^\s*(?:[①-⑨]|[（(](?:[1-9一二三四五a-e]|i{1,3}|iv)[）)]|[1-9][.．、]|[1-9]\s+(?=[\u4e00-\u9fff])|"
                     rf"[1-9](?![{_MEASURE}])(?=[\u4e00-\u9fff])|"
                     r"[一二三四五]、|[1-5a-e][)）]\s|"
                     r"[1-9][)）](?=[\u4e00-\u9fff])|"
                     r"第[一二三四五](?![0-9零〇一二三四五六七八九十百千两条條款章节節编編])(?:个是|是)?[，,、：:]?|"
                     r"[一二两三](?:个)?是(?=[\u4e00-\u9fff])|[一二三四五]\s|其[一二三][，,、：:]?|"
                     r"(?:first|second|third|firstly|secondly|thirdly|finally|lastly)\b[,:]?)\s*", re.IGNORECASE)


_TRAILING_AND = re.compile(r"[,，]?\s*\band\s*$", re.IGNORECASE)  # (1) does it…, and (2) how…


def unmarked(part: str) -> str:
    """A question without the enumeration mark that introduced it ((2) …, 二、…)."""
    return _MARKER.sub("", part, count=1)


def split(text: str, fold=lambda t: t, spaced: bool = False) -> tuple[list[Sentence], list[str]]:
    """(sentences with whether each asks, the questions asked in order), cut from the text as
    typed; `fold` gives the matching form the question words are read from; `spaced` cuts at every
    space between two clauses that ask. A message with fewer than two questions is one part: the
    whole message."""
    found = []
    for sentence in sentences(text):
        pieces = _comma_questions(sentence, fold, spaced) if asks(fold(sentence)) else [sentence]
        found += [Sentence(piece.strip(), asks(fold(piece))) for piece in pieces]
    if not any(s.asks for s in found):
        # no sentence asks as punctuated: questions closed with a full stop (政府用云计算有啥要求。
        # 政务专网还能不能新建。) are questions when there are two or more of them
        closed = [Sentence(s.text, _asks_closed(fold(s.text))) for s in found]
        if sum(s.asks for s in closed) > 1:
            found = closed
    marked = [unmarked(s.text) != s.text for s in found]
    if sum(marked) > 1:  # enumerated items ask by their words, however closed (一、…有何扶持；二、…是否提供服务。)
        found = [Sentence(s.text, s.asks or (item and asks(fold(s.text).rstrip("。！!.；;"))))
                 for s, item in zip(found, marked)]
    questions = [_TRAILING_AND.sub("", unmarked(s.text)) for s in found if s.asks]
    return found, (questions if len(questions) > 1 else [text])


# Words that ask what a text says rather than name a subject: a part made of them (内容是什么？)
# asks about the question before it.
ABOUT_THE_TEXT = frozenset({"内容", "规定", "条文", "条款", "原文", "全文", "意思", "具体", "说法", "写法"})


def joined(first: str, second: str) -> str:
    """Two pieces of a message as one, with a space between two English words (Tell me + we must…,
    hacked, + and does…)."""
    spaced = (first[-1:].isascii() and (first[-1:].isalnum() or first[-1:] in ",;:")
              and second[:1].isascii() and second[:1].isalnum())
    return first + (" " if spaced else "") + second


_COVERS_IT = re.compile(r"(管不管|管吗|管么|管没管|适用吗|适不适用|适用不适用|归不归.{0,4}管|管得着|管得了)")
# 那条 / 这一条 / 该条 / that article: the article the part before named
_THAT_ARTICLE = re.compile(r"(?:[这那该此]一?[条條](?![件例款])|\b(?:that|this) (?:article|provision)\b)", re.IGNORECASE)


def questions(parts, fold, content_words) -> list[str]:
    """The questions among a message's parts (`split`): a part that names nothing of its own
    (办法怎么写? 由谁审?) continues the question before it (the first, the question after it),
    unless it asks about the regulation's frame (its scope, its basis, who is in charge:
    asks.INTENTS) or for a kind of fact the one before did not. `content_words(folded)` gives the
    words that carry a question's subject."""
    found: list[str] = []
    kinds: set[str] = set()  # what the last question asks for (asks.asked)
    lone = False  # the first question names nothing of its own
    for part in parts:
        folded = fold(part)
        # 不报的话有什么后果: what follows a breach of the rule the part before asked about (a
        # breach of the regulation itself, 违反办法构成犯罪的怎么处理, is a question of its own)
        topical = (answer_types.without_consequences(folded)
                   if found and not NAMES_THE_REGULATION.search(folded) else folded)
        words = [w for w in content_words(topical) if len(w) > 1 and w not in ABOUT_THE_TEXT]
        # (管不管？适用吗？ with nothing named asks whether the regulation covers what came before)
        names_nothing = not words and (not answer_types.intent_terms(folded) or bool(_COVERS_IT.search(folded)))
        asked = set(answer_types.asked(folded)) | ({"who"} if answer_types.asks_who(folded) else set())
        # 它都管哪些事 (the scope), 一般罚多少钱 after 会咋处罚 (an amount, which the part before
        # did not ask for) and 由谁来罚 after 罚多少钱 (who) are questions of their own
        # (第三十四条写了啥？是不是把那条删了？ asks about the article the part before named)
        about_that = bool(found and _THAT_ARTICLE.search(folded) and not metadata_fields(folded)
                          and find_references(fold(found[-1])))
        if found and (names_nothing or about_that) and asked <= kinds:
            found[-1] = joined(found[-1], part)
        else:
            if not found:
                lone = names_nothing
            found.append(part)
            kinds = set()
        kinds |= asked
    if len(found) > 1 and lone:  # 这是办法里规定的吗 谁组织的检查: the first asks of the second
        found[:2] = [joined(found[0], found[1])]
    return found
