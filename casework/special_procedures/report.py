"""The joint communications report to a Human Rights Council session: every letter sent in a period,
with its replies, grouped by State (a company's letter under each State copied)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from flask import render_template
from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from casework.core.pdf import render_pdf
from casework.extensions import db
from casework.letters.models import LetterAddressee
from casework.special_procedures.models import SpCommunication

NON_STATE = "Non-State actors (no State copied)"


@dataclass
class ReportRow:
    reference: str
    sent_on: date
    comm_type: str
    addressee: str
    mandates: list[str]
    subject: str
    replies: list[date]


@dataclass
class ReportGroup:
    state: str
    rows: list[ReportRow] = field(default_factory=list)


def report_rows(visible: Select, start: date, end: date) -> list[ReportGroup]:
    """The letters sent between `start` and `end` among those `visible`, grouped by State."""
    comms = db.session.scalars(
        visible.where(SpCommunication.sent_on.between(start, end))
        .options(selectinload(SpCommunication.addressees).selectinload(LetterAddressee.copied),
                 selectinload(SpCommunication.replies), selectinload(SpCommunication.cosignatures))
        .order_by(SpCommunication.sent_on, SpCommunication.id))
    groups: dict[str, ReportGroup] = {}
    for comm in comms:
        for addressee in comm.recipients:
            states = [addressee.state.name] if addressee.is_state else [c.state.name for c in addressee.copied] or [NON_STATE]
            row = ReportRow(addressee.reference or "", comm.sent_on, comm.comm_type.value, addressee.display_name,
                            [c.mandate.unit.code for c in comm.signing], comm.title,
                            [r.received_on for r in comm.replies if r.addressee_id in (None, addressee.id)])
            for state in states:
                groups.setdefault(state, ReportGroup(state)).rows.append(row)
    return [groups[name] for name in sorted(groups, key=lambda n: (n == NON_STATE, n))]


def report_csv(groups: list[ReportGroup]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["State", "Reference", "Date", "Type", "Addressee", "Mandates", "Subject", "Replies"])
    for group in groups:
        for row in group.rows:
            writer.writerow([group.state, row.reference, row.sent_on.isoformat(), row.comm_type, row.addressee,
                             "; ".join(row.mandates), row.subject, "; ".join(d.isoformat() for d in row.replies)])
    return out.getvalue()


def report_pdf(groups: list[ReportGroup], session: str, start: date, end: date) -> bytes:
    html = render_template("special_procedures/report_print.html", groups=groups, session=session, start=start,
                           end=end)
    return render_pdf(html, stylesheets=("css/sp_report.css",))

