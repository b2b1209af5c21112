import pytest

from assistant.references import Reference, find_references


@pytest.mark.parametrize("text, expected", [
    ("第21条", [Reference(21)]),
    ("第二十一条", [Reference(21)]),
    ("第廿一条", [Reference(21)]),
    ("二十一条说的是什么", [Reference(21)]),
    ("第21条第二款", [Reference(21, 2)]),
    ("第二十一条第2款", [Reference(21, 2)]),
    ("21条2款", [Reference(21, 2)]),
    ("article 21", [Reference(21)]),
    ("art. 21", [Reference(21)]),
    ("art. 21(2)", [Reference(21, 2)]),
    ("article 21 paragraph 2", [Reference(21, 2)]),
    ("§21", [Reference(21)]),
    ("section 31 summary pls", [Reference(31)]),
    ("Sec. 8", [Reference(8)]),
    ("第八条和第二十条有什么关系", [Reference(8), Reference(20)]),
    ("can you explain article twenty of the measures", [Reference(20)]),
    ("what does the thirty-first article say", [Reference(31)]),
    ("article twenty-one paragraph two", [Reference(21, 2)]),
    ("clause 2 of article 8, what does it require?", [Reference(8, 2)]),
    ("第21条和article 5", [Reference(21), Reference(5)]),
    ("one of the articles says", []),
    ("particle 5", []),
    ("有一条规定说", []),
    ("这两条", []),
    ("这个办法共35条吗", []),
    # a reference taken back as dictated: only the one meant
    ("第十二条 不对 第十三条 就是没验收能不能先用那条", [Reference(13)]),
    ("第30条，哦不，31条说啥", [Reference(31)]),
    ("第十三条 不对不对 第十一条 就是那个政府采购那条", [Reference(11)]),
    ("第十三条，不对，不对，第十一条", [Reference(11)]),
    ("第十二条和第十三条有什么不同", [Reference(12), Reference(13)]),
])
def test_reference_forms(folder_fn, text, expected):
    assert find_references(folder_fn(text)) == expected


@pytest.fixture(scope="module")
def folder_fn(corpus):
    from assistant.normalize import Folder

    return Folder.from_errata(corpus.errata).fold


@pytest.mark.parametrize("question, article, paragraph", [
    ("第21条", 21, None), ("第二十一條", 21, None), ("第廿一条", 21, None), ("二十一条", 21, None),
    ("第21条第二款", 21, 2), ("Article 21", 21, None), ("Art. 21", 21, None), ("§21", 21, None),
])
def test_reference_short_circuits_retrieval(assistant, question, article, paragraph):
    answer = assistant.ask(question)
    assert answer.kind == "reference" and not answer.refused
    assert answer.articles == [article]
    cited = [(c.article, c.paragraph) for c in answer.citations]
    expected_paragraphs = [p.number for p in assistant.regulation.article(article).paragraphs]
    if paragraph:
        assert cited == [(article, paragraph)]
    else:
        assert cited == [(article, p) for p in expected_paragraphs]


def test_a_paragraph_named_after_a_comma_is_the_one_quoted(assistant):
    answer = assistant.ask("What does Article 8, paragraph 2 of the Jilin measures say?")
    assert [(c.article, c.paragraph) for c in answer.citations] == [(8, 2)]


def test_how_two_named_articles_differ_is_answered_by_quoting_both(assistant):
    answer = assistant.ask("第三十二条和第三十三条有什么区别？")
    assert not answer.refused and answer.articles == [32, 33]
