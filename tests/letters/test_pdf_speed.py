"""What keeps a letter quick to render: each page laid out once (the continuation mark must not
send WeasyPrint back over pages it has already laid out)."""
from __future__ import annotations

import io

import pytest
import weasyprint.layout.page
from pypdf import PdfReader

from casework.letters.rendering import render_letter_pdf
from tests.letters.test_rendering import letter, note_verbale


@pytest.mark.parametrize("document", [letter(), letter(n_paragraphs=30), note_verbale()],
                         ids=["two pages", "several pages", "note verbale"])
def test_each_page_is_laid_out_once(app, monkeypatch, document):
    made = []
    remake_page = weasyprint.layout.page.remake_page

    def counting(index, *args, **kwargs):
        made.append(index)
        return remake_page(index, *args, **kwargs)

    monkeypatch.setattr(weasyprint.layout.page, "remake_page", counting)
    pages = len(PdfReader(io.BytesIO(render_letter_pdf(document))).pages)

    assert sorted(made) == list(range(pages))
