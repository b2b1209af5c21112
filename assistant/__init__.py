"""Regulatory assistant: answers questions about Chinese regulations by quoting their articles.

Public API: `Assistant`, `Answer`, `Citation`, `Settings`. Heavy modules load on first use.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Assistant", "Answer", "Citation", "Settings"]


def __getattr__(name: str):
    if name == "Assistant":
        from .assistant import Assistant

        return Assistant
    if name in ("Answer", "Citation"):
        from . import answer

        return getattr(answer, name)
    if name == "Settings":
        from .config import Settings

        return Settings
    raise AttributeError(name)
