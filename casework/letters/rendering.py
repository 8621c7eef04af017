"""Turn a LetterDocument into the HTML and PDF of the letter or note verbale."""
from __future__ import annotations

from flask import render_template

from casework.core.pdf import render_pdf
from casework.letters.document import LetterDocument

TEMPLATE = "letters/letter.html"
# Given to WeasyPrint rather than linked from the template: url_for() cannot build a URL in a
# job without SERVER_NAME, and a browser could not show paged media (margin boxes, running
# elements) anyway, so the PDF is the only faithful preview.
STYLESHEET = "css/letter.css"


def render_letter_html(document: LetterDocument) -> str:
    """The letter as HTML for WeasyPrint, without its print stylesheet (needs an app context)."""
    return render_template(TEMPLATE, doc=document)


def render_letter_pdf(document: LetterDocument) -> bytes:
    """The letter as PDF bytes, ready to be stored or sent."""
    return letter_pdf(render_letter_html(document))


def letter_pdf(html: str) -> bytes:
    """The PDF of a letter's HTML, as `render_letter_html` writes it."""
    return render_pdf(html, stylesheets=(STYLESHEET,))
