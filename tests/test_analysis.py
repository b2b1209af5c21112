"""Reading a question once: sentences and parts, places and their roles, typed references,
what is asked, English words through CC-CEDICT. Pure functions on real data (cpca's divisions,
CC-CEDICT), no index needed except for the English lexicon."""
import pytest

from assistant import asks, clauses
from assistant.analysis import read_message
from assistant.clauses import split
from assistant.normalize import to_simplified
from assistant.places import Gazetteer
from assistant.references import Reference, find_references

JURISDICTION = ("吉林市", "昌邑区", "龙潭区", "船营区", "丰满区", "永吉县", "蛟河市", "桦甸市", "舒兰市", "磐石市",
                "高新区", "经开区")


def fold(text: str) -> str:
    return to_simplified(text).lower()


@pytest.mark.parametrize("message, parts", [
    ("用社会资金建的公共基础性信息化工程要备案吗？另外项目竣工了怎么验收？",
     ["用社会资金建的公共基础性信息化工程要备案吗？", "另外项目竣工了怎么验收？"]),
    ("信息安全这块，管系统的单位要做什么，市里主管部门又要做什么？",
     ["信息安全这块，管系统的单位要做什么，", "信息安全这块，市里主管部门又要做什么？"]),
    ("For a project paid with public money: (1) must it go through centralized procurement? (2) who checks how "
     "the money was used afterwards?", 2),
    ("What activities does this regulation cover, and from which date is it in force?", 2),
    ("兩個問題:一、政府會定期來做網路資安檢查嗎?二、違反辦法的話會怎麼處罰?", 2),
    ("does the city do regular security inspections of networks? and what is the higher-level law this "
     "regulation is based on", 2),
    ("who pays for all this, is there a dedicated fund? plus which departments other than the IT bureau have a role",
     2),
    # enumerated items ask by their words, however they are closed (；。)
    ("本协会就以下两事请教：一、政府对企业信息技术开发投入有何扶持；二、政府在人才引进方面是否提供服务。", 2),
    # an English question may open with a preposition
    ("On what legal basis were these Measures formulated, and what is their scope of application?", 2),
    # roman-numbered items after a formal lead-in
    ("Kindly advise (i) which superior instrument constitutes the legal basis upon which these Measures were "
     "enacted, and (ii) the territorial scope within which the Measures apply.", 2),
])
def test_two_questions_in_one_message_are_two_parts(message, parts):
    _, found = split(message, fold)
    if isinstance(parts, int):
        assert len(found) == parts
    else:
        assert found == parts


@pytest.mark.parametrize("message", [
    "我是舒兰的普通居民，一直好奇县里谁管信息化这摊事。县（市）一级的信息化主管部门是哪个部门？",
    "我在桦甸开了个小超市，这个办法对我们桦甸也适用吗？",
    "We are a telecom contractor building towers in Jilin. Do we need to submit our infosec plan to some authority?",
    "第八条讲什么",
])
def test_background_then_one_question_is_one_part(message):
    sentences, parts = split(message, fold)
    assert parts == [message]
    if len(sentences) > 1:
        assert not sentences[0].asks and sentences[-1].asks


def test_questions_closed_with_full_stops_are_parts_when_nothing_else_asks():
    # phone users close questions with 。: two such sentences are two questions; one is the whole
    # message, and a sentence that only tells stays background
    assert split("政府部门自己用云计算有啥要求。政务专网还能不能单独新建。", fold)[1] == [
        "政府部门自己用云计算有啥要求。", "政务专网还能不能单独新建。"]
    assert split("政府部门自己用云计算有啥要求。领导让我问问。", fold)[1] == ["政府部门自己用云计算有啥要求。领导让我问问。"]
    sentences, parts = split("我们单位有啥事都找园区。园区归谁管？", fold)
    assert parts == ["我们单位有啥事都找园区。园区归谁管？"] and not sentences[0].asks


def test_a_statement_that_carries_a_question_asks():
    sentences, _ = split("我们单位要做等级保护，不知道该定几级、找哪家测评机构。办法里咋说的？", fold)
    assert [s.asks for s in sentences] == [True, True]


