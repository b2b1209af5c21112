"""Answers to article references — the article or paragraph asked for, or an honest "missing" /
"no such article" — with a note when the question asserts a figure the article does not state."""
from __future__ import annotations

from . import answer as compose
from .analysis import Analysis
from .answer import Answer


def by_reference(text: str, analysis: Analysis, script: str, regulation) -> Answer:
    answer = cite_references(text, analysis.references, script, regulation)
    note = compose.figures_not_stated(analysis.asserted, answer.citations, script) if answer.citations else ""
    return compose.with_note(answer, note) if note else answer


def cite_references(text: str, references, script: str, regulation) -> Answer:
    citations, whole = [], set()
    problem: Answer | None = None
    for reference in references:
        article = regulation.article(reference.article)
        if article is None:
            if reference.article in regulation.missing:
                message, reason, kind = (compose.missing_article(regulation, reference.article, script),
                                         "missing_article", "missing")
            else:
                message, reason, kind = (compose.no_such_article(regulation, reference.article, script),
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
            whole.add(article.number)
    if not citations:
        return problem
    answer = compose.compose(text, regulation, citations, [], script, "reference", whole)
    if problem is not None:  # e.g. "第八条和第三十四条": answer one, say what is missing of the other
        answer = compose.with_note(answer, problem.answer)
    return answer
