"""A message's questions answered together: each part on its own words, a part the regulation does
not cover on them leaning on the part before it or on the message's background, and a fact asked
after a question about another place's or law's regulation read as about that one."""
from __future__ import annotations

import re
from dataclasses import replace

from .answer import Answer
from .questions import NAMES_THE_REGULATION


def answer_each(text: str, message, parts: list[str], answer, fold) -> list[tuple[str, Answer]]:
    """(part, its answer) for each part; `answer(question)` answers one question, `fold` folds text.
    A later part the regulation does not cover on its own words may lean on the part before it
    (…drawn up and approved, and can it be changed later on?): asked again after that part, its
    answer is kept when it quotes a paragraph the part before did not. So may any part on the
    message's background sentences (集团用自有资金建一个灾备中心。需要向哪一级主管部门备案？)."""
    answers = [(part, answer(text if len(parts) == 1 else part)) for part in parts]
    background = "".join(s.text for s in message.sentences if not s.asks) if len(parts) > 1 else ""
    for i, (part, alone) in enumerate(answers):
        if not alone.refused or alone.reason != "not_covered":
            continue
        before = {(c.article, c.paragraph) for c in answers[i - 1][1].citations} if i else set()
        leanings = ([parts[i - 1]] if i else []) + ([background] if background.strip() else [])
        for leaned_on in leanings:
            leaning = answer(leaned_on.rstrip() + " " + part.lstrip())
            if not leaning.refused and any((c.article, c.paragraph) not in before for c in leaning.citations):
                answers[i] = (part, leaning)
                break
    for i in range(1, len(answers)):
        # a fact about the regulation asked after a question about another place's or law's
        # (Does Changchun have its own measures, and when were they adopted?) asks about that
        # one, unless it names a regulation: declined as the question before it
        (_, before), (part, alone) = answers[i - 1], answers[i]
        if (before.refused and before.reason in ("other_place", "other_law") and alone.kind == "metadata"
                and not NAMES_THE_REGULATION.search(fold(part))):
            answers[i] = (part, replace(before, question=part))
    return answers


# 两个问题 / 三件事 / two questions: the number of questions a message announces
_ANNOUNCED = re.compile(r"^\W*(?:我?有|问)?(两|二|三|2|3)(?:个问题|件事|个事儿?|点)|\b(two|three) (?:questions|things)\b", re.IGNORECASE)
_COUNTS = {"两": 2, "二": 2, "2": 2, "two": 2, "三": 3, "3": 3, "three": 3}


def kept_spaced(text: str, answers: list[tuple[str, Answer]]) -> bool:
    """A message read as one question at each space (…得纳入啥规划 然后呢…要报给谁备案) is kept when
    every part is answered, each from an article of its own; or when the message announced as many
    questions as there are parts (两个问题 A吗 B是多少): then a part may be declined on its own."""
    firsts = [a.citations[0].article if a.citations and not a.refused else None for _, a in answers]
    if None not in firsts and len(set(firsts)) == len(firsts):
        return True
    announced = _ANNOUNCED.search(text)
    return bool(announced) and _COUNTS[(announced.group(1) or announced.group(2)).lower()] == len(answers)