def test_places_inside_the_jurisdiction_are_home_and_everyday_words_are_not_places():
    gazetteer = Gazetteer(JURISDICTION, fold)
    assert gazetteer.find("我在桦甸开了个小超市，这个办法对我们桦甸也适用吗？") == ["桦甸"]
    assert gazetteer.home("桦甸") and gazetteer.home("吉林市") and gazetteer.home("高新区")
    assert gazetteer.home("吉林省")  # the province holding the city: its law is the Measures' parent
    assert not gazetteer.home("上海") and not gazetteer.home("长春市") and not gazetteer.home("通化")
    assert gazetteer.find("在网上瞎发东西") == []  # 东西 (things) is not a place


def test_a_place_in_the_background_is_not_what_is_asked():
    gazetteer = Gazetteer(JURISDICTION, fold)
    places = gazetteer.places([("我去年从上海回到吉林市开公司做软件，", False), ("市里对软件企业有什么扶持？", True)])
    assert {(p.name, p.home, p.asked) for p in places} == {("上海", False, False), ("吉林市", True, False)}
    asked = gazetteer.places([("长春市的电子政务网络怎么建设？", True)])
    assert [(p.name, p.home, p.asked) for p in asked] == [("长春市", False, True)]


@pytest.mark.parametrize("typed, reference", [
    ("第十二调讲的是什么", Reference(12)),
    ("信息化办法第三是二条讲的是啥", Reference(32)),
    ("第 8 条", Reference(8)),
    ("8条讲啥", Reference(8)),
    ("art.21", Reference(21)),
    ("21条第2款", Reference(21, 2)),
    ("第31tiao", Reference(31)),  # the pinyin left as typed
    ("三十四调咋找不到", Reference(34)),  # no 第 either
])
def test_references_typed_on_a_phone(typed, reference):
    assert find_references(typed) == [reference]


def test_no_reference_in_ordinary_words():
    assert find_references("第一时间报告") == []


@pytest.mark.parametrize("question, kinds", [
    ("信息化发展专项资金每年有多少钱？", ("figure",)),
    ("申请专项资金要填什么表？", ("form",)),
    ("吉林市负责信息化的部门在哪办公？", ("where",)),
    ("政府部门的云计算平台怎么搭建？", ("howto",)),
    ("信息化规划是几个领导关起门定的吗？", ()),  # a yes/no question: 几个 quantifies, it does not ask
    ("省里一共有几个这样的办法？", ("figure",)),
    ("视力不好的老人用政府网站有困难，有相关规定吗", ()),
    ("建设单位要做哪些事？", ()),
    ("商家能不能要我的姓名和电话？", ()),  # 姓名 is personal data here, not "which person"
    ("谁承担举证责任？", ()),  # a responsibility, not a cost
    ("办法里说的开发区具体指哪几个？", ()),  # which ones, not how many
])
def test_what_kind_of_fact_is_asked(question, kinds):
    assert asks.asked(question) == kinds


@pytest.mark.parametrize("question, whether", [("是真的不", True), ("要报告不？", True), ("有规定没", True),
                                               ("为啥不", False), ("谁负责", False)])
def test_a_closing_bu_or_mei_asks_whether(question, whether):
    assert asks.yes_no(question) is whether


def test_figures_a_question_asserts():
    assert asks.asserted_figures("第三十三条规定罚款五万元，对吧？") == ("五万元",)
    # a year in English, as 2016年 is in Chinese
    assert asks.asserted_figures("article 8 requires cables underground by the end of 2016. what's the deadline?") == (
        "by the end of 2016",)
    assert asks.asserted_figures("同事说按办法必须24小时内报市公安局，是这样吗？") == ("24小时",)


def test_english_words_reach_the_texts_own_words(assistant):
    english = assistant.searcher.english
    assert "验收" in english.terms("acceptance")
    assert "老年人" in english.terms("elderly")
    assert "老年人" in english.terms("old")  # old people; the elderly ("old" no stop word in glosses)
    assert "信息化" in english.terms("informatization")
    links = dict(assistant.searcher.links("what does the city do to help elderly people use the internet?"))
    assert "老年人" in links["elderly"]


def test_pinyin_typed_in_english_reaches_the_texts_own_words(assistant):
    english = assistant.searcher.english
    assert english.terms("xinxihua") == ("信息化",)
    assert english.terms("bumen") == ("部门",)
    assert "预案" not in english.terms("yuan")  # yuan is English too (the currency): not read as pinyin
    answer = assistant.ask("Who is the zhuguan bumen for xinxihua at county level?")
    assert not answer.refused and answer.articles[0] == 4


