"""Every special-procedures route, for every role around the defenders desk (the outsider works for CCPR).

No role here holds the torture mandate, so nobody may decide on its invitation — not even an
administrator: only the mandate's holder signs for it. The drafting form shows the source, so only
the lead desk opens it. The public register answers everyone, signed in or not.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from casework.extensions import db
from casework.special_procedures import operations as ops
from tests.routes import (
    CASE_VIEW, LOGIN, ROLES, SIGNED_IN, Route, answers, changing, check_every_role, check_route, reading,
)
from tests.special_procedures.conftest import reply_file

EDITORS_FORM = answers(LOGIN, officer=200, supervisor=200, admin=200, others=403)
EDITORS_INVALID = answers(LOGIN, officer=400, supervisor=400, admin=400, others=403)
DESK_FORM = answers(LOGIN, officer=200, supervisor=200, outsider=404, others=403)
DESK_INVALID = answers(LOGIN, officer=400, supervisor=400, outsider=404, others=403)
CASE_EDIT_DONE = answers(LOGIN, officer=303, supervisor=303, admin=303, outsider=404, others=403)
HOLDER_ONLY = answers(LOGIN, outsider=404, others=403)
MANDATE_SUPERVISOR = answers(LOGIN, supervisor=303, admin=303, others=403)
PUBLIC = answers(200, others=200)


@dataclass
class World:
    draft: object
    in_cosignature: object
    approved: object
    sent: object
    published: object
    judges_id: int


@pytest.fixture
def world(make_comm, mandates, users) -> World:
    published = make_comm(until="published")
    ops.record_reply(published, date(2026, 4, 2), "es", reply_file(), users["officer"])
    db.session.commit()
    return World(make_comm(), make_comm(until="in_cosignature"), make_comm(until="approved"),
                 make_comm(until="sent"), published, mandates["SR-JUDGES"].id)


P = "/special-procedures"
ROUTES = [
    Route("special_procedures.index", "GET", lambda w: f"{P}/?comm_type=UA&year=2026", SIGNED_IN),
    Route("special_procedures.new", "GET", lambda w: f"{P}/new", EDITORS_FORM),
    Route("special_procedures.new", "POST", lambda w: f"{P}/new", EDITORS_INVALID),
    Route("special_procedures.import_csv", "GET", lambda w: f"{P}/import", EDITORS_FORM),
    Route("special_procedures.import_csv", "POST", lambda w: f"{P}/import", EDITORS_INVALID),
    Route("special_procedures.edit", "GET", lambda w: f"{P}/{w.draft.id}/edit", DESK_FORM),
    Route("special_procedures.edit", "POST", lambda w: f"{P}/{w.draft.id}/edit", DESK_INVALID,
          lambda w: {"title": "", "comm_type": "UA"}),
    Route("special_procedures.add_victim", "POST", lambda w: f"{P}/{w.draft.id}/victims", CASE_EDIT_DONE,
          lambda w: {"family_name": "Mendoza", "given_names": "Lucía", "sex": "female", "redact": "y"}),
    Route("special_procedures.invite", "POST", lambda w: f"{P}/{w.draft.id}/invitations", CASE_EDIT_DONE,
          lambda w: {"mandate_ids": [w.judges_id]}),
    Route("special_procedures.queue", "GET", lambda w: f"{P}/cosignature", SIGNED_IN),
    Route("special_procedures.decide", "POST", lambda w: f"{P}/cosignatures/{w.in_cosignature.pending[0].id}",
          HOLDER_ONLY, lambda w: {"decision": "approve"}),
    Route("special_procedures.send", "POST", lambda w: f"{P}/{w.approved.id}/send", CASE_EDIT_DONE,
          lambda w: {"version": w.approved.version, "sent_on": "2026-04-01"}),
    Route("special_procedures.reply", "POST", lambda w: f"{P}/{w.sent.id}/replies", CASE_EDIT_DONE,
          lambda w: {"received_on": "2026-04-20", "language": "es", "addressee_id": 0}),
    Route("special_procedures.press_release", "POST", lambda w: f"{P}/{w.sent.id}/press-release", CASE_EDIT_DONE,
          lambda w: {"version": w.sent.version, "released_on": "2026-03-12",
                     "url": "https://www.ohchr.org/en/press-releases/2026/03/colombia"}),
    Route("special_procedures.report", "POST", lambda w: f"{P}/{w.published.id}/report", CASE_EDIT_DONE,
          lambda w: {"version": w.published.version, "session": "HRC 62"}),
    Route("special_procedures.preview", "GET", lambda w: f"{P}/{w.draft.id}/preview/{w.draft.recipients[0].id}.pdf",
          CASE_VIEW),
    Route("special_procedures.letter", "GET", lambda w: f"{P}/{w.sent.id}/letters/{w.sent.recipients[0].id}.pdf",
          CASE_VIEW),
    Route("special_procedures.overdue", "GET", lambda w: f"{P}/overdue", SIGNED_IN),
    Route("special_procedures.figures", "GET", lambda w: f"{P}/figures?year=2026", SIGNED_IN),
    Route("special_procedures.council_report", "GET", lambda w: f"{P}/report?start=2026-01-01&end=2026-12-31", SIGNED_IN),
    Route("special_procedures.council_report_file", "GET", lambda w: f"{P}/report.csv?start=2026-01-01", SIGNED_IN),
    Route("special_procedures.mandates", "GET", lambda w: f"{P}/mandates", SIGNED_IN),
    Route("special_procedures.change_holder", "POST",
          lambda w: f"{P}/mandates/{w.draft.lead_mandate_id}", MANDATE_SUPERVISOR,
          lambda w: {"holder_name": "Next Holder", "holder_title": "Special Rapporteur", "resolutions": "25/18"}),
    Route("special_procedures.register", "GET", lambda w: f"{P}/public/?year=2026", PUBLIC),
    Route("special_procedures.export_json", "GET", lambda w: f"{P}/public/export.json", PUBLIC),
    Route("special_procedures.export_csv", "GET", lambda w: f"{P}/public/export.csv?comm_type=UA", PUBLIC),
    Route("special_procedures.public_letter", "GET",
          lambda w: f"{P}/public/{w.published.id}/letters/{w.published.recipients[0].id}.pdf", PUBLIC),
    Route("special_procedures.public_reply", "GET",
          lambda w: f"{P}/public/{w.published.id}/replies/{w.published.replies[0].id}", PUBLIC),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world: World, client, users):
    check_route(client, route, role, users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world: World, users, app):
    check_every_role(app, route, users, world)
