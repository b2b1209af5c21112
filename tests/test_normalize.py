import pytest

from assistant import numerals
from assistant.normalize import ENGLISH, SIMPLIFIED, TRADITIONAL, Folder, clean, detect_script


@pytest.fixture(scope="module")
def folder(corpus):
    return Folder.from_errata(corpus.errata)


@pytest.mark.parametrize("modern, artifact", [
    ("知识产权", "智慧財產權"), ("互联网", "網際網路"), ("数据库", "資料庫"), ("应用", "套用"),
    ("程序", "程式"), ("网络", "網路"), ("计划", "計畫"),
])
def test_errata_fold_both_ways(folder, modern, artifact):
    assert folder.fold(modern) == folder.fold(artifact)
    assert folder.fold(artifact) == modern


def test_taiwan_and_hong_kong_what_folds_to_the_mainland_word(folder):
    assert folder.fold("政府會提供甚麼服務？為甚麼") == "政府会提供什么服务?为什么"


def test_fold_traditional_and_simplified_match(folder, regulation):
    assert folder.contains(regulation.article(29).text, "知识产权、商业秘密和个人隐私")
    assert folder.contains(regulation.article(26).text, "数据库及应用系统")


def test_detect_script():
    assert detect_script("小区的网线能不能一直架在电线杆上?") == SIMPLIFIED
    assert detect_script("網際網路技術要怎麼推廣?") == TRADITIONAL
    assert detect_script("What does Article 8 say?") == ENGLISH
    assert detect_script("第八条") == SIMPLIFIED
    assert detect_script("<img src=x onerror='alert(1)'><script>x</script>第十三条") == SIMPLIFIED


def test_clean_strips_control_characters():
    assert clean("第八条\x00\x07  说了\u200b什么 \n") == "第八条 说了 什么"


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("十", 10), ("十一", 11), ("二十一", 21), ("廿一", 21), ("卅", 30), ("三十五", 35),
    ("一百零五", 105), ("两", 2), ("21", 21), ("二〇一五", 2015),
])
def test_numerals(text, value):
    assert numerals.to_int(text) == value


def test_numerals_round_trip():
    for n in range(1, 300):
        assert numerals.to_int(numerals.to_chinese(n)) == n
    assert numerals.to_chinese(11) == "十一" and numerals.to_chinese(105) == "一百零五"
