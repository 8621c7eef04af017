"""The letter's page forms, submitted exactly as the page draws them: sending, the press release,
the Council report; and every refusal on those routes says why on the page."""
from __future__ import annotations

from datetime import date

from wtforms.validators import DataRequired

from casework.extensions import db
from casework.special_procedures.forms import (
    InviteForm, PressReleaseForm, ReplyForm, ReportForm, SendForm, VictimForm,
)
from tests.conftest import sign_in
from tests.pages import form_with, read_page, words


def _action(response, field: str) -> str:
    """Where the page's form that has `field` is submitted."""
    return next(f["action"] for f in read_page(response).forms if any(n == field for n, _v in f["fields"]))


def _desk(client, users, comm):
    sign_in(client, users["officer"])
    return client.get(f"/cases/{comm.id}")


def test_the_desk_sends_an_approved_letter_from_its_page(client, users, make_comm):
    comm = make_comm(until="approved")
    page = _desk(client, users, comm)
    data = form_with(page, "sent_on")
    data["sent_on"] = ["2026-03-10"]
    response = client.post(_action(page, "sent_on"), data=data)
    assert response.status_code == 303, words(response)
    page = words(client.get(f"/cases/{comm.id}"))
    assert "Sent. The references are allocated" in page and "UA COL 1/2026" in page
    db.session.expire_all()
    assert comm.status == "sent" and comm.sent_on == date(2026, 3, 10)


def test_the_desk_records_a_press_release_from_the_page_and_the_letter_is_public(client, users, make_comm):
    comm = make_comm(until="sent")
    page = _desk(client, users, comm)
    data = form_with(page, "released_on")
    data["url"] = ["https://www.ohchr.org/en/press-releases/2026/03/colombia-defender"]
    response = client.post(_action(page, "released_on"), data=data)
    assert response.status_code == 303, words(response)
    assert "Press release recorded" in words(client.get(f"/cases/{comm.id}"))
    db.session.expire_all()
    assert comm.status == "published"


def test_the_desk_includes_a_published_letter_in_the_council_report_from_the_page(client, users, make_comm):
    comm = make_comm(until="published")
    page = _desk(client, users, comm)
    data = form_with(page, "session")
    data["session"] = ["HRC 62"]
    response = client.post(_action(page, "session"), data=data)
    assert response.status_code == 303, words(response)
    page = words(client.get(f"/cases/{comm.id}"))
    assert "Included in the report." in page and "Council report HRC 62" in page


def test_a_send_form_left_without_a_date_says_what_is_missing(client, users, make_comm):
    comm = make_comm(until="approved")
    page = _desk(client, users, comm)
    data = form_with(page, "sent_on")
    data["sent_on"] = [""]
    response = client.post(_action(page, "sent_on"), data=data)
    assert response.status_code == 400
    assert "Sent on: This field is required." in words(response)
    db.session.expire_all()
    assert comm.status == "approved"


def test_a_page_left_open_while_the_letter_changed_says_to_reload(client, users, make_comm):
    comm = make_comm(until="sent")
    page = _desk(client, users, comm)
    data = form_with(page, "released_on")
    data["url"] = ["https://www.ohchr.org/en/press-releases/2026/03/colombia-defender"]
    comm.themes = "Human rights defenders"  # someone else saves the letter meanwhile
    db.session.commit()
    response = client.post(_action(page, "released_on"), data=data)
    assert response.status_code == 409
    assert "changed" in words(response).lower()


def test_a_form_without_the_version_it_was_drawn_with_is_refused_with_a_reason(client, users, make_comm):
    """A page from before this fix, or a form mangled on the way, never gets a bare 400."""
    comm = make_comm(until="published")
    page = _desk(client, users, comm)
    data = form_with(page, "session")
    data.pop("version", None)
    data["session"] = ["HRC 62"]
    response = client.post(_action(page, "session"), data=data)
    assert response.status_code == 400
    assert "Reload the page and try again." in words(response)


def test_sending_again_from_a_second_tab_says_the_letter_was_changed(client, users, make_comm):
    comm = make_comm(until="approved")
    page = _desk(client, users, comm)
    data = form_with(page, "sent_on")
    assert client.post(_action(page, "sent_on"), data=data).status_code == 303
    response = client.post(_action(page, "sent_on"), data=data)
    assert response.status_code == 409
    assert "was changed by someone else while you were working on it" in words(response)
    assert [a.reference for a in db.session.get(type(comm), comm.id).addressees] == ["UA COL 1/2026"]


FORMS_BY_ROUTE = {"/send": SendForm, "/press-release": PressReleaseForm, "/report": ReportForm,
                  "/replies": ReplyForm, "/victims": VictimForm, "/invitations": InviteForm}


def test_every_form_on_the_letters_page_carries_what_its_form_requires(client, users, make_comm):
    sign_in(client, users["officer"])
    for until in ("draft", "approved", "sent", "published"):
        comm = make_comm(until=until)
        for form in read_page(client.get(f"/cases/{comm.id}")).forms:
            form_class = next((c for route, c in FORMS_BY_ROUTE.items()
                               if form["action"] == f"/special-procedures/{comm.id}{route}"), None)
            if form_class is None:
                continue
            drawn = {name for name, _value in form["fields"]}
            # A multiple choice with nothing chosen sends nothing: the person chooses, the page need not.
            required = {f.name for f in form_class(meta={"csrf": False}) if f.type != "SelectMultipleField"
                        and any(isinstance(v, DataRequired) for v in f.validators)}
            assert required <= drawn, (until, form["action"], required - drawn)


def test_the_letters_page_names_languages_and_signature_states_in_words(client, users, make_comm):
    from casework.special_procedures import operations as ops
    from tests.special_procedures.conftest import reply_file

    comm = make_comm(until="sent", cosigners=("SR-TORTURE", "SR-JUDGES"))
    ops.record_reply(comm, date(2026, 4, 1), "es", reply_file(), users["officer"], comm.addressees[0])
    db.session.commit()
    page = words(_desk(client, users, comm))
    assert "Language English" in page and "Language en " not in page
    assert "Colombia Spanish reply.pdf" in page  # the reply: from, language, document
    assert "lead mandate" in page and page.count("approved by") == 2
    assert "approved ·" not in page
