"""Articles as the law numbers them: 第X条之N is an article of its own, and the part files of one
code (LawRefBook's Civil Code) are one regulation."""
from __future__ import annotations

from assistant.references import Reference, find_references
from assistant.sources import load_corpus, load_markdown

from .conftest import STARD_CORPUS

CRIMINAL_LAW = STARD_CORPUS / "刑法" / "刑法.md"


def test_sub_articles_are_articles_of_their_own():
    law = load_markdown(CRIMINAL_LAW, "刑法")
    plain = [a for a in law.articles if not a.sub]
    inserted = [a for a in law.articles if a.sub]
    assert len(plain) == 452 and len(inserted) == 53  # every 第X条之N of the file, none dropped
    article = law.article(120, 1)
    assert article.label == "第一百二十条之一" and article.id == "刑法:120-1"
    assert article.text.startswith("资助恐怖活动组织")
    assert article.paragraphs[0].id == "刑法:120-1:1"
    assert law.article(120).text.startswith("组织、领导恐怖活动组织")  # article 120 itself is kept
    assert [a.sub for a in law.articles if a.number == 120] == [0, 1, 2, 3, 4, 5, 6]
    assert law.article(120, 7) is None
    assert law.article(287, 2).label == "第二百八十七条之二"
    assert law.missing == ()  # 之N articles are no gaps in the numbering
    order = [(a.number, a.sub) for a in law.articles]
    assert order == sorted(order)


def test_references_read_sub_articles():
    assert find_references("刑法第一百二十条之一怎么规定的") == [Reference(120, None, 1)]
    assert find_references("第287条之二第一款") == [Reference(287, 1, 2)]
    assert find_references("Article 120-1") == [Reference(120, None, 1)]
    assert find_references("依照第十七条之规定") == [Reference(17)]  # 之规定 is no sub-article


def test_ask_for_a_sub_article_quotes_it(stard_assistant):
    answer = stard_assistant.ask("刑法第一百二十条之一是怎么规定的？", regulation="刑法")
    assert not answer.refused
    first = answer.citations[0]
    assert (first.regulation, first.article, first.sub) == ("刑法", 120, 1)
    assert first.label.startswith("第一百二十条之一") and "《中华人民共和国刑法》第一百二十条之一：" in answer.answer
    assert "资助恐怖活动组织" in answer.answer
    assert answer.to_dict()["citations"][0]["sub"] == 1
    english = stard_assistant.ask("Article 120-1", regulation="刑法")
    assert english.citations[0].label.startswith("Article 120-1")
    none = stard_assistant.ask("第一百二十条之九", regulation="刑法")
    assert none.refused and none.reason == "no_such_article" and "第一百二十条之九" in none.answer


def test_plain_citations_carry_no_sub_in_json(stard_assistant):
    data = stard_assistant.ask("第一百二十条", regulation="刑法").to_dict()
    assert data["citations"] and all("sub" not in c for c in data["citations"])


def test_search_ranks_sub_articles(stard_assistant):
    retrieval = stard_assistant.searcher.search("出售银行卡帮助他人实施信息网络犯罪，提供支付结算帮助")
    keys = [hit.key for hit in retrieval.articles[:10]]
    assert ("刑法", 287, 2) in keys


PART = """# 中华人民共和国示例法典

# {part}

2020年5月28日 第十三届全国人民代表大会第三次会议通过

2021年1月1日 施行

<!-- INFO END -->

## 第一章  {chapter}

{articles}
"""


def _write(path, part, chapter, articles):
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(f"第{label} {text}" for label, text in articles)
    path.write_text(PART.format(part=part, chapter=chapter, articles=body), "utf-8")


def test_part_files_of_one_code_are_one_regulation(tmp_path):
    code = tmp_path / "示例法典"
    _write(code / "总则.md", "总则", "基本规定", [("一条", "为了保护民事主体的合法权益，制定本法。"), ("二条", "本法调整民事关系。")])
    _write(code / "物权编.md", "物权编", "一般规定", [("三条", "本编调整物权关系。"), ("三条之一", "插入的条文。")])
    (code / "_index.md").write_text("---\nbookCollapseSection: true\n---", "utf-8")
    _write(tmp_path / "其他" / "某法(2018).md", "", "总则", [("一条", "旧版本第一条。"), ("二条", "旧版本第二条。")])
    _write(tmp_path / "其他" / "某法(2020).md", "", "总则", [("一条", "新版本第一条。")])
    corpus = load_corpus(tmp_path)
    by_id = {r.id: r for r in corpus.regulations}
    assert set(by_id) == {"示例法典", "某法-2018", "某法-2020"}  # versions of one law stay apart
    code_law = by_id["示例法典"]
    assert code_law.title == "中华人民共和国示例法典"
    assert [(a.number, a.sub) for a in code_law.articles] == [(1, 0), (2, 0), (3, 0), (3, 1)]
    assert code_law.files == ("示例法典/总则.md", "示例法典/物权编.md")
    assert code_law.article(3).chapter == "物权编 第一章  一般规定"
    assert code_law.article(1).chapter == "总则 第一章  基本规定"
    assert code_law.metadata.effective == "2021-01-01"
    assert by_id["某法-2018"].files == ("其他/某法(2018).md",)


def test_parts_that_repeat_numbers_are_not_merged(tmp_path):
    _write(tmp_path / "甲.md", "甲编", "一般规定", [("一条", "甲编第一条。")])
    _write(tmp_path / "乙.md", "乙编", "一般规定", [("一条", "乙编第一条。")])
    assert len(load_corpus(tmp_path).regulations) == 2


def test_listing_shows_sub_articles_after_their_number():
    from assistant.listing import article_dict, article_rows

    law = load_markdown(CRIMINAL_LAW, "刑法")
    rows = article_rows(law)
    labels = [r["label"] for r in rows]
    start = labels.index("第一百二十条")
    assert labels[start:start + 3] == ["第一百二十条", "第一百二十条之一", "第一百二十条之二"]
    assert len(rows) == 505 and rows[start + 1]["sub"] == 1 and "sub" not in rows[start]
    assert article_dict(law, law.article(120, 1))["sub"] == 1
    assert "sub" not in article_dict(law, law.article(120))
