"""Wordings read from a question's folded text: the metadata fields it asks for, whether it
names the regulation, the titles of other laws it names, and instructions aimed at the assistant.
Pure functions over strings; no retrieval here.
"""
from __future__ import annotations

import re

from .normalize import blank

# Metadata fields, each with the patterns (folded Simplified or lowercase English) that ask for it.
_WHEN = r"(什么时候|啥时候|啥时|多咱|何时|何日|何年|几时|哪天|哪一天|哪年|哪一年|几月|日期|时间|几号|多会|when|what date|which date|what year)"


def _dated(verbs: str) -> str:
    """A date stated as a premise, right before what happened then, asks about that date too
    (是2014年11月18日公布的吧, 2016年才生效?); one in the background does not (2015年办法施行以来)."""
    return rf"[0-9]{{4}}年(元旦|[0-9]{{1,2}}月([0-9]{{1,2}}[日号])?)?(才|就|起|开始)?({verbs})(?!以来|以后|之?后)"


_NOT_ORDINAL = r"(?<!第)(?<!第[一二三四五六七八九十])(?<!第[一二三四五六七八九十][一二三四五六七八九十])"

METADATA_PATTERNS: dict[str, tuple[str, ...]] = {
    "effective": (rf"{_WHEN}.{{0,8}}(施行|生效|实施|实行|执行|开始用|起效|好使|管用|起作用|算数)",
                  _dated("施行|生效|实施"),
                  r"(施行|生效|实施|实行)(日期|时间|之日)", r"(施行|生效|实施)了?[吗吧么]|(施行|生效|实施)了[，,]?(对|是|没错)[吗吧么]|(施行|生效)[，,]?(对|是|没错)[吗吧么]", r"从什么时候",
                  r"(effective|\bstart(ing)? date|come into (force|effect)|came into (force|effect)|take effect|when (it|they|this|these|the [a-z ]{1,40}) (takes|took) effect|(takes|took|taken) effect (on|in|from|when|upon|immediately|at once|right away|as soon as|"
                  r"the (same )?(moment|day|date))\b|in force|"
                  r"(from|since) (what|which) date|(what|which) date .{0,30}(appl(y|ies)|start)|since when|from when|"
                  r"when did (it|they|this|these|the [a-z ]{1,40}) (start|begin|begun|commence) (to )?(apply|applying|to be applied))"),
    "promulgated": (rf"{_WHEN}.{{0,8}}(公布|发布|颁布|出台|印发|发的)", _dated("公布|发布|颁布|出台|印发"),
                    r"(公布|发布|颁布|出台)(日期|时间)",
                    r"(promulgat|publication date|date of publication|when .{0,80}\b(published|released|announced)\b|"
                    r"(what|which) (date|day|year)\b.{0,40}\b(published|released|announced)\b|"
                    r"(published|released|announced|issued)\b.{0,60}\b(on|in) (\d|january|february|march|april|may|june|"
                    r"july|august|september|october|november|december|what|which))"),
    # (验收没通过的系统: a project that failed its acceptance, not the regulation's adoption)
    "adopted": (r"(审议|常务会议|哪次会议|什么会议|哪个会议|会议通过|(?<!验收)(?<!评审)(?<!审核)(?<!审查)(?<![没未不])通过的|"
                r"第几次会议|会上)",
                rf"{_WHEN}.{{0,6}}通过", r"((city|municipal) government'?s? (executive |standing )?meeting|(executive|standing|government|which|what) meeting|adopted|passed|"
                r"\b(was|were) (it|they|this|these)( [a-z]+ly)? approved\b|\bapproved (at|during) (the|a|an|which|what)\b)"),
    "issuer": (r"(制定|发布|出台)的.{0,2}还是", r"(谁|边个|哪个|哪一个|哪家|哪级|什么(部门|机关|单位|机构))(部门|机关|单位|机构|政府)?[^法例]{0,3}"
               r"(发布|制定|颁布|出台|印发|发的|出的|签发)",
               r"(发布|制定|颁布)(机关|部门|单位|主体)", r"(是|系)[^，,。？?！!\s]{1,8}(政府|人大|常委会)(发|出|出台|制定|颁布|印发|发布|公布|通过)(的|之)", r"(是|系)[^，,。？?！!\s]{1,8}(政府令|(?<!主管)(委|厅|局)(发|出|出台|制定|颁布|印发|发布|公布)的)", r"(由|是)何(部门|机关|单位|机构)(发布|制定|颁布|出台|印发|签发)", r"(办法|规章)(是)?由谁(发布|制定|制订|颁布|出台|印发|签发|定的|发的)",
               r"(who( actually| really| exactly| originally| officially)? (issued|made|make|makes|wrote|published|enacted|promulgated)|issuing (body|authority)|"
               r"(issued|passed|adopted|enacted|promulgated) by(( the)?( [a-z'-]+){0,4} (government|congress|committee|council|"
               r"authorit(y|ies)|department|ministry|province|city|mayor)\b)?|issuer|"
               r"which (government |city |municipal )?(government|department|body|authority|agency|organ)( [a-z]+ly)? (gave|give|issued|made|make|published))"),
    "order": (r"(文号|令号|几号令|第几号|多少号|令第|字号|编号是|(哪|几)一?号(政府|市政府|人民政府)?令)",
              r"(order (no|number)|decree (no|number)|document number|order number)"),
    # (第二十几条来着: a spoken reference, not a count)
    "count": (r"(" + _NOT_ORDINAL + r"几条|多少条|(多少|" + _NOT_ORDINAL + r"几)个?[调跳](?=[啊呀呢吗啦哇？?。！!\s]|$)|条数|多少个条|几个条|一共.{0,4}条|共有.{0,4}条|共分.{0,8}条|"
              r"(办法|规章|条例|文件|它)[^，,。？?！!\s]{0,4}?有\s*[0-9一二三四五六七八九十百两]+\s*条)",
              r"(how many articles|number of articles)"),
    # (市长是谁 alone asks who the mayor is now, not who signed it; in "signed it as mayor" the office is
    # part of the wording, not a subject of its own)
    "signed": (r"(签署|签发|签的字|落款|签[这该本那此]|哪(个|位|任)市长|(谁|边个)签|市长签|(当时|时任|那时|那会)的?市长)",
               r"(signed( (it|this|these|them))? as (the )?mayor|signed|signatory|which mayor|mayor at the time|then mayor)"),
    "category": (r"(什么类别|哪类|类别|位阶|什么性质|效力(级别|层级)|(法律|法规|规章)还是|属于什么|什么级别|法律效力|人大(常委会)?(通过|制定)|地方性法规|(省|市)级(政府)?规章|(省|市)政府规章)",
                 r"(category|kind of (law|regulation|document|rule)|legal (status|nature)|people'?s congress|legislature|"
                 r"\b(a )?law or (an? )?(government |local |administrative )?(regulation|rule))"),
    "status": (r"(现在|目前|如今|还)(有效|管用|在用|执行|适用)[吗么]|(被|已经?|有没有被?)(废止|修订|修改|废除|取消)|现行有效|"
               r"是否(有效|失效|废止)|还算数|(什么时候|何时|哪年|哪天)(废止|失效|到期|作废)|有效期",
               r"(still (in force|valid|effective|applicable)|\b(been|was|were|ever|it|they|measures|regulations?|rules) (repealed|amended|revised|abolished))"),
    "title": (r"(全称|全名|正式名称|(办法|规章|文件)的?(名字|名称))",
              r"(full (title|name)|official (title|name)|what is it called)"),
}
_WHEN_RE = re.compile(_WHEN)
_METADATA_RES = {field: tuple(re.compile(p) for p in patterns) for field, patterns in METADATA_PATTERNS.items()}

