"""The working groups' pages as their users see them: a regular communication from receipt to its
closed follow-up, what each role may see, and what the letters say (and never say)."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casework.auth.models import Role
from casework.cases.operations import assign_user
from casework.core.cases import CaseAssignment
from casework.core.persons import CasePerson, Person, PersonRole
from casework.extensions import db
from casework.letters.models import Letter
from casework.working_groups import operations as ops
from casework.working_groups.models import DetentionCommunication, Procedure
from casework.working_groups.workflow import FOLLOW_UP_DEADLINE, REPLY_DEADLINE, open_deadline
from tests.conftest import sign_in
from tests.pages import buttons, form_with, read_page, text
from tests.working_groups.conftest import SOURCE, adopt, days_ago


def _step(client, case, event: str, on: date, **extra):
    db.session.refresh(case)
    return client.post(f"/working-groups/cases/{case.id}/steps/{event}",
                       data={"version": case.version, "on": on.isoformat(), **extra})


def test_a_regular_communication_from_receipt_to_closed_follow_up(client, users, states, members, app):
    sign_in(client, users["officer"])
    page = client.get("/working-groups/arbitrary-detention/new")
    data = form_with(page, "source_name")
    data.update({"family_name": ["Karimi"], "given_names": ["Dara"], "state_id": [str(states["IRQ"].id)],
                 "received_on": ["2026-01-05"], "place_of_detention": ["Central prison, Baghdad"],
                 "arrested_on": ["2025-11-20"], "legal_basis": ["Anti-terrorism law No. 13 of 2005"],
                 "summary": ["Arrested after a peaceful demonstration."], "source_name": [SOURCE]})
    response = client.post("/working-groups/arbitrary-detention/new", data=data)
    assert response.status_code == 303
    case = db.session.scalar(select(DetentionCommunication))
    assert case.reference == "WGAD 1/2026" and [p.full_name for p in case.subjects] == ["Dara KARIMI"]

    assert _step(client, case, "transmit", date(2026, 1, 12)).status_code == 303
    assert open_deadline(case, REPLY_DEADLINE).due_on == date(2026, 3, 13)
    assert _step(client, case, "record_reply", date(2026, 3, 1)).status_code == 303
    page = client.get(f"/cases/{case.id}")
    assert "Source comments received" in buttons(page) and "Adopt the opinion" not in buttons(page)
    response = client.post(f"/cases/{case.id}/actions/record_source_comments",
                           data={"version": case.version, "on": "2026-03-20"})
    assert response.status_code == 303

    assert client.post(f"/working-groups/cases/{case.id}/opinion").status_code == 403  # officers do not adopt
    client.post("/logout")
    sign_in(client, users["supervisor"])
    page = client.get(f"/cases/{case.id}")
    opinion = form_with(page, "session")
    assert sorted(opinion["taking_part"]) == sorted([str(members["mexican"].id), str(members["other"].id)])  # not Iraqi
    opinion.update({"session": ["105"], "adopted_on": ["2026-04-30"], "outcome": ["arbitrary"]})
    refused = client.post(f"/working-groups/cases/{case.id}/opinion", data=opinion)
    assert refused.status_code == 422 and "categories (I to V)" in text(refused)
    opinion["categories"] = ["I", "III"]
    assert client.post(f"/working-groups/cases/{case.id}/opinion", data=opinion).status_code == 303
    db.session.refresh(case)
    assert case.opinion.label == "Opinion No. 1/2026" and case.opinion.session == 105
    assert "Opinion No. 1/2026" in text(client.get(f"/cases/{case.id}"))
    french = text(client.get(f"/cases/{case.id}", headers={"Accept-Language": "fr"}))
    assert "Avis no 1/2026" in french and "Arbitraire" in french  # the opinion in the reader's words

    for event, on in (("send_to_government", date(2026, 5, 4)), ("send_to_source", date(2026, 5, 6)),
                      ("publish", date(2026, 6, 1))):
        assert _step(client, case, event, on).status_code == 303, event
    assert open_deadline(case, FOLLOW_UP_DEADLINE).due_on == date(2026, 11, 4)
    for event in ("start_follow_up", "record_follow_up", "close"):
        db.session.refresh(case)
        assert client.post(f"/cases/{case.id}/actions/{event}", data={"version": case.version}).status_code == 303
    db.session.refresh(case)
    assert case.status == "closed" and open_deadline(case, FOLLOW_UP_DEADLINE) is None
    letters = db.session.scalars(select(Letter).where(Letter.parent_id == case.id).order_by(Letter.id)).all()
    assert [letter.letter_type for letter in letters] == ["wgad_transmittal", "wgad_opinion_transmittal",
                                                          "wgad_opinion_to_source"]


def test_a_refused_step_says_why_and_changes_nothing(make_detention, users, login):
    case = make_detention()
    client = login(users["officer"])
    response = _step(client, case, "publish", days_ago(1))
    assert response.status_code == 422 and "not possible while the case is received" in text(response)
    response = _step(client, case, "transmit", date.today() + timedelta(days=3))
    assert response.status_code == 422 and "cannot be in the future" in text(response)
    db.session.refresh(case)
    assert case.status == "received"


def test_a_step_from_a_page_drawn_before_another_change_answers_409_and_saves_nothing(make_detention, users, login):
    case = make_detention(steps=("transmit",))
    client = login(users["officer"])
    drawn = form_with(client.get(f"/cases/{case.id}"), "on")
    drawn["on"] = [days_ago(1).isoformat()]
    case.title = "Renamed meanwhile by a colleague"
    db.session.commit()
    response = client.post(f"/working-groups/cases/{case.id}/steps/record_reply", data=drawn)
    assert response.status_code == 409
    assert "was changed by someone else while you were working on it" in text(response)
    db.session.refresh(case)
    assert case.status == "transmitted" and case.reply_received_on is None


def test_the_supervisor_adds_a_member_and_a_nameless_one_comes_back(members, states, users, login):
    client = login(users["supervisor"])
    url = "/working-groups/arbitrary-detention/members"
    drawn = form_with(client.get(url), "name")
    drawn.update({"name": [" "], "state_id": [str(states["MEX"].id)]})
    refused = client.post(url, data=drawn)
    assert refused.status_code == 400 and "This field is required." in text(refused)
    drawn["name"] = ["Ana Ruiz"]
    response = client.post(url, data=drawn)
    assert response.status_code == 303 and response.headers["Location"].endswith(url)
    page = text(client.get(url))
    assert "Member added." in page and "Ana Ruiz" in page


def test_the_extension_page_grants_one_month_then_refuses(make_detention, users, login):
    case = make_detention(steps=("transmit",))
    client = login(users["officer"])
    assert client.post(f"/working-groups/cases/{case.id}/extension",
                       data={"note": "Mission's note of 3 March; granted by the Chair."}).status_code == 303
    again = client.post(f"/working-groups/cases/{case.id}/extension", data={"note": "Asked again."})
    assert again.status_code == 422 and "a second extension is not possible" in text(again)


def _summary(response) -> str:
    """The error summary at the top of the case page, the first thing a person sees after a refusal."""
    found = re.search(r'<div class="error-summary" role="alert">(.*?)</div>', text(response), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else ""


def test_an_extension_sent_without_saying_who_asked_says_why_at_the_top(make_detention, users, login):
    case = make_detention(steps=("transmit",))
    client = login(users["officer"])
    drawn = form_with(client.get(f"/cases/{case.id}"), "note")
    response = client.post(f"/working-groups/cases/{case.id}/extension", data=drawn)
    assert response.status_code == 400
    assert "Say who asked for the extension and who granted it." in _summary(response)
    assert open_deadline(case, REPLY_DEADLINE).extended_on is None


def test_a_dated_step_sent_without_its_date_says_why_at_the_top(make_detention, users, login):
    case = make_detention(steps=("transmit",))
    client = login(users["officer"])
    drawn = form_with(client.get(f"/cases/{case.id}"), "on")
    drawn["on"] = [""]
    response = client.post(f"/working-groups/cases/{case.id}/steps/record_reply", data=drawn)
    assert response.status_code == 400 and "Give the date." in _summary(response)


@pytest.mark.parametrize("language, categories, finding", [
    ("en", ("V",), "falls within category V."),
    ("en", ("I", "II", "V"), "falls within categories I, II and V."),
    ("fr", ("I", "III"), "relève des catégories I et III."),
    ("es", ("II",), "se inscribe en la categoría II."),
])
def test_the_opinion_letter_names_its_categories_as_a_sentence_does(make_detention, users, members, language,
                                                                     categories, finding):
    case = make_detention(steps=("transmit", "reply"))
    case.language = language
    adopt(case, users, members, categories=categories)
    letter = db.session.scalar(select(Letter).where(Letter.parent_id == case.id,
                                                    Letter.letter_type == "wgad_opinion_transmittal"))
    assert finding in letter.body


def test_outsiders_get_404_and_lists_hide_what_the_policy_hides(make_detention, make_disappearance, users, login):
    open_case = make_detention(family="Zorbalind")
    secret = make_detention(family="Hiddenquist")
    secret.confidential = True
    db.session.add(CaseAssignment(case_id=secret.id, user_id=users["officer"].id))
    db.session.commit()
    make_disappearance()
    outsider = login(users["outsider"])
    assert outsider.get(f"/cases/{open_case.id}").status_code == 404
    assert outsider.post(f"/working-groups/cases/{open_case.id}/steps/transmit",
                         data={"version": 1, "on": "2026-01-01"}).status_code == 404
    listing = outsider.get("/working-groups/arbitrary-detention/")
    assert "ZORBALIND" not in text(listing) and "No cases match." in text(listing)
    assert '<td class="num"><strong>0</strong></td>' in text(outsider.get("/working-groups/disappearances/figures"))
    outsider.post("/logout")
    viewer = login(users["viewer"])
    listing = text(viewer.get("/working-groups/arbitrary-detention/"))
    assert "ZORBALIND" in listing and "HIDDENQUIST" not in listing and "1 record" in listing
    assert viewer.get(f"/cases/{secret.id}").status_code == 404
    viewer.post("/logout")
    officer = login(users["officer"])
    assert "HIDDENQUIST" in text(officer.get("/working-groups/arbitrary-detention/?status=received"))
    assert "HIDDENQUIST" not in text(officer.get("/working-groups/arbitrary-detention/?status=transmitted"))


def test_the_source_is_known_to_the_working_group_only_and_never_in_letters(make_detention, users, login):
    case = make_detention(steps=("transmit",))
    client = login(users["viewer"])
    assert SOURCE in text(client.get(f"/cases/{case.id}"))
    client.post("/logout")
    for role in ("secretariat", "auditor"):
        client = login(users[role])
        page = text(client.get(f"/cases/{case.id}"))
        assert "Karimi".upper() in page and SOURCE not in page, role
        client.post("/logout")
    for letter in db.session.scalars(select(Letter).where(Letter.parent_id == case.id)):
        assert SOURCE not in letter.body + letter.title


def test_letters_state_the_deadline_the_opinion_and_the_procedure(make_detention, make_disappearance, users,
                                                                  members):
    case = make_detention(received_on=date(2026, 1, 5), steps=("transmit", "reply"))
    transmittal = db.session.scalar(select(Letter).where(Letter.parent_id == case.id))
    assert "within 60 days" in transmittal.body and "Excellency" in transmittal.body
    adopt(case, users, members, on=date(2026, 5, 2), categories=("II", "III"))
    letter = db.session.scalar(select(Letter).where(Letter.parent_id == case.id,
                                                    Letter.letter_type == "wgad_opinion_transmittal"))
    assert letter.title.startswith("Opinion No. 1/2026") and "101st session on 2 May 2026" in letter.body
    assert "falls within categories II and III." in letter.body and "within six months" in letter.body
    assert [r.kind.value for r in letter.recipients] == ["state"]
    urgent = make_disappearance(disappeared_on=days_ago(20), received_on=days_ago(10), procedure=Procedure.URGENT)
    standard = make_disappearance(family="Standard")
    assert db.session.scalar(select(Letter.id).where(Letter.parent_id == standard.id)) is None
    ops.take_step(urgent, "transmit_urgent", days_ago(9), users["supervisor"])
    ops.take_step(standard, "transmit_standard", days_ago(9), users["officer"], session=131)
    bodies = {c.procedure: db.session.scalar(select(Letter.body).where(Letter.parent_id == c.id))
              for c in (urgent, standard)}
    assert "urgent action procedure" in bodies["urgent"] and "standard procedure" in bodies["standard"]
    assert "At its 131st session" in bodies["standard"]


def test_letters_in_french_and_spanish(make_disappearance, users):
    from casework.working_groups.letters import draft_for

    case = make_disappearance()
    assert "procédure ordinaire" in draft_for(case, "wgeid_transmittal", users["officer"], "fr").body
    assert "procedimiento ordinario" in draft_for(case, "wgeid_transmittal", users["officer"], "es").body


def test_a_step_refused_for_its_date_keeps_the_other_steps_forms_clean(make_disappearance, users, login):
    case = make_disappearance()
    ops.take_step(case, "transmit_standard", days_ago(200), users["officer"], session=130)
    db.session.commit()
    client = login(users["supervisor"])
    drawn = form_with(client.get(f"/cases/{case.id}"), "on")
    drawn["on"] = [""]
    response = client.post(f"/working-groups/cases/{case.id}/steps/record_reply", data=drawn)
    assert response.status_code == 400
    forms = {f["action"].rsplit("/", 1)[-1]: f for f in read_page(response).forms if "/steps/" in f["action"]}
    assert {"record_reply", "clarify", "discontinue"} <= set(forms)
    assert dict(forms["clarify"]["fields"])["on"] == date.today().isoformat()  # not the empty date typed elsewhere
    assert text(response).count("Give the date.") == 2  # beside the step sent, and at the top of the page
    later = client.post(f"/working-groups/cases/{case.id}/steps/discontinue", data={**drawn, "note": ["Typed."]})
    forms = {f["action"].rsplit("/", 1)[-1]: f for f in read_page(later).forms if "/steps/" in f["action"]}
    assert dict(forms["discontinue"]["fields"])["note"] == "Typed." and dict(forms["clarify"]["fields"])["note"] == ""


def test_only_the_groups_supervisors_give_access_to_the_source(make_detention, users, make_user, login):
    """A secretariat supervisor reads the case, but cannot assign himself or anyone to it, and an
    assignment he made anyway does not tell the source to whoever he gave it."""
    case = make_detention(steps=("transmit",))
    chief = make_user("chief", ("OHCHR", Role.SUPERVISOR))
    client = login(chief)
    assert client.post(f"/cases/{case.id}/assignments", data={"user_id": chief.id}).status_code == 403
    db.session.add(CaseAssignment(case_id=case.id, user_id=users["outsider"].id, assigned_by_id=chief.id))
    db.session.commit()
    client.post("/logout")
    client = login(users["outsider"])
    page = text(client.get(f"/cases/{case.id}"))
    assert "Karimi".upper() in page and SOURCE not in page
    client.post("/logout")
    assign_user(case, users["outsider"], users["supervisor"])
    db.session.commit()
    client = login(users["outsider"])
    assert SOURCE in text(client.get(f"/cases/{case.id}"))


def test_a_person_linked_as_the_source_is_hidden_as_the_source_is(make_detention, users, login):
    case = make_detention(steps=("transmit",))
    source = Person(family_name="Quillbrook-Varga", given_names="Ines", unit_id=case.unit_id)
    db.session.add(source)
    db.session.flush()
    db.session.add(CasePerson(case_id=case.id, person_id=source.id, role=PersonRole.SOURCE))
    db.session.commit()
    for role, knows in (("viewer", True), ("secretariat", False), ("auditor", False), ("admin", False)):
        client = login(users[role])
        assert ("QUILLBROOK-VARGA" in text(client.get(f"/cases/{case.id}"))) is knows, role
        assert client.get(f"/persons/{source.id}").status_code == (200 if knows else 404), role
        client.post("/logout")
