"""Turn a LetterDocument into the HTML and PDF of the letter or note verbale."""
from __future__ import annotations

from flask import render_template

from casework.core.pdf import render_pdf
from casework.letters.document import LetterDocument

TEMPLATE = "letters/letter.html"


def render_letter_html(document: LetterDocument) -> str:
    """The letter as print-ready HTML (needs an app context for the template and static URLs)."""
    return render_template(TEMPLATE, doc=document)


def render_letter_pdf(document: LetterDocument) -> bytes:
    """The letter as PDF bytes, ready to be stored or sent."""
    return render_pdf(render_letter_html(document))