@pytest.mark.parametrize("message, second", [
    ("信息化项目没验收能不能先用起来 还有 用财政钱做的信息化项目要不要走政府集中采购", "用财政钱做的信息化项目要不要走政府集中采购"),
    ("这办法从哪天开始实行的？另外政府推不推广新一代互联网技术", "另外政府推不推广新一代互联网技术"),
    ("一方面想问运维单位要建立哪些信息安全制度，另一方面开发利用客户信息要保护哪些东西？", "另一方面开发利用客户信息要保护哪些东西？"),
    ("what does the measure say about accessibility, and separately, does it mention training?",
     "and separately, does it mention training?"),
])
def test_a_connector_standing_alone_and_an_a_not_a_question_open_a_second_part(message, second):
    _, parts = split(message, fold)
    assert len(parts) == 2 and parts[1].endswith(second)


def test_homophone_slips_reach_the_texts_words(assistant):
    slips = dict(assistant.searcher._slips(fold("政府要建啥数剧库啊 三网荣合那个 信息化规化谁编的")))
    assert slips == {"数剧库": ("数据库",), "荣合": ("融合",), "规化": ("规划",)}
    # words typed as meant, and runs that cut a word jieba knows (始施 in 开始施行), are no slips
    assert assistant.searcher._slips(fold("这个办法什么时候开始施行，负责人是谁，全是瞎编的")) == ()
    answer = assistant.ask("数剧库这块办法说啥了")
    assert not answer.refused and answer.articles[0] == 26


def test_a_connector_opens_a_question_whose_question_word_comes_later():
    _, parts = split("信息化工程完事了得验收不 再一个用财政的钱建的项目 钱花得对不对谁来管", fold)
    assert parts == ["信息化工程完事了得验收不", "再一个用财政的钱建的项目 钱花得对不对谁来管"]
    _, parts = split("这个办法管信息安全吗 另外还有些事情", fold)  # nothing asked after the connector
    assert len(parts) == 1


def test_a_spaced_clause_asking_a_new_kind_of_fact_is_a_question_of_its_own():
    _, parts = split("老听他们说市里要来搞网络安全检查 这个检查是谁组织的 多长时间查一回", fold)
    assert len(parts) == 2 and parts[1].endswith("多长时间查一回")
    # a comma joins what elaborates one question, and "how much" follows "whether"
    for message in ("信息化规划论证的专家是怎么选出来的，专家库在哪查", "评审收不收费 收多少"):
        assert split(message, fold)[1] == [message]


def test_words_that_tell_do_not_ask():
    sentences, _ = split("我在北京干了几年 今年回磐石开了个小店 卖点木耳榛蘑啥的", fold)
    assert not any(s.asks for s in sentences)
    assert not clauses.asks("施工队装完了说没啥问题")  # 没啥: nothing


@pytest.mark.parametrize("message, parts", [
    ("两个问题：一是吉林市的信息化主管部门是哪个？二是全市信息化发展规划最后由谁批准？",
     ["吉林市的信息化主管部门是哪个？", "全市信息化发展规划最后由谁批准？"]),
    ("For my piece: (1) does it oblige governments to set aside a budget, and (2) how is the plan evaluated?",
     ["does it oblige governments to set aside a budget", "how is the plan evaluated?"]),
    ("Two questions for our plant: 1) who is the authority inside the 经开区, and 2) what testing is required?",
     ["who is the authority inside the 经开区", "what testing is required?"]),
    ("First, how is information shared? Second, does it put duties on utilities?",
     ["how is information shared?", "does it put duties on utilities?"]),
    # items after a lead-in that names their topic carry it; a first item is no lead-in
    ("我们老小区空中的线乱七八糟 一是办法要求这些线咋处理 二是挪到地下的钱谁出",
     ["我们老小区空中的线乱七八糟 办法要求这些线咋处理", "我们老小区空中的线乱七八糟 挪到地下的钱谁出"]),
    ("一个是政府对俺们老年人用网有啥照顾没 二个是农村的网络建设政府管不管",
     ["政府对俺们老年人用网有啥照顾没", "农村的网络建设政府管不管"]),
    # items numbered 1）2） with no opening bracket and no space after it
    ("两个问题：1）员工个人隐私要不要保护 2）我们自己的系统要不要定期做风险评估",
     ["两个问题：员工个人隐私要不要保护", "两个问题：我们自己的系统要不要定期做风险评估"]),
    # circled numbers
    ("①社会资本能参与信息基础设施建设吗 ②办法对信息产业集聚是怎么说的",
     ["社会资本能参与信息基础设施建设吗", "办法对信息产业集聚是怎么说的"]),
    # letters in brackets
    ("Two questions for a due-diligence memo: (a) what territorial scope does the Jilin City Informatization "
     "Promotion Measures have, and (b) which higher-level legislation is it based on?",
     ["what territorial scope does the Jilin City Informatization Promotion Measures have",
      "which higher-level legislation is it based on?"]),
    # a lead that asks, items that do not: the lead is asked of each item
    ("list the duties of (1) units that collect government information and (2) units that provide public services",
     ["list the duties of units that collect government information",
      "list the duties of units that provide public services"]),
])
def test_enumeration_marks_cut_a_message_and_are_no_part_of_its_questions(message, parts):
    # (1) … and 1) … 一是… First, … mark items: the mark neither hides a question nor stays in it
    assert split(message, fold)[1] == parts


