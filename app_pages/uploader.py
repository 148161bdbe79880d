"""Chinese words for Streamlit's file uploader, which writes its own English ("Upload", "200MB per file").

Why a stylesheet: the widget takes no text for its button or its size note, so in Chinese mode the
English is set to zero size and the Chinese written in its place (CSS ``::after``); the English mode
keeps Streamlit's words.
"""

from __future__ import annotations

import streamlit as st

from app_pages import i18n
from app_pages.i18n import t

_STYLE = (
    "<style>"
    "[data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p{{font-size:0}}"
    "[data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p::after"
    "{{content:'{button}';font-size:14px}}"
    "[data-testid=stFileUploaderDropzoneInstructions] span{{font-size:0}}"
    "[data-testid=stFileUploaderDropzoneInstructions] span::after{{content:'{note}';font-size:13px}}"
    "</style>"
)


def localize_uploader() -> None:
    """Put the app's words on the file uploaders of the page (Chinese mode only)."""
    if i18n.current() == "zh":
        st.html(_STYLE.format(button=t("uploader.button"), note=t("uploader.note")))
