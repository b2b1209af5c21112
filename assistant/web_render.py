"""What the web page shows, as Markdown/HTML strings: chat messages with collapsible sources,
the article browser and the regulation's metadata. Pure functions, no Gradio here.

User text is always escaped: a question is shown as the characters typed, never as markup.
"""
from __future__ import annotations

import html
import re

from .answer import Answer, article_label, localise, paragraph_label
from .corpus import Regulation
from .facts import FIELD_ORDER, field_line
from .normalize import SIMPLIFIED, display

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_user_text(text: str) -> str:
    """Plain text for a Markdown+HTML renderer: entities for HTML, backslashes for Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text or "", quote=True))


def _ui(text: str, script: str) -> str:
    return localise(text, script)


def sources_block(answer: Answer, regulation: Regulation, script: str) -> str:
    """One collapsible block per cited article: its full text, the quoted paragraphs marked."""
    blocks = []
    quoted: dict[int, set[int]] = {}
    for citation in answer.citations:
        quoted.setdefault(citation.article, set()).add(citation.paragraph)
    for number, paragraphs in quoted.items():
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


def chat_message(answer: Answer, regulation: Regulation, script: str) -> str:
    sources = sources_block(answer, regulation, script)
    return answer.answer + ("\n\n" + sources if sources else "")


def article_view(regulation: Regulation, number: int, script: str = SIMPLIFIED) -> str:
    article = regulation.article(number)
    label = article_label(number, script)
    if article is None:
        if number in regulation.missing:
            return f"### {label}\n\n" + _ui("**原文缺失**：本助手收录的原文中没有这一条，不提供其内容。", script)
        return f"### {label}\n\n" + _ui("没有这一条。", script)
    body = "\n\n".join(html.escape(display(p.text, script)) for p in article.paragraphs)
    return f"### {label}\n\n{body}"


def all_articles(regulation: Regulation, script: str = SIMPLIFIED) -> str:
    rows = []
    for number in range(1, regulation.last_number + 1):
        article = regulation.article(number)
        label = article_label(number, script)
        if article is None:
            rows.append(f"**{label}** " + _ui("〔原文缺失〕", script))
        else:
            text = " ".join(html.escape(display(p.text, script)) for p in article.paragraphs)
            rows.append(f"**{label}** {text}")
    return "\n\n".join(rows)


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
