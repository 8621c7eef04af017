"""For every role, the API shows exactly what the site shows: nothing confidential, no reprisals
case, no CED author the role may not know — not in lists, not in counts, not on read (404)."""
from __future__ import annotations

import pytest

from tests.api.conftest import CED_AUTHOR, REPRISAL_VICTIM, SECRET_AUTHOR
from tests.routes import ROLES

SIGNED_IN_ROLES = ROLES[1:]
SEES_SECRET = {"officer", "admin"}  # the assigned officer, and the administrator
KNOWS_CED_AUTHORS = {"outsider"}  # a member of the CED unit
SEES_CCPR = {"viewer", "officer", "supervisor", "secretariat", "auditor", "admin"}
SEES_CED = {"outsider", "secretariat", "auditor", "admin"}


def _all_cases(api) -> tuple[list[dict], int]:
    items, cursor, total = [], None, None
    while True:
        page = api.get("/api/v1/cases", limit=2, **({"cursor": cursor} if cursor else {})).json
        items += page["items"]
        total = page["total"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items, total


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_lists_and_counts_show_only_what_the_role_may_see(role, world, api_as):
    api = api_as(world.users[role])
    items, total = _all_cases(api)
    ids = {item["id"] for item in items}
    assert total == len(items) == len(ids)
    expected = set()
    if role in SEES_CCPR:
        expected.add(world.communication.id)
    if role in SEES_SECRET:
        expected.add(world.secret_communication.id)
    if role in SEES_CED:
        expected.add(world.urgent_action.id)
    if role == "admin":
        expected.add(world.reprisal.id)
    assert ids == expected
    reprisals = api.get("/api/v1/cases", module="reprisals").json
    assert (reprisals["total"], len(reprisals["items"])) == ((1, 1) if role == "admin" else (0, 0))


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_reading_what_the_role_may_not_see_answers_404(role, world, api_as):
    api = api_as(world.users[role])
    for case, allowed in ((world.secret_communication, role in SEES_SECRET), (world.reprisal, role == "admin"),
                          (world.communication, role in SEES_CCPR), (world.urgent_action, role in SEES_CED)):
        response = api.get(f"/api/v1/cases/{case.id}")
        assert response.status_code == (200 if allowed else 404), (case.title, response.json)
        assert api.get(f"/api/v1/cases/{case.id}/transitions").status_code == (200 if allowed else 404)
        if not allowed:
            assert case.title not in response.get_data(as_text=True)


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_persons_never_reveal_hidden_authors_or_reprisals_victims(role, world, api_as):
    api = api_as(world.users[role])
    listing = api.get("/api/v1/persons", limit=100).json
    names = {person["family_name"] for person in listing["items"]}
    assert listing["total"] == len(listing["items"])
    assert (CED_AUTHOR in names) == (role in KNOWS_CED_AUTHORS)
    assert REPRISAL_VICTIM not in names or role == "admin"
    assert (SECRET_AUTHOR in names) == (role in SEES_SECRET)
    searched = api.get("/api/v1/persons", q="quetzalcoatl").json
    assert searched["total"] == (1 if role in KNOWS_CED_AUTHORS else 0)
    if role in SEES_CED:
        case = api.get(f"/api/v1/cases/{world.urgent_action.id}").json
        persons = {p["name"] for p in case["persons"]}
        assert any("QUETZALCOATL" in name for name in persons) == (role in KNOWS_CED_AUTHORS)
        assert (case["details"]["authors_contact"] is not None) == (role in KNOWS_CED_AUTHORS)
        assert case["details"]["state"] == "MEX"


def test_a_hidden_author_cannot_be_read_by_number(world, api_as):
    author = next(link.person for link in world.urgent_action.person_links if link.person.family_name == CED_AUTHOR)
    assert api_as(world.users["secretariat"]).get(f"/api/v1/persons/{author.id}").status_code == 404
    response = api_as(world.users["outsider"]).get(f"/api/v1/persons/{author.id}")
    assert response.status_code == 200 and response.json["family_name"] == CED_AUTHOR


def test_the_reprisals_officer_sees_the_case_they_opened(world, api_as):
    api = api_as(world.rep_officer)
    listing = api.get("/api/v1/cases").json
    assert [item["id"] for item in listing["items"]] == [world.reprisal.id]
    case = api.get(f"/api/v1/cases/{world.reprisal.id}").json
    assert case["module"] == "reprisals" and case["confidential"] is True
    assert case["details"]["victims"][0]["name"].endswith(REPRISAL_VICTIM.upper())


def test_filters_by_module_state_status_and_unit(world, api_as):
    api = api_as(world.users["admin"])
    assert {i["id"] for i in api.get("/api/v1/cases", module="urgent_actions").json["items"]} == \
        {world.urgent_action.id}
    assert {i["id"] for i in api.get("/api/v1/cases", state="IRQ").json["items"]} == {world.reprisal.id}
    assert api.get("/api/v1/cases", unit="ced").json["total"] == 1
    assert api.get("/api/v1/cases", status="received", module="communications").json["total"] == 2
    assert api.get("/api/v1/cases", state="ZZZ").status_code == 422
    assert api.get("/api/v1/cases", module="nope").status_code == 422
