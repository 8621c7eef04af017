"""Letters: list and read those of cases you may see, draft new ones, fetch the final PDF."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import Field
from sqlalchemy import select

from casework.api.blueprint import bp
from casework.api.case_views import load_case
from casework.api.errors import ApiError
from casework.api.modules import creating_units, state_id, unit_for_creation
from casework.api.paging import cursor_page
from casework.api.schemas import AddresseeOut, LetterIn, LetterList, LetterOut, Listing, PdfOut, StateCode, Text
from casework.api.spec import operation
from casework.cases.access import is_of_kind
from casework.core import audit
from casework.core import storage
from casework.core.storage import Stored, content_key
from casework.core.permissions import Permission, visibility_clause
from casework.core.queries import where_given
from casework.extensions import db
from casework.letters import operations as ops
from casework.letters.models import Letter, LetterAddressee
from casework.letters.types import letter_types_for


class LetterFilters(Listing):
    status: Text(40) | None = Field(None, description="Only the letters in this state, e.g. sent.")  # type: ignore[valid-type]
    letter_type: Text(60) | None = Field(None, description="Only the letters of this type.")  # type: ignore[valid-type]
    state: StateCode | None = Field(None, description="Only the letters addressed to this State (ISO alpha-3).")
    case_id: int | None = Field(None, ge=1, le=2**31 - 1, description="Only the letters of this case.")


def letter_out(letter: Letter) -> LetterOut:
    job = ops.latest_job(letter)
    final = letter.final_pdf_sha256 is not None
    return LetterOut(
        id=letter.id, case_id=letter.parent_id, letter_type=letter.letter_type, kind=letter.kind.value,
        language=letter.language, reference=letter.reference, subject=letter.title, body=letter.body,
        status=letter.status, status_label=str(letter.status_label), version=letter.version,
        letter_date=letter.letter_date, sent_on=letter.sent_on, reply_received_on=letter.reply_received_on,
        addressees=[AddresseeOut(kind=a.kind.value, name=a.name, state=a.state.iso3 if a.state else None,
                                 is_copy=a.is_copy) for a in letter.addressees],
        pdf=PdfOut(final_available=final, final_url=url_for("api.letter_pdf", letter_id=letter.id) if final else None,
                   final_rendered_at=letter.final_rendered_at, rendering=job.status.value if job else None),
        url=url_for("api.read_letter", letter_id=letter.id),
    )


@operation(bp, "/letters", "GET", summary="List the letters you may see", tag="Letters", query=LetterFilters,
           response=LetterList)
def list_letters(query: LetterFilters):
    """A letter is visible exactly where its case is. Newest first."""
    stmt = select(Letter.id).where(visibility_clause(current_user, Letter), Letter.of_this_kind())
    stmt = where_given(stmt, (Letter.status, query.status), (Letter.letter_type, query.letter_type),
                       (Letter.parent_id, query.case_id))
    if query.state:
        addressed = select(LetterAddressee.letter_id).where(LetterAddressee.state_id == state_id(query.state,
                                                                                                 "query.state"))
        stmt = stmt.where(Letter.id.in_(addressed))
    letters, total, next_cursor = cursor_page(stmt, Letter, query)
    return LetterList(items=[letter_out(letter) for letter in letters], total=total, next_cursor=next_cursor)


def load_letter(letter_id: int) -> Letter:
    letter = db.session.get(Letter, letter_id)
    if letter is None or not is_of_kind(letter, Letter):  # a communication answers at its own address
        raise ApiError(404)
    load_case(letter.id)  # a letter is seen where its case is
    return letter


@operation(bp, "/letters/<int:letter_id>", "GET", summary="Read a letter, with the status of its PDF",
           tag="Letters", response=LetterOut)
def read_letter(letter_id: int):
    return letter_out(load_letter(letter_id))


@operation(bp, "/letters/<int:letter_id>/pdf", "GET", summary="The letter's final PDF", tag="Letters",
           produces="application/pdf")
def letter_pdf(letter_id: int):
    """404 until the final PDF has been rendered (see `pdf.rendering`). Downloads are audited."""
    letter = load_letter(letter_id)
    sha = letter.final_pdf_sha256
    if sha is None or not storage.files().exists(content_key(sha)):
        raise ApiError(404, _("This letter has no final PDF yet."))
    audit.record(audit.AuditAction.DOWNLOAD, obj=letter, detail={"pdf": "final", "sha256": sha})
    db.session.commit()
    return storage.files().send(Stored.by_content(sha, letter.final_pdf_size), mimetype="application/pdf",
                                as_attachment=False, download_name=f"{ops.file_stem(letter)}.pdf")


@operation(bp, "/letters", "POST", summary="Draft a letter", tag="Letters", body=LetterIn, response=LetterOut,
           status=201, errors=(403, 404))
def draft_letter(body: LetterIn):
    """For a case you may edit (filled in from the case), or a circular on behalf of one of your units."""
    parent = load_case(body.case_id, Permission.EDIT) if body.case_id else None
    if parent is not None and parent.parent_id is not None:
        raise ApiError(422, fields={"case_id": [_("A letter belongs to a case, not to another letter.")]})
    unit = None if parent is not None else unit_for_creation(current_user, body.unit, creating_units(current_user))
    types = {t.key for t in letter_types_for(parent.case_type if parent else None)}
    if body.letter_type not in types:
        raise ApiError(422, fields={"letter_type": [_("Choose one of: %(types)s.", types=", ".join(sorted(types)))]})
    letter = ops.draft_letter(body.letter_type, body.language, current_user, parent=parent,
                              unit_id=unit.id if unit else None)
    db.session.commit()
    return letter_out(letter)
