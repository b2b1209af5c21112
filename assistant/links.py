"""Links into the web page and citations to paste: what `/?q=…`, `/?article=21` and
`#第二十一条` ask for, the link that reproduces an answer, and an answer's citation text.

    parse("?q=第八条")            -> PageLink(questions=("第八条",))
    parse("#第二十一条")          -> PageLink(article=21)
    query(PageLink(("第十三条", "那第二款呢？")))  -> "?q=%E7%AC%AC…&q=%E9%82%A3…"

Pure functions, no Gradio: the page (web.py) and its tests use them alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlencode

from .answer import Answer
from .corpus import Corpus
from .normalize import ENGLISH, display
from .numerals import to_int

MAX_LINK_QUESTIONS = 10  # a shared conversation is short; a longer link is cut, not refused
_ARTICLE = re.compile(r"^\s*(?:第\s*(?P<cn>[^条條款]+?)\s*[条條]|(?:article[-_ ]?)?(?P<n>\d+))\s*$",
                      re.IGNORECASE)


@dataclass(frozen=True)
class PageLink:
    """What a link asks the page to do: ask questions in order, open an article, or both."""
    questions: tuple[str, ...] = ()
    article: int | None = None
    regulation: str = ""  # the 法规 filter the questions were asked with ("" = all)
    error: str = ""  # why part of the link was not understood (shown to the reader)


def article_number(text: str) -> int | None:
    """第二十一条, 第21条, 第二十一條, 21, article-21 → 21; anything else → None."""
    match = _ARTICLE.match(text or "")
    if not match:
        return None
    return to_int(match.group("cn")) if match.group("cn") else int(match.group("n"))


def parse(link: str) -> PageLink:
    """A page address's query string and fragment ("?q=…&article=…#…"), as the browser gives them."""
    link = (link or "").strip()
    search, _, fragment = link.partition("#")
    params = parse_qs(search.lstrip("?"), keep_blank_values=False)
    questions = tuple(q for q in params.get("q", []) if q.strip())[:MAX_LINK_QUESTIONS]
    regulation = (params.get("regulation") or [""])[0].strip()
    if "article" in params:
        wanted = params["article"][0]
        number = article_number(wanted)
        if number is None:
            return PageLink(questions, None, regulation,
                            f"链接中的条文编号“{wanted[:40]}”无法识别；请写成 ?article=21 或 #第二十一条。")
        return PageLink(questions, number, regulation)
    # A fragment that names no article (#top, a skip link) is not a request to open one.
    return PageLink(questions, article_number(unquote(fragment)), regulation)


def query(link: PageLink) -> str:
    """The query string that reproduces `link` ("?q=…&q=…[&regulation=…]" or "?article=21")."""
    pairs = [("q", q) for q in link.questions]
    if link.regulation:
        pairs.append(("regulation", link.regulation))
    if link.article is not None:
        pairs.append(("article", str(link.article)))
    return "?" + urlencode(pairs, quote_via=quote) if pairs else ""


def citation_line(title: str, label: str, text: str, script: str) -> str:
    """《吉林市信息化促进办法》第八条第二款：“城镇新设…” (English: 《…》 Article 8(2): “…”)."""
    if script == ENGLISH:
        return f"《{title}》 {label}: “{text}”"
    return f"《{title}》{label}：“{text}”"


def citation_lines(answer: Answer, corpus: Corpus) -> list[str]:
    """One line per quoted paragraph of the answer, in the answer's script."""
    lines = []
    for citation in answer.citations:
        regulation = corpus.get(citation.regulation) or corpus.browse
        lines.append(citation_line(display(regulation.title, answer.script), citation.label,
                                   citation.quote, answer.script))
    return lines
