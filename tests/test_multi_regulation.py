"""Several regulations in one corpus: answers name their regulation; filters and names select one."""
import json

import pytest

from assistant import Assistant, Settings

from .conftest import copy_corpus, run_cli

OTHER = """# 杭州市数据资源条例

2021年3月1日 公布

2021年6月1日 施行

<!-- INFO END -->

## 第一章 总则

第一条 为了规范数据资源管理，制定本条例。

第二条 市数据资源主管部门负责全市公共数据平台的建设和管理。

第三条 数据中心的能耗应当符合国家标准。

第四条 本条例自2021年6月1日起施行。
"""


@pytest.fixture(scope="module")
def multi(tmp_path_factory):
    root = tmp_path_factory.mktemp("multi")
    corpus_dir = copy_corpus(root / "corpus")
    (corpus_dir / "杭州市数据资源条例.md").write_text(OTHER, "utf-8")
    settings = Settings(corpus_dir=corpus_dir, index_dir=root / "index", show_progress=False)
    return Assistant(settings), settings


def test_answers_name_their_regulation(multi):
    assistant, _ = multi
    jilin = assistant.ask("小区的网线能不能一直架在电线杆上?")
    assert jilin.regulation == "jilin-informatization-measures" and jilin.articles[0] == 8
    assert jilin.answer.startswith("依据《吉林市信息化促进办法》")
    other = assistant.ask("杭州市数据资源条例第二条")
    assert other.regulation == "杭州市数据资源条例" and other.articles == [2]
    assert other.answer.startswith("依据《杭州市数据资源条例》第二条")
    assert all(c.regulation == "杭州市数据资源条例" for c in other.citations)
    by_place = assistant.ask("杭州对数据中心的能耗有什么要求")
    assert by_place.regulation == "杭州市数据资源条例" and by_place.articles[0] == 3
    assert assistant.ask("第二十一条").regulation == "jilin-informatization-measures"  # numbers: the default


def test_filter_by_regulation(multi):
    assistant, settings = multi
    filtered = assistant.ask("谁负责公共数据平台", regulation="杭州市数据资源条例")
    assert filtered.regulation == "杭州市数据资源条例" and filtered.articles[0] == 2
    assert assistant.ask("x", regulation="nope").reason == "unknown_regulation"
    env = {"ASSISTANT_CORPUS_DIR": str(settings.corpus_dir)}
    cli = run_cli(["ask", "--json", "--quiet", "--regulation", "杭州市数据资源条例", "第三条"],
                  settings.index_dir, env_extra=env)
    assert cli.returncode == 0 and json.loads(cli.stdout)["regulation"] == "杭州市数据资源条例"
    bad = run_cli(["ask", "--regulation", "nope", "第三条"], settings.index_dir, env_extra=env)
    assert bad.returncode == 2 and "unknown regulation" in bad.stderr.decode()


def test_web_chat_filters_by_regulation(multi, tmp_path):
    from assistant.feedback import FeedbackStore
    from assistant.web import WebApp

    assistant, _ = multi
    page = WebApp(assistant, FeedbackStore(tmp_path / "f.sqlite3"))
    history, turns, shared, _, _ = page.respond("第三条", [], [], "简体", "杭州市数据资源条例")
    assert turns[-1].regulation == "杭州市数据资源条例" and "能耗" in turns[-1].answer
    hangzhou = assistant.index.corpus.get("杭州市数据资源条例").article(3).paragraphs[0].text
    sources = history[-1]["content"].split("<details", 1)[1].split("</details>")[0]
    assert hangzhou[:20] in sources  # the sources block shows that regulation's article
    assert "&amp;regulation=" in history[-1]["content"]  # its link asks with the same filter
    _, turns, shared, _, _ = page.respond("第三条", turns, shared, "简体", "")
    assert turns[-1].regulation == "jilin-informatization-measures"
    history, redone, *_ = page.switch_script(turns, shared, "繁體")  # re-asked with each turn's regulation
    assert [a.regulation for a in redone] == ["杭州市数据资源条例", "jilin-informatization-measures"]
    assert "依據《吉林市信息化促進辦法》第三條" in redone[-1].answer


