"""The reference library: related law consulted after the corpus declines a question, its closest
provisions shown as reference (`Answer.referrals`), never as the corpus's own answer."""
from __future__ import annotations

import re
from dataclasses import asdict

from . import answer as compose
from .answer import Answer, join_labels, localise, quote_block, title_of
from .index import IndexNotReady
from .normalize import ENGLISH

# Declines the reference library may help with: a law named that the corpus does not hold, a question
# it does not cover, a kind of fact (an amount, a deadline…) it does not state.
REFERRED = re.compile(r"^(other_law|not_covered|\w+_not_stated)$")
# A question that names no law is referred only when the library's decision is this sure: at its
# own operating point the generic decision referred nonsense ("<script>…" → 《著作权法》); from 0.9,
# on the library batch lib1, 12 right referrals, none wrong, none for questions neither text
# answers (README: Reference library).
REFERRAL_PROBABILITY = 0.9


class Library:
    """The library's own assistant, opened on first use by `open_assistant(settings)`."""

    def __init__(self, settings, open_assistant) -> None:
        self._settings = settings.library()  # None: no library configured
        self._auto_build = settings.auto_build
        self._open = open_assistant
        self._assistant = None  # None: not opened yet; False: none

    def assistant(self):
        """None when there is no library or its index has never been built (`assistant library`);
        a built one that is stale (the library or the parser changed) is updated as the main index is."""
        if self._assistant is None:
            self._assistant = False
            if self._settings is not None and (self._settings.index_dir / "manifest.json").exists():
                try:
                    self._assistant = self._open(self._settings.with_(auto_build=self._auto_build))
                except IndexNotReady:  # stale, and this process may not update it
                    self._assistant = False
        return self._assistant or None

    def refer(self, answer: Answer, corpus, script: str) -> Answer:
        """The decline with the library's answer added as reference, when the library has one."""
        if not answer.refused or not REFERRED.match(answer.reason):
            return answer
        library = self.assistant()
        if library is None:
            return answer
        if answer.reason != "other_law":
            sure = library.probability(answer.question)
            if sure is None or sure < REFERRAL_PROBABILITY:
                return answer
        found = library.ask(answer.question, script=script)
        if found.refused or not found.citations:
            return answer
        # the decline, without "this assistant does not hold 《…》" and the hint: the library holds it
        message = compose.not_covered(corpus.get(answer.regulation), script, with_hint=False)
        return with_referral(answer, found, library.index.corpus.get, script, message)


def with_referral(answer: Answer, found: Answer, regulation_of, script: str, message: str = "") -> Answer:
    """A decline followed by the reference library's closest provisions (`found`, the library's own
    answer), marked as reference: they go to `referrals`, never to `citations` or `articles`. The
    provisions are shown under the law each belongs to (`regulation_of`: a library regulation by
    id): a library answer of several parts may quote several laws."""
    by_law: dict[str, list] = {}
    for citation in found.citations:
        by_law.setdefault(citation.regulation, []).append(citation)
    referrals = []
    for regulation_id, citations in by_law.items():
        title = title_of(regulation_of(regulation_id), script)
        labels = join_labels(list(dict.fromkeys(c.label for c in citations)), script)
        if script == ENGLISH:
            intro = f"For reference, related provisions elsewhere (not part of the regulation above): 《{title}》 {labels}:"
        else:
            intro = localise(f"相关规定可参阅《{title}》{labels}（供参考，不是上述法规的规定）：", script)
        text = "\n\n".join([intro, quote_block(citations, set(), script)])
        referrals.append({"regulation": regulation_id, "title": title, "text": text,
                          "citations": [asdict(c) for c in citations]})
    body = "\n\n".join([message or answer.answer] + [r["text"] for r in referrals])
    return Answer(**{**answer.__dict__, "answer": body, "referrals": referrals})