def test_an_item_mark_does_not_sink_a_question(assistant):
    answer = assistant.ask("两个问题：一是吉林市的信息化主管部门是哪个？二是全市信息化发展规划最后由谁批准？")
    assert answer.articles[:2] == [4, 5]


def test_a_reference_is_not_an_enumeration_mark():
    _, parts = split("第三十四条是什么内容？我找的几个版本都是从33条直接跳到35条", fold)
    assert parts[0].startswith("第三十四条是什么内容？")  # not 十四条 with 第三 taken for "third"


def test_everyday_wordings_of_the_regulation_and_of_laws():
    from assistant.questions import metadata_fields, other_laws

    assert "effective" in metadata_fields("这是从啥时候开始实行的？")
    assert other_laws("第三十四条规定了啥?我们法务要引用", ("吉林市信息化促进办法",), "") == ()
    assert other_laws("网络安全法第二十一条", ("吉林市信息化促进办法",), "") == ("网络安全法",)
    assert other_laws("办法里对传统产业搞信息化有啥提法？", ("吉林市信息化促进办法",), "") == ()  # 提法: a wording
    assert metadata_fields("它是根据哪个条例制定的") == ()  # its basis (第一条), not who issued it
    assert metadata_fields("第二十几条来着 就是说政府部门不能自己再建专网的那条") == ()  # a spoken reference
    assert metadata_fields("呢个办法几时生效?") == ("effective",)  # Cantonese 幾時
    assert metadata_fields("jilin info regulation start date?") == ("effective",)
    assert metadata_fields("这份政府令落款的市长是谁？") == ("signed",)
    # a law named with the words before it (按问责条例), or that only looks like a word (预算法, not 算法)
    measures = ("吉林市信息化促进办法",)
    assert other_laws("这种情况按问责条例应该怎么问责？", measures, "") == ("问责条例",)
    assert other_laws("信息化项目超预算了，按预算法要走什么调整程序？", measures, "") == ("预算法",)
    assert other_laws("推荐算法要备案吗", measures, "") == ()
    assert "国政府采购法" not in other_laws("按照中华人民共和国政府采购法要公开招标吗", measures, "")  # never cut
    # a law the text mentions is another law when its own facts are asked
    basis = "根据《吉林省信息化促进条例》"
    assert other_laws("吉林省信息化促进条例是哪年通过的", measures, basis) == ("吉林省信息化促进条例",)
    assert other_laws("根据吉林省信息化促进条例制定的这个办法是哪年通过的", measures, basis) == ()
    assert metadata_fields("这个办法是哪个部门制定的") == ("issuer",)
    assert metadata_fields("and from what date do they apply?") == ("effective",)
    assert metadata_fields("on what date was it adopted at the city government's executive meeting?") == ("adopted",)
    assert "category" in metadata_fields("is this a law passed by the people's congress or some other kind of "
                                         "document?")


def test_a_law_named_in_english_is_another_law():
    from assistant.questions import english_law_titles

    assert english_law_titles("what does article 21 of the cybersecurity law say?") == ["Cybersecurity Law"]
    assert english_law_titles("what is the upper-level law this regulation is based on?") == []  # its basis
    assert english_law_titles("by law, must we report?") == []
    assert english_law_titles("for my comparative law class: what is the scope of this measure?") == []


