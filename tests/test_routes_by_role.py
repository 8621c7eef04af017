"""Every route of the app, for every role: the answer each one must get.

A route added without a line here fails `test_every_route_has_a_decision`, so no page can be
added without deciding who may use it.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from casework import DOMAIN_MODULES, import_optional

from casework.auth.models import Role
from casework.core.attachments import Attachment
from casework.core.deadlines import Deadline
from casework.core.jobs import JobRecord, JobStatus
from casework.core.persons import CasePerson, Person, PersonRole
from casework.extensions import db
from tests.routes import (
    ADMIN_ONLY_GET, ADMIN_ONLY_POST, CASE_ASSIGN, CASE_EDIT, CASE_EDIT_FORM, CASE_VIEW, LOGIN, ROLES, SIGNED_IN,
    Route, answers, changing, check_every_role, check_route, reading,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PDF_SHA = hashlib.sha256(PDF).hexdigest()
_answers = answers


@dataclass
class World:
    users: dict
    case: object
    secret_case: object
    person: Person
    attachment: Attachment
    membership_id: int
    job_id: int
    deadline_id: int
    letters: dict = field(default_factory=dict)


ROUTES = [
    Route("main.healthz", "GET", lambda w: "/healthz", _answers(200, others=200)),
    Route("static", "GET", lambda w: "/static/css/app.css", _answers(200, others=200)),
    Route("main.my_work", "GET", lambda w: "/", SIGNED_IN),
    Route("auth.login", "GET", lambda w: "/login", _answers(200, others=302)),
    Route("auth.login", "POST", lambda w: "/login", _answers(200, others=302), lambda w: {"email": "x@example.org"}),
    Route("auth.login_totp", "GET", lambda w: "/login/totp", _answers(302, others=302)),
    Route("auth.login_totp", "POST", lambda w: "/login/totp", _answers(302, others=302), lambda w: {"code": "123456"}),
    Route("auth.logout", "POST", lambda w: "/logout", _answers(LOGIN, others=302)),
    Route("auth.enrol_totp", "GET", lambda w: "/account/two-factor", SIGNED_IN),
    Route("auth.enrol_totp", "POST", lambda w: "/account/two-factor", SIGNED_IN, lambda w: {"code": "000000"}),
    Route("auth.change_password", "GET", lambda w: "/account/password", SIGNED_IN),
    Route("auth.change_password", "POST", lambda w: "/account/password", SIGNED_IN,
          lambda w: {"current_password": "wrong"}),
    Route("auth.change_language", "POST", lambda w: "/account/language", _answers(LOGIN, others=303),
          lambda w: {"locale": "fr", "next": "/"}),
    Route("admin.users", "GET", lambda w: "/admin/users", ADMIN_ONLY_GET),
    Route("admin.new_user", "GET", lambda w: "/admin/users/new", ADMIN_ONLY_GET),
    Route("admin.new_user", "POST", lambda w: "/admin/users/new", ADMIN_ONLY_POST,
          lambda w: {"name": "New Person", "email": "new@example.org", "password": "a long enough password",
                     "active": "y"}),
    Route("admin.edit_user", "GET", lambda w: f"/admin/users/{w.users['viewer'].id}", ADMIN_ONLY_GET),
    Route("admin.edit_user", "POST", lambda w: f"/admin/users/{w.users['viewer'].id}", ADMIN_ONLY_POST,
          lambda w: {"name": "Viewer Renamed", "email": "viewer@example.org", "active": "y"}),
    Route("admin.add_membership", "POST", lambda w: f"/admin/users/{w.users['viewer'].id}/memberships",
          ADMIN_ONLY_POST, lambda w: {"unit_id": w.case.unit_id, "role": Role.CASE_OFFICER.value}),
    Route("admin.remove_membership", "POST", lambda w: f"/admin/memberships/{w.membership_id}/remove",
          ADMIN_ONLY_POST),
    Route("admin.unlock_user", "POST", lambda w: f"/admin/users/{w.users['viewer'].id}/unlock", ADMIN_ONLY_POST),
    Route("admin.reset_two_factor", "POST", lambda w: f"/admin/users/{w.users['viewer'].id}/reset-two-factor",
          ADMIN_ONLY_POST),
    Route("admin.units", "GET", lambda w: "/admin/units", ADMIN_ONLY_GET),
    Route("admin.units", "POST", lambda w: "/admin/units", ADMIN_ONLY_POST,
          lambda w: {"code": "CAT", "name": "Committee against Torture", "kind": "committee"}),
    Route("admin.job_list", "GET", lambda w: "/admin/jobs", ADMIN_ONLY_GET),
    Route("admin.retry_job", "POST", lambda w: f"/admin/jobs/{w.job_id}/retry", ADMIN_ONLY_POST),
    Route("audit.index", "GET", lambda w: "/audit/", _answers(LOGIN, auditor=200, admin=200, others=403)),
    Route("cases.detail", "GET", lambda w: f"/cases/{w.case.id}", CASE_VIEW),
    # Confidential: only the assigned officer and the administrator; to everyone else it does not exist.
    Route("cases.detail", "GET", lambda w: f"/cases/{w.secret_case.id}",
          _answers(LOGIN, officer=200, admin=200, others=404)),
    Route("cases.transition", "POST", lambda w: f"/cases/{w.case.id}/actions/submit", CASE_EDIT,
          lambda w: {"version": w.case.version}),
    Route("cases.upload", "POST", lambda w: f"/cases/{w.case.id}/attachments", CASE_EDIT,
          lambda w: {"file": (io.BytesIO(PDF), "letter.pdf"), "description": "Submission"}),
    Route("cases.download", "GET", lambda w: f"/cases/{w.case.id}/attachments/{w.attachment.id}", CASE_VIEW),
    Route("cases.download", "GET", lambda w: f"/cases/{w.secret_case.id}/attachments/{w.attachment.id}",
          _answers(LOGIN, officer=404, admin=404, others=404)),
    Route("cases.assign", "POST", lambda w: f"/cases/{w.case.id}/assignments", CASE_ASSIGN,
          lambda w: {"user_id": w.users["viewer"].id}),
    Route("cases.unassign", "POST", lambda w: f"/cases/{w.case.id}/assignments/{w.users['officer'].id}/remove",
          CASE_ASSIGN),
    Route("cases.extend", "POST", lambda w: f"/cases/{w.case.id}/deadlines/{w.deadline_id}/extend", CASE_EDIT,
          lambda w: {f"deadline-{w.deadline_id}-due_on": "2031-01-31", f"deadline-{w.deadline_id}-note": "By the SR"}),
    Route("cases.reminder", "POST", lambda w: f"/cases/{w.case.id}/deadlines/{w.deadline_id}/reminder", CASE_EDIT),
    Route("cases.link_person", "POST", lambda w: f"/cases/{w.case.id}/persons", CASE_EDIT,
          lambda w: {"person_id": w.person.id, "role": PersonRole.AUTHOR.value}),
    # A letter of a confidential case is as confidential as its case.
    Route("cases.detail", "GET", lambda w: f"/cases/{w.letters['secret'].id}",
          _answers(LOGIN, officer=200, admin=200, others=404)),
    Route("letters.index", "GET", lambda w: "/letters/", SIGNED_IN),
    Route("letters.new", "GET", lambda w: "/letters/new",
          _answers(LOGIN, officer=200, supervisor=200, outsider=200, admin=200, others=403)),
    Route("letters.new", "GET", lambda w: f"/letters/new?case_id={w.case.id}", CASE_EDIT_FORM),
    Route("letters.new", "POST", lambda w: f"/letters/new?case_id={w.case.id}", CASE_EDIT,
          lambda w: {"letter_type": "letter", "language": "en"}),
    Route("letters.edit", "GET", lambda w: f"/letters/{w.letters['draft'].id}/edit", CASE_EDIT_FORM),
    Route("letters.edit", "POST", lambda w: f"/letters/{w.letters['draft'].id}/edit", CASE_EDIT,
          lambda w: {"version": w.letters["draft"].version, "subject": "Concerns", "language": "en",
                     "body": "I have the honour to write.", "addressee_states": [w.letters["state_id"]],
                     "signatories": "Amara Okonjo-Lind | Special Rapporteur"}),
    Route("letters.preview", "POST", lambda w: f"/letters/{w.letters['draft'].id}/preview", CASE_EDIT),
    Route("letters.pdf", "GET", lambda w: f"/letters/{w.letters['final'].id}/pdf/final", CASE_VIEW),
    Route("letters.sent", "POST", lambda w: f"/letters/{w.letters['final'].id}/sent", CASE_EDIT,
          lambda w: {"version": w.letters["final"].version, "sent_on": "2026-11-20", "channel": "email"}),
    Route("letters.reply", "POST", lambda w: f"/letters/{w.letters['sent'].id}/reply", CASE_EDIT,
          lambda w: {"version": w.letters["sent"].version, "received_on": "2026-12-01",
                     "file": (io.BytesIO(PDF), "reply.pdf")}),
    Route("letters.retry", "POST", lambda w: f"/letters/{w.letters['draft'].id}/jobs/{w.letters['job_id']}/retry",
          CASE_EDIT),
    Route("letters.start_letters_batch", "POST", lambda w: "/letters/batches", CASE_EDIT,
          lambda w: {"letter_id": [w.letters["final"].id]}),
    Route("letters.start_batch", "POST", lambda w: f"/letters/{w.letters['final'].id}/batches", CASE_EDIT),
    Route("letters.batch", "GET", lambda w: f"/letters/batches/{w.letters['batch_id']}", CASE_VIEW),
    Route("letters.retry_batch", "POST", lambda w: f"/letters/batches/{w.letters['batch_id']}/retry", CASE_EDIT),
    Route("letters.batch_zip", "GET", lambda w: f"/letters/batches/{w.letters['batch_id']}/zip", CASE_VIEW),
    Route("persons.index", "GET", lambda w: "/persons/", SIGNED_IN),
    # The pickers' JSON: each answers with what the user may reach (tests/reprisals/test_links.py).
    Route("persons.lookup", "GET", lambda w: f"/persons/lookup?q=ab&for={w.case.id}", SIGNED_IN),
    Route("cases.lookup", "GET", lambda w: f"/cases/lookup?q=ab&for={w.case.id}", SIGNED_IN),
    Route("persons.new", "GET", lambda w: "/persons/new",
          _answers(LOGIN, officer=200, supervisor=200, outsider=200, admin=200, others=403)),
    # The outsider may register persons for CED, not for CCPR: the unit choice is refused.
    Route("persons.new", "POST", lambda w: "/persons/new",
          _answers(LOGIN, officer=303, supervisor=303, outsider=400, admin=303, others=403),
          lambda w: {"family_name": "Haddad", "given_names": "Samir", "sex": "male", "nationality_id": 0,
                     "unit_id": w.case.unit_id}),
    Route("persons.detail", "GET", lambda w: f"/persons/{w.person.id}", CASE_VIEW),
    Route("persons.edit", "GET", lambda w: f"/persons/{w.person.id}/edit",
          _answers(LOGIN, officer=200, supervisor=200, admin=200, outsider=404, others=403)),
    Route("persons.edit", "POST", lambda w: f"/persons/{w.person.id}/edit",
          _answers(LOGIN, officer=303, supervisor=303, admin=303, outsider=404, others=403),
          lambda w: {"family_name": "Haddad", "given_names": "Samir", "sex": "male", "nationality_id": 0,
                     "unit_id": w.case.unit_id}),
]


@pytest.fixture
def world(users, make_case) -> World:
    case = make_case(officer=users["officer"], assigned=(users["officer"],))
    secret = make_case(confidential=True, reference="S 2/2026", assigned=(users["officer"],))
    person = Person(family_name="Haddad", given_names="Samir", unit_id=case.unit_id)
    db.session.add(person)
    db.session.flush()
    db.session.add(CasePerson(case_id=case.id, person_id=person.id, role=PersonRole.ALLEGED_VICTIM))
    attachment = Attachment(case_id=case.id, filename="submission.pdf", content_type="application/pdf",
                            size=len(PDF), sha256=PDF_SHA)
    job = JobRecord(kind="tests.core.jobs_for_tests.add", args=[1, 2], status=JobStatus.FAILED, error="boom")
    deadline = Deadline(case_id=case.id, kind="reply", label="Reply due", due_on=date(2030, 1, 31),
                        original_due_on=date(2030, 1, 31))
    db.session.add_all([attachment, job, deadline])
    db.session.commit()
    return World(users, case, secret, person, attachment, users["viewer"].memberships[0].id, job.id, deadline.id,
                 letters=_letters(users, case, secret))


def _letters(users, case, secret) -> dict:
    """Letters of the open case in each state the routes act on, and one of the secret case."""
    from casework.core.states import State, UNStatus
    from casework.letters import operations as ops
    from casework.letters.models import AddresseeKind, LetterAddressee, LetterBatch, LetterBatchItem, LetterStatus

    state = State(iso2="MX", iso3="MEX", name="Mexico", un_status=UNStatus.MEMBER,
                  mission_name="Permanent Mission of Mexico to the United Nations Office at Geneva")
    other = State(iso2="IQ", iso3="IRQ", name="Iraq", un_status=UNStatus.MEMBER,
                  mission_name="Permanent Mission of Iraq to the United Nations Office at Geneva")
    db.session.add_all([state, other])
    made = {name: ops.draft_letter("letter", "en", users["officer"], parent=parent)
            for name, parent in (("draft", case), ("final", case), ("sent", case), ("secret", secret))}
    for name, status in (("final", LetterStatus.FINAL), ("sent", LetterStatus.SENT)):
        made[name].status, made[name].final_pdf_sha256 = status, PDF_SHA
    made["final"].addressees = [LetterAddressee(kind=AddresseeKind.STATE, state=s, name=s.mission_name, position=i)
                                for i, s in enumerate((state, other))]
    batch = LetterBatch(letter=made["final"], source_sha256=PDF_SHA, items=[LetterBatchItem(state=s, pdf_sha256=PDF_SHA)
                                                     for s in (state, other)])
    db.session.add(batch)
    job = JobRecord(kind="casework.letters.jobs.render_letter_preview", args=[made["draft"].id],
                    status=JobStatus.FAILED, error="boom", subject_type="letters", subject_id=made["draft"].id)
    db.session.add(job)
    db.session.commit()
    return {**made, "job_id": job.id, "state_id": state.id, "batch_id": batch.id}


@pytest.fixture(autouse=True)
def _stored_attachment(app):
    from casework.core import storage

    assert storage.files().save_bytes(PDF).sha256 == PDF_SHA


CROSS_MODULE_PACKAGES = ("search",)  # features over every module, with their own route tables


def _module_routes() -> list[Route]:
    """The routes declared by the domain modules' own tables, and by other packages' (API, exports…)."""
    packages = dict.fromkeys([*DOMAIN_MODULES, *(path.parent.name for path in
                                                 sorted(Path(__file__).parent.glob("*/test_routes_by_role.py")))])
    tables = (import_optional(f"tests.{package}.test_routes_by_role") for package in packages)
    return [route for table in tables if table is not None for route in table.ROUTES]


def test_every_route_has_a_decision(app):
    declared = {(r.endpoint, r.method) for r in ROUTES + _module_routes()}
    served = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert served - declared == set(), "routes without a decision on who may use them"
    assert declared - served == set(), "decisions about routes that no longer exist"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world: World, client, app):
    check_route(client, route, role, world.users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world: World, app):
    check_every_role(app, route, world.users, world)
