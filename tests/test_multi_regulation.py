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