def test_a_breach_of_the_regulation_itself_is_a_question_of_its_own(assistant):
    # 不报的话有什么后果 continues the question before it; 违反办法…怎么处理 asks about article 33
    answer = assistant.ask("信息资源开发利用要保护哪些权益？违反办法构成犯罪的怎么处理？")
    assert answer.articles[:2] == [29, 33] and len(answer.parts) == 2


def test_the_regulation_named_with_words_between_the_and_measure(assistant):
    answer = assistant.ask("How many articles does the Jilin informatization measure have in total?")
    assert not answer.refused and "35" in answer.answer and not answer.citations


def test_a_spaced_clause_asking_a_different_fact_about_the_regulation_is_its_own_question(assistant):
    # its date, then what it was made under: two kinds of fact, two answers
    answer = assistant.ask("我是退休老师 想整明白俩事 这个信息化促进办法是啥时候开始施行的 它是根据哪个上位法定的")
    assert len(answer.parts) == 2 and 1 in answer.articles and "2015年1月1日" in answer.answer
    answer = assistant.ask("办法什么时候施行的？它依据的是哪部省里的条例？")
    assert 1 in answer.articles and "吉林省信息化促进条例" in answer.answer


@pytest.mark.parametrize("question, articles", [
    ("what is this rule for? and where it apply?", [1, 2]),
    ("這個辦法是根據哪一部條例訂的？適用範圍包括哪些？", [1, 2]),
    ("这个办法管哪些事", [2]),
    ("这个办法管的范围是哪里？", [2]),
    ("这办法的依据是啥", [1]),
    ("What's the point of this regulation? Like, what does it say it's trying to achieve?", [1]),
    ("On what legal basis were these Measures formulated, and what is their scope of application?", [1, 2]),
    ("吉林市这个办法适用于哪些地方", [2]),  # the city it names is where it applies: nothing else asked
])
def test_what_the_regulation_covers_or_is_for_is_answered_from_the_article_that_says(assistant, question, articles):
    assert assistant.ask(question).articles[:len(articles)] == articles


def test_a_question_whether_it_covers_a_subject_is_searched(assistant):
    assert assistant.ask("Does this rule cover rural areas at all?").articles[0] == 23


def test_is_it_illegal_quotes_the_rule_and_what_follows_a_breach(assistant):
    answer = assistant.ask("群里发谣言犯法不")
    assert answer.articles[:1] == [29] and 33 in [c.article for c in answer.citations]


@pytest.mark.parametrize("question", ["群里造谣的按啥处罚", "网上发谣言的咋罚"])
def test_by_what_is_a_breach_punished_asks_what_follows_it(question):
    assert asks.asks_consequences(fold(question))


def test_asking_for_something_free_asks_about_cost_the_text_does_not_state(assistant):
    answer = assistant.ask("政府是不是得给七十岁以上老人免费发智能手机 办法里有这条没")
    assert answer.refused and not answer.citations and answer.reason == "cost_not_stated"


def test_what_it_was_made_under_with_words_between_under_and_which(assistant):
    # 根据省里哪个条例: the province stands between 根据 and the question word
    assert assistant.ask("这办法是根据省里哪个条例定的").articles == [1]


def test_a_bare_confirmation_asks_about_the_claim_before_it(assistant):
    answer = assistant.ask("I read the measures took effect on the day they were published, 25 November 2014. Correct?")
    assert answer.kind == "metadata" and answer.articles == [35] and "1 January 2015" in answer.answer
    # (since it took effect names no date: the question asks about pilot projects)
    assert assistant.ask("How many smart-city pilot projects has Jilin launched since this regulation took "
                         "effect?").kind != "metadata"


def test_who_issued_it_is_shown_with_the_order_it_was_issued_by(assistant):
    for question in ("这个办法是哪个机关发布的？", "听说这个办法是吉林省政府发的，是这么回事不"):
        answer = assistant.ask(question)
        assert answer.kind == "metadata" and "吉林市人民政府令第234号" in answer.answer


def test_a_law_passed_by_a_legislature_asks_for_its_category(assistant):
    answer = assistant.ask("Is this Jilin informatization document actually a law passed by a legislature?")
    assert answer.kind == "metadata" and "政府规章" in answer.answer


def test_a_question_word_before_dou_means_any_and_asks_nothing():
    assert asks.asked("连工人上厕所多长时间都能记下来 有没有保护个人隐私的说法") == ()
    assert "time" in asks.asked("多长时间要评估一次")


