"""What waits for the Chair-Rapporteur's secretary in My work: opinions to adopt and urgent
disappearances to transmit, and nothing for anyone who may not decide them."""
from __future__ import annotations

from casework.reminders.approvals import awaiting_approval
from casework.working_groups.models import Procedure
from tests.conftest import sign_in
from tests.working_groups.conftest import days_ago


def test_opinions_to_adopt_and_urgent_transmittals_await_the_supervisor(users, make_detention, make_disappearance):
    ready = make_detention(family="Karimi", steps=("transmit", "reply"))
    make_detention(family="Haddad", steps=("transmit",))  # the Government still has time to reply
    urgent = make_disappearance(family="Lozano", disappeared_on=days_ago(40), received_on=days_ago(30),
                                procedure=Procedure.URGENT)
    make_disappearance(family="Ortega")  # standard: decided at a session, not by the Chair
    awaiting = {(item.case.reference, item.what) for item in awaiting_approval(users["supervisor"])}
    assert awaiting == {(ready.reference, "Adopt the opinion"),
                        (urgent.reference, "Transmit by the Chair (urgent procedure)")}
    for role in ("viewer", "officer", "outsider", "secretariat", "auditor"):
        assert awaiting_approval(users[role]) == [], role


def test_my_work_lists_them_with_links_to_the_cases(client, users, make_detention):
    ready = make_detention(family="Karimi", steps=("transmit", "reply"))
    sign_in(client, users["supervisor"])
    page = client.get("/").get_data(as_text=True)
    assert "Adopt the opinion" in page and f'href="/cases/{ready.id}"' in page