# Only title-like characters: a title is echoed in the decline message, so no markup may pass.
_QUOTED_TITLE = re.compile(r"《([\u4e00-\u9fff0-9A-Za-z·（）()、]{2,40})》")
_LAW_WORD = re.compile(r"[\u4e00-\u9fff]{2,14}?(?:法|条例)(?!规(?!定)|院|人|官|律|务|学|制|治|定|子|庭)")
# Words ending in 法 that are not law titles, and words a title never contains.
_NOT_TITLE_END = ("办法", "方法", "做法", "说法", "提法", "合法", "依法", "违法", "非法", "用法", "想法",
                  "看法", "算法", "手法", "立法", "执法", "司法", "守法", "犯法", "无法", "设法", "办事法",
                  "上位法", "下位法", "母法", "大法")
_TITLE_ENDS = ("预算法",)  # titles that end like such a word (算法)
_BY = re.compile(r"按照|依照|依据|根据|参照|对照|按")  # (这种情况按问责条例: the title follows; 按照 before 按)
_NOT_IN_TITLE = re.compile(r"(什么|啥|哪|怎|吗|这|那|本|是否|如何|可以|能|要|有没有|谁|的|了|和|或|我|你|他|她|咱|们|"
                           r"问(?!责)|想|请|吓|冇|哋|嘅)")  # (想问吓条例有冇…: Cantonese asking about "the regulation")
_LEADING_VERBS = re.compile(rf"^(违反|{_BY.pattern}|关于|适用|对|跟|和|与|在|看看|查查|查)+")