def test_a_few_people_counted_in_a_whether_question_ask_for_no_number():
    # 几个哥们 counts buddies, and …让不让 asks whether, not how many
    assert asks.asked("我跟几个哥们寻思自己出钱 给村里拉光纤 政府让不让") == ()
    assert "figure" not in asks.asked("我们几个人想开网吧 要啥手续")
    assert "figure" in asks.asked("信息化项目要几个部门审批")


def test_a_conjunction_before_a_division_name_is_no_place(assistant):
    # 市级和县（市）区级: "and county", not 和县 in Anhui
    answer = assistant.ask("市级和县（市）区级的信息化主管部门分别是哪个部门？")
    assert not answer.refused and answer.articles[0] == 4


@pytest.mark.parametrize("message, parts", [
    ("想了解一下：1 政府鼓不鼓励企业多投钱搞技术开发 2 融资这块政府能提供啥服务不",
     ["想了解一下：政府鼓不鼓励企业多投钱搞技术开发", "想了解一下：融资这块政府能提供啥服务不"]),
    ("1自来水公司这种提供公共服务的单位信息要不要维护更新 2政府部门采集的政务信息有啥要求",  # no space after 1, 2
     ["自来水公司这种提供公共服务的单位信息要不要维护更新", "政府部门采集的政务信息有啥要求"]),
    ("If a city government data system gets hacked, what is the operator required to do, and does anyone "
     "inspect these networks on a regular basis?",  # a condition before the first question
     ["If a city government data system gets hacked, what is the operator required to do,",
      "If a city government data system gets hacked, and does anyone inspect these networks on a regular basis?"]),
    ("办法里对老年人上网用网有没有扶持 还有农村搞信息化提没提给人培训",  # A没A asks, as A不A does
     ["办法里对老年人上网用网有没有扶持", "还有农村搞信息化提没提给人培训"]),
    ("鼓励不鼓励社会资本投信息基础设施 再一个重点领域网络的安全检查是谁组织",  # … and AB不AB
     ["鼓励不鼓励社会资本投信息基础设施", "再一个重点领域网络的安全检查是谁组织"]),
])
def test_bare_numbered_items_and_a_mei_a_questions_are_parts(assistant, message, parts):
    assert assistant._parts(read_message(message, assistant.index.fold)) == parts


def test_the_basis_and_the_territorial_scope_asked_together(assistant):
    answer = assistant.ask("办法的上位法依据是哪个？ 适用的地域范围是哪儿？")
    assert [p["articles"][:1] for p in answer.parts] == [[1], [2]]


def test_a_lone_number_or_a_spaced_reference_numbers_no_items(assistant):
    assert len(assistant._parts(read_message("我们有 2 个问题 第 8 条说的啥", assistant.index.fold))) == 1


def test_an_english_lead_in_joins_its_item_with_a_space(assistant):
    message = read_message("Our system in Jilin hit by security accident. Tell me 1) we must keep records? "
                           "2) must report to authority?", assistant.index.fold)
    assert assistant._parts(message)[0] == "Tell me we must keep records?"


@pytest.mark.parametrize("question, kind, article", [
    ("Two things about the Jilin measures: what law was it made under, and what geographic area does it cover?",
     "parts", 1),
    ("Does the regulation mention penalties? And when did it start applying?", "parts", 33),
    ("Which government body actually issued the Jilin City informatization promotion measures?", "metadata", None),
])
def test_english_wordings_of_what_the_regulation_is(assistant, question, kind, article):
    answer = assistant.ask(question)
    assert answer.kind == kind and (article is None or answer.articles[0] == article)
    if kind == "parts":
        assert [p["articles"][:1] for p in answer.parts] in ([[1], [2]], [[33], [35]])


def test_english_words_that_only_look_like_metadata_are_searched(assistant):
    # a legal basis for transferring data is not the regulation's basis; information published by a
    # provider is not the regulation's publication
    assert assistant.ask("Does the Jilin regulation give us some legal basis for transferring personal data "
                         "from the EU to China?").articles[:1] != [1]
    assert assistant.ask("In this regulation of Jilin, must information published by an information service "
                         "provider be true and lawful?").kind != "metadata"


def test_a_part_leans_on_the_messages_background(assistant):
    answer = assistant.ask("集团用自有资金建一个灾备中心，属于信息安全工程。需要向哪一级信息化主管部门备案？在什么时间节点备案？")
    assert answer.articles[0] == 10


