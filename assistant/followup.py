"""Follow-up questions in a conversation, resolved against the last cited article:
那第二款呢? → that article's second paragraph; 下一条呢? / 上一条 → the neighbour; 这条是谁负责? → it.
Only used when the question names no article itself."""
from __future__ import annotations

import re

from .references import Reference, find_paragraph_only, find_references

_NEXT = re.compile(r"(下一条|下条|后一条|再下一条|next article|the next one)")
_PREVIOUS = re.compile(r"(上一条|前一条|上条|previous article|the previous one)")
_THIS = re.compile(r"(这条|这一条|该条|本条|此条|这个条文|这个条款|那条|那一条|上面那条|刚才那条|this article|that article)")


def resolve(folded: str, last_article: int | None) -> list[Reference] | None:
    """References a follow-up points to, or None when it is not a follow-up."""
    if last_article is None or find_references(folded):
        return None
    paragraph = find_paragraph_only(folded)
    if paragraph is not None:
        return [Reference(last_article, paragraph)]
    if _NEXT.search(folded):
        return [Reference(last_article + 1)]
    if _PREVIOUS.search(folded):
        return [Reference(max(last_article - 1, 0))]
    if _THIS.search(folded):
        return [Reference(last_article)]
    return None
