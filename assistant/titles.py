"""How a question names a loaded regulation: by its title, by the short name people use for a
national law (个人信息保护法, without 中华人民共和国), or by the place a local regulation's title starts
with (浙江省对… → the loaded 浙江省…条例); the titles as a frame blanked before searching; and a title
spelled in English (the Jilin Informatization Promotion Measures)."""
from __future__ import annotations

import re

from .questions import quoted_titles

COUNTRY = "中华人民共和国"


class Titles:
    def __init__(self, regulations, fold, leading_place, places_in, english_terms) -> None:
        """`leading_place(regulation, folded title)`: the place the title starts with, or "";
        `places_in(folded text)`: the place names in a text; `english_terms(word)`: the corpus's
        words an English word glosses."""
        self._regulations = regulations
        self.full = tuple(fold(r.title) for r in regulations)
        self.short = tuple(t.replace(COUNTRY, "") for t in self.full)
        self.known = self.full + self.short  # what other-law detection treats as loaded
        self._full_by_id = {r.id: t for r, t in zip(regulations, self.full)}
        self._leading_place = leading_place
        self._places_in = places_in
        self._english_terms = english_terms
        self._frames: list[str] | None = None
        self._shortened: re.Pattern | None = None  # the titles with some of their words left out

    def named(self, folded: str):
        """A loaded regulation whose title the question names (only when several are loaded)."""
        if len(self._regulations) < 2:
            return None
        for regulation, title, short in zip(self._regulations, self.full, self.short):
            if title in folded or (len(short) >= 4 and short in folded):
                return regulation
        places = self._places_in(folded)
        matches = [r for r, title in zip(self._regulations, self.full)
                   if any(title.startswith(place) for place in places)]
        return matches[0] if len(matches) == 1 else None

    def without(self, folded: str) -> str:
        """The question without the loaded regulations' titles (吉林市信息化促进办法管哪些事): a title
        frames the question, it is not its subject, and it would pull every search towards 第一条."""
        if self._frames is None:
            frames, shortened = set(), set()
            for regulation, title, short in zip(self._regulations, self.full, self.short):
                place = self._leading_place(regulation, title)
                frames.update({title, short, title[len(place):]})
                if len(short) >= 4:  # its words in its order, some left out (信息化办法, 吉林市办法)
                    shortened.add("".join(f"{re.escape(c)}?" for c in short[:-2]) + re.escape(short[-2:]))
            self._frames = sorted((f for f in frames if len(f) >= 4), key=lambda f: (-len(f), f))
            self._shortened = re.compile("|".join(sorted(shortened))) if shortened else None
        for frame in self._frames:
            folded = folded.replace(frame, " " * len(frame))
        if self._shortened is not None:
            folded = self._shortened.sub(lambda m: " " * len(m.group(0)) if len(m.group(0)) >= 4 else m.group(0),
                                         folded)
        return folded

    def quotes_another(self, folded: str) -> bool:
        """The question quotes a title in 《》 that is none of the loaded regulations'."""
        quoted = quoted_titles(folded)
        return bool(quoted) and not any(t in known or known in t for t in quoted for known in self.known)

    def english_words(self, folded: str, regulation) -> tuple[str, ...]:
        """English words that spell the regulation's title (the Jilin Informatization Promotion
        Measures): runs of two or more words, each with a gloss in the title."""
        title = self._full_by_id[regulation.id]
        found, run = [], []
        for word in re.findall(r"[a-z][a-z'-]+|\S", folded) + [""]:
            if word.isascii() and word.isalpha() and any(t in title for t in self._english_terms(word)):
                run.append(word)
                continue
            found += run if len(run) > 1 else []
            run = []
        return tuple(found)
