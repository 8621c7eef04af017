"""One outcome per disappeared person, recorded through the case page: the request follows once
every person is located, and the statistics and key figures count persons."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework.core.persons import Sex
from casework.extensions import db
from casework.urgent_actions import operations as ops
from casework.urgent_actions.models import Located, UrgentAction, UrgentActionStatus as S
from casework.urgent_actions.workflow import open_reply_deadline
from tests.conftest import sign_in
from tests.pages import form_with, read_page, words
from tests.urgent_actions.conftest import ALL_MET, event


@pytest.fixture
def brothers(units, states, users):
    """A registered request covering two brothers, sent to the State."""
    from casework.core.workflow import fire

    officer = users["officer"]
    ua = ops.create_urgent_action(event(states), [ops.PersonInput("Morales Vidal", "Jorge", Sex.MALE),
                                                  ops.PersonInput("Morales Vidal", "Raúl", Sex.MALE)],
                                  units["CED"], officer)
    ops.decide_registration(ua, "register", ALL_MET, "Both taken together.", officer, on=date(2026, 3, 10))
    fire(ua, "transmit_to_state", officer, on=date(2026, 3, 11))
    db.session.commit()
    return ua


def _record(client, ua: UrgentAction, person, outcome: Located, on: date | None = None):
    """Post the person's outcome form as the case page draws it."""
    page = client.get(ua.url)
    prefix = f"person-{person.id}-"
    data = form_with(page, prefix + "outcome")
    data[prefix + "outcome"] = [outcome.value]
    if on is not None:
        data[prefix + "located_on"] = [on.isoformat()]
    action = next(f["action"] for f in read_page(page).forms if any(n == prefix + "outcome" for n, _v in f["fields"]))
    return client.post(action, data=data)


def test_both_persons_located_through_the_page_count_two_in_the_statistics(client, users, brothers, app):
    jorge, raul = brothers.disappeared
    sign_in(client, users["officer"])
    first = _record(client, brothers, jorge, Located.ALIVE_AND_FREE, date(2026, 4, 2))
    assert first.status_code == 303
    page = client.get(first.headers["Location"])
    assert "stays open until every disappeared person is located; not located yet: Raúl MORALES VIDAL" in words(page)
    db.session.expire_all()
    assert brothers.status == S.AWAITING_REPLY  # one brother still missing: the request stays open
    assert _record(client, brothers, raul, Located.ALIVE_AND_FREE).status_code == 303
    db.session.expire_all()
    assert brothers.status == S.LOCATED_ALIVE and brothers.is_closed
    assert open_reply_deadline(brothers) is None

    statistics = words(client.get("/urgent-actions/statistics"))
    assert "Persons located" in statistics
    from casework.urgent_actions.queries import statistics as stats_of

    total = stats_of(users["officer"]).total
    assert (total["registered"], total["located"], total["located_alive"]) == (1, 2, 2)

    from casework.figures.period import Period
    from casework.figures.views import key_figures

    with app.test_request_context("/figures/"):
        sections = key_figures(users["secretariat"], Period.year(date.today().year))
    figures = {f.label: f.value for s in sections if s.key == "urgent_actions" for f in s.figures}
    assert figures["Persons located"] == 2 and figures["Located alive and free"] == 2
    assert figures["Persons located to date"] == 2


def test_a_person_in_detention_keeps_the_request_open_and_a_release_closes_it(client, users, brothers):
    jorge, raul = brothers.disappeared
    sign_in(client, users["officer"])
    _record(client, brothers, jorge, Located.IN_DETENTION, date(2026, 4, 1))
    _record(client, brothers, raul, Located.ALIVE_AND_FREE, date(2026, 4, 3))
    db.session.expire_all()
    assert brothers.status == S.LOCATED_IN_DETENTION and not brothers.is_closed
    _record(client, brothers, jorge, Located.ALIVE_AND_FREE, date(2026, 5, 1))
    db.session.expire_all()
    assert brothers.status == S.LOCATED_ALIVE
    assert {o.outcome for o in brothers.outcomes} == {Located.ALIVE_AND_FREE}  # one line per person, updated
    assert len(brothers.outcomes) == 2


