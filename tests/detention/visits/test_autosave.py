"""Never lose a field officer's work: drafts kept on the server as the officer types survive a
sign-out, an expired session and a closed tab; a validation error or a refusal keeps every field."""
from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest

from casework.core.db import utcnow
from casework.core.drafts import FormDraft, MAX_DRAFT_BYTES
from casework.core.workflow import fire
from casework.detention.visits.models import Access, ConditionItem, RecommendationStatus, Visit, VisitRecommendation
from casework.extensions import db
from tests.conftest import PASSWORD, sign_in
from tests.pages import form_with, text

JSON = {"Accept": "application/json"}


def edit_url(visit) -> str:
    return f"/detention/visits/{visit.id}/edit"


def typed(client, visit, **changes) -> dict[str, list[str]]:
    """The visit form as the page fills it in, with what the officer typed over it."""
    values = form_with(client.get(edit_url(visit)), "team")
    for name, value in changes.items():
        values[name] = value if isinstance(value, list) else [value]
    return values


def autosave(client, visit, values: dict):
    return client.post(f"/detention/visits/{visit.id}/draft", data=values, headers=JSON)


def location(response) -> str:
    parts = urlsplit(response.headers["Location"])
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sign_in_from(client, response, user):
    """Follow a redirect to the sign-in page and sign in there; returns where it sends the browser."""
    login = location(response)
    assert login.startswith("/login?next=")
    response = client.post(login, data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return location(response)


WHAT_WAS_TYPED = {
    "team": "Andrés Castillo\r\nMarta Quintero", "pop_total": "231", "pop_women": "12",
    "issues_raised": "Water two hours a day in blocks 3 and 4.", "conditions-water": "serious",
    "conditions-water_note": "Tanks empty by noon.", "recommendations-0-addressee": "Director",
    "recommendations-0-text": "Guarantee drinking water at all hours.",
}


def test_a_draft_survives_signing_out_and_in_again(client, users, facility, make_visit):
    visit = make_visit(facility)
    sign_in(client, users["officer"])
    response = autosave(client, visit, typed(client, visit, **WHAT_WAS_TYPED))
    assert response.status_code == 200 and response.json["saved_at"]

    client.post("/logout")
    response = client.get(edit_url(visit))
    assert sign_in_from(client, response, users["officer"]) == edit_url(visit)  # back to the form

    page = client.get(edit_url(visit))
    values = form_with(page, "team")
    for name, value in WHAT_WAS_TYPED.items():
        assert values[name] == [value], name
    assert "Your unsaved changes of" in text(page)
    db.session.expire_all()
    assert db.session.get(Visit, visit.id).team == ""  # a draft, not yet the record


def test_a_draft_survives_an_expired_session(app, client, users, facility, make_visit):
    visit = make_visit(facility)
    sign_in(client, users["officer"])
    assert autosave(client, visit, typed(client, visit, **WHAT_WAS_TYPED)).status_code == 200

    with client.session_transaction() as session:  # signed in longer ago than the absolute limit
        session["auth_at"] = (utcnow() - app.config["SESSION_ABSOLUTE_LIFETIME"] - timedelta(minutes=1)).timestamp()
    response = autosave(client, visit, {"team": "typed after the session ended"})
    # The script is told the session ended (not sent a sign-in page): it keeps those fields in the tab.
    assert response.status_code == 401 and response.json["error"] == "signed_out"
    response = client.get(edit_url(visit))
    assert sign_in_from(client, response, users["officer"]) == edit_url(visit)
    values = form_with(client.get(edit_url(visit)), "team")
    assert all(values[name] == [value] for name, value in WHAT_WAS_TYPED.items())


def test_the_script_is_told_the_session_ended_even_when_the_form_token_went_with_it(app, users, facility,
                                                                                     make_visit):
    """With CSRF protection on, a request from a page whose session has gone fails the token check
    before anything else: the script must still learn that it should sign in again."""
    visit = make_visit(facility)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        stale = app.test_client()
        response = stale.post(f"/detention/visits/{visit.id}/draft", data={"team": "x", "csrf_token": "gone"},
                              headers=JSON)
        assert response.status_code == 401 and response.json["error"] == "signed_out"
        page = stale.post(f"/detention/visits/{visit.id}/draft", data={"team": "x"})
        assert page.status_code == 400 and "Form expired" in text(page)  # a browser still gets the page
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def every_field(facility, recommendation_id: int) -> dict[str, list[str]]:
    """A value in every field of the visit form, one of them wrong."""
    values = {
        "version": ["1"], "facility_id": [str(facility.id)], "started_on": ["2025-03-12"],
        "ended_on": ["2025-03-10"],  # before the first day: the one error
        "team": ["A. Castillo\r\nM. Quintero"], "announced": ["y"], "visit_kind": ["follow_up"],
        "access": ["restricted"], "access_notes": ["Not allowed into block 4."], "capacity": ["100"],
        "pop_total": ["150"], "pop_women": ["10"], "pop_men": ["130"], "pop_children": ["10"],
        "pop_pretrial": ["60"], "pop_sentenced": ["85"], "pop_administrative": ["5"], "pop_foreigners": ["7"],
        "issues_raised": ["Overcrowding."], "authority_response": ["Transfers are planned."],
        "recommendations-0-id": [""], "recommendations-0-addressee": ["Director"],
        "recommendations-0-text": ["Water at all hours."], "recommendations-0-deadline": ["2025-06-30"],
        "recommendations-1-id": [""], "recommendations-1-addressee": ["INPEC"],
        "recommendations-1-text": ["Reduce occupancy."], "recommendations-1-deadline": [""],
        "follow_ups-0-recommendation_id": [str(recommendation_id)], "follow_ups-0-status": ["partially_implemented"],
        "follow_ups-0-note": ["Tank installed, not yet connected."],
    }
    for i, item in enumerate(ConditionItem):
        values[f"conditions-{item.value}"] = [("adequate", "concern", "serious")[i % 3]]
        values[f"conditions-{item.value}_note"] = [f"Seen: {item.value}."]
    return values


@pytest.fixture
def follow_up_visit(users, facility, make_visit):
    """A follow-up visit to a place where an earlier visit made one recommendation."""
    earlier = make_visit(facility, date(2024, 10, 1))
    earlier.recommendations.append(VisitRecommendation(addressee="Director", text="Repair the water tank."))
    db.session.commit()
    return make_visit(facility, date(2025, 3, 12)), earlier.recommendations[0]


def test_a_validation_error_keeps_every_field(client, users, facility, follow_up_visit):
    visit, recommendation = follow_up_visit
    sign_in(client, users["officer"])
    sent = every_field(facility, recommendation.id)
    response = client.post(edit_url(visit), data=sent)

    assert response.status_code == 400
    assert "The last day cannot come before the first." in text(response)
    assert form_with(response, "team") == sent  # every field, exactly as typed
    # …and kept on the server too, should the tab be closed now.
    draft = db.session.scalar(db.select(FormDraft).where(FormDraft.form_key == visit.form_key))
    assert draft.fields == sent
    assert form_with(client.get(edit_url(visit)), "team") == sent


def test_a_refused_save_keeps_every_field(client, users, facility, follow_up_visit):
    """Someone else saved the visit meanwhile: the save is refused, nothing typed is lost."""
    visit, recommendation = follow_up_visit
    sign_in(client, users["officer"])
    sent = every_field(facility, recommendation.id)
    sent["ended_on"] = ["2025-03-13"]
    visit.team = "Changed by the head of office"
    db.session.commit()  # version 2: the form still says 1

    response = client.post(edit_url(visit), data=sent)
    assert response.status_code == 409
    assert "changed by someone else" in text(response)
    assert form_with(response, "team") == sent
    page = client.get(edit_url(visit))
    assert "Someone saved this visit after your draft was taken" in text(page)
    restored = form_with(page, "team")
    assert restored.pop("version") == [str(db.session.get(Visit, visit.id).version)]
    assert restored == {k: v for k, v in sent.items() if k != "version"}


def test_saving_applies_the_draft_and_forgets_it(client, users, facility, follow_up_visit):
    visit, recommendation = follow_up_visit
    sign_in(client, users["officer"])
    sent = every_field(facility, recommendation.id)
    sent["ended_on"] = ["2025-03-13"]
    assert autosave(client, visit, sent).status_code == 200
    response = client.post(edit_url(visit), data=sent)
    assert response.status_code == 303, text(response)[:3000]

    db.session.expire_all()
    saved = db.session.get(Visit, visit.id)
    assert (saved.pop_total, saved.capacity, saved.occupancy, saved.access) == (150, 100, 150, Access.RESTRICTED)
    assert [r.text for r in saved.recommendations] == ["Water at all hours.", "Reduce occupancy."]
    assert saved.condition(ConditionItem.CELLS).note == "Seen: cells."
    assert recommendation.status is RecommendationStatus.PARTIALLY_IMPLEMENTED
    assert db.session.scalar(db.select(FormDraft)) is None
    assert "Your unsaved changes" not in text(client.get(edit_url(visit)))


def test_drafts_are_each_users_own(app, users, facility, make_visit):
    visit = make_visit(facility)
    officer, supervisor = app.test_client(), app.test_client()
    sign_in(officer, users["officer"])
    sign_in(supervisor, users["supervisor"])
    assert autosave(officer, visit, typed(officer, visit, team="The officer's team")).status_code == 200
    assert form_with(supervisor.get(edit_url(visit)), "team")["team"] == [""]


def test_autosave_stops_once_the_visit_is_reviewed(client, users, facility, make_visit):
    visit = make_visit(facility, pop_total=10)
    fire(visit, "submit", users["officer"])
    fire(visit, "review", users["supervisor"])
    db.session.commit()
    sign_in(client, users["officer"])
    response = autosave(client, visit, {"team": "late"})
    assert response.status_code == 409 and response.json["error"] == "not_editable"


def test_a_draft_has_a_size_limit(client, users, facility, make_visit):
    visit = make_visit(facility)
    sign_in(client, users["officer"])
    response = autosave(client, visit, {"team": "x" * (MAX_DRAFT_BYTES + 1)})
    assert response.status_code == 413
    assert db.session.scalar(db.select(FormDraft)) is None


def test_only_those_who_may_edit_keep_drafts(client, users, facility, make_visit):
    visit = make_visit(facility)
    sign_in(client, users["viewer"])
    assert autosave(client, visit, {"team": "x"}).status_code == 403
    client.post("/logout")
    sign_in(client, users["outsider"])
    assert autosave(client, visit, {"team": "x"}).status_code == 404


def test_the_page_loads_the_autosave_script_from_the_app_itself(client, users, facility, make_visit):
    visit = make_visit(facility)
    sign_in(client, users["officer"])
    page = client.get(edit_url(visit))
    markup = text(page)
    assert '<script src="/static/js/autosave.js" defer></script>' in markup
    assert "<script>" not in markup and " onclick=" not in markup  # nothing the CSP would block
    assert "script-src" not in page.headers["Content-Security-Policy"]  # default-src 'self' applies
    script = client.get("/static/js/autosave.js")
    script.close()  # a static file is held open until its response is closed
    assert script.status_code == 200
