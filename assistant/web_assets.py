"""What the page brings besides Gradio: its stylesheet and script (assistant/static/), and
Chinese names for Gradio's built-in controls whatever language the browser asks for."""
from __future__ import annotations

from functools import cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"

# Gradio names its own buttons in the browser's language (the Chinese names are Gradio's own
# zh-CN ones); the page is Chinese, so every locale Gradio ships gets these.
GRADIO_LOCALES = ("ar", "ca", "de", "en", "es", "et", "eu", "fa", "fi", "fr", "he", "hi", "id", "ja",
                  "ko", "lt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sv", "ta", "th", "tr",
                  "uk", "ur", "uz", "zh-CN", "zh-TW")
CONTROL_NAMES = {"chatbot.like": "赞", "chatbot.dislike": "踩", "chatbot.clear": "清空对话"}


@cache
def _read(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def page_options() -> dict:
    """Keyword arguments for gr.mount_gradio_app: head (the stylesheet), js (run once on load)
    and i18n. The stylesheet goes in as a <style> in the head, not as `css`: Gradio rewrites
    `css` rules to sit inside its container, which breaks rules for <html> (大字, printing)."""
    import gradio as gr

    return {"head": f"<style>{_read('page.css')}</style>", "js": _read("page.js"),
            "i18n": gr.I18n(**{locale: CONTROL_NAMES for locale in GRADIO_LOCALES})}