def test_a_death_keeps_the_request_open_until_it_is_closed_on_purpose(client, users, brothers):
    from casework.core.workflow import fire
    from casework.core.writes import Refused

    jorge, raul = brothers.disappeared
    sign_in(client, users["officer"])
    _record(client, brothers, jorge, Located.DECEASED, date(2026, 4, 1))
    db.session.expire_all()
    with pytest.raises(Refused, match="not located yet"):
        fire(brothers, "close_deceased", users["officer"])
    db.session.rollback()
    _record(client, brothers, raul, Located.ALIVE_AND_FREE, date(2026, 4, 2))
    db.session.expire_all()
    assert brothers.status == S.LOCATED_DECEASED
    fire(brothers, "close_deceased", users["officer"])
    assert brothers.status == S.CLOSED_DECEASED


@pytest.mark.parametrize("when, message", [
    (date.today() + timedelta(days=5), "in the future"),
    (date(2026, 3, 1), "before the case was received"),
    (date(2026, 3, 5), "before the step it follows"),
])
def test_an_outcome_dated_in_the_future_or_before_the_request_is_refused_with_the_input_kept(
        client, users, brothers, when, message):
    jorge, _raul = brothers.disappeared
    sign_in(client, users["officer"])
    refused = _record(client, brothers, jorge, Located.ALIVE_AND_FREE, when)
    assert refused.status_code in (400, 422)
    assert message in words(refused)
    assert f'value="{when.isoformat()}"' in refused.get_data(as_text=True)
    db.session.expire_all()
    assert brothers.outcomes == [] and brothers.status == S.AWAITING_REPLY


def test_the_located_states_are_not_buttons_of_their_own(client, users, brothers):
    sign_in(client, users["officer"])
    page = words(client.get(brothers.url))
    assert "Located alive and free: close" not in page
    refused = client.post(f"/cases/{brothers.id}/actions/locate_alive",
                          data={"version": brothers.version, "on": date.today().isoformat()})
    assert refused.status_code == 422 and "happens by itself" in words(refused)


def test_the_audit_trail_names_the_outcome_in_words(client, users, brothers):
    jorge, raul = brothers.disappeared
    sign_in(client, users["officer"])
    _record(client, brothers, jorge, Located.IN_DETENTION, date(2026, 4, 1))
    assert "Outcome of a disappeared person added" in words(client.get(brothers.url))
    _record(client, brothers, raul, Located.IN_DETENTION, date(2026, 4, 2))
    _record(client, brothers, jorge, Located.ALIVE_AND_FREE, date(2026, 4, 3))
    page = words(client.get(brothers.url))
    assert "Outcome: In detention → Alive and free" in page
    assert "State: Awaiting the State's reply → Located in detention (open)" in page


def test_a_viewer_gets_no_outcome_form(client, users, brothers):
    sign_in(client, users["viewer"])
    page = client.get(brothers.url)
    assert "Not located yet" in words(page)
    assert not any(name.endswith("-outcome") for f in read_page(page).forms for name, _v in f["fields"])


def test_the_api_records_each_persons_outcome_and_says_why_it_refuses(client, users, brothers):
    from casework.api.tokens import create_token

    _token, secret = create_token(users["officer"], "script", None, users["officer"])
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    jorge, raul = brothers.disappeared

    def post(person, **body):
        db.session.expire_all()
        return client.post(f"/api/v1/urgent-actions/{brothers.id}/persons/{person.id}/outcome", headers=headers,
                           json={"version": brothers.version, **body})

    future = post(jorge, outcome="alive_and_free", located_on=(date.today() + timedelta(days=9)).isoformat())
    assert future.status_code == 422 and "future" in future.get_data(as_text=True)
    early = post(jorge, outcome="alive_and_free", located_on="2026-03-05")
    assert early.status_code == 422 and "before the step it follows" in early.get_json()["error"]["message"]
    first = post(jorge, outcome="in_detention", located_on="2026-04-01")
    assert first.status_code == 200 and first.get_json()["status"] == "awaiting_reply"
    assert first.get_json()["details"]["outcomes"] == [
        {"person_id": jorge.id, "outcome": "in_detention", "located_on": "2026-04-01"}]
    stale = client.post(f"/api/v1/urgent-actions/{brothers.id}/persons/{raul.id}/outcome", headers=headers,
                        json={"version": 1, "outcome": "alive_and_free"})
    assert stale.status_code == 409
    second = post(raul, outcome="alive_and_free")
    assert second.status_code == 200 and second.get_json()["status"] == "located_in_detention"
    assert client.post(f"/api/v1/urgent-actions/{brothers.id}/persons/999/outcome", headers=headers,
                       json={"version": 1, "outcome": "deceased"}).status_code == 404
