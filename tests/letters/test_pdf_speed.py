"""What keeps a letter quick to render: each page laid out once (the continuation mark must not
send WeasyPrint back over pages it has already laid out)."""
from __future__ import annotations

import io

import pytest
import weasyprint
import weasyprint.layout.page
from pypdf import PdfReader

from casework.core.pdf import font_configuration, preload
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


def test_preload_renders_with_the_shared_fonts_before_any_letter(monkeypatch):
    """A forking worker calls preload() once; its jobs then start from a process that has rendered."""
    rendered = []
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, **options: rendered.append(options))

    preload()

    assert [options["font_config"] for options in rendered] == [font_configuration()]
