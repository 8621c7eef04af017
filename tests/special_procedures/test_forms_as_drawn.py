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
    assert [a.reference for a in db.session.get(type(comm), comm.id).recipients] == ["UA COL 1/2026"]


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
    ops.record_reply(comm, date(2026, 4, 1), "es", reply_file(), users["officer"], comm.recipients[0])
    db.session.commit()
    page = words(_desk(client, users, comm))
    assert "Language English" in page and "Language en " not in page
    assert "Colombia Spanish reply.pdf" in page  # the reply: from, language, document
    assert "lead mandate" in page and page.count("approved by") == 2
    assert "approved ·" not in page


def test_the_draft_saved_from_its_page_keeps_what_was_typed(client, users, make_comm):
    comm = make_comm()
    sign_in(client, users["officer"])
    data = form_with(client.get(f"/special-procedures/{comm.id}/edit"), "title")
    assert data["version"] == [str(comm.version)]
    data["title"] = ["the arrest of two women human rights defenders"]
    response = client.post(f"/special-procedures/{comm.id}/edit", data=data)
    assert response.status_code == 303, words(response)
    assert "Draft saved." in words(client.get(f"/cases/{comm.id}"))
    db.session.expire_all()
    assert comm.title == "the arrest of two women human rights defenders"
    assert [a.state.iso3 for a in comm.recipients] == ["COL"]


def test_a_draft_page_left_open_while_someone_else_saved_says_so_and_saves_nothing(client, users, make_comm):
    """Before, the form took the letter's current version when the page sent none: the later save
    silently undid the earlier one."""
    comm = make_comm()
    sign_in(client, users["officer"])
    data = form_with(client.get(f"/special-procedures/{comm.id}/edit"), "title")
    comm.themes = "Freedom of expression"  # a colleague saves the draft meanwhile
    db.session.commit()
    data["title"] = ["a title typed on the old page"]
    response = client.post(f"/special-procedures/{comm.id}/edit", data=data)
    assert response.status_code == 409
    assert "was changed by someone else while you were working on it" in words(response)
    assert read_page(response).forms, "the form is shown again with what was typed"
    db.session.expire_all()
    assert (comm.title, comm.themes) == ("the arrest of a woman human rights defender", "Freedom of expression")


def test_a_draft_that_is_no_longer_a_draft_is_not_changed_and_the_page_says_why(client, users, make_comm):
    comm = make_comm(until="in_cosignature")
    sign_in(client, users["officer"])
    data = form_with(client.get(f"/special-procedures/{comm.id}/edit"), "title")
    data["title"] = ["changed after the invitations went out"]
    response = client.post(f"/special-procedures/{comm.id}/edit", data=data)
    assert response.status_code == 422
    assert "Only a draft can be changed" in words(response)


def test_a_new_letter_without_its_lead_mandate_or_with_an_unreadable_actor_says_what_to_correct(client, users,
                                                                                                 mandates):
    sign_in(client, users["officer"])
    data = form_with(client.get("/special-procedures/new"), "title")
    data.pop("lead_mandate_id", None)
    data.update(title=["the killing of a land defender"], non_state=["Acme Mining Ltd. | Mr. Smith | XXX"])
    response = client.post("/special-procedures/new", data=data)
    assert response.status_code == 400
    page = words(response)
    assert "Choose the lead mandate." in page
    assert "Line 1: write “Name | Dear … | ISO-3 codes copied” (unknown: XXX)." in page
    from casework.special_procedures.models import SpCommunication

    assert db.session.scalar(db.select(db.func.count()).select_from(SpCommunication)) == 0


def test_a_new_holder_left_without_a_name_is_refused_with_the_reason(client, users, mandates):
    sign_in(client, users["supervisor"])
    mandate = mandates["SR-HRDEFENDERS"]
    response = client.post(f"/special-procedures/mandates/{mandate.id}",
                           data={"holder_name": "", "holder_title": "Special Rapporteur"})
    assert response.status_code == 400
    assert "Give the holder's name and title." in words(response)
    db.session.expire_all()
    assert mandate.holder_name == "Amara Okonjo-Lind"
