"""Answers to article references — the article or paragraph asked for, or an honest "missing" /
"no such article" — with a note when the question asserts a figure the article does not state."""
from __future__ import annotations

import re
from dataclasses import replace

from . import answer as compose
from . import asks
from .analysis import Analysis
from .answer import Answer
from .facts import scope_article
from .normalize import ENGLISH, SIMPLIFIED, display, to_simplified
from .references import ABOUT_THE_ARTICLE, TEXT_REQUEST, Reference, find_references, without_references


def unstated_message(kind_name: str, regulation, script: str) -> tuple[str, str]:
    """(the decline's message, its reason) for an asked-for kind of fact the text does not state."""
    kind = asks.BY_NAME[kind_name]
    message = compose.not_covered(regulation, script,
                                  detail=f"（{'本' + regulation.kind if regulation else '这些法规都'}没有规定{kind.says_zh}）",
                                  detail_en=f"The text states {kind.says_en}.")
    return message, f"{kind.name}_not_stated"


def around_the_gap(references, regulation) -> tuple:
    """The references without the articles either side of a missing one named with them (从第三十三条
    直接跳到第三十五条，第三十四条写的啥?): they say where the gap is; the missing one is what is asked.
    (Over every eval set, each of the 31 questions naming 第三十四条 with 33 or 35 asks about it.)"""
    missing = regulation.missing
    gaps = {r.article for r in references if r.article in missing and not regulation.article(r.article, r.sub)}
    if gaps and all(r.article in gaps or {r.article - 1, r.article + 1} & gaps for r in references):
        return tuple(r for r in references if r.article in gaps)
    return tuple(references)


def by_reference(text: str, analysis: Analysis, script: str, regulation) -> Answer:
    """The articles named; when the question asks for a kind of fact none of them states
    (第三十条说要等级保护，那得定几级？), a decline that shows them as context — unless it asks
    whether they state it (Does Article 33 set a fine of 100,000 RMB?) or asserts a figure they do
    not state: then they are the answer, with a note that they do not."""
    named = [regulation.article(r.article, r.sub) for r in analysis.references if regulation.article(r.article, r.sub)]
    # how two named articles differ (第三十二条和第三十三条有什么区别) is read from their texts
    kinds = tuple(k for k in analysis.asks_for if not (k == "howto" and len(named) > 1))
    stated = to_simplified("".join(a.text for a in named))
    missing = asks.unstated(kinds, stated) if named else ()
    # (a figure the question asserts and the articles do not state is a false premise, answered as
    # a yes/no question is: 第三十三条说最高罚款五万元，那…最多能罚多少？)
    premise = any(figure not in stated for figure in analysis.asserted)
    if missing and not asks.yes_no(analysis.asking) and not premise:
        message, reason = unstated_message(missing[0], regulation, script)
        return compose.refusal_with_context(text, reason, message, script, regulation, named[0].number,
                                            sub=named[0].sub)
    answer = cite_references(text, analysis.references, script, regulation)
    note = ""
    if answer.citations:
        note = compose.figures_not_stated(analysis.asserted, answer.citations, script)
        if not note and missing:
            note = compose.kind_not_stated(asks.BY_NAME[missing[0]], answer.citations, script)
    return compose.with_note(answer, note) if note else answer


_CLAIM = re.compile(r"(规定|要求|写着|写明)[了着]?[^，,。？?！!\s]{4,}")


def misnamed(text: str, folded: str, analysis: Analysis, script: str, regulation, searcher, subject_words,
             answer_claim) -> Answer | None:
    """A claim about an article that is not in it (第二十条规定了信息安全等级保护，对吧？) or about
    one that does not exist (第三十六条规定了罚则，具体怎么罚的？): the claim is answered without
    the reference (`answer_claim`), after a note that the article named does not say it. Only when
    the named article has none of the claim's subject words (`subject_words(claim)`: (words, links))
    and does not state the kind of fact asked (a fine: 第三十三条), the question does not ask about
    the article itself (what it says, what it is about, its text), and the article that answers has
    some of them (a fact about the regulation replaces only an article that does not exist); else
    None, and the article named is the answer."""
    if len(analysis.references) != 1:
        return None
    reference = analysis.references[0]
    named = regulation.article(reference.article, reference.sub)
    claim = without_references(folded)
    # (给出该款原文 after a claim asks for the text that says it: the claim decides, not the request)
    if (named is None and reference.article in regulation.missing) or find_references(claim) \
            or ABOUT_THE_ARTICLE.search(TEXT_REQUEST.sub(" ", claim) if _CLAIM.search(claim) else claim):
        return None
    words, links = subject_words(claim)

    def says(number: int, sub: int) -> bool:
        article_text = searcher.article_text[(regulation.id, number, sub)]
        return any(searcher.covered(w, article_text, links) for w in words)

    if not words:
        return None
    if named is not None:
        stated = to_simplified(named.text)
        # (a kind of fact the claim names — 罚五万 is a fine — that the named article states)
        if says(named.number, named.sub) or any(
                kind.stated and (kind.asked.search(claim) or kind.stated.search(claim)) and kind.stated.search(stated)
                for kind in asks.TYPES):
            return None
    answer = answer_claim(claim)
    if answer.refused or answer.regulation != regulation.id:
        return None
    if answer.citations:
        first = answer.citations[0]
        if (named is not None and first.key == (named.number, named.sub)) or not says(*first.key):
            return None
    elif named is not None:
        return None
    note = compose.not_in_article(regulation, reference.article, reference.sub, named is not None, script)
    return compose.with_preface(replace(answer, question=text), note)