def metadata_fields(folded: str) -> tuple[str, ...]:
    return tuple(f for f, patterns in _METADATA_RES.items() if any(p.search(folded) for p in patterns))


# A question that names the regulation itself (or a document) asks about the regulation.
NAMES_REGULATION = re.compile(r"(办法|规章|条例|文件|政府令|号令|(这|该|本)个?令|(这个|那个|该|本)规定|(这|该|本|此)(部|个)?法(?![院人])|"
                              r"measures|regulation|document|\bthis law\b)")
# … and, when reading whether a metadata wording is about the regulation, "the measure" and "decree" too (the
# decision's evidence keeps the pattern above, which it was fitted with).
NAMES_THE_REGULATION = re.compile(NAMES_REGULATION.pattern + r"|公布令|那个?令|\b(the|this|that|these|those)( [a-z-]+){0,3} (measures?|rules?)\b|"
                                                           r"\bdecree\b|\border no\b|\b[a-z]+ation measure\b")  # (the jilin informatization measure)


_CONFIRMATION_TAG = re.compile(r",?\s*\b(right|correct|true|is that (right|correct|so)|isn'?t (it|that)|yes|no)\s*\?*\s*$")


def without_metadata_words(folded: str) -> str:
    """The question with every metadata wording blanked: what else it is about (评审不通过的项目
    → 评审不 项目: a project, not the regulation's adoption)."""
    # (是…人大常委会通过的 and 通过的 overlap: each is found in the question as written; the dates are metadata too;
    # so is a tag that asks for confirmation: …, right?)
    return blank(folded, [pattern for patterns in _METADATA_RES.values() for pattern in patterns]
                 + [_WHEN_RE, _CONFIRMATION_TAG])


# An English law title: the words before "law" that name it (the Cybersecurity Law, China's Personal
# Information Protection Law), not words that only qualify "law" (the parent law, a higher-level law).
# ("comparative law class", "law firm": "law" qualifying another noun names no law)
_ENGLISH_LAW = re.compile(r"((?:[a-z][a-z'-]* ){1,5})law\b(?!\s+(class|school|firm|student|course|degree|professor|"
                          r"review|journal|faculty|department|enforcement|graduate|practice|office))")
_NOT_ENGLISH_TITLE = frozenset("""the a an this that these which what any other same such its their our your dis dat
    of to in on for by under with and or from about as is are does do china's chinese prc national local
    provincial municipal city relevant related applicable existing current new old parent upper higher
    upper-level higher-level level superior basic general specific""".split())


def quoted_titles(folded: str) -> list[str]:
    """Titles the question writes in 《》."""
    return [m.group(1) for m in _QUOTED_TITLE.finditer(folded)]


def english_law_titles(folded: str) -> list[str]:
    """Law titles named in English (cybersecurity law), title-cased."""
    titles = []
    for match in _ENGLISH_LAW.finditer(folded):
        words = match.group(1).split()
        kept = []
        for word in reversed(words):  # the run of naming words right before "law"
            if word in _NOT_ENGLISH_TITLE:
                break
            kept.insert(0, word)
        if kept:
            titles.append(" ".join(kept + ["law"]).title())
    return titles


# An article named by its number (第8条, 第三十六条)
_NTH_ARTICLE = r"第[0-9一二三四五六七八九十百]+条"
# After a title: the question asks about what that law itself says.
_INSIDE = re.compile(rf"(里|中|内|当中)(的|关于|有|对|是|规定|怎么|哪)|{_NTH_ARTICLE}")


def _asks_its_facts(folded: str, end: int) -> bool:
    """Right after a title, its own facts are asked (吉林省信息化促进条例是哪年通过的), not the
    regulation's (根据…条例制定的这个办法是哪年通过的 names the regulation first)."""
    rest = re.split(r"[。？?！!；;\s]", folded[end:], maxsplit=1)[0]
    return bool(metadata_fields(rest)) and not NAMES_REGULATION.search(rest)