@pytest.mark.parametrize("question", ["这办法一共就30条吧", "听说这个办法有五十条 我咋数都没数够",
                                      "这个办法一共多少调啊"])  # (调: a phone's slip for 条)
def test_a_number_after_a_counting_word_is_the_length_not_an_article(assistant, question):
    answer = assistant.ask(question)
    assert answer.kind == "metadata" and "共35条" in answer.answer and not answer.citations
    assert find_references("第30条说了啥") == [Reference(30)]


def test_a_clause_ending_with_a_colon_leads_in_and_asks_nothing(assistant):
    assert not clauses.asks("When it's finished:")
    answer = assistant.ask("We supply a government-funded smart street lighting system. When it's finished: "
                           "1) can it go live before acceptance? 2) where do the acceptance results have to be filed?")
    assert [p["articles"][0] for p in answer.parts] == [13, 13]


def test_a_question_about_the_regulation_in_cantonese_names_no_other_law(assistant):
    answer = assistant.ask("我哋係香港一間做資安服務嘅公司,想幫吉林市客戶做異地備援。想問吓條例有冇要求系統營運單位做備援?")
    assert answer.reason != "other_law" and answer.articles[0] == 30


def test_whether_it_applies_in_another_city_is_answered_by_the_scope_article(assistant):
    answer = assistant.ask("长春市工信局询问:该办法的适用范围是否及于长春市行政区域?")
    assert not answer.refused and answer.articles == [2] and "不涉及长春市" in answer.answer
    # what another city itself has done is still declined
    answer = assistant.ask("长春市是否也出台了类似的信息化促进办法?")
    assert answer.refused and not answer.citations


@pytest.mark.parametrize("question, shown", [
    ("這部辦法是吉林省人大常委會通過的地方性法規,對吧?", ["政府規章", "吉林市人民政府令第234號"]),
    # 这是…: the place it applies names no other subject; 系…颁布之 and 出台的 claim an issuer too
    ("这是吉林市人大常委会通过的地方性法规吧", ["政府规章"]),
    ("本辦法係吉林省人民政府頒布之省級規章,對吧?", ["吉林市人民政府令第234號"]),
    ("这个办法是吉林省人民政府出台的省政府规章吧？", ["吉林市人民政府令第234号"]),
    # 是…政府令吧 and a commission or bureau named as the issuer claim one too
    ("这个办法是吉林省政府令吧？我在尽调报告里写成省级规章应该没问题吧", ["吉林市人民政府令第234号"]),
    ("这个办法是吉林省卫健委发的吧？", ["吉林市人民政府"]),
    ("This regulation was issued by the Jilin Provincial People's Government in 2016, right?",
     ["吉林市人民政府令第234号", "2014年11月25日"]),
])
def test_a_false_claim_about_who_issued_it_is_answered_from_the_metadata(assistant, question, shown):
    answer = assistant.ask(question)
    assert answer.kind == "metadata" and all(s in answer.answer for s in shown)


def test_words_before_a_space_are_no_topic_of_the_later_questions(assistant):
    # 人口 法人…: a list cut by a space, not a topic every question carries
    answer = assistant.ask("人口 法人这些基础数据库政府要不要建  政务信息采集单位对数据质量要保证啥")
    assert [p["articles"][0] for p in answer.parts] == [26, 27]


def test_whether_the_regulation_covers_it_asks_about_the_question_before(assistant):
    # 这个信息化办法管不管？ and 信息化办法里有没有说？ name nothing of their own (the regulation's
    # shortened title is no subject): they ask whether the regulation covers the question before
    for message in ("手机app跨境汇款一年最多能汇多少？这个信息化办法管不管？",
                    "我的居留许可明年到期，续签要准备什么材料？信息化办法里有没有说？"):
        answer = assistant.ask(message)
        assert answer.kind == "decline" and not answer.citations, message


def test_a_shortened_title_is_blanked_like_the_title(corpus):
    from assistant.titles import Titles

    titles = Titles(corpus.regulations, fold, lambda regulation, title: "", lambda text: [], lambda word: [])
    assert titles.without("信息化办法里有没有说").strip() == "里有没有说"
    assert titles.without("吉林市办法说啥").strip() == "说啥"
    assert titles.without("现代化办法") == "现代化办法"  # a word of its own, not the title's