def cite_references(text: str, references, script: str, regulation) -> Answer:
    citations, whole = [], set()
    problem: Answer | None = None
    for reference in references:
        article = regulation.article(reference.article, reference.sub)
        if article is None:
            if reference.article in regulation.missing and not reference.sub:
                message, reason, kind = (compose.missing_article(regulation, reference.article, script),
                                         "missing_article", "missing")
            else:
                message, reason, kind = (compose.no_such_article(regulation, reference.article, script, reference.sub),
                                         "no_such_article", "decline")
            problem = problem or compose.refusal(text, reason, message, script, kind, regulation.id)
            continue
        if reference.paragraph is not None:
            if article.paragraph(reference.paragraph) is None:
                problem = problem or compose.refusal(
                    text, "no_such_paragraph",
                    compose.no_such_paragraph(regulation, article, reference.paragraph, script),
                    script, "decline", regulation.id)
                continue
            citations += compose.cite(regulation, article, [reference.paragraph], script)
        else:
            citations += compose.cite(regulation, article, None, script)
            whole.add((article.number, article.sub))
    if not citations:
        return problem
    answer = compose.compose(text, regulation, citations, [], script, "reference", whole)
    if problem is not None:  # e.g. "第八条和第三十四条": answer one, say what is missing of the other
        answer = compose.with_note(answer, problem.answer)
    return answer


def which_regulation(text: str, corpus, script: str, reference=None) -> Answer:
    """Several regulations are loaded, none designated, and the question names none: an article
    number or "when did it take effect" could be any of them, so ask which (listing those that
    have the article)."""
    having = [r for r in corpus.regulations if reference is None or r.article(reference.article)]
    shown = having[:5]
    titles = "、".join(f"《{compose.title_of(r, script)}》" for r in shown) + ("等" if len(having) > 5 else "")
    if script == ENGLISH:
        asked = f"Article {reference.article}" if reference else "this"
        message = (f"{len(corpus.regulations)} regulations are loaded; please name the one you mean "
                   f"(e.g. “《{compose.title_of(shown[0], script)}》 {asked}”)" if shown else
                   f"None of the {len(corpus.regulations)} loaded regulations has {asked}")
        message += f": {titles}." if shown else "."
    else:
        asked = compose.article_label(reference.article, SIMPLIFIED) if reference else ""
        message = compose.localise(
            f"本助手收录了{len(corpus.regulations)}部法规，请指明是哪一部{('的' + asked) if asked else ''}，"
            f"例如“《{compose.title_of(shown[0], SIMPLIFIED)}》{asked or '什么时候施行'}”。"
            f"{'含' + asked + '的有：' if asked else '例如：'}{titles}。" if shown else
            f"本助手收录的{len(corpus.regulations)}部法规都没有{asked}。", script)
    return compose.refusal(text, "which_regulation", message, script)


# Which regulation covers it there (Which Beijing regulation covers data centers?): not whether this one does.
_WHICH_REGULATION = re.compile(r"\b(which|what)\b[^?]{0,30}\b(regulations?|rules?|laws?)\b|"
                               r"哪(个|部|些|一部)[^？?]{0,6}(办法|法规|规定|条例|法)")


def elsewhere(text: str, folded: str, regulation, names: str, script: str) -> Answer:
    """A question about places outside the regulation's own: whether it applies there
    (适用范围是否及于长春市?) is answered by the article that says where it applies, with a note
    that it does not reach them; anything else asked about them is declined."""
    place = display(regulation.metadata.place or regulation.title, script)
    note_en, note_zh = f"It applies to {place} only, not to {names}.", f"本{regulation.kind}只适用于{place}，不涉及{names}"
    scope = scope_article(regulation) if asks.SCOPE.search(folded) and not _WHICH_REGULATION.search(folded) else None
    if scope is not None:
        answer = cite_references(text, (Reference(scope.number, None, scope.sub),), script, regulation)
        return compose.with_note(answer, note_en if script == ENGLISH else compose.localise(note_zh + "。", script))
    return compose.refusal(text, "other_place", compose.not_covered(
        regulation, script, detail=f"（{note_zh}）", detail_en=note_en), script, regulation=regulation.id)