def other_laws(folded: str, known_titles: tuple[str, ...], corpus_text, mentioned_ok: bool = True) -> tuple[str, ...]:
    """Titles of laws the question names that are not in the corpus, nor (with `mentioned_ok`)
    mentioned by it: 根据吉林省信息化促进条例 is a question about the Measures, 吉林省信息化促进条例第十条
    and 吉林省信息化促进条例里关于个人信息是第几条 ask about another law's own text."""
    named, inside = [], set()  # inside: titles the question looks inside (…条例里关于个人信息是第几条)
    for match in _QUOTED_TITLE.finditer(folded):
        named.append(match.group(1))
        if _INSIDE.match(folded, match.end()):
            inside.add(match.group(1))
    unquoted = _QUOTED_TITLE.sub(" ", folded)
    for match in _LAW_WORD.finditer(unquoted):
        candidate = _LEADING_VERBS.sub("", match.group(0))
        if _NOT_IN_TITLE.search(candidate):  # (这种情况按问责条例: the title is what 按 is followed by)
            candidate = _BY.split(candidate)[-1]
        if (candidate.endswith(_NOT_TITLE_END) and not candidate.endswith(_TITLE_ENDS)) or _NOT_IN_TITLE.search(candidate):
            continue
        named.append(candidate)
        if _INSIDE.match(unquoted, match.end()) or _asks_its_facts(unquoted, match.end()):
            inside.add(candidate)
    unknown = english_law_titles(folded)  # no English title is loaded: a regulation's title is Chinese
    for title in named:
        core = re.sub(r"^(本|这个|该|此|那个|这部|那部)", "", title)
        if len(core) < 3 or core in ("办法", "条例", "规定"):
            continue
        if any(core in known or known in core for known in known_titles):
            continue
        if mentioned_ok and core in corpus_text and title not in inside:
            continue
        unknown.append(core)
    return tuple(dict.fromkeys(unknown))


# The message tells the assistant to change its rules or to treat the text as other than it is.
_INSTRUCTION = re.compile(
    r"(忽略|无视|忘掉|忘记)(之前|以上|上面|前面|所有|你的)?.{0,6}(指令|指示|规则|设定|提示)|"
    r"(system override|ignore (all |any )?(previous|prior|above|your) (instructions|rules|prompts?)|"
    r"disregard (the|your|all) (instructions|rules)|you are now|pretend (you|to be)|developer mode)|"
    r"(已|被)修订为.{0,30}(请|按)|请?按(新|最新)(标准|规定|条文)回答|你现在(是|扮演)|假装你是|不要引用原文")


# The message asks the assistant to write something — a clause, marketing copy, a post — that the text
# would then seem to say (帮我编一条…写成第36条的样子, 你就直接说“…”, write a promotional post).
_COMPOSITION = re.compile(
    r"((帮|给|替|为)我|你|请)(来|就|直接)?(写|编|拟|起草|编造|捏造|杜撰|撰写|补写)(一|几)?[段条篇个份句]?[^，,。？?！!]{0,10}"
    rf"(文案|广告|宣传|朋友圈|条文|条款|新条|通知|新闻稿|话术|标语|{_NTH_ARTICLE})|"
    rf"(编|编造|捏造|杜撰|补写)(一|个|一个)?条|写成[^，,。？?！!]{{0,8}}(条文|原文|{_NTH_ARTICLE})的?(样子|格式|形式)|"
    r"(写|措辞|说)得?要?像(条文|原文|官方|正式条文|法条)|你就(直接)?说[“\"「]|不用管原文|不管原文(怎么|怎样|是怎么)|"
    r"\b(write|draft|compose|make up|invent|fabricate)( me)? (a|an|some|the)( [a-z-]+){0,3} "
    r"(marketing|promotional|advert|ad|copy|clause|article|provision|slogan|post)\b")


# The message asks for the assistant's own view or a guess, not for what the text says.
_OPINION = re.compile(
    r"你(个人|自己)?(觉得|认为|怎么看|看来|猜|估计|预测)|(请你|你来)(评价|评估|预测)|"
    r"(what do you think|in your (opinion|view)|your (opinion|view|guess)|do you (think|believe|expect)|"
    r"(can you|could you) (guess|predict))")


# Messages that ask the assistant to do something other than quote the text: reason → what flags it, and
# the decline's words saying what it does not do (in Chinese, in English).
NOT_QUESTIONS = {
    "instruction": (_INSTRUCTION, "（本助手只按公布的原文引用条文，不执行改变规则或假定条文已修改的指令）",
                    "This assistant only quotes the text as published; it does not follow instructions to "
                    "change its rules or to treat the text as amended."),
    "composition": (_COMPOSITION, "（本助手只引用公布的原文，不撰写、改写或编造条文和宣传文字）",
                    "This assistant only quotes the published text; it does not write, rewrite or invent "
                    "clauses or promotional text."),
    "opinion": (_OPINION, "（本助手只引用原文，不发表看法，也不作预测）",
                "This assistant only quotes the text; it gives no opinions and makes no guesses."),
}


def not_a_question(folded: str) -> str:
    """Why the message is no question for the text ('' when it is one): it instructs the assistant
    (忽略之前的所有指令…, SYSTEM OVERRIDE…), asks it to write a clause or copy, or asks its own view."""
    return next((reason for reason, (pattern, _, _) in NOT_QUESTIONS.items() if pattern.search(folded)), "")
