"""Correcting a working group case's details on its "Edit details" page: what is saved and shown,
what is refused and why, who may do it, and that the source stays with the working group."""
from __future__ import annotations

from datetime import date

from babel.dates import format_date
from sqlalchemy import select

from casework.core.audit import REDACTED, AuditEvent
from casework.core.workflow import fire
from casework.extensions import db
from casework.working_groups import operations as ops
from casework.working_groups.models import Procedure
from tests.conftest import sign_in
from tests.pages import form_with, link, text, words
from tests.working_groups.conftest import SOURCE, days_ago


def _url(case) -> str:
    return f"/working-groups/cases/{case.id}/details"


def _audit_changes(case) -> dict:
    """Every field change of the case in the audit trail, merged, oldest first."""
    merged: dict = {}
    for event in db.session.scalars(select(AuditEvent).where(AuditEvent.case_id == case.id,
                                                             AuditEvent.action == "update")
                                    .order_by(AuditEvent.id)):
        merged.update(event.changes or {})
    return merged


def test_officer_corrects_a_received_detention_communication(client, users, make_detention):
    case = make_detention()
    sign_in(client, users["officer"])
    page = client.get(f"/cases/{case.id}")
    assert link(page, "Edit details") == _url(case)
    data = form_with(client.get(_url(case)), "summary")
    assert data["summary"] == ["Arrested after a peaceful demonstration."] and data["source_name"] == [SOURCE]
    assert data["version"] == [str(case.version)] and "family_name" not in data
    data.update({"summary": ["Arrested after a peaceful demonstration; beaten in custody (learned later)."],
                 "place_of_detention": ["Central prison, Baghdad"], "source_contact": ["+41 22 111 11 11"]})
    response = client.post(_url(case), data=data)
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/cases/{case.id}")

    page = words(client.get(f"/cases/{case.id}"))
    assert "Details saved." in page and "beaten in custody (learned later)" in page
    assert "Central prison, Baghdad" in page and "+41 22 111 11 11" in page
    assert "The transmittal letter was drafted from the details as received" in page
    changes = _audit_changes(case)
    assert changes["summary"] == ["Arrested after a peaceful demonstration.",
                                  "Arrested after a peaceful demonstration; beaten in custody (learned later)."]
    assert changes["source_contact"] == [REDACTED, REDACTED]  # recorded as changed, never with the values
    assert "+41 22" not in str(changes)


def test_officer_corrects_a_received_disappearance(client, users, make_disappearance):
    case = make_disappearance()
    sign_in(client, users["officer"])
    data = form_with(client.get(_url(case)), "circumstances")
    assert data["procedure"] == ["standard"] and data["disappeared_on"] == [days_ago(320).isoformat()]
    data.update({"disappeared_on": [days_ago(322).isoformat()], "place": ["Tierra Blanca, Veracruz (km 12)"],
                 "circumstances": ["Stopped by state police at a checkpoint; two witnesses."]})
    assert client.post(_url(case), data=data).status_code == 303

    page = words(client.get(f"/cases/{case.id}"))
    shown = format_date(days_ago(322), "medium", locale="en")  # the reader's way: "Jan 18, 2026"
    assert shown in page and "Tierra Blanca, Veracruz (km 12)" in page
    assert "two witnesses" in page and "transmittal letter" not in page  # drafted only when transmitted
    changes = _audit_changes(case)
    assert changes["disappeared_on"] == [days_ago(320).isoformat(), days_ago(322).isoformat()]
    assert changes["place"] == ["Tierra Blanca, Veracruz", "Tierra Blanca, Veracruz (km 12)"]


def test_bad_input_is_shown_again_with_the_message_and_what_was_typed(client, users, make_detention):
    case = make_detention()
    sign_in(client, users["officer"])
    data = form_with(client.get(_url(case)), "summary")
    data.update({"summary": [""], "source_name": [""], "arrested_on": ["31/02/2026"],
                 "legal_basis": ["Article 156, as amended in 2024"]})
    response = client.post(_url(case), data=data)
    assert response.status_code == 400
    page = text(response)
    assert "Name the source." in page and "Not a valid date value." in page
    assert "Article 156, as amended in 2024" in page and "31/02/2026" in page
    db.session.refresh(case)
    assert case.legal_basis == "Article 156 of the Penal Code" and case.source_name == SOURCE


def test_a_stale_version_is_refused_and_keeps_the_input(client, users, make_detention):
    case = make_detention()
    sign_in(client, users["officer"])
    data = form_with(client.get(_url(case)), "summary")
    case.title = "Changed meanwhile by a colleague"
    db.session.commit()
    data["summary"] = ["My correction of the facts."]
    response = client.post(_url(case), data=data)
    assert response.status_code == 409
    page = text(response)
    assert "was changed by someone else while you were working on it" in page
    assert "My correction of the facts." in page
    db.session.refresh(case)
    assert case.summary == "Arrested after a peaceful demonstration."


def test_after_transmittal_the_facts_stay_as_sent_and_the_source_can_still_be_corrected(
        client, users, make_detention, make_disappearance):
    case = make_detention(steps=("transmit",))
    sign_in(client, users["officer"])
    page = client.get(_url(case))
    assert "stay as sent" in words(page) and "Arrested after a peaceful demonstration." in words(page)
    data = form_with(page, "source_name")
    assert "summary" not in data and "state_id" not in data and "received_on" not in data
    data.update({"summary": ["Rewritten facts"], "source_name": ["Quillbrook-Varga Legal Aid (Geneva office)"]})
    assert client.post(_url(case), data=data).status_code == 303
    db.session.refresh(case)
    assert case.summary == "Arrested after a peaceful demonstration."
    assert case.source_name == "Quillbrook-Varga Legal Aid (Geneva office)"

    disappearance = make_disappearance()
    ops.take_step(disappearance, "transmit_standard", days_ago(5), users["officer"], session=130)
    db.session.commit()
    assert "circumstances" not in form_with(client.get(_url(disappearance)), "source_name")


