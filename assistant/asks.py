"""What kind of fact a question asks for, and whether an article's text could state it.

A regulation says who must do what; people also ask how much, by when, who by name, how to apply,
which form, where to go. Each kind pairs the wordings that ask for it with the wordings an article
needs to state it; "asked, and the best article cannot state it" is one piece of evidence the
decision weighs (never a veto on its own), and it names what a decline says the text does not state.
Patterns read folded text (Simplified, lowercase); nothing here is specific to one regulation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class AnswerType:
    name: str
    asked: re.Pattern
    stated: re.Pattern | None  # None: a regulation's articles never state this kind of fact
    says_zh: str  # what the text does not state, as a decline puts it
    says_en: str


_NUMBER = r"([0-9]+|[一二三四五六七八九十百千万两]+)"
TYPES: tuple[AnswerType, ...] = (
    AnswerType("figure", re.compile(
        r"(多少|(?<!哪)几个|(?<!哪)几家|几次|(?<!哪)几项|几成|几万|几级|多远|多大|多高|多快|多长|金额|额度|数额|比例|百分之|税率|费率|利率|几天|几年|工资|"
        r"收费标准|补多少|"
        r"how much|how many|what (amount|rate|percentage|percent)|fine of)"),
        re.compile(_NUMBER + r"\s*(元|万|亿|%|％|天|日|个月|年|周|小时|个工作日|倍|人|名|次|项|级)|分之"),
        "具体的数额、比例或数量", "no such amount, rate or number"),
    AnswerType("cost", re.compile(
        r"(费用|花费|成本|收费|付费|缴费|网费|免费|怎么(交|缴)(钱|费|款|纳)|交到哪|谁出钱|谁付钱|谁来出钱|谁来付|钱(由)?谁(出|付|承担)|"
        r"who pays|who bears|cost of|fees?\b|for free|free of charge)"),
        re.compile(r"(费用|经费|资金|预算|投资|投入|收费|承担)"),
        "费用由谁承担或如何缴纳", "nothing on who pays or how"),
    AnswerType("time", re.compile(
        r"(多久|多长时间|期限|时限|截止|几号之前|什么时候之前|最晚|哪天|几月几日|几月份|哪年|哪一年|废止|失效|有效期|到期|"
        r"多久一次|deadline|how long|how soon|within how|repeal|expire|which year)"),
        # (年度执行情况 states how often: once a year)
        re.compile(r"(\d{4}年|\d+月|日内|天内|个月内|年内|期限|之前|以前|年度|每年|每季度|每月|每半年)|"
                   + _NUMBER + r"\s*(年|个月|日|天|小时|个工作日)"),
        "具体的期限或时间", "no such time limit or date"),
    AnswerType("person", re.compile(
        r"(叫什么名字|名字叫|(局长|主任|处长|科长|部长|书记|领导|负责人|市长|县长|区长)的?(姓名|名字)|姓名是(什么|啥)|是哪位|哪位领导|哪个副|"
        r"(局长|主任|处长|科长|股长|部长|书记|领导|负责人|市长|县长|区长|镇长|乡长|厅长|院长|校长)是谁|"
        r"who is the (director|head|mayor|minister|chief)|name of the (director|head|official))"),
        None, "具体人员", "no such person"),
    AnswerType("procedure", re.compile(
        r"(怎么|如何|咋|怎样)(申请|申报|办理|报名|报批|认定|登记|注册|备案|投诉|举报|维权|起诉|领取|开通|报销)|"
        r"(申请|办理|审批|报批)(流程|程序|步骤|手续)|走(哪些|哪几个|什么)(流程|程序|手续)|"
        r"how (do|can|should) (i|we) (apply|register|file|complain|report)|application (process|procedure)"),
        re.compile(r"(程序|流程|步骤|申请|手续|提交|办理)"),
        "具体的办理流程或申请方法", "no such procedure or way to apply"),
    AnswerType("form", re.compile(
        r"(什么|哪些|哪个|啥)(材料|表|表格|文件|证明|资料)|(填|交)(什么|哪个|啥)(表|材料)|申请表|模板|"
        r"which form|what (documents|forms|materials)|application form"),
        re.compile(r"(材料|表格|申请书|证明|文件)"),
        "需要的材料或表格", "no such form or documents"),
    AnswerType("where", re.compile(
        r"(在哪|去哪|到哪|哪里|哪儿)(办|交|申请|申报|投诉|举报|下载|办公|领|报名|查|看)|"
        r"(哪个|什么|啥|哪家)(网站|网址|电话|地址|窗口|热线|公众号|小程序|app)|(网站|网址|电话|地址|热线)(是|多少|在哪)|"
        r"((the|an|its|their|office|postal|mailing|email|e-mail|street|web) address|address (of|for)\b|phone number|hotline|(what|which)( is)?( the| their| its)? website|website (of|for|address|link|where|to)\b|"
        r"where (do|can|should) (i|we) (go|apply|submit|complain|find|download))"),
        re.compile(r"(地址|电话|网站|网址|窗口|热线)"),
        "具体的办理地点或联系方式", "no such place, address or contact"),
    AnswerType("penalty", re.compile(
        r"(罚款|罚多少|处分|赔偿|赔多少|判刑|拘留|坐牢|吊销|fine|penalt|compensation|jail|prison)"),
        re.compile(r"(罚款|处罚|处分|赔偿|吊销|追究|" + _NUMBER + r"\s*(元|万))"),
        "具体的处罚种类或数额", "no such penalty or amount"),
    AnswerType("howto", re.compile(
        r"(怎么|如何|咋|怎样)(搭建|部署|配置|安装|设置|编程|开发|实现|操作|维修|修|解决|提速|加密|备份|恢复)|"
        r"用(啥|什么|哪个)(软件|系统|产品|品牌|设备)|(什么|啥)区别|原理|"
        r"how (do|can|to) (i |we )?(set up|install|configure|deploy|build|fix|repair|speed up|encrypt|back up)|"
        r"(what'?s|what is|what are) the (technical )?differences? between"),
        None, "具体的技术操作方法", "no such technical how-to"),
    AnswerType("named", re.compile(
        r"(哪家|哪个)(公司|企业|运营商|机构|银行|厂商|供应商)|叫(啥|什么)名|(哪个|什么|啥)(标准号|编号|型号|版本|牌子)|"
        r"which (company|vendor|operator|firm|agency)"),
        None, "具体的单位或企业名称", "no such named company or body"),
    # what happened under a regulation (figures since, cases, lists of people, speeches): a text of
    # rules states none of it
    AnswerType("record", re.compile(
        r"(统计数据|统计数字|数据显示|(实施|施行|出台|颁布)(以来|之?后|以后|这些年|这几年)[^，,。？?！!]{0,12}(多少|几[个家起项次年]|有没有|效果|成效)|"
        r"(讲话|发布会|新闻发布|记者会)|(专家|人员|单位|企业|机构)[^，,。？?！!]{0,4}名单|典型案例|实施效果|执行效果|"
        r"(查处|处罚|处理)(了|过)(多少|几)|被(处罚|罚|查处)过|"
        r"statistics|\b(speech|press conference)\b|list of (the )?(experts|companies|firms|vendors|members))"),
        None, "实施情况、统计数据或人员名单", "nothing on how it was carried out, its figures or who took part"),
)
BY_NAME = {t.name: t for t in TYPES}


# In a yes/no question a 几-word quantifies, it does not ask (信息化规划是几个领导关起门定的吗？).
# A没A, AB不AB: whether (让不让, 需不需要, 有没有); shared with the clause reader
A_NOT_A = r"(?P<a>[\u4e00-\u9fff])[不没](?P=a)|(?P<ab>[\u4e00-\u9fff]{2})不(?P=ab)"
# (…是真的不, 要报告不, 有规定没: a closing 不/没 asks whether, as 吗 does — 为啥不 asks why)
_YES_NO = re.compile(rf"(吗|嘛|是不是|是否|对吧|对不对|{A_NOT_A}|(?<!为什么)(?<!为啥)(?<!怎么)(?<!咋)"
                     rf"(?<=[\u4e00-\u9fff])(不|没|没有))[\s？?。!！]*$")
_YES_NO_EN = re.compile(r"^(is|are|does|do|did|was|were|has|have|can|must|should|will)\b|\bis it true\b|"
                        r"\b(is|isn't) (that|this|it) (right|correct|true|so)\b|,\s*(right|correct|true)\s*\?*$")


def yes_no(folded: str) -> bool:
    """A question answered by yes or no (…吗？ / is it true that…?): it asks whether, not what."""
    text = folded.strip()
    return bool(_YES_NO.search(text) or _YES_NO_EN.search(text))
_QUANTIFIER = re.compile(r"^几")


# 这几个网, 好几年, 没几个人, 跟几个哥们, 我们几个: a 几-word after a demonstrative, 好, 没, 跟 or
# a plural counts, it does not ask.
_COUNTING = re.compile(r"[这那好没跟们]$")


# 要是哪天被黑了, 万一哪家公司泄露了: after a condition a question word is indefinite (some day, some
# company); it asks nothing.
_CONDITION = re.compile(r"(要是|如果|假如|假设|万一|一旦|倘若|若是|哪怕|说不定)$")
# 上厕所多长时间都能记下来, 谁都能看: a question word before 都/也 means any (however long,
# anyone); it asks nothing either.
_ANY = re.compile(r"[^，,。？?！!\s]{0,2}?[都也]")


def asked(folded: str) -> tuple[str, ...]:
    """The kinds of fact the question asks for, in TYPES order."""
    yes_no = bool(_YES_NO.search(folded.strip()))
    kinds = []
    for kind in TYPES:
        matches = [m for m in kind.asked.finditer(folded)
                   if not (_QUANTIFIER.match(m.group(0)) and (yes_no or _COUNTING.search(folded[:m.start()])))
                   and not _CONDITION.search(folded[:m.start()]) and not _ANY.match(folded, m.end())]
        if matches:
            kinds.append(kind.name)
    return tuple(kinds)


def unstated(kinds: tuple[str, ...], article_text: str) -> tuple[str, ...]:
    """The kinds asked for that the article text has no wording to state."""
    return tuple(k for k in kinds if BY_NAME[k].stated is None or not BY_NAME[k].stated.search(article_text))


# An amount a question asserts ("罚款五万元，对吧？"): checked against the article it cites.
# In English too: "a 50,000 RMB fine", "RMB 50,000", "within 24 hours", "a five-year window".
_EN_NUMBER = (r"(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
              r"thirty|forty|fifty|sixty|ninety|hundred|thousand|million)")
_ASSERTED = re.compile(_NUMBER + r"\s*(万元|元|万|亿|%|％|天|个月|年|倍|个工作日|个?小时|周|个?星期)|"
                       r"\b" + _EN_NUMBER + r"(\s|-)*(yuan|rmb|dollars?|usd|percent|per cent|%|"
                       r"(working |business )?(hours?|days?|weeks?|months?|years?))\b|"
                       r"\b(rmb|cny|usd|yuan)\s*\d[\d,.]*|[¥$]\s*\d[\d,.]*|"
                       # a year, as 2016年 is in Chinese (by the end of 2016, in November 2014)
                       r"\b(by|before|until|till|in|since|from|after)( the (end|start|beginning|middle) of)?( [a-z]+)? (19|20)\d\d\b")


def asserted_figures(folded: str, written: str = "") -> tuple[str, ...]:
    """The figures `folded` asserts, a Latin one as `written` has it (RMB 50,000, not rmb 50,000)."""
    def as_written(figure: str) -> str:
        found = re.search(re.escape(figure), written, re.IGNORECASE) if figure.isascii() else None
        return found.group(0) if found else figure

    return tuple(as_written(f) for f in dict.fromkeys(m.group(0) for m in _ASSERTED.finditer(folded)))


# What a question about the regulation's own frame asks for, and the words the articles that answer
# it use in any regulation: its scope (…适用本办法/本条例) and its basis (根据…制定本办法). They
# widen the query like linked terms do; they decide nothing.
SCOPE = re.compile(r"(管哪些|管什么|管啥|管不管|适用范围(包括|涉及|是)?|适用的?(地域|地理|区域|地区)范围|(在|于)?(哪些|什么|哪个?)(地方|地区|区域)适用|"
                   r"适用于?(哪些|什么|哪个?)(地方|地区|区域)|适用于|适用吗|适不适用|适用不适用|能不能用|也适用|"
                   r"(管用|好使)(不|吗|么|没)|"
                   r"(管|包括|涉及)(哪些|什么)(事|方面|活动|领域|内容)|哪些(事|活动|方面)(归|受)|"
                   r"归不归[它这该本]?[个部]?(办法)?管|(管|管辖|适用)的?范围|范围是(哪|什么|啥)|"
                   r"\b(scope|apply to|applies to|cover|covers|governed by|where (does )?it apply|falls? (under|within))\b|"
                   r"\b(what|which) (kinds?|types?|sorts?) of (activities|matters|things|areas|fields|issues)\b|"
                   r"\b(what|which) (geographic(al)? (areas?|regions?|scope)|(areas?|regions?|territory|places?) (does|do|is|are) "
                   r"(it|this|they|the [a-z ]{1,40}) (cover|apply|applied|covered))\b)")
# what it is for: its first article states its purpose (为…，根据…，制定本办法)
_WHY_MADE = (r"(为啥|为什么|为了啥|为了什么)(要)?(制定|出台|定)|"
             r"\b(what is|what's|what are) (this|the) (rule|regulation|measure)s? for\b|"
             r"\bpoint of (this|the|these) (rule|regulation|measure)s?\b|\btrying to (achieve|accomplish|do)\b")
PURPOSE = re.compile(rf"(目的是|宗旨|{_WHY_MADE}|\bpurpose\b|\baims? of\b)")
# … the purpose of the regulation, not of something it promotes (推动两化融合，目的是什么?): asked
# why it was made, or its purpose next to a word that names it
_TEXT = r"(办法|规章|条例|规定|文件|measures?|regulations?|rules?)"
_PURPOSE_OF_THE_TEXT = re.compile(rf"{_WHY_MADE}|"
                                  rf"{_TEXT}[^。？?！!]{{0,12}}(目的|宗旨|purpose|aims?)|(目的|宗旨|purpose|aims?)[^。？?！!]{{0,12}}{_TEXT}")
# Wordings of what the regulation was made under that both readings below share (这办法的依据是啥,
# Under which law were these measures made?)
_BASIS = (r"(办法|规章)(的(制定|立法|法律)?|制定|立法)依据|"
          r"under (which|what) (law|regulation|legislation|statute)( [a-z]+){0,3} (made|enacted|issued|adopted|drafted|formulated)")
INTENTS: tuple[tuple[re.Pattern, tuple[str, ...]], ...] = (
    (SCOPE, ("适用",)),
    (_PURPOSE_OF_THE_TEXT, ("根据", "制定")),
    (re.compile(rf"({_BASIS}|"
                r"上位法|依据(哪|什么|啥)|根据(哪|什么|啥)|按照(哪|什么|啥)(法|条例)|法律依据|立法依据|"
                r"(依据|根据)《[^》]{2,40}》制定|(based? on|legal basis|(upper|higher|superior)[- ]level (law|legislation)|parent (law|legislation)|\bbase (this|these|the|its|it)\b))"),
     ("根据", "制定")),
    # which body is in charge: the article that designates the competent department (…主管部门负责…
    # 的监督管理), as regulations are drafted
    (re.compile(r"((谁|哪个|哪家|什么|啥)(部门|单位|机关|机构)?来?(管|主管|主抓|说了算)|归(谁|哪)|"
                r"主管(部门|机关|单位|机构)?(到底|究竟)?是(谁|哪|什么|啥)|(谁|哪个|哪家)是.{0,8}主管|"
                r"管.{0,12}的.{0,4}是(哪个|哪家|什么|啥)(部门|单位|机关|机构)|"
                # a claim of who is in charge (管信息化的是公安局, 归民政局管): a premise to check against it
                r"管[^，,。？?！!\s]{1,12}的(部门|单位|机关)?就?是[^，,。？?！!\s]{0,8}(局|委员会|委|办公室|厅|公安)|"
                r"归[^，,。？?！!\s]{0,8}(局|委员会|委|办公室|厅|公安)管|"
                r"\b(which|what) (government )?(department|office|agency|authority|body|bureau)|"
                r"who is (in charge|responsible)|who (runs|oversees|regulates|supervises)|in charge of|"
                r"competent (authority|department)|\bauthority\b)"), ("主管部门", "负责", "监督管理")),
)
# What happens to whoever breaks a rule: the rule's article says what must be done, the liability
# article (违反本办法/本法…的，…处罚) what follows; an answer quotes both (`liability_article`).
CONSEQUENCES = re.compile(
    r"(承担(什么|哪些|啥|何种)(样的)?(法律)?责任|承担.{0,4}法律责任|法律(后果|责任)|(有|是)(什么|啥)后果|后果(如何|是什么|怎样|严重)|"
    r"(被|挨|受到?)(处罚|罚款|罚|处分|追究|问责)|(给予|有)(什么|哪些|啥)处罚|追究.{0,6}责任|"
    r"罚不罚|(怎么|咋|如何|怎样)(处罚|罚)|(罚款|罚金|罚)" + _NUMBER + r"(元|万|千|块)|(按|依|依照|根据)(啥|什么|哪些?|哪条)(规定)?(处罚|罚|处理|追责)|违反.{0,12}(怎么|如何|咋|怎样)(处理|处置|办)|犯法|违不违法|违法(吗|不|么|没)|"
    r"(不|没有?)[\u4e00-\u9fff]{0,6}(的话)?[，,\s]*(会|将)(怎么样|怎样|咋样|如何)|"
    r"(what happens|consequences?|liab(le|ility)|be (fined|punished|penali[sz]ed)|illegal|against the law))")
_LIABILITY_TEXT = re.compile(r"违反本(办法|条例|法|规定|细则|决定)")


# … and only that: 依据什么来编 asks about a plan, 依据哪一条 for an article
_MADE_UNDER = re.compile(rf"({_BASIS}|"
                         r"(依据|根据)的是?(啥|什么)[?？]?$|"
                         r"上位法|法律依据|立法依据|(依据|根据|按照)的?是?(哪|什么|啥)(部|个|一部)?[^，,。？?！!\s]{0,4}?(法律|法规|条例|(?<!办)法)|"
                         r"(依据|根据)[^，,。？?！!\s]{0,4}?(哪|什么|啥|《[^》]{2,40}》).{0,6}(制定|定的|出台)|"
                         r"legal basis(?! for)|legal basis (for|of) (this|these|the|its)( [a-z-]+){0,3} (measures?|regulations?|rules?|document)|"
                         r"(upper|higher|superior)[- ]level (law|legislation)|parent (law|legislation)|based on|"
                         r"\bbase (this|these|the|its|it)( [a-z-]+){0,3} (on|upon)\b|(made|enacted|issued|adopted|drafted) under)")


def frame_asked(folded: str) -> str | None:
    """'scope' or 'purpose' when the question asks what the regulation covers or what it is for."""
    return "scope" if SCOPE.search(folded) else "purpose" if PURPOSE.search(folded) else None


def without_frame_words(folded: str) -> str:
    return PURPOSE.sub(" ", SCOPE.sub(" ", folded))


def asks_basis(folded: str) -> bool:
    """What the regulation was made under (上位法, 根据哪部法规制定, 是依据《…》制定的吗)."""
    return bool(_MADE_UNDER.search(folded))


# Who does it (由谁来罚, 哪个部门管, who checks): a kind of answer too, as a part of a message sees it.
_WHO = re.compile(r"(谁|边个|哪个部门|哪个单位|哪个机构|哪些部门|\bwho\b|\bwhich (department|body|office|authority)\b)")


def asks_who(folded: str) -> bool:
    return bool(_WHO.search(folded))


def asks_consequences(folded: str) -> bool:
    return bool(CONSEQUENCES.search(folded))


_IF_NOT = re.compile(r"(要是|如果|假如|万一|倘若|若是|的话|(不|没有?)(?=[\u4e00-\u9fff]))")


def without_consequences(folded: str) -> str:
    """The question without what it asks about a breach (要是不报的话有什么后果 → 报): what is
    left names the topic, if anything does."""
    if not asks_consequences(folded):
        return folded
    return _IF_NOT.sub(" ", CONSEQUENCES.sub(" ", folded))


def liability_article(text: str) -> bool:
    """An article that says what follows a breach of the regulation (违反本办法…的，…给予处罚)."""
    return bool(_LIABILITY_TEXT.search(text) and BY_NAME["penalty"].stated.search(text))


def intent_terms(folded: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for pattern, terms in INTENTS if pattern.search(folded) for t in terms))