SIGNATURES = """# 中华人民共和国电子签名法

2004年8月28日 公布

2005年4月1日 施行

<!-- INFO END -->

## 第三章 电子签名与认证

第十三条 电子签名同时符合下列条件的，视为可靠的电子签名：

（一）电子签名制作数据用于电子签名时，属于电子签名人专有；

（二）签署时电子签名制作数据仅由电子签名人控制；

（三）签署后对电子签名的任何改动能够被发现；

（四）签署后对数据电文内容和形式的任何改动能够被发现。

当事人也可以选择使用符合其约定的可靠条件的电子签名。

第十四条 可靠的电子签名与手写签名或者盖章具有同等的法律效力。
"""


@pytest.fixture(scope="module")
def peers(tmp_path_factory):
    """Two regulations side by side, neither designated the default (a LawRefBook folder)."""
    root = tmp_path_factory.mktemp("peers")
    corpus_dir = root / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "电子签名法.md").write_text(SIGNATURES, "utf-8")
    (corpus_dir / "杭州市数据资源条例.md").write_text(OTHER, "utf-8")
    settings = Settings(corpus_dir=corpus_dir, index_dir=root / "index", show_progress=False)
    return Assistant(settings), settings


def test_peers_have_no_default_and_speak_of_their_own_kind(peers):
    assistant, settings = peers
    corpus = assistant.index.corpus
    assert corpus.default is None and corpus.browse.id == "杭州市数据资源条例"
    assert [r.kind for r in corpus.regulations] == ["条例", "法"]
    ambiguous = assistant.ask("第二条说了什么")  # either regulation's: ask which, cite nothing
    assert ambiguous.reason == "which_regulation" and ambiguous.refused and not ambiguous.citations
    assert "《杭州市数据资源条例》" in ambiguous.answer and "电子签名法" not in ambiguous.answer  # only it has 第二条
    assert assistant.ask("这个法什么时候施行？").reason == "which_regulation"
    declined = assistant.ask("吉林市今天天气怎么样？")
    assert declined.reason == "not_covered" and declined.regulation == ""
    assert declined.answer.startswith("本助手收录的法规都没有规定这个问题") and "办法" not in declined.answer
    assert "第八条" not in declined.answer  # no hint to ask by a bare number, which would be ambiguous
    english = assistant.ask("What is the weather in Jilin today?")
    assert english.answer.startswith("None of the loaded regulations covers this question.")
    env = {"ASSISTANT_CORPUS_DIR": str(settings.corpus_dir)}
    listing = run_cli(["articles"], settings.index_dir, env_extra=env)
    assert listing.returncode != 0 and "--regulation" in listing.stderr.decode()
    chosen = run_cli(["articles", "--regulation", "电子签名法"], settings.index_dir, env_extra=env)
    assert chosen.returncode == 0 and "第十四条" in chosen.stdout.decode()


def test_a_national_law_named_without_its_country_and_items_kept_in_their_paragraph(peers):
    assistant, _ = peers
    answer = assistant.ask("电子签名法第十三条")  # titled 中华人民共和国电子签名法
    assert answer.regulation == "电子签名法" and answer.articles == [13]
    article = assistant.index.corpus.get("电子签名法").article(13)
    assert len(article.paragraphs) == 2  # 款 as the law numbers them: items （一）…（四） are in the first
    assert article.paragraphs[0].text.count("\n") == 4 and "（四）" in article.paragraphs[0].text
    assert [c.label for c in answer.citations] == ["第十三条第一款", "第十三条第二款"]
    assert "\n>\n> （二）签署时" in answer.answer  # each item on a line of its own in the quote
