"""What the case page of a communication shows and accepts, read as the browser draws it."""
from __future__ import annotations

from datetime import date

import pytest

from casework.communications import interim_measures as im, operations as ops
from casework.communications.models import Communication, DecisionType
from casework.core.workflow import fire
from casework.extensions import db
from tests.pages import form_with, words


@pytest.fixture
def under_follow_up(make_communication, users) -> Communication:
    """CCPR 1/2026 after Views finding a violation, published and under follow-up."""
    case = make_communication(register=True)
    fire(case, "transmit", users["supervisor"], on=date(2026, 4, 10))
    fire(case, "mark_ready", users["officer"], on=date(2026, 11, 2))
    ops.record_decision(case, ops.DecisionInput(decision_type=DecisionType.VIEWS_VIOLATION,
                                                adopted_on=date(2026, 11, 20), session=139,
                                                articles_violated=["CCPR-7"]), users["officer"])
    for event in ("notify_parties", "publish", "open_follow_up"):
        fire(case, event, users["officer"])
    db.session.commit()
    return case


def test_a_follow_up_round_with_nothing_in_it_is_refused(client_for, users, under_follow_up):
    officer = client_for(users["officer"])
    page = officer.get(under_follow_up.url)
    response = officer.post(f"/communications/{under_follow_up.id}/follow-up", data=form_with(page, "summary"))
    assert response.status_code == 400
    assert "Record a reply, comments or a grade." in words(response)
    db.session.refresh(under_follow_up)
    assert under_follow_up.follow_up_rounds == []


def test_the_states_compliance_with_interim_measures_is_recorded_with_notes(client_for, users, make_communication):
    case = make_communication(register=True)
    entry = im.request_interim_measures(case, "not to deport the author", date(2026, 4, 2), users["officer"])
    im.decide_interim_measures(entry, "grant", users["supervisor"], date(2026, 4, 3))
    db.session.commit()
    officer = client_for(users["officer"])
    form = form_with(officer.get(case.url), "compliance")
    assert "notes" in form  # the officer can say what happened, not only pick an answer
    form.update(compliance=["not_complied"], notes=["Author deported on 10 April"])
    assert officer.post(f"/communications/{case.id}/interim-measures/{entry.id}/compliance", data=form).status_code == 303
    page = officer.get(case.url)
    assert "Author deported on 10 April" in words(page)
    again = form_with(page, "compliance")  # what was recorded is what the form shows, ready to correct
    assert (again["compliance"], again["notes"]) == (["not_complied"], ["Author deported on 10 April"])


def test_the_reasons_an_action_is_refused_are_marked_for_translation():
    """They are shown beside disabled buttons and in error summaries, in the user's language."""
    from pathlib import Path

    from babel.messages.extract import extract_from_file

    from casework.communications import workflow

    marked = {message for _line, message, _comments, _context in
              extract_from_file("python", Path(workflow.__file__), keywords={"_": None})}
    assert {"Follow-up is opened only for Views finding a violation.",
            "Views finding a violation go to follow-up; open follow-up instead.",
            "Grade at least one follow-up round before closing follow-up.",
            "%(code)s has no friendly-settlement procedure."} <= marked


@pytest.mark.parametrize(("field", "action"), [("advice", "decline"), ("state_ids", "split")])
def test_a_form_from_a_page_drawn_before_registration_says_why_it_no_longer_applies(
        client_for, users, make_communication, field, action):
    case = make_communication()
    supervisor = client_for(users["supervisor"])
    before = supervisor.get(case.url)  # a second tab, left open
    supervisor.post(f"/communications/{case.id}/register", data=form_with(before, "registered_on"))
    response = supervisor.post(f"/communications/{case.id}/{action}", data=form_with(before, field))
    assert response.status_code == 422
    assert "while the case is registered" in words(response) or "before it is registered" in words(response)


@pytest.mark.parametrize(("accept", "named"), [("en", "French"), ("es", "Francés")])
def test_the_language_of_the_submission_is_named_in_the_readers_language(client_for, users, make_communication,
                                                                          accept, named):
    case = make_communication()
    case.submission_language = "fr"
    db.session.commit()
    page = client_for(users["officer"]).get(case.url, headers={"Accept-Language": accept})
    assert f"<dd>{named}</dd>" in page.get_data(as_text=True)
