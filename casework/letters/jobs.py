"""Background jobs that render letters to PDF. They take ids, own their transaction, and are
safe to run twice: a retry never creates a second letter or a second final PDF."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from datetime import date

from sqlalchemy.orm.exc import StaleDataError

from casework.auth.models import User
from casework.core.audit import acting_as
from casework.core.db import utcnow
from casework.core.jobs import job
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.letters.compose import compose
from casework.letters.models import Letter, LetterBatchItem, LetterStatus
from casework.letters.operations import store_pdf
from casework.letters.rendering import render_letter_pdf
from casework.letters.types import letter_type


@job(label=_l("Render the final PDF of a letter"))
def render_final_letter(letter_id: int) -> dict:
    """Render the approved letter, store the PDF immutably, and mark the letter final."""
    letter = db.session.get(Letter, letter_id)
    if letter is None or letter.status != LetterStatus.APPROVED:
        return {"skipped": f"letter is {letter.status if letter else 'gone'}"}
    approver = db.session.get(User, letter.approved_by_id)
    dated = letter.letter_date or date.today()  # an undated letter takes the date it is finalised
    # Render before writing anything: no row (or SQLite database) stays locked while WeasyPrint works.
    sha, size = store_pdf(render_letter_pdf(compose(letter, draft=False, today=dated)))
    with acting_as(approver.id):  # the worker acts for the approver, in the trail too
        letter.letter_date = dated
        letter.final_pdf_sha256, letter.final_pdf_size, letter.final_rendered_at = sha, size, utcnow()
        try:
            fire(letter, "finalise", approver)
            db.session.commit()
        except (Refused, StaleDataError):
            # Edited while rendering: the letter went back to draft; this PDF is not the letter.
            db.session.rollback()
            return {"skipped": "the letter changed while it was being rendered"}
    return {"sha256": sha, "size": size}


@job(label=_l("Render a draft preview of a letter"))
def render_letter_preview(letter_id: int) -> dict:
    """Render the letter as it stands now, watermarked DRAFT, for the drafter to check.

    The preview is kept with the job, not on the letter, so that asking for one never counts
    as a change to the letter (nor conflicts with the drafter's open form).
    """
    letter = db.session.get(Letter, letter_id)
    if letter is None:
        return {"skipped": "letter is gone"}
    sha, size = store_pdf(render_letter_pdf(compose(letter, draft=True)))
    return {"sha256": sha, "size": size}


@job(label=_l("Render one copy of a batch of letters"))
def render_batch_copy(item_id: int) -> dict:
    """Render one Mission's copy of a final circular. Safe to run twice: a done copy is kept."""
    item = db.session.get(LetterBatchItem, item_id)
    if item is None or item.pdf_sha256:
        return {"skipped": "already rendered" if item else "gone"}
    letter = item.batch.letter
    if item.batch.superseded or letter.status not in (LetterStatus.FINAL, LetterStatus.SENT, LetterStatus.REPLIED):
        raise RuntimeError("The circular changed after this batch started; start a new batch.")
    recipient = next((a for a in letter.recipients if a.state_id == item.state_id), None)
    if recipient is None:
        raise RuntimeError("This Mission is no longer among the circular's addressees.")
    sha, size = store_pdf(render_letter_pdf(compose(letter, draft=False, only_to=recipient)))
    item.pdf_sha256 = sha
    db.session.commit()
    return {"sha256": sha, "size": size}


@job(label=_l("Render each addressee's copy of a letter"))
def render_copies(letter_id: int, public: bool = False) -> dict:
    """Each recipient's own PDF of a letter printed once per recipient (its type's
    `compose_copy`), or with `public` the version published (victims' names redacted). A party
    copied on one recipient's letter is given that same PDF. Safe to run twice: a PDF already
    made is kept."""
    letter = db.session.get(Letter, letter_id)
    if letter is None or letter.sent_on is None:
        return {"skipped": "not sent" if letter else "letter is gone"}
    if public and not letter.is_public:
        return {"skipped": "not public"}
    compose_copy = letter_type(letter.letter_type).compose_copy
    made = 0
    for recipient in letter.recipients:
        if (recipient.public_pdf_sha256 if public else recipient.pdf_sha256) is None:
            sha, size = store_pdf(render_letter_pdf(compose_copy(letter, recipient, draft=False, public=public)))
            made += 1
            if public:
                recipient.public_pdf_sha256 = sha
            else:
                recipient.pdf_sha256, recipient.pdf_size = sha, size
        for copy in recipient.copied:
            copy.pdf_sha256, copy.pdf_size = recipient.pdf_sha256, recipient.pdf_size
            copy.public_pdf_sha256 = recipient.public_pdf_sha256
    db.session.commit()
    return {"rendered": made}