def test_took_effect_the_same_day_asks_the_effective_date(assistant):
    answer = assistant.ask("I heard the measures took effect the same day they were published in November 2014 — correct?")
    assert "2015年1月1日" in answer.answer


def test_when_it_takes_effect_asks_the_date_and_since_it_took_effect_does_not():
    from assistant.questions import metadata_fields

    assert metadata_fields("what does this regulation say about when it takes effect?") == ("effective",)
    assert metadata_fields("how many pilot projects has jilin launched since this regulation took effect?") == ()


def test_facts_of_another_places_regulation_are_not_this_ones(assistant):
    # 长春的信息化办法: named after a place outside the jurisdiction, it is that place's regulation
    for question in ("做咨询项目要对标，长春市现行的信息化促进办法是哪一年出台的？", "长春的信息化办法是谁签发的？"):
        answer = assistant.ask(question)
        assert answer.refused and answer.reason == "other_place" and not answer.citations, question
    assert assistant.ask("我从长春搬来，吉林市这个办法是哪年出台的").kind == "metadata"


def test_more_wordings_of_the_regulations_facts(assistant):
    assert assistant.ask("Jilin informatization measures - who actually issued them?").kind == "metadata"
    assert "2014年11月25日" in assistant.ask("这个办法是2015年元旦公布的吧？").answer


def test_a_message_announcing_two_questions_is_read_at_its_spaces(assistant):
    # one part declined (another city's subsidy) does not undo the split the message announced
    answer = assistant.ask("两个问题 吉林市对社区信息化有要求吗 长春的智慧社区补贴是多少")
    assert [p["articles"][:1] for p in answer.parts] == [[22], []]
    assert answer.parts[1]["reason"] == "other_place"


def test_a_part_about_that_article_asks_about_the_article_named_before(assistant):
    # 那条 is the article the part before named: here the missing one, so nothing is quoted
    answer = assistant.ask("第三十四条写的什么？三十三条后面就是三十五条，是不是有人把那条删了？")
    assert answer.reason == "missing_article" and not answer.citations
    # a fact about the regulation asked after a reference stays a question of its own
    assert len(assistant.ask("第八条讲什么？这条什么时候开始执行的？").parts) == 2


def test_that_order_and_cantonese_who_ask_the_regulations_facts(assistant):
    answer = assistant.ask("市长签的那个令是第几号啊")
    assert answer.kind == "metadata" and "第234号" in answer.answer
    answer = assistant.ask("呢個辦法係邊個機關發布嘅？")
    assert answer.kind == "metadata" and "吉林市人民政府" in answer.answer


def test_took_effect_the_day_it_was_published_quotes_the_effective_article(assistant):
    answer = assistant.ask("这个办法2014年11月25日公布那天就施行了，对吧")
    assert answer.kind == "metadata" and 35 in answer.articles and "2015年1月1日" in answer.answer


def test_an_asserted_fine_quotes_the_liability_article_too(assistant):
    # 罚款五万元 asserted as a premise: the article on the subject and the liability article, each
    # with the note that it states no such amount
    answer = assistant.ask("听说办法规定泄露客户信息的公司罚款十万元，是真的吗？")
    assert answer.articles[:2] == [29, 33] and "没有规定" in answer.answer


def test_which_points_is_no_subject(assistant):
    words = assistant.searcher.content_words(assistant.index.fold("政务信息要保证哪几点"))
    assert "几点" not in words and "政务" in words


def test_a_plan_revised_is_no_question_whether_the_regulation_was():
    from assistant.questions import metadata_fields

    assert metadata_fields("can we tell our client the zone's plan will be revised next year?") == ()
    assert metadata_fields("has the regulation been amended since 2015?") == ("status",)


def test_asking_what_happened_under_the_regulation_is_a_fact_its_rules_do_not_state(assistant):
    # figures since it took effect, cases, lists of people, speeches: a text of rules holds none of it
    answer = assistant.ask("我是学生记者，在写吉林市数字经济的报道。听说办法实施后吉林市信息产业产值翻了一番，"
                           "办法里有没有相关统计数据？")
    assert answer.refused and not answer.citations and answer.reason == "record_not_stated"
    assert asks.asked(fold("办法实施以来有没有单位被处罚过")) == ("record",)
    assert "record" not in asks.asked(fold("办法施行以后，建设单位还要备案吗"))  # a duty from then on is no record
