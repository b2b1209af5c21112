"""Answers to article references — the article or paragraph asked for, or an honest "missing" /
"no such article" — with a note when the question asserts a figure the article does not state."""
from __future__ import annotations

from . import answer as compose
from . import asks
from .analysis import Analysis
from .answer import Answer
from .normalize import to_simplified


def unstated_message(kind_name: str, regulation, script: str) -> tuple[str, str]:
    """(the decline's message, its reason) for an asked-for kind of fact the text does not state."""
    kind = asks.BY_NAME[kind_name]
    message = compose.not_covered(regulation, script, detail=f"（办法没有规定{kind.says_zh}）",
                                  detail_en=f"The text states {kind.says_en}.")
    return message, f"{kind.name}_not_stated"


def by_reference(text: str, analysis: Analysis, script: str, regulation) -> Answer:
    """The articles named; when the question asks for a kind of fact none of them states
    (第三十条说要等级保护，那得定几级？), a decline that shows them as context."""
    named = [regulation.article(r.article, r.sub) for r in analysis.references if regulation.article(r.article, r.sub)]
    if named and analysis.asks_for:
        missing = asks.unstated(analysis.asks_for, to_simplified("".join(a.text for a in named)))
        if missing:
            message, reason = unstated_message(missing[0], regulation, script)
            return compose.refusal_with_context(text, reason, message, script, regulation, named[0].number,
                                                sub=named[0].sub)
    answer = cite_references(text, analysis.references, script, regulation)
    note = compose.figures_not_stated(analysis.asserted, answer.citations, script) if answer.citations else ""
    return compose.with_note(answer, note) if note else answer


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
