"""What the web page shows, as Markdown/HTML strings: chat messages with collapsible sources and
copy actions, links to articles, the duty table, the article browser and the regulation's
metadata. Pure functions, no Gradio here.

User text is always escaped: a question is shown as the characters typed, never as markup.
Gradio's sanitizer drops data-* and aria-* attributes from chat and Markdown HTML, so what the
page's script needs (a link, a citation) travels in hidden spans (`.share-data`) beside the
buttons that use it.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from .answer import Answer, article_label, escape_user_text, localise, paragraph_label  # noqa: F401 (web.py uses it via render)
from .corpus import Corpus, Regulation
from .facts import FIELD_ORDER, field_line
from .links import PageLink, citation_line, citation_lines, query
from .normalize import SIMPLIFIED, display

def _ui(text: str, script: str) -> str:
    return localise(text, script)


def sources_block(answer: Answer, corpus: Corpus, script: str) -> str:
    """One collapsible block per cited article: its full text, the quoted paragraphs marked."""
    blocks = []
    quoted: dict[tuple[str, int], set[int]] = {}
    for citation in answer.citations:
        quoted.setdefault((citation.regulation, citation.article), set()).add(citation.paragraph)
    for (regulation_id, number), paragraphs in quoted.items():
        regulation = corpus.get(regulation_id) or corpus.browse
        article = regulation.article(number)
        if article is None:
            continue
        lines = []
        for paragraph in article.paragraphs:
            text = html.escape(display(paragraph.text, script))
            if paragraph.number in paragraphs:
                lines.append(f'<p class="quoted"><mark>{text}</mark></p>')
            else:
                lines.append(f"<p>{text}</p>")
        label = article_label(number, script)
        summary = _ui("来源：", script) + label + _ui("（全文，引用部分已标出）", script)
        blocks.append(f'<details class="source" data-article="{number}"><summary>{summary}</summary>'
                      + "".join(lines) + "</details>")
    return "\n".join(blocks)


def actions_block(link: str, citations: list[str], script: str, what: str = "") -> str:
    """Copy buttons for a shareable link (a query string, made absolute by the page) and, when
    there is one, the citation text; `what` names the thing linked ("本条" for an article)."""
    buttons = [f'<button type="button" class="copy-link">{_ui(f"复制{what}链接", script)}</button>']
    data = [f'<span class="share-data share-query">{html.escape(link)}</span>']
    if citations:
        buttons.append(f'<button type="button" class="copy-citation">{_ui("复制引文", script)}</button>')
        data += [f'<span class="share-data citation-text">{html.escape(line)}</span>' for line in citations]
    return '<div class="answer-actions" role="group">' + "".join(buttons + data) + "</div>"


def chat_message(answer: Answer, corpus: Corpus, script: str, link: PageLink | None = None) -> str:
    """The answer's Markdown, its sources and (for a question that can be linked) copy actions."""
    shown = answer.answer
    for referral in answer.referrals:  # the reference library's provisions, in a block of their own
        shown = shown.replace(referral["text"], referral_block(referral, script))
    parts = [shown, sources_block(answer, corpus, script)]
    if link is not None and link.questions:
        parts.append(actions_block(query(link), citation_lines(answer, corpus), script))
    return "\n\n".join(p for p in parts if p)


def referral_block(referral: dict, script: str) -> str:
    """The reference library's provisions as one labelled block, apart from the answer's own quotes."""
    intro = referral["text"].split("\n\n", 1)[0]
    quotes = "".join(f'<p><strong>{html.escape(c["label"])}</strong> '
                     f'{html.escape(c["quote"]).replace(chr(10), "<br>")}</p>' for c in referral["citations"])
    return (f'<div class="referral"><p class="referral-label"><strong>{_ui("参考：其他法律法规", script)}</strong>'
            f'</p><p>{html.escape(intro)}</p><blockquote>{quotes}</blockquote></div>')


def article_links(numbers: list[int], script: str, intro: str = "") -> str:
    """Links that open articles in the article browser (#第八条: the page handles the fragment)."""
    if not numbers:
        return ""
    links = "、".join(f'<a href="#{article_label(n, SIMPLIFIED)}">{article_label(n, script)}</a>'
                     for n in numbers)
    return f'<p class="article-links">{_ui(intro, script)}{links}</p>'


@dataclass(frozen=True)
class DutyRow:
    article: int
    label: str  # 第十三条第一款
    actors: str
    modality: str  # 应当, 不得…
    sentence: str


def duty_table(rows: list[DutyRow], caption: str) -> str:
    """The duties as a plain table; each 条文 cell links to its article in the article browser."""
    head = "".join(f'<th scope="col">{h}</th>' for h in ("条文", "主体", "类型", "原文"))
    body = []
    for row in rows:
        body.append(f'<tr><th scope="row"><a href="#{article_label(row.article, SIMPLIFIED)}">'
                    f"{html.escape(row.label)}</a></th><td>{html.escape(row.actors)}</td>"
                    f"<td>{html.escape(row.modality)}</td><td>{html.escape(row.sentence)}</td></tr>")
    if not body:
        body.append('<tr><td colspan="4">没有符合条件的义务。</td></tr>')
    return (f'<div class="table-scroll"><table class="duty-table"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def article_view(regulation: Regulation, number: int, script: str = SIMPLIFIED) -> str:
    """One article for the browser: heading, paragraphs, copy actions (link to it, its citation)."""
    article = regulation.article(number)
    label = article_label(number, script)
    if article is None:
        if number in regulation.missing:
            return f"## {label}\n\n" + _ui("**原文缺失**：本助手收录的原文中没有这一条，不提供其内容。", script)
        return f"## {label}\n\n" + _ui("没有这一条。", script)
    body = "\n\n".join(html.escape(display(p.text, script)) for p in article.paragraphs)
    title = display(regulation.title, script)
    single = len(article.paragraphs) == 1
    citations = [citation_line(title, paragraph_label(number, None if single else p.number, script),
                               display(p.text, script), script) for p in article.paragraphs]
    actions = actions_block(query(PageLink(article=number)), citations, script, what="本条")
    return f"## {label}\n\n{body}\n\n{actions}"


def all_articles(regulation: Regulation, script: str = SIMPLIFIED) -> str:
    """The whole text, one paragraph per article; a missing article is marked, never filled."""
    rows = []
    for number in range(1, regulation.last_number + 1):
        article = regulation.article(number)
        label = article_label(number, script)
        if article is None:
            rows.append(f'<p class="article missing"><strong>{label}</strong> '
                        + _ui("〔原文缺失〕本助手收录的原文中没有这一条。", script) + "</p>")
        else:
            text = " ".join(html.escape(display(p.text, script)) for p in article.paragraphs)
            rows.append(f'<p class="article"><strong>{label}</strong> {text}</p>')
    return '<div class="article-text">' + "\n".join(rows) + "</div>"


def metadata_view(regulation: Regulation, script: str = SIMPLIFIED) -> str:
    lines = [line for field in FIELD_ORDER if (line := field_line(regulation, field, script))]
    return "\n".join(f"- {line}" for line in lines)


def article_choices(regulation: Regulation, script: str = SIMPLIFIED) -> list[tuple[str, int]]:
    choices = []
    for number in range(1, regulation.last_number + 1):
        label = article_label(number, script)
        if number in regulation.missing:
            label += _ui("（原文缺失）", script)
        choices.append((label, number))
    return choices
