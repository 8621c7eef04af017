"""Reading PDFs back as a reader sees them."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """The whole text of a PDF, whitespace collapsed, so phrases split across lines still match."""
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)