def test_the_transmitted_facts_are_refused_by_the_operation_itself(make_detention, users):
    from casework.working_groups.corrections import correct_details

    case = make_detention(steps=("transmit",))
    try:
        correct_details(case, {"summary": "Rewritten"}, see_source=True)
    except ops.Refused as refused:
        assert "transmitted to the Government on" in str(refused) and "summary" in str(refused)
    else:
        raise AssertionError("a transmitted fact was changed")
    try:
        correct_details(case, {"source_name": "Someone else"}, see_source=False)
    except ops.Refused as refused:
        assert "known only to the working group" in str(refused)
    else:
        raise AssertionError("the source was changed by someone who may not know it")


def test_an_ended_case_is_not_edited_and_says_why(client, users, make_detention, make_disappearance):
    filed = make_detention()
    fire(filed, "file", users["supervisor"])
    discontinued = make_disappearance()
    ops.take_step(discontinued, "transmit_standard", days_ago(5), users["officer"], session=130)
    ops.take_step(discontinued, "discontinue", days_ago(1), users["supervisor"], note="Family asked to stop.")
    db.session.commit()
    sign_in(client, users["supervisor"])
    for case, reason in ((filed, "The case has been filed: its details can no longer be changed."),
                         (discontinued, "The case is discontinued: its details can no longer be changed.")):
        assert link(client.get(f"/cases/{case.id}"), "Edit details") is None
        response = client.get(_url(case))
        assert response.status_code == 303
        assert reason in words(client.get(response.headers["Location"]))
        refused = client.post(_url(case), data={"version": case.version, "title": "Renamed",
                                                "source_name": SOURCE})
        assert refused.status_code == 422 and reason in words(refused) and "Renamed" in text(refused)
        db.session.refresh(case)
        assert case.title != "Renamed"


def test_an_urgent_case_stays_within_three_months_of_the_disappearance(client, users, make_disappearance):
    case = make_disappearance(disappeared_on=days_ago(40), received_on=days_ago(30), procedure=Procedure.URGENT)
    sign_in(client, users["officer"])
    data = form_with(client.get(_url(case)), "disappeared_on")
    data["disappeared_on"] = [days_ago(200).isoformat()]
    response = client.post(_url(case), data=data)
    assert response.status_code == 422
    assert "The urgent procedure covers disappearances within the last three months" in words(response)
    assert f'value="{days_ago(200).isoformat()}"' in text(response)
    db.session.refresh(case)
    assert case.disappeared_on == days_ago(40)

    data["procedure"] = ["standard"]  # the same correction under the standard procedure is accepted
    assert client.post(_url(case), data=data).status_code == 303
    db.session.refresh(case)
    assert case.disappeared_on == days_ago(200) and case.procedure is Procedure.STANDARD

    data = form_with(client.get(_url(case)), "disappeared_on")
    data["procedure"] = ["urgent"]  # and back to urgent it cannot go with that date
    assert client.post(_url(case), data=data).status_code == 422


def test_an_urgent_case_received_later_than_three_months_after_is_refused(client, users, make_disappearance):
    case = make_disappearance(disappeared_on=date(2025, 3, 1), received_on=date(2025, 5, 10),
                              procedure=Procedure.URGENT)
    sign_in(client, users["officer"])
    data = form_with(client.get(_url(case)), "received_on")
    data["received_on"] = ["2025-06-15"]
    response = client.post(_url(case), data=data)
    assert response.status_code == 422
    assert "could be received as urgent until Jun 1, 2025" in words(response)
    data["received_on"] = ["2025-05-30"]  # still within the three months
    assert client.post(_url(case), data=data).status_code == 303
    db.session.refresh(case)
    assert case.received_on == date(2025, 5, 30) and case.procedure is Procedure.URGENT


def test_the_date_of_receipt_stays_in_the_year_the_case_is_numbered_in(client, users, make_detention):
    case = make_detention()
    year = int(case.reference.rsplit("/", 1)[1])
    sign_in(client, users["officer"])
    data = form_with(client.get(_url(case)), "received_on")
    data["received_on"] = [date(year - 1, 6, 1).isoformat()]
    response = client.post(_url(case), data=data)
    assert response.status_code == 422 and f"is numbered in {year}" in words(response)


def test_outsider_gets_404_and_a_read_only_role_403(client, users, make_detention):
    case = make_detention()
    for role, status in (("outsider", 404), ("viewer", 403), ("secretariat", 403), ("auditor", 403)):
        sign_in(client, users[role])
        assert client.get(_url(case)).status_code == status, role
        assert client.post(_url(case), data={"version": case.version, "title": "X"}).status_code == status, role
        if status == 403:
            assert link(client.get(f"/cases/{case.id}"), "Edit details") is None, role
        client.post("/logout")
    db.session.refresh(case)
    assert case.title != "X"


def test_the_source_is_not_on_the_page_of_an_editor_who_may_not_know_it(client, users, make_disappearance):
    case = make_disappearance()
    sign_in(client, users["admin"])  # may edit every case, is not of the working group's unit
    page = client.get(_url(case))
    assert page.status_code == 200
    data = form_with(page, "circumstances")
    assert "source_name" not in data and "source_contact" not in data and SOURCE not in text(page)
    data.update({"title": ["Disappearance of Marisol LOZANO (Veracruz)"], "source_name": ["Someone else"]})
    assert client.post(_url(case), data=data).status_code == 303
    db.session.refresh(case)
    assert case.title == "Disappearance of Marisol LOZANO (Veracruz)" and case.source_name == SOURCE
