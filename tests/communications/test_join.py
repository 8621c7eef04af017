"""Joining communications on the case page: the cases named by their reference, as shown on every
page ("CCPR 2/2026") and as the case picker fills it in, or typed without JavaScript."""
from __future__ import annotations

import html
import re
from datetime import date

from casework.communications.models import Communication
from casework.core.workflow import fire
from casework.extensions import db
from tests.pages import form_with


def _examined(make_communication, users, **kwargs) -> Communication:
    case = make_communication(register=True, **kwargs)
    fire(case, "transmit", users["supervisor"], on=date(2026, 4, 10))
    db.session.commit()
    return case


def _join(client, lead: Communication, typed: str):
    form = {**form_with(client.get(lead.url), "numbers"), "numbers": [typed]}
    return client.post(f"/communications/{lead.id}/join", data=form)


def test_a_case_is_joined_by_its_reference_as_the_page_shows_it(client_for, users, make_communication):
    lead = _examined(make_communication, users)
    other = _examined(make_communication, users, author=("Haddad", "Samir"))
    officer = client_for(users["officer"])

    response = _join(officer, lead, " ccpr  2/2026 ")

    assert response.status_code == 303
    db.session.refresh(other)
    assert other.reference == "CCPR 2/2026" and other.joined_to_id == lead.id


def test_the_join_field_is_the_case_picker_linking_from_this_case(client_for, users, make_communication):
    lead = _examined(make_communication, users)
    _examined(make_communication, users, author=("Haddad", "Samir"))
    officer = client_for(users["officer"])

    page = html.unescape(officer.get(lead.url).get_data(as_text=True))
    field = re.search(r'<input[^>]*name="numbers"[^>]*>', page)[0]
    picker = re.search(r'data-picker="([^"]+)"', field)[1]
    assert picker == f"/cases/lookup?for={lead.id}"
    offered = officer.get(f"{picker}&q=CCPR").get_json()
    assert offered == [{"value": "CCPR 2/2026", "label": "CCPR 2/2026"}]  # never the case itself


def test_several_references_and_the_bare_number_of_the_committee_are_taken(client_for, users, make_communication):
    lead = _examined(make_communication, users)
    second = _examined(make_communication, users, author=("Haddad", "Samir"))
    third = _examined(make_communication, users, author=("Nkosi", "Thandi"))
    officer = client_for(users["officer"])

    assert _join(officer, lead, "CCPR 2/2026, 3/2026").status_code == 303

    for case in (second, third):
        db.session.refresh(case)
        assert case.joined_to_id == lead.id


def test_a_reference_that_names_no_case_is_refused_with_what_was_typed_kept(client_for, users, make_communication):
    lead = _examined(make_communication, users)
    other = _examined(make_communication, users, author=("Haddad", "Samir"))
    officer = client_for(users["officer"])

    response = _join(officer, lead, "CCPR 2/2026, CCPR 99/2026")

    assert response.status_code == 422
    assert "There is no registered communication CCPR 99/2026 that you can join to this case." in html.unescape(
        response.get_data(as_text=True))
    assert form_with(response, "numbers")["numbers"] == ["CCPR 2/2026, CCPR 99/2026"]
    db.session.refresh(other)
    assert other.joined_to_id is None  # nothing joined when one of them is refused
